using MyTracker.Client;
using MyTracker.Fake;

namespace MyTracker.IntegrationTests.Support;

/// <summary>The client a test points at a fake: its address, its default user, and what the test varies.</summary>
internal static class FakeTrackerClients
{
    public static MyTrackerClient Create(FakeTracker fake, string? secret = null, TimeProvider? time = null, HttpClient? transport = null)
    {
        var options = new MyTrackerClientOptions
        {
            BaseAddress = fake.BaseUrl,
            ApiUserId = fake.DefaultUser.ApiUserId,
            SecretKey = secret ?? fake.DefaultUser.Secret,
            Timeout = TimeSpan.FromSeconds(30),
            TimeProvider = time ?? TimeProvider.System,
        };
        return transport is null ? new MyTrackerClient(options) : new MyTrackerClient(transport, options);
    }
}
