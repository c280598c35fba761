using System.Net;
using System.Text;
using MyTracker.Client.Auth;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Auth;

public sealed class AuthHmacHandlerTests
{
    private static (HttpClient Client, StubHttpHandler Stub) Create(string baseAddress = "https://tracker.my.com/")
    {
        var stub = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var handler = new AuthHmacHandler(new Uri(baseAddress), TestData.User, TestData.Secret) { InnerHandler = stub };
        return (new HttpClient(handler), stub);
    }

    [Fact]
    public async Task Signs_an_api_request_with_the_documented_header()
    {
        var (client, stub) = Create();
        await client.GetAsync("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1");
        Assert.Equal("AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=", Assert.Single(stub.Requests).Authorization);
    }

    [Fact]
    public async Task Signs_a_post_body_so_that_the_server_side_check_accepts_it()
    {
        var (client, stub) = Create();
        await client.PostAsync("https://tracker.my.com/api/x.json?a=%C3%A9", new StringContent("a=1&b=é", Encoding.UTF8));
        var seen = Assert.Single(stub.Requests);
        Assert.True(AuthHmac.TryParseHeader(seen.Authorization, out _, out var signature));
        Assert.True(AuthHmac.Verify(TestData.Secret, "POST", seen.Uri, seen.Body, signature));
        Assert.Equal("a=1&b=é", Encoding.UTF8.GetString(seen.Body));
    }

    [Theory]
    [InlineData("https://rawdata.hb.bizmrg.com/segment/2021.03.30/1.1.abc.csv.gz")]
    [InlineData("http://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1")]
    [InlineData("https://tracker.my.com:8443/api/segment/v1/export/get.json?idSegmentExport=1")]
    [InlineData("https://tracker.my.com.evil.example/api/segment/v1/export/get.json")]
    [InlineData("https://evil.example/?next=https://tracker.my.com/")]
    public async Task Never_signs_another_origin(string url)
    {
        var (client, stub) = Create();
        await client.GetAsync(url);
        Assert.Null(Assert.Single(stub.Requests).Authorization);
    }

    [Fact]
    public async Task Removes_an_AuthHMAC_header_someone_put_on_a_request_to_another_host()
    {
        var (client, stub) = Create();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://rawdata.hb.bizmrg.com/segment/1.csv.gz");
        request.Headers.TryAddWithoutValidation("Authorization", "AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=");
        await client.SendAsync(request);
        Assert.Null(Assert.Single(stub.Requests).Authorization);
    }

    [Fact]
    public async Task Origin_comparison_ignores_host_case_and_path_of_the_base_address()
    {
        var (client, stub) = Create("https://Tracker.My.Com/some/prefix/");
        await client.GetAsync("https://tracker.my.com/storage/download/segment/1.1.abc.csv.gz");
        Assert.StartsWith("AuthHMAC 10001:", Assert.Single(stub.Requests).Authorization);
    }

    [Fact]
    public async Task Signs_the_loopback_worked_example_with_its_port()
    {
        var (client, stub) = Create("http://127.0.0.1:5080/");
        await client.GetAsync("http://127.0.0.1:5080/api/segment/v1/export/get.json?idSegmentExport=42");
        Assert.Equal("AuthHMAC 10001:QP4TxW0wBJ/onLrQUDkZLvUZb8E=", Assert.Single(stub.Requests).Authorization);
    }

    [Fact]
    public void Synchronous_send_signs_buffered_bodies()
    {
        var (client, stub) = Create();
        client.Send(new HttpRequestMessage(HttpMethod.Post, "https://tracker.my.com/api/segment/v1/export/create.json?idSegment=7&requestFields=gaid,idfa"));
        Assert.Equal("AuthHMAC 10001:N8MMzQjP54rVE6qwSBAlE69Srgk=", Assert.Single(stub.Requests).Authorization);
    }
}

public sealed class AuthHmacCanonicalUrlTests
{
    [Theory]
    [InlineData("https://bücher.example/a?b=c", "https://xn--bcher-kva.example/a?b=c")]
    [InlineData("http://[::1]:5080/api/x.json?id=1", "http://[::1]:5080/api/x.json?id=1")]
    [InlineData("https://TRACKER.my.com:443/api/x.json", "https://tracker.my.com/api/x.json")]
    [InlineData("https://tracker.my.com/a b/é?q=ü ü", "https://tracker.my.com/a%20b/%C3%A9?q=%C3%BC%20%C3%BC")]
    public void Canonical_url_is_the_wire_form(string url, string expected)
    {
        Assert.Equal(expected, MyTracker.Client.Auth.AuthHmac.CanonicalUrl(new Uri(url)));
    }
}
