namespace MyTracker.Fake;

public sealed partial class RequestJournal
{
    /// <summary>Asserts that the export was polled (answered normally) exactly <paramref name="times"/> times.</summary>
    /// <param name="exportId">The export id.</param>
    /// <param name="times">The expected number of polls.</param>
    /// <exception cref="FakeTrackerAssertionException">When the count differs.</exception>
    public void AssertPolled(long exportId, int times)
    {
        var polls = PollsOf(exportId);
        if (polls.Count != times)
        {
            throw new FakeTrackerAssertionException(
                $"Export {exportId} was polled {polls.Count} time(s), expected {times}.{Describe(polls)}");
        }
    }

    /// <summary>Asserts that no get.json request for the export came after it answered <c>Success!</c> or <c>Error occurred</c>.</summary>
    /// <param name="exportId">The export id.</param>
    /// <exception cref="FakeTrackerAssertionException">When the client kept polling a finished export.</exception>
    public void AssertNeverPolledAfterCompletion(long exportId)
    {
        var all = Entries.Where(e => e.Endpoint == FakeEndpoint.Get && e.ExportId == exportId).ToList();
        var done = all.FindIndex(e => e.Outcome == FakeOutcome.Served && e.ExportStatus is "Success!" or "Error occurred");
        if (done >= 0 && done < all.Count - 1)
        {
            throw new FakeTrackerAssertionException(
                $"Export {exportId} was polled {all.Count - done - 1} more time(s) after it completed.{Describe(all)}");
        }
    }

    /// <summary>
    /// Asserts that every file of the export was downloaded completely at least once, through a link
    /// that had not expired (a success listing <paramref name="fileCount"/> files).
    /// </summary>
    /// <param name="exportId">The export id.</param>
    /// <param name="fileCount">How many files the export lists.</param>
    /// <exception cref="FakeTrackerAssertionException">When a file was never downloaded in time.</exception>
    public void AssertEveryFileDownloadedBeforeExpiry(long exportId, int fileCount)
    {
        var downloads = DownloadsOf(exportId);
        var missing = Enumerable.Range(1, fileCount)
            .Where(n => !downloads.Any(d => d.FileNumber == n && d.Outcome == FakeOutcome.Served && d.LinkExpired == false))
            .ToList();
        if (missing.Count > 0)
        {
            throw new FakeTrackerAssertionException(
                $"Export {exportId}: file(s) {string.Join(", ", missing)} never downloaded before their link expired.{Describe(downloads)}");
        }
    }

    /// <summary>
    /// Asserts that no download without <c>auth=1</c> carried an <c>Authorization</c> header: the
    /// account's credentials must not travel to a storage link that does not ask for them.
    /// </summary>
    /// <exception cref="FakeTrackerAssertionException">When credentials were sent to a download.</exception>
    public void AssertNoCredentialsOnDownloads()
    {
        var leaks = Entries.Where(e => e.Endpoint == FakeEndpoint.Download && !e.AuthRequested && e.HadAuthorizationHeader).ToList();
        if (leaks.Count > 0)
        {
            throw new FakeTrackerAssertionException(
                $"{leaks.Count} download(s) carried an Authorization header without auth=1.{Describe(leaks)}");
        }
    }

    private static string Describe(IEnumerable<FakeRequest> requests)
    {
        var lines = requests.Take(20).Select(r => "\n  " + r).ToList();
        return lines.Count == 0 ? " (no requests)" : string.Concat(lines);
    }
}
