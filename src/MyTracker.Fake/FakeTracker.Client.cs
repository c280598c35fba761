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
    /// polling starts at 10 ms and doubles up to 250 ms without jitter, instead of 2 s up to 30 s
    /// (so an export that goes 10%, 64%, success completes in about 30 ms, not 6 s); a wait gives up
    /// after 1 minute instead of 2 hours and a call after 30 seconds instead of 100, so a test that
    /// waits for something the fake never does fails soon. <see cref="MyTrackerClientOptions.TimeProvider"/>
    /// is the fake's own (<see cref="FakeTrackerOptions.TimeProvider"/>), so client and fake agree on
    /// link expiry; with a virtual clock the client's waits advance only when the test advances it.
    /// Everything else keeps the client's defaults; change any of it on the returned object.
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
