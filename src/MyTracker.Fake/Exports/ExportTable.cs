using System.Globalization;
using System.Text;

namespace MyTracker.Fake.Exports;

/// <summary>What a cell holds, so a workbook can type it (a number cell, a date cell) and CSV can write it.</summary>
internal enum CellKind
{
    Text,
    Number,
    Date,
}

/// <summary>One cell: its kind, its value, and its text exactly as CSV writes it.</summary>
internal readonly record struct TableCell(CellKind Kind, string Text, double Number = 0, DateOnly Date = default)
{
    public static TableCell Of(string text) => new(CellKind.Text, text);

    public static TableCell Of(long number) => new(CellKind.Number, number.ToString(CultureInfo.InvariantCulture), number);

    public static TableCell Of(double number, int decimals) =>
        new(CellKind.Number, number.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), Math.Round(number, decimals));

    public static TableCell Of(DateOnly date) => new(CellKind.Date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Date: date);
}

/// <summary>
/// The content of one export file as a table: a header and typed rows, rendered as CSV (plain or
/// gzip) or as a workbook (<see cref="Files.Workbook"/>). A report's rows come from its request
/// (<see cref="ReportShape"/>); another family's from <see cref="CsvContent"/>, the cells' text the
/// same as its CSV, typed as numbers where the text is a plain integer.
/// </summary>
internal sealed class ExportTable(IReadOnlyList<string> header, IReadOnlyList<TableCell[]> rows)
{
    public IReadOnlyList<string> Header { get; } = header;

    public IReadOnlyList<TableCell[]> Rows { get; } = rows;

    public static ExportTable Of(ExportState export, int fileNumber)
    {
        var spec = export.Spec;
        if (spec.Report is { } report)
        {
            return OfReport(export, report);
        }

        var seed = CsvContent.StableHash(export.ApiUserId);
        var first = (long)(fileNumber - 1) * spec.RowsPerFile;
        var rows = new TableCell[spec.RowsPerFile][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = [.. spec.Fields.Select(field => Typed(CsvContent.Value(spec, field, seed, export.Id, first + r)))];
        }

        return new ExportTable(spec.Fields, rows);
    }

    /// <summary>
    /// A table of simple CSV text (no quoted fields; the fake's own sample files and
    /// <see cref="FakeTrackerOptions.FileContent"/>): the first line is the header.
    /// </summary>
    public static ExportTable FromCsvText(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToArray();
        return lines.Length == 0
            ? new ExportTable([], [])
            : new ExportTable(lines[0], [.. lines.Skip(1).Select(l => l.Select(Typed).ToArray())]);
    }

    /// <summary>The text of the file as CSV, with the header line when asked for.</summary>
    public byte[] Csv(bool headerLine)
    {
        var text = new StringBuilder(Rows.Count * Header.Count * 12 + 64);
        if (headerLine)
        {
            text.AppendJoin(',', Header.Select(Escape)).Append('\n');
        }

        foreach (var row in Rows)
        {
            text.AppendJoin(',', row.Select(c => Escape(c.Text))).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// A report's rows: one per day of its intervals and application of its filter. Cells by the
    /// column's name: a date dimension (<c>date</c>, <c>...Date</c>, <c>day</c>) is the row's day,
    /// <c>idApp</c> its application, another <c>id...</c> dimension a number, another dimension a text; a
    /// metric is a count, or an amount with the requested precision when its name says money or a rate.
    /// Deterministic (owner, report, row, column), so a test can compare two downloads.
    /// </summary>
    private static ExportTable OfReport(ExportState export, ReportShape report)
    {
        var seed = CsvContent.StableHash(export.ApiUserId) ^ (ulong)export.Id;
        var rows = new List<TableCell[]>();
        var index = 0L;
        foreach (var (day, app) in report.RowKeys(export.Spec.RowsPerFile))
        {
            var cells = new TableCell[report.Dimensions.Count + report.Metrics.Count];
            for (var d = 0; d < report.Dimensions.Count; d++)
            {
                cells[d] = DimensionCell(report.Dimensions[d], day, app, seed, index);
            }

            for (var m = 0; m < report.Metrics.Count; m++)
            {
                var metric = report.Metrics[m];
                var draw = Draw(seed, index, metric);
                cells[report.Dimensions.Count + m] = IsAmount(metric)
                    ? TableCell.Of(draw % 100_000 / 100.0, report.Precision)
                    : TableCell.Of((long)(draw % 5_000));
            }

            rows.Add(cells);
            index++;
        }

        return new ExportTable(report.Columns, rows);
    }

    private static TableCell DimensionCell(string name, DateOnly day, long? app, ulong seed, long row)
    {
        if (name is "date" or "day" || name.EndsWith("Date", StringComparison.Ordinal))
        {
            return TableCell.Of(day);
        }

        if (name == "idApp")
        {
            return TableCell.Of(app ?? 10_000);
        }

        return name.Length > 2 && name.StartsWith("id", StringComparison.Ordinal) && char.IsUpper(name[2])
            ? TableCell.Of((long)(1 + Draw(seed, row, name) % 1000))
            : TableCell.Of(string.Create(CultureInfo.InvariantCulture, $"{name}-{1 + Draw(seed, row, name) % 20}"));
    }

    private static readonly string[] AmountWords = ["revenue", "cost", "spend", "arpu", "arppu", "ltv", "cpi", "roi", "rate", "share", "percent", "amount", "sum"];

    private static bool IsAmount(string metric) => AmountWords.Any(w => metric.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static ulong Draw(ulong seed, long row, string column)
    {
        var x = seed ^ CsvContent.StableHash(column) ^ ((ulong)row * 0x9E3779B97F4A7C15UL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Plain integers (not too long to be exact in a double, no leading zero) become number cells; everything else stays text.</summary>
    private static TableCell Typed(string text) =>
        text.Length is > 0 and <= 15 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
            ? new TableCell(CellKind.Number, text, double.Parse(text, CultureInfo.InvariantCulture))
            : TableCell.Of(text);

    private static string Escape(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
