namespace MyTracker.Client;

/// <summary>
/// How one request is retried after a transient failure: 408, 429, 5xx, a dropped connection, a cut
/// API body, or an attempt that ran past <see cref="MyTrackerClientOptions.Timeout"/>. Delays grow
/// exponentially with jitter (so many clients do not retry in step), a <c>Retry-After</c> header is
/// honoured up to <see cref="MaxDelay"/>, and <see cref="TotalTimeout"/> bounds the whole. Every wait
/// runs on <see cref="MyTrackerClientOptions.TimeProvider"/>.
/// </summary>
/// <remarks>
/// create.json (POST) is never retried once it may have reached the server: a second create.json
/// starts a second export. It is retried only when the connection could not be established at all
/// (nothing was sent). See <c>docs/export-operations.md</c>.
/// </remarks>
public class MyTrackerRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The delay before the first retry; each later one doubles it, spread by jitter. Default 1 second.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest delay between two attempts. A <c>Retry-After</c> asking for longer ends the retries
    /// with that answer (the caller decides whether to wait that long). Default 30 seconds.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most one request may take with all its attempts and delays, until its response;
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns the bound off. Default 5 minutes.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxRetries is < 0 or > 100)
        {
            throw new ArgumentException("Retry.MaxRetries must be within 0..100.", nameof(MaxRetries));
        }

        if (Delay < TimeSpan.Zero || MaxDelay < Delay)
        {
            throw new ArgumentException("Retry.Delay must not be negative and Retry.MaxDelay must be at least Retry.Delay.", nameof(Delay));
        }

        if (Delay > TimeSpan.FromDays(1) || MaxDelay > TimeSpan.FromDays(1))
        {
            throw new ArgumentException("Retry.Delay and Retry.MaxDelay must be at most 24 hours.", nameof(MaxDelay));
        }

        if (!MyTrackerClientOptions.IsTimeoutInRange(TotalTimeout))
        {
            throw new ArgumentException("Retry.TotalTimeout must be infinite or between 10 milliseconds and 24 hours.", nameof(TotalTimeout));
        }
    }

    /// <summary>A copy of these settings.</summary>
    /// <returns>The copy.</returns>
    public MyTrackerRetryOptions Clone() => (MyTrackerRetryOptions)MemberwiseClone();

    /// <inheritdoc />
    public override string ToString() =>
        $"{{ MaxRetries = {MaxRetries}, Delay = {Delay}, MaxDelay = {MaxDelay}, TotalTimeout = {TotalTimeout} }}";
}
