using MyTracker.Client;
using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Exports;

internal sealed partial class ExportFamily
{
    /// <summary>
    /// Create's parameter that chooses the files' format, if any: an enum whose documented values are
    /// all file formats (a report file's <c>fileType</c>: <c>csv</c>, <c>xlsx</c>).
    /// </summary>
    public ParameterSpec? FileType =>
        Create.Parameters.FirstOrDefault(p => p.Type == "enum" && p.Values.Count > 0 && p.Values.All(v => FileFormats.FromWire(v) is not null));

    /// <summary>
    /// The format of a file when the request does not choose one: the file-type parameter's documented
    /// default (a report file: CSV), else the documented links' extension (<c>.csv.gz</c>), else gzip.
    /// </summary>
    public ExportFileFormat DefaultFileFormat =>
        FileFormats.FromWire(FileType?.Default)
        ?? ExportFileFormats.FromName(Success.Valid.DocumentedLinks[0].Split('?', 2)[0])
        ?? ExportFileFormat.CsvGzip;

    /// <summary>
    /// Whether create documents a report's columns: an object parameter with an array member named
    /// <c>dimensions</c> or <c>metrics</c> (<c>settings[dimensions][]</c>). Its exports are reports: their
    /// rows are days and applications, their columns dimensions and metrics (<see cref="ReportShape"/>),
    /// also when set up without a request.
    /// </summary>
    public bool IsReport => Create.Parameters.Any(p => p.Nested is { } nested && HasColumns(nested));

    private static bool HasColumns(MyTracker.Fixtures.Model.ParameterSpec spec) =>
        spec.Members.Any(m => (m.Type == MyTracker.Fixtures.Model.NestedParameters.ArrayType && m.Name is "dimensions" or "metrics") || HasColumns(m));
}
