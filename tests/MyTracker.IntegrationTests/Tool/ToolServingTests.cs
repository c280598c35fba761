using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MyTracker.Client.Auth;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Tool;

/// <summary>fake-tracker serving: what it prints is enough to make calls that the server accepts.</summary>
public sealed partial class ToolServingTests
{
    [Fact]
    public async Task Prints_base_url_credentials_seeded_exports_and_a_curl_line_whose_signature_the_server_accepts()
    {
        await using var tool = ToolRun.Start("--port", "0");
        await tool.WaitUntilServingAsync();

        var baseUrl = BaseUrl(await tool.LineAsync("listening on"));
        Assert.Equal("127.0.0.1", baseUrl.Host);
        Assert.NotEqual(0, baseUrl.Port);
        Assert.Contains("API user id 10001   secret key fake-secret-0001", tool.Output.Text, StringComparison.Ordinal);
        Assert.Matches(@"\n  1 +In progress 10%, 64%, then Success! with 2 files", tool.Output.Text);
        Assert.Matches(@"\n  2 +Error occurred", tool.Output.Text);
        Assert.Matches(@"\n  3 +Success! with 1 file", tool.Output.Text);

        var (authorization, url) = ParseCurl(await tool.LineAsync("curl "));
        Assert.Equal(baseUrl.Authority, url.Authority);
        Assert.StartsWith("AuthHMAC 10001:", authorization, StringComparison.Ordinal);

        using var http = new HttpClient();
        var (status, body) = await GetAsync(http, url, authorization);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"In progress\"", body, StringComparison.Ordinal);
        Assert.Contains("\"10%\"", body, StringComparison.Ordinal);

        // The same URL without the header is refused: the printed header is what made it pass.
        var (refused, _) = await GetAsync(http, url, authorization: null);
        Assert.Equal(HttpStatusCode.Forbidden, refused);

        if (ProcessRunner.FindOnPath("curl") is { } curl)
        {
            // The line as printed, run by curl itself: the second poll of export 1 moves it to 64%.
            var result = await ProcessRunner.RunAsync(
                ProcessRunner.Describe(curl, ["-s", "-H", "Authorization: " + authorization, url.ToString()]), ToolRun.Deadline);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("\"64%\"", result.Output, StringComparison.Ordinal);
        }

