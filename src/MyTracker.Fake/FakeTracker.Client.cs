using MyTracker.Client;

namespace MyTracker.Fake;

public sealed partial class FakeTracker
{
    /// <summary>
    /// Client options pointed at this fake: its <see cref="BaseUrl"/>, a user's credentials, its
    /// clock, and waits suited to a server on loopback whose exports advance per poll.
    /// </summary>
    /// <remarks>
    /// Differences from <see cref="MyTrackerClientOptions"/>'s defaults (which suit the real API):
    /// <list type="bullet">
    /// <item>Polling starts at 10 ms and doubles up to 250 ms without jitter, instead of 2 s up to 30 s
    /// (so an export that goes 10%, 64%, success completes in about 30 ms, not 6 s).</item>
    /// <item>Retries after a 5xx, a dropped connection or a cut body start at 10 ms instead of 1 s
    /// (<see cref="MyTrackerRetryOptions.Delay"/>), so a test with injected faults costs milliseconds;
    /// a whole download's re-attempts take the same delays. The number of retries and attempts stays
    /// the client's, so a test sees the faults ridden out exactly as a user's client would.</item>
    /// <item>A <c>Retry-After</c> is honoured up to 5 seconds (<see cref="MyTrackerRetryOptions.MaxDelay"/>,
    /// 30 seconds against the real API): the fake's 429 asks for 1 second unless the test says
    /// otherwise, and a test that asks for longer gets the 429 back, as a real client does from a
    /// <c>Retry-After</c> beyond its own limit. On a virtual clock that wait costs no real time.</item>
    /// <item>A wait gives up after 1 minute instead of 2 hours, a request with its retries after
    /// 1 minute instead of 5 (<see cref="MyTrackerRetryOptions.TotalTimeout"/>) and one attempt after
    /// 30 seconds instead of 100, so a test that waits for something the fake never does fails soon.</item>
    /// </list>
    /// <see cref="MyTrackerClientOptions.TimeProvider"/> is the fake's own
    /// (<see cref="FakeTrackerOptions.TimeProvider"/>), so client and fake agree on link expiry; with a
    /// virtual clock every wait of the client (polls, retries, <c>Retry-After</c>) advances only when
    /// the test advances the clock. Everything else keeps the client's defaults; change any of it on
    /// the returned object.
    /// </remarks>
    /// <param name="user">Whose credentials to sign with; null for <see cref="DefaultUser"/>.</param>
    /// <returns>New options; each call returns a fresh object.</returns>
    public MyTrackerClientOptions CreateClientOptions(FakeApiUser? user = null)
    {
        var signer = user ?? DefaultUser;
        return new MyTrackerClientOptions
        {
            BaseAddress = BaseUrl,
            ApiUserId = signer.ApiUserId,
            SecretKey = signer.Secret,
            TimeProvider = Options.TimeProvider,
            Timeout = TimeSpan.FromSeconds(30),
            Retry = new MyTrackerRetryOptions
            {
                Delay = TimeSpan.FromMilliseconds(10),
                // Also the longest Retry-After waited for: it must stay above the 1 s the fake's 429
                // asks for by default, or that 429 would end the retries instead of being waited out.
                MaxDelay = TimeSpan.FromSeconds(5),
                TotalTimeout = TimeSpan.FromMinutes(1),
            },
            Polling = new MyTrackerPollingOptions
            {
                InitialInterval = TimeSpan.FromMilliseconds(10),
                MaxInterval = TimeSpan.FromMilliseconds(250),
                Multiplier = 2,
                JitterFactor = 0,
                MaxWait = TimeSpan.FromMinutes(1),
            },
        };
    }

    /// <summary>
    /// A <see cref="MyTrackerClient"/> pointed at this fake with <see cref="CreateClientOptions"/>:
    /// <c>using var client = fake.CreateClient();</c>. Dispose it before the fake.
    /// </summary>
    /// <param name="configure">Changes the options before the client takes them (e.g. <c>o =&gt; o.Polling.MaxWait = TimeSpan.FromMinutes(5)</c>); null keeps them.</param>
    /// <returns>A new client with its own connection pool.</returns>
    public MyTrackerClient CreateClient(Action<MyTrackerClientOptions>? configure = null) => CreateClient(DefaultUser, configure);

    /// <summary>A <see cref="MyTrackerClient"/> pointed at this fake, signing as <paramref name="user"/>.</summary>
    /// <param name="user">Whose credentials to sign with (one of <see cref="Users"/>, or any pair to test refusals).</param>
    /// <param name="configure">Changes the options before the client takes them; null keeps them.</param>
    /// <returns>A new client with its own connection pool.</returns>
    public MyTrackerClient CreateClient(FakeApiUser user, Action<MyTrackerClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var options = CreateClientOptions(user);
        configure?.Invoke(options);
        return new MyTrackerClient(options);
    }
}
