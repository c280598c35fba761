namespace MyTracker.Client;

/// <summary>One file of an export on local disk.</summary>
/// <param name="Source">The export file it came from (with the link used last).</param>
/// <param name="Path">Where it is.</param>
/// <param name="Length">Its size in bytes (compressed).</param>
/// <param name="Skipped">True when it was already complete from an earlier run and not downloaded again.</param>
public sealed record DownloadedFile(SegmentExportFile Source, string Path, long Length, bool Skipped);
