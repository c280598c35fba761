namespace MyTracker.Client;

/// <summary>
/// Settings of a <see cref="MyTrackerClient"/>: where the API lives, the account's credentials,
/// timeouts and retries, how export operations poll and how files are downloaded. Every setting has
/// a default that works against the real API; the same options apply to every constructor and to
/// <c>AddMyTrackerClient</c>.
/// </summary>
public class MyTrackerClientOptions
{
    /// <summary>The public myTracker API address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://tracker.my.com/");

    /// <summary>
    /// The API root, e.g. <c>https://tracker.my.com/</c>. Only requests to this exact scheme, host and
    /// port are signed; every other host (download storage, redirect targets) never sees the credentials.
    /// </summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>The account's API User ID (the part before the colon in <c>AuthHMAC &lt;id&gt;:&lt;signature&gt;</c>).</summary>
    public string ApiUserId { get; set; } = string.Empty;

    /// <summary>The account's secret key. Never logged, never part of <see cref="ToString"/> or exception messages.</summary>
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>
    /// Time allowed for one attempt of a request until its response (for API calls: its whole body;
    /// for file downloads: its headers, the body then streams under <see cref="DownloadStallTimeout"/>).
    /// An attempt that runs out is retried like a dropped connection (see <see cref="Retry"/>).
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> turns it off. Default 100 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How requests are retried after transient failures (408, 429, 5xx, dropped connections, timeouts).</summary>
    public MyTrackerRetryOptions Retry { get; set; } = new();

    /// <summary>The <c>User-Agent</c> sent with every request.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>How export operations poll get.json.</summary>
    public MyTrackerPollingOptions Polling { get; set; } = new();

    /// <summary>
    /// Download links are treated as expired this long before their <c>timestampExpires</c>, so a
    /// download is not started on a link that dies while the first bytes travel. Default 30 seconds.
    /// </summary>
    public TimeSpan LinkExpirySafetyMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A file download fails when no byte arrives for this long (the request timeout ends with the
    /// headers, so a stalled body would otherwise hang). <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> turns it off. Default 2 minutes.
    /// </summary>
    public TimeSpan DownloadStallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many files of an export download at the same time. Default 4: measured with 50 ms of
    /// latency per download, 20 files take 0.27x of the sequential time at 4 and 0.20x at 8, for twice
    /// the connections (tests/MyTracker.Benchmarks/README.md). 1 downloads one file after another.
    /// </summary>
    public int MaxParallelDownloads { get; set; } = DefaultMaxParallelDownloads;

    /// <summary>
    /// How many times one file may fail (a dropped or cut transfer, a bad gzip or workbook, a refused or expired
    /// link, an answer that stays undocumented after <see cref="Retry"/>) before the download gives up
    /// with a <see cref="MyTrackerRequestFailedException"/> naming the export, the file and its
    /// (redacted) link. A cut transfer resumes with a <c>Range</c> request where the server allows it. Default 6.
    /// </summary>
    public int MaxDownloadAttempts { get; set; } = 6;

    /// <summary>
    /// How many times the one-call job (<see cref="ExportOperations{TRequest, TResult}.ExportAsync(TRequest, string, CancellationToken)"/>)
    /// requests an export again after a failure the documentation says may be repeated (meaning
    /// <c>failed-repeatable</c>, such as <c>Error occurred</c>). A failure documented as final, one whose
    /// meaning is not documented, and a canceled export are never requested again. Default 2.
    /// </summary>
    public int MaxExportRestarts { get; set; } = 2;

    /// <summary>The clock for every wait and every expiry check; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal const int DefaultMaxParallelDownloads = 4;

    internal static string DefaultUserAgent { get; } =
        $"MyTracker.Client/{typeof(MyTrackerClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} (.NET {Environment.Version})";

    /// <summary>Throws when a setting cannot work: no credentials, a relative base address, a non-positive timeout.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it (never its secret value).</exception>
    public void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("BaseAddress must be an absolute http(s) URL.", nameof(BaseAddress));
        }

        if (string.IsNullOrWhiteSpace(ApiUserId))
        {
            throw new ArgumentException("ApiUserId is required.", nameof(ApiUserId));
        }

        if (string.IsNullOrEmpty(SecretKey))
        {
            throw new ArgumentException("SecretKey is required.", nameof(SecretKey));
        }

        if (!IsTimeoutInRange(Timeout))
        {
            throw new ArgumentException("Timeout must be infinite or between 10 milliseconds and 24 hours.", nameof(Timeout));
        }

        if (DownloadStallTimeout <= TimeSpan.Zero && DownloadStallTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("DownloadStallTimeout must be positive or infinite.", nameof(DownloadStallTimeout));
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("TimeProvider is required.", nameof(TimeProvider));
        }

        if (MaxParallelDownloads < 1)
        {
            throw new ArgumentException("MaxParallelDownloads must be at least 1.", nameof(MaxParallelDownloads));
        }

        if (MaxDownloadAttempts < 1)
        {
            throw new ArgumentException("MaxDownloadAttempts must be at least 1.", nameof(MaxDownloadAttempts));
        }

        if (MaxExportRestarts < 0)
        {
            throw new ArgumentException("MaxExportRestarts must not be negative.", nameof(MaxExportRestarts));
        }

