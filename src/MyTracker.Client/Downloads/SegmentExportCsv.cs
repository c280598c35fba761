namespace MyTracker.Client;

/// <summary>
/// Reads the rows of a segment export's <c>.csv.gz</c> files: <see cref="ExportCsv"/>, the reader of
/// every export family, with rows as <see cref="SegmentExportRow"/>. One file after another, streamed
/// through gzip (with its integrity checked at each file's end) and the Sep CSV parser: memory stays
/// constant whatever the size of the export.
/// </summary>
public static class SegmentExportCsv
{
    /// <summary>Reads all rows of downloaded files, in order.</summary>
    /// <param name="gzipFilePaths">The <c>.csv.gz</c> files of one export, in the export's order.</param>
    /// <param name="firstFileHasHeader">Whether the export was requested with a header line (the default); only the first file has it.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The rows, streamed.</returns>
    /// <exception cref="InvalidDataException">A file is not valid gzip or is cut short.</exception>
    public static IAsyncEnumerable<SegmentExportRow> ReadRowsAsync(
        IEnumerable<string> gzipFilePaths, bool firstFileHasHeader = true, CancellationToken cancellationToken = default) =>
        ReadRowsAsync(ExportCsv.Openers(gzipFilePaths), firstFileHasHeader, cancellationToken);

    /// <summary>Reads all rows of gzip-compressed CSV streams opened one at a time, in order.</summary>
    /// <param name="openFiles">Opens each file's compressed stream when its turn comes; the stream is disposed after it.</param>
    /// <param name="firstFileHasHeader">Whether the first file starts with a header line.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The rows, streamed.</returns>
    /// <exception cref="InvalidDataException">A file is not valid gzip or is cut short.</exception>
    public static IAsyncEnumerable<SegmentExportRow> ReadRowsAsync(
        IEnumerable<Func<CancellationToken, Task<Stream>>> openFiles,
        bool firstFileHasHeader = true,
        CancellationToken cancellationToken = default) =>
        ExportCsv.ReadRowsAsync(openFiles, firstFileHasHeader, static row => new SegmentExportRow(row), cancellationToken);
}
