using MyTracker.Client;

namespace MyTracker.Fake.Exports;

/// <summary>
/// The fake's side of an export file's format (the client's <see cref="ExportFileFormat"/>): which
/// format a create parameter's value asks for, and the extension and content type a file of it is
/// served with. The client tells the format from the link's extension, so the two must agree here.
/// </summary>
internal static class FileFormats
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The format a documented value of a file-type parameter names (<c>csv</c>, <c>xlsx</c>), or null.</summary>
    public static ExportFileFormat? FromWire(string? value) => value?.ToLowerInvariant() switch
    {
        "csv" => ExportFileFormat.Csv,
        "xlsx" => ExportFileFormat.Xlsx,
        "gz" or "csv.gz" or "gzip" => ExportFileFormat.CsvGzip,
        _ => null,
    };

    /// <summary>The format a documented link's path ends in, or null.</summary>
    public static ExportFileFormat? FromName(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? ExportFileFormat.CsvGzip
        : path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ExportFileFormat.Xlsx
        : path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ExportFileFormat.Csv
        : null;

    public static string Extension(ExportFileFormat format) => format switch
    {
        ExportFileFormat.Csv => ".csv",
        ExportFileFormat.Xlsx => ".xlsx",
        _ => ".csv.gz",
    };

    public static string ContentType(ExportFileFormat format) => format switch
    {
        ExportFileFormat.Csv => "text/csv; charset=utf-8",
        ExportFileFormat.Xlsx => XlsxContentType,
        _ => "application/gzip",
    };
}
