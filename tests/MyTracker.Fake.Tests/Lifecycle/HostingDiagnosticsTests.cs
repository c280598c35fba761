using System.Diagnostics;
using MyTracker.Fake.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MyTracker.Fake.Tests.Lifecycle;

public sealed class HostingDiagnosticsTests
{
    [Fact]
    public async Task Requests_get_a_hosting_activity_only_when_something_listens()
    {
        await using var fake = await FakeTracker.StartAsync();
        string? seen = null;
        fake.Server.Given(Request.Create().WithPath("/probe-activity")).RespondWith(Response.Create().WithCallback(_ =>
        {
            seen = Activity.Current?.OperationName ?? "none";
            return new WireMock.ResponseMessage { StatusCode = 204 };
        }));
        using var http = Wire.Client(fake);

        // WireMock.Net's log forwarding alone made ASP.NET Core start one per request, to be thrown away.
        (await http.GetAsync("probe-activity")).Dispose();
        Assert.Equal("none", seen);

        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        (await http.GetAsync("probe-activity")).Dispose();
        Assert.Equal("Microsoft.AspNetCore.Hosting.HttpRequestIn", seen);
    }
}
