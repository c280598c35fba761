using MyTracker.Client;

namespace MyTracker.IntegrationTests.Chaos;

/// <summary>
/// What a careful caller of the client does when the network misbehaves: poll until the export
/// completes, download its files, and on a transient failure simply call again. The client's promise
/// under test is that calling again is always safe: complete files are skipped, partial ones never
/// appear under a final name, and expired links are renewed.
/// </summary>
internal static class ResilientDownload
{
    /// <summary>
    /// Polls (without waiting between polls: the fake's lifecycle advances per served poll) and
    /// downloads until every file is on disk, retrying transient failures at most
    /// <paramref name="maxAttempts"/> times in all.
    /// </summary>
    public static async Task<Result> RunAsync(
        MyTrackerClient client, long exportId, string directory, int maxAttempts, CancellationToken cancellationToken, SegmentExportOperation? operation = null)
    {
        operation ??= client.GetSegmentExportOperation(exportId);
        var failures = new List<string>();
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (!operation.HasCompleted)
                {
                    await operation.UpdateStatusAsync(cancellationToken);
                    continue;
                }

                var files = await client.DownloadFilesAsync(operation, directory, cancellationToken);
                return new Result(files, attempt, failures);
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                failures.Add(ex.GetType().Name);
            }
        }

        throw new Xunit.Sdk.XunitException(
            $"Export {exportId} was not downloaded after {maxAttempts} attempts; failures: {string.Join(", ", failures.GroupBy(f => f).Select(g => $"{g.Key} x{g.Count()}"))}");
    }

    /// <summary>What a retry can cure: transport errors, undocumented answers, cut-off bodies and gzip streams.</summary>
    public static bool IsTransient(Exception ex) =>
        ex is HttpRequestException or MyTrackerRequestFailedException or InvalidDataException or IOException;

    public sealed record Result(IReadOnlyList<DownloadedFile> Files, int Attempts, IReadOnlyList<string> Failures);
}
