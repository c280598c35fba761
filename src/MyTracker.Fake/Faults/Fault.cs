namespace MyTracker.Fake;

/// <summary>
/// Static entry points for faults, in WireMock.Net's style:
/// <c>Fault.ServerError(503).OnPoll(2)</c>, <c>Fault.DropConnection().OnDownload(file: 1)</c>.
/// Attach them to one export with <see cref="ExportBuilder.WithFault"/> or to every request with
/// <see cref="FakeTracker.WithFault"/>.
/// </summary>
public static class Fault
{
    /// <summary>Answers normally after <paramref name="delay"/> (real time, not the fake's clock).</summary>
    /// <param name="delay">How long to wait before answering.</param>
    /// <returns>The fault, to target with <c>On...</c>.</returns>
    public static FaultBuilder Latency(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new FaultBuilder(FaultKind.Latency) { Delay = delay };
    }

    /// <summary>Answers with a server error (HTML body, as a proxy in front of the API would).</summary>
    /// <param name="statusCode">A status from 500 to 599.</param>
    /// <returns>The fault, to target with <c>On...</c>.</returns>
    public static FaultBuilder ServerError(int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new FaultBuilder(FaultKind.Status) { StatusCode = statusCode };
    }

    /// <summary>Answers 429 Too Many Requests with a <c>Retry-After</c> header.</summary>
    /// <param name="retryAfter">The advertised wait; one second when not given.</param>
    /// <returns>The fault, to target with <c>On...</c>.</returns>
    public static FaultBuilder TooManyRequests(TimeSpan? retryAfter = null) =>
        new(FaultKind.Status) { StatusCode = 429, RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1) };

    /// <summary>Resets the connection before any byte of the response (a real TCP reset, not an empty answer).</summary>
    /// <returns>The fault, to target with <c>On...</c>.</returns>
    public static FaultBuilder DropConnection() => new(FaultKind.DropConnection);

    /// <summary>Sends the headers and the first part of the body, then resets the connection.</summary>
    /// <param name="fraction">The share of the body sent, between 0 and 1.</param>
    /// <returns>The fault, to target with <c>On...</c>.</returns>
    public static FaultBuilder TruncatedBody(double fraction = 0.5) => new(FaultKind.TruncatedBody) { Fraction = CheckFraction(fraction) };

    /// <summary>Ends the response cleanly after part of the body: a download becomes a cut-off gzip stream.</summary>
    /// <param name="fraction">The share of the body sent, between 0 and 1.</param>
    /// <returns>The fault, to target with <c>On...</c>.</returns>
    public static FaultBuilder TruncatedGzip(double fraction = 0.5) => new(FaultKind.TruncatedGzip) { Fraction = CheckFraction(fraction) };

    /// <summary>Answers 200 with the first half of the JSON body only.</summary>
    /// <returns>The fault, to target with <c>On...</c>.</returns>
    public static FaultBuilder MalformedJson() => new(FaultKind.MalformedJson) { Fraction = 0.5 };

    /// <summary>Expires the requested download link at once: the download gets 410 and the next poll lists fresh links.</summary>
    /// <returns>The fault, to target with <c>On...</c>.</returns>
    public static FaultBuilder ExpiredLink() => new(FaultKind.ExpiredLink);

    private static double CheckFraction(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1d);
        return fraction;
    }
}
