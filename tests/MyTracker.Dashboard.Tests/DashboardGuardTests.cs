using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MyTracker.Fake;

namespace MyTracker.Dashboard.Tests;

/// <summary>
/// The dashboard changes state only for its own page: a write needs the page's token in a header, JSON,
/// and its own origin; a request naming another host (DNS rebinding) is refused; off loopback it needs the
/// admin credentials; in-process it is off unless asked for.
/// </summary>
public sealed partial class DashboardGuardTests
{
    [Fact]
    public async Task In_process_the_dashboard_is_off_unless_asked_for_and_on_its_own_port()
    {
        await using (var plain = await FakeTracker.StartAsync())
        {
            Assert.Null(plain.Dashboard);
        }

        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Dashboard = true });
        var url = fake.Dashboard!.Url;
        Assert.Equal("127.0.0.1", url.Host);
        Assert.NotEqual(fake.BaseUrl.Port, url.Port);
        Assert.Equal("/_dashboard/", url.AbsolutePath);

        // The API's port does not serve it, and its own port serves nothing else.
        using var http = new HttpClient();
        using var onApi = await http.GetAsync(new Uri(fake.BaseUrl, "_dashboard/"));
        Assert.Equal(HttpStatusCode.NotFound, onApi.StatusCode);
        using var other = await http.GetAsync(new Uri(url, "../api/segment/v1/export/get.json"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/json; charset=utf-8", other.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task A_write_without_the_pages_token_json_and_own_origin_changes_nothing()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Dashboard = true });
        fake.Given(FakeScenario.Default);
        using var http = new HttpClient();
        var reset = new Uri(fake.Dashboard!.Url, "api/reset");
        var token = await TokenAsync(http, fake.Dashboard.Url);

        // A form another site could submit: no custom header, a simple content type.
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(http, reset, null, "application/x-www-form-urlencoded", null));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(http, reset, "wrong-token", "application/json", null));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(http, reset, token, "text/plain", null));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(http, reset, token, "application/json", "http://evil.example"));
        Assert.Equal(3, fake.GetExports().Count);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, reset, token, "application/json", fake.Dashboard.Url.GetLeftPart(UriPartial.Authority)));
        Assert.Empty(fake.GetExports());
    }

    [Fact]
    public async Task A_request_that_names_another_host_is_refused_and_a_bad_control_gets_its_reason()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Dashboard = true });
        using var http = new HttpClient();
        using (var rebound = new HttpRequestMessage(HttpMethod.Get, fake.Dashboard!.Url))
        {
            rebound.Headers.Host = "attacker.example:" + fake.Dashboard.Url.Port;
            using var refused = await http.SendAsync(rebound);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("Host header", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var token = await TokenAsync(http, fake.Dashboard.Url);
        using var bad = new HttpRequestMessage(HttpMethod.Post, new Uri(fake.Dashboard.Url, "api/fault"))
        {
            Content = new StringContent("""{"target":"poll","kind":"meteor strike"}""", Encoding.UTF8, "application/json"),
        };
        bad.Headers.Add("X-Fake-Dashboard-Token", token);
        using var answer = await http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("poll faults: server error 500", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Off_loopback_the_dashboard_needs_the_admin_credentials()
    {
        // Refused before anything listens.
        var problem = Assert.Throws<ArgumentException>(() => FakeTracker.Start(new FakeTrackerOptions { Host = "0.0.0.0", Dashboard = true }));
        Assert.Contains("needs AdminUsername and AdminPassword", problem.Message, StringComparison.Ordinal);
        Assert.True(FakeDashboard.IsLoopbackHost("127.0.0.1"));
        Assert.True(FakeDashboard.IsLoopbackHost("::1"));
        Assert.True(FakeDashboard.IsLoopbackHost("localhost"));
        Assert.False(FakeDashboard.IsLoopbackHost("0.0.0.0"));
        Assert.False(FakeDashboard.IsLoopbackHost("192.168.1.10"));
    }

    private static async Task<string> TokenAsync(HttpClient http, Uri page)
    {
        var html = await http.GetStringAsync(page);
        return TokenMeta().Match(html).Groups[1].Value;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri url, string? token, string contentType, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{}", Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
        {
            request.Headers.Add("X-Fake-Dashboard-Token", token);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex("<meta name=\"dashboard-token\" content=\"([0-9a-f]{32})\">")]
    private static partial Regex TokenMeta();
}
