namespace MyTracker.Client;

/// <summary>Where a whole export job of any family stands: waiting for the server, then downloading its files.</summary>
/// <param name="ExportId">The export (known from the moment the create call answered; keep it to resume).</param>
/// <param name="Stage">Waiting for the server or downloading.</param>
/// <param name="Percent">The server's progress in percent while waiting (never goes backwards), 100 once downloading.</param>
/// <param name="FilesCompleted">Files complete on disk so far (downloaded or found complete from an earlier run).</param>
/// <param name="FileCount">The export's number of files, once known (0 while waiting).</param>
public sealed record ExportProgress(long ExportId, ExportStage Stage, double? Percent, int FilesCompleted, int FileCount);

/// <summary>The stages of an export job.</summary>
public enum ExportStage
{
    /// <summary>The export runs on the server; the client polls its status.</summary>
    Waiting,

    /// <summary>The export succeeded; its files are being downloaded.</summary>
    Downloading,
}

/// <summary>What a whole export job produced.</summary>
/// <param name="ExportId">The export whose files these are (after a restart: the new one).</param>
/// <param name="Files">Its files on disk, in order.</param>
public sealed record ExportResult(long ExportId, IReadOnlyList<DownloadedExportFile> Files);

/// <summary>One file of an export on local disk.</summary>
/// <param name="Source">The export file it came from (with the link used last).</param>
/// <param name="Path">Where it is.</param>
/// <param name="Length">Its size in bytes (as served: compressed for <c>.csv.gz</c>).</param>
/// <param name="Skipped">True when it was already complete from an earlier run and not downloaded again.</param>
public sealed record DownloadedExportFile(ExportFile Source, string Path, long Length, bool Skipped)
{
    /// <summary>Its format, by its local name (positional names carry the link's extension: <c>report-file-2.001.xlsx</c>); gzip when the name says none.</summary>
    public ExportFileFormat Format => ExportFileFormats.FromName(Path) ?? ExportFileFormat.CsvGzip;
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress&lt;T&gt; posts to a context).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
