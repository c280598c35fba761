using MyTracker.Client;

namespace MyTracker.Fake.Exports;

/// <summary>
/// Which export file format a create parameter's documented value asks for (<c>fileType=xlsx</c>). How a
/// format is named and labelled is the client's <see cref="ExportFileFormats"/>: the fake serves by that
/// one table, so a link it writes is one the client tells the same way.
/// </summary>
internal static class FileFormats
{
    /// <summary>The format a documented value of a file-type parameter names (<c>csv</c>, <c>xlsx</c>), or null.</summary>
    public static ExportFileFormat? FromWire(string? value) => value?.ToLowerInvariant() switch
    {
        "csv" => ExportFileFormat.Csv,
        "xlsx" => ExportFileFormat.Xlsx,
        "gz" or "csv.gz" or "gzip" => ExportFileFormat.CsvGzip,
        _ => null,
    };
}
