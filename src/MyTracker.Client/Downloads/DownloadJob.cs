namespace MyTracker.Client.Downloads;

/// <summary>One file to download, as any export lists it: a link and until when it works.</summary>
/// <param name="Link">Where the file is (the API host or a storage host).</param>
/// <param name="ExpiresAt">When the link stops working.</param>
internal readonly record struct FileLink(Uri Link, DateTimeOffset ExpiresAt);

/// <summary>
/// The files of one export to bring into a folder. Endpoint-neutral: an export of any kind supplies
/// its links, the local names (fixed before the first byte, so a renewed link maps to the same file)
/// and a way to get fresh links.
/// </summary>
/// <param name="Files">The export's files, in order.</param>
/// <param name="LocalNames">One file name per file, in the same order.</param>
/// <param name="Directory">The target folder.</param>
/// <param name="RenewLinks">Fresh links for the same files, in the same order; null when none can be had.</param>
/// <param name="ExportId">The export the files belong to, for error messages; null if unknown.</param>
internal sealed record DownloadJob(
    IReadOnlyList<FileLink> Files,
    IReadOnlyList<string> LocalNames,
    string Directory,
    Func<CancellationToken, Task<IReadOnlyList<FileLink>>>? RenewLinks,
    long? ExportId);

/// <summary>What became of one file of a <see cref="DownloadJob"/>.</summary>
/// <param name="Index">Its position in the job.</param>
/// <param name="Link">The link it was last fetched from (or listed with, when skipped).</param>
/// <param name="Path">Where it is on disk, complete.</param>
/// <param name="Length">Its size in bytes (compressed).</param>
/// <param name="Skipped">It was complete already and not downloaded again.</param>
internal sealed record FetchedFile(int Index, FileLink Link, string Path, long Length, bool Skipped);
