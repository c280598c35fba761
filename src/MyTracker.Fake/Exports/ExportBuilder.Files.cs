using MyTracker.Client;

namespace MyTracker.Fake;

public sealed partial class ExportBuilder
{
    /// <summary>The field names create.json accepts in <c>requestFields</c> (device then user segments).</summary>
    public static IReadOnlyList<string> KnownFields { get; } =
        ["idApp", "idProfile", "gaid", "idfa", "oaid", "idProject", "idProjectUser", "customUserId"];

    /// <summary>The columns exported when none are requested (a device segment's fields).</summary>
    public static IReadOnlyList<string> DefaultFields { get; } = ["idApp", "idProfile", "gaid", "idfa", "oaid"];

    /// <summary>How many files a success lists.</summary>
    public int FileCount { get; private set; } = 2;

    /// <summary>Whether <see cref="ThenSuccess"/> was given a file count (else a single-file format gets one file).</summary>
    internal bool FileCountChosen { get; private set; }

    /// <summary>Data rows per file.</summary>
    public int RowsPerFile { get; private set; } = 1000;

    /// <summary>The exported columns, in order (until the export is given: <see cref="DefaultFields"/> unless chosen).</summary>
    public IReadOnlyList<string> Fields { get; private set; } = DefaultFields;

    /// <summary>Whether <see cref="WithFields"/> chose the columns (else a family other than segment export uses its own).</summary>
    internal bool FieldsChosen { get; private set; }

    /// <summary>A copy with the family's default columns when none were chosen.</summary>
    internal ExportBuilder WithColumnsOf(IReadOnlyList<string> familyDefault)
    {
        var copy = Copy();
        if (!FieldsChosen)
        {
            copy.Fields = familyDefault;
        }

        return copy;
    }

    /// <summary>
    /// The format of the files (<c>.csv.gz</c>, plain <c>.csv</c>, an <c>.xlsx</c> workbook); null until the
    /// export is given: then what its create request asked for (a report's <c>fileType</c>), else the
    /// family's documented default (a report file: CSV), else gzip.
    /// </summary>
    public ExportFileFormat? FileFormat { get; private set; }

    /// <summary>A report's dimensions, metrics, date intervals and applications, when its create request named them.</summary>
    internal Exports.ReportShape? Report { get; private set; }

    /// <summary>Serves the files in this format (a report file's <c>fileType</c>), whatever the family's default.</summary>
    /// <param name="format">The format.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder WithFileFormat(ExportFileFormat format)
    {
        FileFormat = format;
        return this;
    }

    /// <summary>The report's shape, with its columns as the files' columns.</summary>
    internal ExportBuilder WithReport(Exports.ReportShape report)
    {
        Report = report;
        Fields = report.Columns;
        FieldsChosen = true;
        return this;
    }

    /// <summary>
    /// A copy in the format it will be served in. A file that is not gzip is a single file, as the
    /// download page documents ("a single file or a GZIP archive"), unless a file count was chosen.
    /// </summary>
    internal ExportBuilder WithFormatOf(ExportFileFormat familyDefault)
    {
        var copy = Copy();
        copy.FileFormat ??= familyDefault;
        if (copy.FileFormat != ExportFileFormat.CsvGzip && !FileCountChosen)
        {
            copy.FileCount = 1;
        }

        return copy;
    }

    /// <summary>Whether the first file starts with a header line.</summary>
    public bool HeaderLine { get; private set; } = true;

    /// <summary>Hashing of identifiers.</summary>
    public ExportHashType Hash { get; private set; } = ExportHashType.None;

    /// <summary>Letter case of gaid, idfa and oaid.</summary>
    public ExportRegisterType Register { get; private set; } = ExportRegisterType.Keep;

    /// <summary>How long each listed link stays valid after it is first listed.</summary>
    public TimeSpan LinkLifetime { get; private set; } = TimeSpan.FromHours(1);

    /// <summary>When set, the expiry of the first links listed (later links get <see cref="LinkLifetime"/>).</summary>
    public DateTimeOffset? FirstLinksExpireAt { get; private set; }

    /// <summary>
    /// Exports these columns, in this order: for segment export those of <see cref="KnownFields"/>, for
    /// another family the values its create endpoint documents for its list parameter (checked when the
    /// export is given to the fake).
    /// </summary>
    /// <param name="fields">Column names; none means the family's default (<see cref="DefaultFields"/> for segment export).</param>
    /// <returns>This builder.</returns>
    public ExportBuilder WithFields(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A field name must not be empty.", nameof(fields));
        }

        Fields = fields.Length == 0 ? DefaultFields : [.. fields];
        FieldsChosen = fields.Length > 0;
        return this;
    }

    /// <summary>Starts the first file with a header line, or not.</summary>
    /// <param name="include">Whether to write the header line.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder WithHeaderLine(bool include = true)
    {
        HeaderLine = include;
        return this;
    }

    /// <summary>Hashes identifiers.</summary>
    /// <param name="hash">The hashing.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder WithHash(ExportHashType hash)
    {
        Hash = hash;
        return this;
    }

    /// <summary>Sets the letter case of gaid, idfa and oaid.</summary>
    /// <param name="register">The letter case.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder WithRegister(ExportRegisterType register)
    {
        Register = register;
        return this;
    }

    /// <summary>Keeps each listed link valid this long (measured on the fake's clock).</summary>
    /// <param name="lifetime">The validity, more than zero.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder WithLinkLifetime(TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        LinkLifetime = lifetime;
        return this;
    }

    /// <summary>Makes the first listed links expire at this instant (e.g. in the past, to test renewal).</summary>
    /// <param name="expiresAt">The expiry of the first links.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder WithLinksExpiringAt(DateTimeOffset expiresAt)
    {
        FirstLinksExpireAt = expiresAt;
        return this;
    }
}
