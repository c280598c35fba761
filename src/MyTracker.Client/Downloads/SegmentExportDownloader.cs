using MyTracker.Client.Operations;

namespace MyTracker.Client.Downloads;

/// <summary>
/// The segment export's side of downloading: its public file types mapped onto the
/// <see cref="ExportDownloader"/> every export family uses.
/// </summary>
internal sealed class SegmentExportDownloader(ExportDownloader downloader)
{
    /// <summary>The family name in file names: <c>segment-export-42.001.csv.gz</c>.</summary>
    public const string Name = "segment-export";

    public ExportDownloader Inner => downloader;

    public async Task<IReadOnlyList<DownloadedFile>> DownloadAsync(
        IReadOnlyList<SegmentExportFile> files,
        string directory,
        Func<CancellationToken, Task<IReadOnlyList<SegmentExportFile>>>? refreshLinks,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? localNames = null,
        long? exportId = null,
        Action<int>? filesCompleted = null)
    {
        ArgumentNullException.ThrowIfNull(files);

        // Names are fixed here from the segment files' own links, as before: ExportFile links are the same.
        var names = localNames is not null && localNames.Count == files.Count ? localNames : LocalNames(files);
        var downloaded = await downloader.DownloadAsync(
            SegmentExportMapping.ToExport(files), directory, SegmentExportMapping.ToExport(refreshLinks), cancellationToken, names, exportId, filesCompleted).ConfigureAwait(false);
        return downloaded.Select(SegmentExportMapping.ToSegment).ToArray();
    }

    /// <summary>Opens one file's compressed stream for reading rows straight from the server; a broken transfer resumes.</summary>
    public Task<Stream> OpenAsync(
        int index,
        Func<IReadOnlyList<SegmentExportFile>> currentFiles,
        Func<CancellationToken, Task<IReadOnlyList<SegmentExportFile>>>? refreshLinks,
        CancellationToken cancellationToken) =>
        downloader.OpenAsync(index, () => SegmentExportMapping.ToExport(currentFiles()), SegmentExportMapping.ToExport(refreshLinks), cancellationToken);

    /// <summary>Names that depend only on the export and the file's position, never on its link.</summary>
    internal static string[] PositionalNames(long exportId, int count) => ExportDownloader.PositionalNames(Name, exportId, count);

    internal static string[] LocalNames(IReadOnlyList<SegmentExportFile> files) => ExportDownloader.LocalNames(SegmentExportMapping.ToExport(files));
}
