namespace MyTracker.Client.Downloads;

/// <summary>
/// Downloads the files of a <see cref="DownloadJob"/> into its folder, up to
/// <see cref="MyTrackerClientOptions.MaxParallelDownloads"/> at a time, each through a
/// <see cref="FileTransfer"/>. Files already complete under their final name are skipped without a
/// request. The first file that fails for good cancels the others (their temporary files are
/// removed, finished files stay) and its exception is the job's.
/// </summary>
internal sealed class FileDownloader(HttpClient http, MyTrackerClientOptions options)
{
    /// <param name="job">What to download.</param>
    /// <param name="completed">Called once per file as it is done or found complete (from any thread).</param>
    /// <param name="cancellationToken">Cancels the downloads; finished files stay.</param>
    public async Task<IReadOnlyList<FetchedFile>> DownloadAsync(DownloadJob job, Action<FetchedFile>? completed, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(job.Directory);
        if (job.LocalNames.Count != job.Files.Count)
        {
            throw new ArgumentException("Every file needs a local name.", nameof(job));
        }

        Directory.CreateDirectory(job.Directory);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new FetchedFile[job.Files.Count];
        var pending = new List<int>(job.Files.Count);
        for (var i = 0; i < job.Files.Count; i++)
        {
            var path = Path.Combine(job.Directory, job.LocalNames[i]);
            if (File.Exists(path))
            {
                results[i] = new FetchedFile(i, job.Files[i], path, new FileInfo(path).Length, Skipped: true);
                completed?.Invoke(results[i]);
            }
            else
            {
                pending.Add(i);
            }
        }

        var links = new LinkSet(job.Files, job.RenewLinks);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelDownloads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(pending, parallel, async (index, token) =>
        {
            var fetched = await new FileTransfer(http, options, job, links, index).RunAsync(token).ConfigureAwait(false);
            results[index] = fetched;
            completed?.Invoke(fetched);
        }).ConfigureAwait(false);
        return results;
    }
}
