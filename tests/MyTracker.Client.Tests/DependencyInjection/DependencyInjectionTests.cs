using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MyTracker.Client.Auth;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.DependencyInjection;

public sealed class DependencyInjectionTests
{
    private static (ServiceProvider Services, StubHttpHandler Stub, FakeLogCollector Logs) Build(
        Func<HttpRequestMessage, HttpResponseMessage> respond, Action<MyTrackerClientOptions>? configure = null)
    {
        var stub = new StubHttpHandler(respond);
        var services = new ServiceCollection();
        var logs = new FakeLogCollector();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddMyTrackerClient(o =>
            {
                o.ApiUserId = TestData.User;
                o.SecretKey = TestData.Secret;
                o.TimeProvider = new VirtualClock();
                o.Retry.Delay = TimeSpan.Zero;
                configure?.Invoke(o);
            })
            .ConfigurePrimaryHttpMessageHandler(() => stub);
        return (services.BuildServiceProvider(), stub, logs);
    }

    private static Func<HttpRequestMessage, HttpResponseMessage> FailingThen(int failures, Func<HttpResponseMessage> failure, Func<HttpResponseMessage> success)
    {
        var calls = 0;
        return _ => ++calls <= failures ? failure() : success();
    }

    [Fact]
    public async Task The_registered_client_signs_through_the_factory_pipeline()
    {
        var (services, stub, _) = Build(_ => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Get("200.in-progress.json")));
        await using var scope = services;
        var client = services.GetRequiredService<MyTrackerClient>();
        Assert.Same(client, services.GetRequiredService<MyTrackerClient>());

        await client.SegmentExports.GetOperation(1).UpdateStatusAsync();

        Assert.Equal("AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=", Assert.Single(stub.Requests).Authorization);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task A_status_poll_is_retried_on_transient_answers(HttpStatusCode transient)
    {
        var (services, stub, _) = Build(FailingThen(2, () => new HttpResponseMessage(transient), () => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Get("200.in-progress.json"))));
        await using var scope = services;

        var status = await services.GetRequiredService<MyTrackerClient>().SegmentExports.GetOperation(1).UpdateStatusAsync();

        Assert.Equal(ExportStatus.InProgress, status);
        Assert.Equal(3, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal("AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=", r.Authorization));
    }

    [Fact]
    public async Task A_status_poll_is_retried_after_a_transport_fault()
    {
        var (services, stub, _) = Build(FailingThen(1, () => throw new HttpRequestException("reset"), () => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Get("200.in-progress.json"))));
        await using var scope = services;
        Assert.Equal(ExportStatus.InProgress, await services.GetRequiredService<MyTrackerClient>().SegmentExports.GetOperation(1).UpdateStatusAsync());
        Assert.Equal(2, stub.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Create_json_is_never_retried(HttpStatusCode transient)
    {
        var (services, stub, _) = Build(FailingThen(1, () => new HttpResponseMessage(transient), () => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Create("200.created.json"))));
        await using var scope = services;

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => services.GetRequiredService<MyTrackerClient>().SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 7 }));

        Assert.Equal((int)transient, error.Status);
        Assert.Equal("POST", Assert.Single(stub.Requests).Method.Method);
    }

    [Fact]
    public async Task Create_json_is_not_retried_after_a_transport_fault_either()
    {
        var (services, stub, _) = Build(FailingThen(1, () => throw new HttpRequestException("reset"), () => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Create("200.created.json"))));
        await using var scope = services;
        await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => services.GetRequiredService<MyTrackerClient>().SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 7 }));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task The_retry_options_given_through_di_are_the_ones_the_pipeline_uses_and_nothing_retries_twice_over()
    {
        var (services, stub, _) = Build(_ => new HttpResponseMessage(HttpStatusCode.BadGateway), o => o.Retry.MaxRetries = 1);
        await using var scope = services;

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => services.GetRequiredService<MyTrackerClient>().SegmentExports.GetOperation(1).UpdateStatusAsync());

        // One retry, as configured: no second retry layer under the client (as the standard handler used to be).
        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(2, error.Attempts);
        Assert.Equal(502, error.Status);
    }

    [Fact]
    public async Task No_log_carries_the_signature_not_even_in_structured_state()
    {
        var (services, stub, logs) = Build(_ => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Get("200.in-progress.json")));
        await using var scope = services;
        await services.GetRequiredService<MyTrackerClient>().SegmentExports.GetOperation(1).UpdateStatusAsync();

        var everything = string.Join("\n", logs.GetSnapshot().Select(r => r.Message + string.Join(",", r.StructuredState ?? [])));
        Assert.Contains("HTTP GET https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1 answered 200", everything);
        Assert.DoesNotContain("O8HQk9CcKd8yaY", everything);
        Assert.DoesNotContain(TestData.Secret, everything);
        Assert.True(AuthHmac.TryParseHeader(Assert.Single(stub.Requests).Authorization, out _, out _));
    }

    [Fact]
    public void Missing_credentials_fail_when_the_client_is_resolved()
    {
        var services = new ServiceCollection();
        services.AddMyTrackerClient(o => o.ApiUserId = "10001");
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<MyTrackerClient>());
        Assert.Contains("SecretKey", error.Message);
    }
}
