namespace MyTracker.Client.Operations;

/// <summary>
/// Bounded exponential backoff with jitter: delay n = min(max, initial * multiplier^n), spread by
/// +/- jitter and clamped again, so it never exceeds the maximum nor drops to zero.
/// Not thread-safe: one instance per wait loop.
/// </summary>
internal sealed class ExponentialBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _multiplier;
    private readonly double _jitter;
    private readonly Random _random;
    private int _attempt;

    public ExponentialBackoff(TimeSpan initial, TimeSpan max, double multiplier, double jitter, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1d);
        if (!(jitter is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(jitter));
        }

        _initial = initial;
        _max = max;
        _multiplier = multiplier;
        _jitter = jitter;
        _random = random;
    }

    public static ExponentialBackoff From(MyTrackerPollingOptions polling) =>
        new(polling.InitialInterval, polling.MaxInterval, polling.Multiplier, polling.JitterFactor,
            polling.JitterSeed is { } seed ? new Random(seed) : new Random());

    /// <summary>
    /// The delays between attempts of a whole transfer: the request pipeline's own (from
    /// <see cref="MyTrackerRetryOptions.Delay"/>, doubling, capped at <see cref="MyTrackerRetryOptions.MaxDelay"/>).
    /// Callers skip the wait altogether when the delay is zero.
    /// </summary>
    public static ExponentialBackoff From(MyTrackerRetryOptions retry) =>
        new(retry.Delay > TimeSpan.Zero ? retry.Delay : TimeSpan.FromTicks(1),
            retry.MaxDelay > TimeSpan.Zero ? retry.MaxDelay : TimeSpan.FromTicks(1),
            multiplier: 2,
            jitter: 0.2,
            new Random());

    /// <summary>The next delay; each call moves one step further.</summary>
    public TimeSpan Next()
    {
        // Computed in double ticks so a long wait cannot overflow the exponent into negative spans.
        var baseTicks = Math.Min(_max.Ticks, _initial.Ticks * Math.Pow(_multiplier, Math.Min(_attempt, 64)));
        _attempt++;
        var spread = 1 + (_jitter * ((_random.NextDouble() * 2) - 1));
        var ticks = Math.Clamp(baseTicks * spread, _initial.Ticks * (1 - _jitter), _max.Ticks);
        return TimeSpan.FromTicks(Math.Max(1, (long)ticks));
    }

    public void Reset() => _attempt = 0;
}
