using System.Net;
using MyTracker.Client.Auth;
using MyTracker.Client.Http;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Http;

public sealed class RedirectTests
{
    private static HttpClient Pipeline(StubHttpHandler transport) =>
        new(new SafeRedirectHandler { InnerHandler = new AuthHmacHandler(TestData.Api, TestData.User, TestData.Secret) { InnerHandler = transport } });

    [Fact]
    public async Task A_redirect_to_another_host_arrives_without_credentials()
    {
        var stub = new StubHttpHandler(r => r.RequestUri!.Host == "tracker.my.com"
            ? StubHttpHandler.Redirect("https://rawdata.hb.bizmrg.com/segment/1.csv.gz?X-Sig=abc")
            : new HttpResponseMessage(HttpStatusCode.OK));
        var response = await Pipeline(stub).GetAsync("https://tracker.my.com/storage/download/segment/1.csv.gz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = stub.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.StartsWith("AuthHMAC ", requests[0].Authorization);
        Assert.Equal("rawdata.hb.bizmrg.com", requests[1].Uri.Host);
        Assert.Null(requests[1].Authorization);
    }

    [Fact]
    public async Task A_redirect_back_to_the_api_is_signed_for_its_own_url()
    {
        var stub = new StubHttpHandler(r => r.RequestUri!.AbsolutePath == "/old"
            ? StubHttpHandler.Redirect("/api/segment/v1/export/get.json?idSegmentExport=1", HttpStatusCode.MovedPermanently)
            : new HttpResponseMessage(HttpStatusCode.OK));
        await Pipeline(stub).GetAsync("https://tracker.my.com/old");

        var second = stub.Requests.ToArray()[1];
        Assert.Equal("AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=", second.Authorization);
    }

    [Fact]
    public async Task A_post_is_never_redirected_so_create_json_cannot_run_twice()
    {
        var stub = new StubHttpHandler(_ => StubHttpHandler.Redirect("https://tracker.my.com/elsewhere", HttpStatusCode.TemporaryRedirect));
        var response = await Pipeline(stub).PostAsync("https://tracker.my.com/api/segment/v1/export/create.json?idSegment=1", null);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Https_is_never_downgraded_and_hops_are_bounded()
    {
        var down = new StubHttpHandler(_ => StubHttpHandler.Redirect("http://tracker.my.com/x"));
        Assert.Equal(HttpStatusCode.Found, (await Pipeline(down).GetAsync("https://tracker.my.com/x")).StatusCode);
        Assert.Single(down.Requests);

        var loop = new StubHttpHandler(_ => StubHttpHandler.Redirect("https://tracker.my.com/again"));
        Assert.Equal(HttpStatusCode.Found, (await Pipeline(loop).GetAsync("https://tracker.my.com/x")).StatusCode);
        Assert.Equal(SafeRedirectHandler.MaxRedirects + 1, loop.Requests.Count);
    }

    [Fact]
    public async Task Platform_fact_SocketsHttpHandler_drops_Authorization_when_it_follows_a_redirect()
    {
        // Checked on the wire: a caller's own HttpClient that follows redirects does not leak the header either.
        await using var other = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(200, "OK", "done"));
        await using var api = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(302, "Found", "", $"Location: {other.BaseAddress}file.csv.gz"));
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api.BaseAddress, "storage/1.csv.gz"));
        request.Headers.TryAddWithoutValidation("Authorization", "AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=");

        var response = await client.SendAsync(request);

        Assert.Equal("done", await response.Content.ReadAsStringAsync());
        Assert.Contains("Authorization: AuthHMAC", Assert.Single(api.Requests));
        Assert.DoesNotContain("Authorization", Assert.Single(other.Requests), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_loopback_the_client_pipeline_signs_the_api_hop_only()
    {
        await using var other = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(200, "OK", "done"));
        await using var api = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(302, "Found", "", $"Location: {other.BaseAddress}file.csv.gz"));
        using var transport = MyTrackerClient.CreateDefaultTransport();
        using var client = new HttpClient(new SafeRedirectHandler
        {
            InnerHandler = new AuthHmacHandler(api.BaseAddress, TestData.User, TestData.Secret) { InnerHandler = new TransportBridgeHandler(transport) },
        });

        var response = await client.GetAsync(new Uri(api.BaseAddress, "storage/1.csv.gz"));

        Assert.Equal("done", await response.Content.ReadAsStringAsync());
        Assert.Contains("Authorization: AuthHMAC 10001:", Assert.Single(api.Requests));
        Assert.DoesNotContain("Authorization", Assert.Single(other.Requests), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_default_transport_does_not_follow_redirects_by_itself()
    {
        await using var other = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(200, "OK"));
        await using var api = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(302, "Found", "", $"Location: {other.BaseAddress}"));
        using var transport = MyTrackerClient.CreateDefaultTransport();
        var response = await transport.GetAsync(api.BaseAddress);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Empty(other.Requests);
    }
}
