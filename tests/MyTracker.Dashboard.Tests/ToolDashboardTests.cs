using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.Dashboard.Tests;

/// <summary>The standalone tool's dashboard: on by default with its URL in the banner, off with --no-dashboard, and its Reset seeds the tool's exports again.</summary>
public sealed partial class ToolDashboardTests
{
    [Fact]
    public async Task The_banner_prints_the_dashboard_url_and_its_reset_seeds_the_exports_again()
    {
        await using var tool = ToolRun.Start("--port", "0");
        await tool.WaitUntilServingAsync();
        var line = await tool.LineAsync("Dashboard: ");
        var url = new Uri(line.Split(' ')[1]);
        Assert.Equal("127.0.0.1", url.Host);
        Assert.Equal("/_dashboard/", url.AbsolutePath);

        using var http = new HttpClient();
        var page = await http.GetStringAsync(url);
        var token = TokenMeta().Match(page).Groups[1].Value;
        var api = new Uri(tool.Output.Lines.First(l => l.Contains("listening on", StringComparison.Ordinal)).Split(' ')[^1]);
        using (var create = new HttpRequestMessage(HttpMethod.Post, new Uri(api, "api/segment/v1/export/create.json?idSegment=5")))
        {
            create.Headers.TryAddWithoutValidation("Authorization", MyTracker.Client.Auth.AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "POST", create.RequestUri!));
            using var created = await http.SendAsync(create);
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        using var reset = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "api/reset")) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        reset.Headers.Add("X-Fake-Dashboard-Token", token);
        using var answer = await http.SendAsync(reset);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        // Exports 1-3 of the seed are back; the created one is gone.
        using var events = await http.GetStreamAsync(new Uri(url, "events"));
        using var reader = new StreamReader(events);
        string? data = null;
        while (data is null && await reader.ReadLineAsync().WaitAsync(ToolRun.Deadline) is { } next)
        {
            data = next.StartsWith("data: ", StringComparison.Ordinal) ? next : null;
        }

        Assert.NotNull(data);
        Assert.Equal(["1", "2", "3"], ExportId().Matches(data).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task No_dashboard_serves_none_and_the_banner_says_nothing_of_it()
    {
        await using var tool = ToolRun.Start("--port", "0", "--no-dashboard");
        await tool.WaitUntilServingAsync();
        Assert.DoesNotContain("Dashboard", tool.Output.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("_dashboard", tool.Output.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex("<meta name=\"dashboard-token\" content=\"([0-9a-f]{32})\">")]
    private static partial Regex TokenMeta();

    [GeneratedRegex("\"area\":\"segment-export\",\"user\":\"10001\",\"id\":(\\d+)")]
    private static partial Regex ExportId();
}