        ArgumentNullException.ThrowIfNull(Polling, nameof(Polling));
        Polling.Validate();
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
    }

    /// <summary>A copy whose later changes do not affect the client that took it.</summary>
    /// <returns>A copy of these options.</returns>
    public MyTrackerClientOptions Clone()
    {
        var copy = (MyTrackerClientOptions)MemberwiseClone();
        copy.Polling = Polling?.Clone() ?? new MyTrackerPollingOptions();
        copy.Retry = Retry?.Clone() ?? new MyTrackerRetryOptions();
        return copy;
    }

    /// <summary>Describes the options with the secret key masked.</summary>
    /// <returns>A description safe for logs.</returns>
    public override string ToString() =>
        $"MyTrackerClientOptions {{ BaseAddress = {BaseAddress}, ApiUserId = {ApiUserId}, SecretKey = {(string.IsNullOrEmpty(SecretKey) ? "(none)" : "***")}, Timeout = {Timeout}, UserAgent = {UserAgent}, Polling = {Polling}, Retry = {Retry}, MaxParallelDownloads = {MaxParallelDownloads}, MaxDownloadAttempts = {MaxDownloadAttempts} }}";

    /// <summary>What the resilience pipeline's timeouts accept (Polly: more than 10 ms, less than a day), or infinite.</summary>
    internal static bool IsTimeoutInRange(TimeSpan timeout) =>
        timeout == System.Threading.Timeout.InfiniteTimeSpan || (timeout > TimeSpan.FromMilliseconds(10) && timeout < TimeSpan.FromDays(1));

    /// <summary>The base address with a trailing slash, so relative API paths resolve below it.</summary>
    internal Uri NormalizedBaseAddress =>
        BaseAddress.AbsoluteUri.EndsWith('/') ? BaseAddress : new Uri(BaseAddress.AbsoluteUri + "/");
}

/// <summary>How an export operation polls get.json while it waits.</summary>
public class MyTrackerPollingOptions
{
    /// <summary>Delay before the second poll. Default 2 seconds.</summary>
    public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest delay between two polls, whatever the backoff says. Default 30 seconds.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Each delay is this many times the previous one (before jitter). Default 2.</summary>
    public double Multiplier { get; set; } = 2;

    /// <summary>Each delay is spread by up to this fraction either way, so many clients do not poll in step. Default 0.2.</summary>
    public double JitterFactor { get; set; } = 0.2;

    /// <summary>
    /// How long <c>WaitForCompletionAsync</c> waits at most before giving up with a <see cref="TimeoutException"/>
    /// (the export goes on on the server and can be resumed by id). Default 2 hours.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How many polls in a row may answer a status this client does not know before the wait ends
    /// with <see cref="ExportOutcome.UnrecognizedStatus"/>. Default 5.
    /// </summary>
    public int MaxUnrecognizedStatusPolls { get; set; } = 5;

    /// <summary>
    /// How many polls in a row may fail transiently (no answer, 408, 429, 5xx, a cut or garbled body,
    /// each already retried as <see cref="MyTrackerClientOptions.Retry"/> says) while
    /// <c>WaitForCompletionAsync</c> keeps waiting; the next failure ends the wait with a
    /// <see cref="MyTrackerRequestFailedException"/> carrying the attempts, the last status and the export id. Default 5.
    /// </summary>
    public int MaxConsecutivePollFailures { get; set; } = 5;

    /// <summary>Seed of the jitter; set it for reproducible delays (tests), leave it null in production.</summary>
    public int? JitterSeed { get; set; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (InitialInterval <= TimeSpan.Zero || MaxInterval < InitialInterval)
        {
            throw new ArgumentException("Polling intervals must be positive and MaxInterval >= InitialInterval.", nameof(InitialInterval));
        }

        if (!(Multiplier >= 1) || double.IsInfinity(Multiplier))
        {
            throw new ArgumentException("Multiplier must be at least 1.", nameof(Multiplier));
        }

        if (!(JitterFactor is >= 0 and < 1))
        {
            throw new ArgumentException("JitterFactor must be in [0, 1).", nameof(JitterFactor));
        }

        if (MaxWait <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxWait must be positive.", nameof(MaxWait));
        }

        if (MaxUnrecognizedStatusPolls < 1)
        {
            throw new ArgumentException("MaxUnrecognizedStatusPolls must be at least 1.", nameof(MaxUnrecognizedStatusPolls));
        }

        if (MaxConsecutivePollFailures < 0)
        {
            throw new ArgumentException("MaxConsecutivePollFailures must not be negative.", nameof(MaxConsecutivePollFailures));
        }
    }

    /// <summary>A copy of these settings.</summary>
    /// <returns>The copy.</returns>
    public MyTrackerPollingOptions Clone() => (MyTrackerPollingOptions)MemberwiseClone();

    /// <inheritdoc />
    public override string ToString() =>
        $"{{ InitialInterval = {InitialInterval}, MaxInterval = {MaxInterval}, Multiplier = {Multiplier}, JitterFactor = {JitterFactor}, MaxWait = {MaxWait}, MaxConsecutivePollFailures = {MaxConsecutivePollFailures} }}";
}
