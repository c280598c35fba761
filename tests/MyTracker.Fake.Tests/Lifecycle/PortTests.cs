namespace MyTracker.Fake.Tests.Lifecycle;

public sealed class PortTests
{
    [Fact]
    public async Task A_busy_port_is_reported_as_such()
    {
        await using var first = await FakeTracker.StartAsync();

        var error = await Assert.ThrowsAsync<IOException>(() => FakeTracker.StartAsync(new FakeTrackerOptions { Port = first.BaseUrl.Port }));

        Assert.Contains(first.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Contains("in use", error.Message);
    }
}
