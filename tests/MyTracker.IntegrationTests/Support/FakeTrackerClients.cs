using MyTracker.Client;
using MyTracker.Fake;

namespace MyTracker.IntegrationTests.Support;

/// <summary>The client a test points at a fake: its address, its default user, and what the test varies.</summary>
internal static class FakeTrackerClients
{
    public static MyTrackerClient Create(
        FakeTracker fake, string? secret = null, TimeProvider? time = null, HttpClient? transport = null, Action<MyTrackerClientOptions>? configure = null)
    {
        var options = new MyTrackerClientOptions
        {
            BaseAddress = fake.BaseUrl,
            ApiUserId = fake.DefaultUser.ApiUserId,
            SecretKey = secret ?? fake.DefaultUser.Secret,
            Timeout = TimeSpan.FromSeconds(30),
            TimeProvider = time ?? TimeProvider.System,
        };
        configure?.Invoke(options);
        return transport is null ? new MyTrackerClient(options) : new MyTrackerClient(transport, options);
    }

    /// <summary>
    /// The defaults, with the waits shortened so a CI run of a faulty export takes seconds: polls
    /// every few tens of milliseconds (the fake advances per poll, not by time) and short retry delays.
    /// Everything else (attempts, budgets, parallelism, Retry-After) stays as users get it.
    /// </summary>
    public static void FastWaits(MyTrackerClientOptions options)
    {
        options.Polling.InitialInterval = TimeSpan.FromMilliseconds(20);
        options.Polling.MaxInterval = TimeSpan.FromMilliseconds(200);
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
    }
}
