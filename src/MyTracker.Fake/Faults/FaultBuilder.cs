namespace MyTracker.Fake;

/// <summary>
/// A fault and the requests it hits. Counting is per export for faults attached to an export and
/// over the whole fake (since start or <see cref="FakeTracker.Reset"/>) for global ones; only
/// requests that would be answered from state count (authenticated, valid, for a known export or
/// file), and the count includes the faulted attempts, so <c>OnPoll(2)</c> hits the second poll
/// whatever the first one got.
/// Without an <c>On...</c> call a fault hits the first poll (first download for download-only kinds).
/// </summary>
public sealed class FaultBuilder
{
    internal FaultBuilder(FaultKind kind)
    {
        Kind = kind;
        Target = kind is FaultKind.TruncatedGzip or FaultKind.ExpiredLink ? FaultTarget.Download : FaultTarget.Poll;
    }

    /// <summary>What the fault does.</summary>
    public FaultKind Kind { get; }

    /// <summary>Which requests it applies to.</summary>
    public FaultTarget Target { get; private set; }

    /// <summary>The first matching attempt it hits, counted from 1.</summary>
    public int FirstAttempt { get; private set; } = 1;

    /// <summary>How many consecutive matching attempts it hits.</summary>
    public int Count { get; private set; } = 1;

    /// <summary>For downloads: the file (1-based) it is limited to, or null for every file.</summary>
    public int? File { get; private set; }

    internal TimeSpan Delay { get; init; }

    internal int StatusCode { get; init; }

    internal TimeSpan? RetryAfter { get; init; }

    internal double Fraction { get; init; } = 0.5;

    /// <summary>Hits the <paramref name="attempt"/>-th poll.</summary>
    /// <param name="attempt">The poll, counted from 1.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder OnPoll(int attempt) => On(FaultTarget.Poll, attempt, 1, null);

    /// <summary>Hits <paramref name="count"/> consecutive polls starting at <paramref name="firstAttempt"/>.</summary>
    /// <param name="firstAttempt">The first poll hit, counted from 1.</param>
    /// <param name="count">How many polls in a row are hit.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder OnPolls(int firstAttempt, int count) => On(FaultTarget.Poll, firstAttempt, count, null);

    /// <summary>Hits every poll.</summary>
    /// <returns>This builder.</returns>
    public FaultBuilder OnEveryPoll() => On(FaultTarget.Poll, 1, int.MaxValue, null);

    /// <summary>Hits the <paramref name="attempt"/>-th create.json call (global faults only).</summary>
    /// <param name="attempt">The call, counted from 1.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder OnCreate(int attempt = 1) => On(FaultTarget.Create, attempt, 1, null);

    /// <summary>Hits the <paramref name="attempt"/>-th download (of <paramref name="file"/> when given).</summary>
    /// <param name="attempt">The download attempt, counted from 1 (per file when a file is given).</param>
    /// <param name="file">The file number (1-based) or null for any file.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder OnDownload(int attempt = 1, int? file = null) => On(FaultTarget.Download, attempt, 1, file);

    /// <summary>Hits every download (of <paramref name="file"/> when given).</summary>
    /// <param name="file">The file number (1-based) or null for any file.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder OnEveryDownload(int? file = null) => On(FaultTarget.Download, 1, int.MaxValue, file);

    /// <summary>Hits the <paramref name="attempt"/>-th request of any kind.</summary>
    /// <param name="attempt">The request, counted from 1.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder OnRequest(int attempt) => On(FaultTarget.AnyRequest, attempt, 1, null);

    /// <summary>Hits every request of any kind.</summary>
    /// <returns>This builder.</returns>
    public FaultBuilder OnEveryRequest() => On(FaultTarget.AnyRequest, 1, int.MaxValue, null);

    internal bool Matches(FaultTarget target, int attempt, int? file)
    {
        if (Target != target)
        {
            return false;
        }

        if (File is not null && File != file)
        {
            return false;
        }

        return attempt >= FirstAttempt && (attempt - FirstAttempt) < Count;
    }

    private FaultBuilder On(FaultTarget target, int firstAttempt, int count, int? file)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstAttempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (file is not null)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(file.Value, 1, nameof(file));
        }

        Target = target;
        FirstAttempt = firstAttempt;
        Count = count;
        File = file;
        return this;
    }
}
