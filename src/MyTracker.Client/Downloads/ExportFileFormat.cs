namespace MyTracker.Client;

/// <summary>
/// What an export's file is, which decides how a download is verified and how its rows are read. Told
/// by the link's extension (documented links carry one: <c>.csv.gz</c>, <c>.csv</c>, <c>.xlsx</c>),
/// which is known before the first byte, so the local name and the check are fixed up front; only a
/// link without a known extension is told by the response's <c>Content-Type</c>, and one neither
/// tells is taken as gzip, the form every export documented before report files has.
/// </summary>
public enum ExportFileFormat
{
    /// <summary>Gzip-compressed CSV (<c>.csv.gz</c>, <c>.gz</c>): verified as complete gzip, every member's CRC-32 and length.</summary>
    CsvGzip,

    /// <summary>Plain CSV (<c>.csv</c>, e.g. a report file with <c>fileType=csv</c>): verified by its announced length.</summary>
    Csv,

    /// <summary>
    /// An Excel workbook (<c>.xlsx</c>, a report file with <c>fileType=xlsx</c>): verified by its length and as a
    /// readable zip package (central directory, every entry's local header, data and CRC-32, the workbook part).
    /// Its rows are read with a spreadsheet library (see docs/export-operations.md, "Report files").
    /// </summary>
    Xlsx,
}

/// <summary>
/// Tells an export file's format from its name or its content type, and names the extension and content
/// type a file of each format has (see <see cref="ExportFileFormat"/>). Public because the fake serves by
/// the same table: a file it names or labels differently would be one this client cannot tell.
/// </summary>
public static class ExportFileFormats
{
    /// <summary>The media type of an xlsx workbook.</summary>
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The format a file name or a link's last path segment says, or null when its extension is not one of an export's.</summary>
    public static ExportFileFormat? FromName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return ExportFileFormat.CsvGzip;
        }

        if (name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return ExportFileFormat.Xlsx;
        }

        return name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ExportFileFormat.Csv : null;
    }

    /// <summary>The format a link's path says (its query, e.g. a storage signature, is not looked at).</summary>
    public static ExportFileFormat? FromLink(Uri? link) =>
        link is null ? null : FromName(link.IsAbsoluteUri ? link.AbsolutePath : link.OriginalString.Split('?', 2)[0]);

    /// <summary>The format a response's <c>Content-Type</c> names, or null (e.g. <c>application/octet-stream</c>).</summary>
    public static ExportFileFormat? FromContentType(string? mediaType) => mediaType?.ToLowerInvariant() switch
    {
        "application/gzip" or "application/x-gzip" => ExportFileFormat.CsvGzip,
        "text/csv" => ExportFileFormat.Csv,
        XlsxContentType => ExportFileFormat.Xlsx,
        _ => null,
    };

    /// <summary>The extension a local file of this format is named with.</summary>
    public static string Extension(ExportFileFormat format) => format switch
    {
        ExportFileFormat.Csv => ".csv",
        ExportFileFormat.Xlsx => ".xlsx",
        _ => ".csv.gz",
    };

    /// <summary>The <c>Content-Type</c> a file of this format is served with.</summary>
    public static string ContentType(ExportFileFormat format) => format switch
    {
        ExportFileFormat.Csv => "text/csv; charset=utf-8",
        ExportFileFormat.Xlsx => XlsxContentType,
        _ => "application/gzip",
    };

    /// <summary>What a file of this format is called in a message.</summary>
    public static string Describe(ExportFileFormat format) => format switch
    {
        ExportFileFormat.Csv => "CSV file",
        ExportFileFormat.Xlsx => "xlsx workbook",
        _ => "gzip file",
    };
}
