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

    /// <summary>
    /// Asserts that no get.json request for the export came after it answered <c>Success!</c> or
    /// <c>Error occurred</c>, except to renew expired links: a poll is allowed after a download of the
    /// export was answered "expired" (410), or once the links of the last success had expired.
    /// </summary>
    /// <param name="exportId">The export id.</param>
    /// <exception cref="FakeTrackerAssertionException">When the client kept polling a finished export.</exception>
    public void AssertNeverPolledAfterCompletion(long exportId)
    {
        var all = Entries.Where(e => e.ExportId == exportId && e.Method != "HEAD" && e.Endpoint.Kind is ExportEndpointKinds.Status or FakeEndpointKinds.Download).ToList();
        var polls = all.Where(e => e.Endpoint.Kind == ExportEndpointKinds.Status).ToList();
        FakeRequest? completion = null;
        var renewalAllowed = false;
        var extra = new List<FakeRequest>();
        foreach (var entry in all)
        {
            if (entry.Endpoint.Kind == FakeEndpointKinds.Download)
            {
                renewalAllowed |= entry.Outcome == FakeOutcome.Expired || entry.Fault == FaultKind.ExpiredLink;
                continue;
            }

            if (completion is not null && !renewalAllowed && !(completion.LinksExpireAt is { } expiry && entry.Timestamp >= expiry))
            {
                extra.Add(entry);
            }

            if (entry.Outcome == FakeOutcome.Served && entry.ExportFinished == true)
            {
                completion = entry;
                renewalAllowed = false;
            }
        }

        if (extra.Count > 0)
        {
            throw new FakeTrackerAssertionException(
                $"Export {exportId} was polled {extra.Count} more time(s) after it completed.{Describe(polls)}");
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
        if (missing.Count == 0)
        {
            return;
        }

        if (downloads.Count == 0)
        {
            var polls = Entries.Where(e => e.ExportId == exportId && e.Endpoint.Kind == ExportEndpointKinds.Status).ToList();
            var listed = polls.Any(p => p.ExportFinished == true && p.LinksExpireAt is not null);
            throw new FakeTrackerAssertionException(
                $"Export {exportId}: no file was downloaded: no download request for export {exportId} reached the fake"
                + (listed ? " (a poll did list its links)." : polls.Count == 0 ? " (nor did any poll)." : " (and no poll answered success, so no link was listed).")
                + Describe(polls));
        }

        var why = missing.Select(n =>
        {
            var tries = downloads.Where(d => d.FileNumber == n).ToList();
            return tries.Count == 0 ? $"file {n} never requested"
                : tries.All(d => d.LinkExpired == true) ? $"file {n} requested {tries.Count} time(s), always after its link expired"
                : $"file {n} requested {tries.Count} time(s), never served whole ({string.Join(", ", tries.Select(d => d.Fault?.ToString() ?? d.Outcome.ToString()).Distinct())})";
        });
        throw new FakeTrackerAssertionException($"Export {exportId}: {string.Join("; ", why)}.{Describe(downloads)}");
    }

    /// <summary>
    /// Asserts that no download sent to the storage host (<see cref="FakeTrackerOptions.LinkHost"/>)
    /// carried an <c>Authorization</c> header without <c>auth=1</c>: the account's credentials must
    /// never travel to a host other than the API's. Downloads on the API host itself may carry them,
    /// as the API documents; with no <c>LinkHost</c> there is no other host, so nothing can leak.
    /// </summary>
    /// <exception cref="FakeTrackerAssertionException">When credentials were sent to a download.</exception>
    public void AssertNoCredentialsOnDownloads()
    {
        var leaks = Entries.Where(e => e.Endpoint.Kind == FakeEndpointKinds.Download && !e.AuthRequested && e.HadAuthorizationHeader
            && LinkHost is not null && string.Equals(e.Host, LinkHost, StringComparison.OrdinalIgnoreCase)).ToList();
        if (leaks.Count > 0)
        {
            throw new FakeTrackerAssertionException(
                $"{leaks.Count} download(s) sent to the storage host {LinkHost} carried an Authorization header.{Describe(leaks)}");
        }
    }

    private static string Describe(IEnumerable<FakeRequest> requests)
    {
        var lines = requests.Take(20).Select(r => "\n  " + r).ToList();
        return lines.Count == 0 ? " (no requests)" : string.Concat(lines);
    }
}