        Assert.Equal(0, await tool.StopAsync());
        Assert.Contains("Stopped.", tool.Output.Text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, tool.Error.Text);
    }

    [Fact]
    public async Task The_default_banner_is_the_one_the_readme_shows()
    {
        // The README shows port 5080; the test listens on a free port, so the README's text is taken
        // with that port and the curl line signed for it (the signature covers the whole URL).
        var block = Assert.Single(ReadmeCodeBlocks.Read(), b => b.Code.StartsWith("Fake myTracker Export API listening on", StringComparison.Ordinal));
        await using var tool = ToolRun.Start("--port", "0");
        await tool.WaitUntilServingAsync();
        var port = BaseUrl(await tool.LineAsync("listening on")).Port;
        var dashboardLine = await tool.LineAsync("Dashboard: ");
        var dashboardPort = new Uri(dashboardLine.Split(' ')[1]).Port;

        var readmeCurl = ParseCurl(block.Code.Split('\n').Single(l => l.TrimStart().StartsWith("curl ", StringComparison.Ordinal)));
        Assert.Equal(AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", readmeCurl.Url), readmeCurl.Authorization);
        var url = new Uri(readmeCurl.Url.ToString().Replace(":5080/", $":{port}/", StringComparison.Ordinal));
        var expected = block.Code
            .Replace(readmeCurl.Authorization, AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", url), StringComparison.Ordinal)
            .Replace(":5080/", $":{port}/", StringComparison.Ordinal)
            .Replace(":5081/_dashboard/", $":{dashboardPort}/_dashboard/", StringComparison.Ordinal);
        // In-process the tool also serves this project's own fixtures (copied beside the test assembly): their families are extra lines.
        var actual = string.Join('\n', tool.Output.Text.Split('\n').Where(l => !l.StartsWith("  event-export: ", StringComparison.Ordinal) && !l.StartsWith("  link-export: ", StringComparison.Ordinal)));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Another_export_family_is_described_in_its_own_samples_words()
    {
        // Both families in one folder; a scenario file puts one export in each.
        using var temp = new TempDirectory();
        var dir = temp.Path;
        TempDirectory.Copy(Path.Combine(BuildInfo.RepositoryRoot, "fixtures"), dir);
        TempDirectory.Copy(Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "fixtures"), dir);
        var file = Path.Combine(dir, "scenario.json");
        await File.WriteAllTextAsync(file, """
            { "exports": [
                { "id": 4, "area": "event-export", "progress": [20], "ending": "error" },
                { "id": 5, "area": "event-export", "progress": [70], "ending": "staysInProgress" },
                { "id": 6, "progress": [20] } ] }
            """);
        // A folder of event-export alone (this project's fixtures hold link-export too, which would come first by area).
        using var rawOnly = new TempDirectory();
        TempDirectory.Copy(Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "fixtures", "event-export"), Path.Combine(rawOnly.Path, "event-export"));
        await using (var raw = ToolRun.Start("--port", "0", "--fixtures", rawOnly.Path))
        {
            await raw.WaitUntilServingAsync();
            Assert.Equal("  1      processing 10%, 64%, then ready with 2 files of 1,000 rows (one step per poll)", await raw.LineAsync("  1 "));
            Assert.Equal("  2      failed at once", await raw.LineAsync("  2 "));
            Assert.Equal("  3      ready with 1 file of 100 rows at once", await raw.LineAsync("  3 "));
            Assert.EndsWith("starts exports from id 1000: processing 10%, 64%, then ready with 2 files of 1,000 rows (one step per poll)", await raw.LineAsync(" starts exports from id "), StringComparison.Ordinal);
            Assert.DoesNotContain("Success!", raw.Output.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("In progress", raw.Output.Text, StringComparison.Ordinal);
        }

        await using var both = ToolRun.Start("--port", "0", "--fixtures", dir, "--scenarios", file);
        await both.WaitUntilServingAsync();
        Assert.Equal("  4      processing 20%, then failed (one step per poll) (event-export)", await both.LineAsync("  4 "));
        Assert.Equal("  5      processing 70%, then stays processing (one step per poll) (event-export)", await both.LineAsync("  5 "));
        Assert.Equal("  6      In progress 20%, then Success! with 2 files of 1,000 rows (one step per poll)", await both.LineAsync("  6 "));
    }

    [Fact]
    public async Task Seeded_exports_answer_as_the_banner_says_and_unknown_ids_are_404()
    {
        await using var tool = ToolRun.Start("--port", "0");
        await tool.WaitUntilServingAsync();
        var baseUrl = BaseUrl(await tool.LineAsync("listening on"));
        using var http = new HttpClient();

        async Task<(HttpStatusCode Status, string Body)> Poll(long id)
        {
            var url = new Uri(baseUrl, $"api/segment/v1/export/get.json?idSegmentExport={id}");
            return await GetAsync(http, url, AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", url));
        }

        Assert.Contains("\"10%\"", (await Poll(1)).Body, StringComparison.Ordinal);
        Assert.Contains("\"64%\"", (await Poll(1)).Body, StringComparison.Ordinal);
        Assert.Contains("\"Success!\"", (await Poll(1)).Body, StringComparison.Ordinal);
        Assert.Contains("\"Error occurred\"", (await Poll(2)).Body, StringComparison.Ordinal);
        var success = await Poll(3);
        Assert.Contains("\"Success!\"", success.Body, StringComparison.Ordinal);

        // The listed file is really there, as a gzip stream.
        var link = new Uri(LinkPattern().Match(success.Body).Groups[1].Value);
        Assert.Equal(baseUrl.Authority, link.Authority);
        Assert.Contains($"Download links: {baseUrl}storage/download/segment/... (the API's own host", tool.Output.Text, StringComparison.Ordinal);
        using var download = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x1f, 0x8b], bytes[..2]);

        var unknown = await Poll(99);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("Segment export request not found", unknown.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Urls_option_binds_the_given_loopback_address()
    {
        await using var tool = ToolRun.Start("--urls", "http://127.0.0.1:0");
        await tool.WaitUntilServingAsync();
        var baseUrl = BaseUrl(await tool.LineAsync("listening on"));
        Assert.Equal("127.0.0.1", baseUrl.Host);
        Assert.NotEqual(0, baseUrl.Port);
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--urls")]
    public async Task A_fixed_port_on_127_0_0_1_listens_there_only(string option)
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var tool = ToolRun.Start(option, option == "--port" ? port.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"http://127.0.0.1:{port}");
        await tool.WaitUntilServingAsync();

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), BaseUrl(await tool.LineAsync("listening on")));
        using var v6 = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetworkV6, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => v6.ConnectAsync(IPAddress.IPv6Loopback, port));
        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task Link_host_puts_download_links_on_another_host_and_the_banner_says_what_it_stands_for()
    {
        await using var tool = ToolRun.Start("--port", "0", "--link-host", "localhost");
        await tool.WaitUntilServingAsync();
        var baseUrl = BaseUrl(await tool.LineAsync("listening on"));

        Assert.Equal(
            $"Download links: http://localhost:{baseUrl.Port}/storage/download/segment/... (localhost stands in for a separate storage host: a client must not send Authorization there)",
            await tool.LineAsync("Download links"));
        var url = new Uri(baseUrl, "api/segment/v1/export/get.json?idSegmentExport=3");
        using var http = new HttpClient();
        var (_, body) = await GetAsync(http, url, AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", url));
        var link = new Uri(LinkPattern().Match(body).Groups[1].Value);
        Assert.Equal("localhost", link.Host);
        using var download = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_ranges_serves_every_download_whole_as_plain_storage_does_and_the_banner_says_so(bool noRanges)
    {
        await using var tool = ToolRun.Start(noRanges ? ["--port", "0", "--no-ranges"] : ["--port", "0"]);
        await tool.WaitUntilServingAsync();
        var baseUrl = BaseUrl(await tool.LineAsync("listening on"));
        var linksLine = await tool.LineAsync("Download links");
        Assert.Equal(noRanges, linksLine.EndsWith("; no Range support (--no-ranges): every download is the whole file", StringComparison.Ordinal));

        var url = new Uri(baseUrl, "api/segment/v1/export/get.json?idSegmentExport=3");
        using var http = new HttpClient();
        var (_, body) = await GetAsync(http, url, AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", url));
        var link = new Uri(LinkPattern().Match(body).Groups[1].Value);
        using var whole = await http.GetAsync(link);
        var length = (await whole.Content.ReadAsByteArrayAsync()).Length;
        using var request = new HttpRequestMessage(HttpMethod.Get, link) { Headers = { Range = new RangeHeaderValue(10, null) } };
        using var ranged = await http.SendAsync(request);

        Assert.Equal(noRanges ? [] : ["bytes"], whole.Headers.AcceptRanges);
        Assert.Equal(noRanges ? HttpStatusCode.OK : HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(noRanges ? length : length - 10, (await ranged.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task No_auth_serves_requests_without_a_signature_and_says_so()
    {
        await using var tool = ToolRun.Start("--port", "0", "--no-auth");
        await tool.WaitUntilServingAsync();
        Assert.Contains("Authentication is off", tool.Output.Text, StringComparison.Ordinal);

        var (_, url) = ParseCurl(await tool.LineAsync("curl "), expectHeader: false);
        using var http = new HttpClient();
        var (status, body) = await GetAsync(http, url, authorization: null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"In progress\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_prints_one_line_per_request()
    {
        await using var tool = ToolRun.Start("--port", "0", "--log");
        await tool.WaitUntilServingAsync();
        var (authorization, url) = ParseCurl(await tool.LineAsync("curl "));
        using var http = new HttpClient();
        await GetAsync(http, url, authorization);
        await GetAsync(http, url, authorization: null);

        Assert.Matches(@"#1 GET /api/segment/v1/export/get\.json\?idSegmentExport=1 -> 200 Served \[In progress 10%\]", await tool.LineAsync("#1 GET"));
        Assert.Contains("-> 403 Refused", await tool.LineAsync("#2 GET"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_api_is_served_behind_basic_auth()
    {
        await using var tool = ToolRun.Start("--port", "0", "--admin-user", "ops", "--admin-password", "s3cret");
        await tool.WaitUntilServingAsync();
        var adminLine = await tool.LineAsync("WireMock admin API");
        Assert.Contains("basic auth ops / s3cret", adminLine, StringComparison.Ordinal);
        var adminUrl = new Uri(adminLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("ops:s3cret"u8.ToArray()));

        using var http = new HttpClient();
        using (var anonymous = await http.GetAsync(new Uri(adminUrl, "health")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var health = new HttpRequestMessage(HttpMethod.Get, new Uri(adminUrl, "health")) { Headers = { Authorization = basic } })
        using (var healthy = await http.SendAsync(health))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        using (var list = new HttpRequestMessage(HttpMethod.Get, new Uri(adminUrl, "mappings")) { Headers = { Authorization = basic } })
        using (var mappings = await http.SendAsync(list))
        {
            Assert.Equal(HttpStatusCode.OK, mappings.StatusCode);
            using var document = System.Text.Json.JsonDocument.Parse(await mappings.Content.ReadAsStringAsync());
            Assert.Equal(System.Text.Json.JsonValueKind.Array, document.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task Admin_without_a_password_prints_a_generated_one()
    {
        await using var tool = ToolRun.Start("--port", "0", "--admin");
        await tool.WaitUntilServingAsync();
        Assert.Matches(@"basic auth admin / [0-9a-f]{16}$", await tool.LineAsync("WireMock admin API"));
    }

    [Fact]
    public async Task Default_port_is_5080_or_a_clear_busy_message()
    {
        // 5080 may be taken by a developer's own fake-tracker on this machine; both outcomes are specified.
        var scenario = Path.Combine(Path.GetTempPath(), $"fake-tracker-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(scenario, """{ "exports": [ { "id": 42 } ] }""");
        try
        {
            await using var tool = ToolRun.Start("--scenarios", scenario);
            var ready = tool.Output.WaitForLineAsync("Press Ctrl+C to stop.");
            if (await Task.WhenAny(ready, tool.Completion).WaitAsync(ToolRun.Deadline) == tool.Completion)
            {
                Assert.Equal(2, await tool.Completion);
                Assert.Contains("port 5080 on 127.0.0.1 is already in use", tool.Error.Text, StringComparison.Ordinal);
                return;
            }

            Assert.Contains("listening on http://127.0.0.1:5080/", tool.Output.Text, StringComparison.Ordinal);

            // The reference's third worked example, byte for byte.
            Assert.Equal(
                "curl -s -H 'Authorization: AuthHMAC 10001:QP4TxW0wBJ/onLrQUDkZLvUZb8E=' 'http://127.0.0.1:5080/api/segment/v1/export/get.json?idSegmentExport=42'",
                (await tool.LineAsync("curl ")).Trim());
        }
        finally
        {
            File.Delete(scenario);
        }
    }

    internal static Uri BaseUrl(string bannerLine) => new(bannerLine[(bannerLine.IndexOf("http://", StringComparison.Ordinal))..].Trim());

    internal static (string Authorization, Uri Url) ParseCurl(string line, bool expectHeader = true)
    {
        var match = CurlPattern().Match(line);
        Assert.True(match.Success, $"not a curl line: {line}");
        Assert.Equal(expectHeader, match.Groups["header"].Success);
        var header = match.Groups["header"].Value;
        return (header.StartsWith("Authorization: ", StringComparison.Ordinal) ? header["Authorization: ".Length..] : header, new Uri(match.Groups["url"].Value));
    }

    internal static Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, Uri url, string? authorization) =>
        SendAsync(http, HttpMethod.Get, url, authorization);

    /// <summary>Sends what a banner curl line sends: its method, its URL and its Authorization header, if any.</summary>
    internal static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, HttpMethod method, Uri url, string? authorization)
    {
        using var request = new HttpRequestMessage(method, url);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"^\s*curl -s (?:-X POST )?(?:-H '(?<header>[^']+)' )?'(?<url>[^']+)'\s*$")]
    private static partial Regex CurlPattern();

    [GeneratedRegex("\"link\": ?\"([^\"]+)\"")]
    private static partial Regex LinkPattern();
}
