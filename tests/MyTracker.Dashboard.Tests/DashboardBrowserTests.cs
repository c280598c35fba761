using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MyTracker.Dashboard.Tests.Support;
using MyTracker.Fake;
using MyTracker.IntegrationTests.Support;
using static Microsoft.Playwright.Assertions;

namespace MyTracker.Dashboard.Tests;

/// <summary>
/// The dashboard of a running fake, in headless chromium: what it shows arrives pushed (no reload),
/// its controls change what the fake answers, and it is usable from the keyboard alone.
/// </summary>
public sealed partial class DashboardBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string SegmentExport1 = "#exports tr[data-export='segment-export|10001|1']";

    [Fact]
    public async Task The_page_loads_without_console_errors_and_shows_endpoints_scenarios_exports_and_nothing_armed()
    {
        await using var fake = await StartAsync();
        var (page, errors) = await chromium.OpenAsync(fake.Dashboard!.Url);

        await Expect(page.Locator("#base-url")).ToHaveTextAsync(fake.BaseUrl.ToString());
        await Expect(page.Locator("#endpoints tr[data-endpoint='segment-export/get']")).ToContainTextAsync("200 success (default)");
        await Expect(page.Locator("#endpoints tr[data-endpoint='segment-export/get']")).ToContainTextAsync("404 not-found");
        await Expect(page.Locator("#exports tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator(SegmentExport1 + " td[data-col=state]")).ToHaveTextAsync("not polled yet");
        await Expect(page.Locator(SegmentExport1 + " td[data-col=next]")).ToHaveTextAsync("In progress 10%");
        await Expect(page.Locator("#armed")).ToHaveTextAsync("none armed");

        // Every asset came from the fake itself: the page makes no request elsewhere.
        var sources = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => e.name)");
        Assert.All(sources, s => Assert.StartsWith(fake.Dashboard.Url.GetLeftPart(UriPartial.Authority), s, StringComparison.Ordinal));
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_poll_made_with_curl_appears_in_the_journal_and_moves_the_exports_progress_without_a_reload()
    {
        await using var fake = await StartAsync();
        var (page, errors) = await chromium.OpenAsync(fake.Dashboard!.Url);
        await Expect(page.Locator(SegmentExport1 + " td[data-col=progress]")).ToHaveTextAsync("—");
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        var (status, body) = await Curl.RunAsync(fake.CurlCommand(1));
        Assert.Equal(200, status);
        Assert.Contains("\"10%\"", body, StringComparison.Ordinal);

        var poll = page.Locator("#journal tbody tr").Filter(new() { HasText = "get.json?idSegmentExport=1" });
        await Expect(poll).ToHaveCountAsync(1);
        await Expect(poll.Locator("td[data-col=outcome]")).ToHaveTextAsync("Served");
        await Expect(poll.Locator("td[data-col=served]")).ToHaveTextAsync("In progress 10%");
        await Expect(page.Locator(SegmentExport1 + " td[data-col=progress]")).ToHaveTextAsync("10%");
        await Expect(page.Locator(SegmentExport1 + " td[data-col=polls]")).ToHaveTextAsync("1");
        await Expect(page.Locator(SegmentExport1 + " td[data-col=next]")).ToHaveTextAsync("In progress 64%");

        (status, _) = await Curl.RunAsync(fake.CurlCommand(1));
        Assert.Equal(200, status);
        await Expect(page.Locator(SegmentExport1 + " td[data-col=progress]")).ToHaveTextAsync("64%");
        await Expect(poll).ToHaveCountAsync(2);

        Assert.Equal(0, navigations);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Arming_fail_next_poll_makes_the_next_poll_answer_the_fault_and_only_that_one()
    {
        await using var fake = await StartAsync();
        var (page, errors) = await chromium.OpenAsync(fake.Dashboard!.Url);

        await page.SelectOptionAsync("#fault-target", "poll");
        await page.SelectOptionAsync("#fault-kind", "server error 503");
        await page.ClickAsync("#arm-fault");
        await Expect(page.Locator("#message")).ToContainTextAsync("Armed server error 503 on the next poll");
        await Expect(page.Locator("#armed")).ToContainTextAsync("server error 503 on poll #1, every export (armed)");

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await PollAsync(fake, http, 2));
        Assert.Equal(HttpStatusCode.OK, await PollAsync(fake, http, 2));

        var polls = page.Locator("#journal tbody tr").Filter(new() { HasText = "idSegmentExport=2" });
        await Expect(polls).ToHaveCountAsync(2);
        await Expect(polls.Last.Locator("td[data-col=status]")).ToHaveTextAsync("503");
        await Expect(polls.Last.Locator("td[data-col=outcome]")).ToHaveTextAsync("Faulted");
        await Expect(polls.First.Locator("td[data-col=status]")).ToHaveTextAsync("200");
        await Expect(page.Locator("#armed")).ToContainTextAsync("(used)");
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_forged_signatures_403_shows_its_reason_and_the_filter_finds_it()
    {
        await using var fake = await StartAsync();
        var (page, errors) = await chromium.OpenAsync(fake.Dashboard!.Url);

        using var http = new HttpClient();
        var url = fake.GetStatusUrl(1);
        Assert.Equal(HttpStatusCode.OK, await PollAsync(fake, http, 1));
        using (var forged = new HttpRequestMessage(HttpMethod.Get, url))
        {
            forged.Headers.TryAddWithoutValidation("Authorization", "AuthHMAC 10001:AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
            using var refused = await http.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var row = page.Locator("#journal tbody tr.refused");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td[data-col=status]")).ToHaveTextAsync("403");
        await Expect(row.Locator("td[data-col=reason]")).ToHaveTextAsync($"signature does not match GET {url} (signed as sent, nothing normalized)");

        await page.SelectOptionAsync("#filter-outcome", "Refused");
        await Expect(page.Locator("#journal tbody tr")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#filter-outcome", string.Empty);
        await page.FillAsync("#filter-text", "does not match");
        await Expect(page.Locator("#journal tbody tr")).ToHaveCountAsync(1);
        await page.FillAsync("#filter-text", string.Empty);
        await Expect(page.Locator("#journal tbody tr")).ToHaveCountAsync(2);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_copied_curl_line_run_by_curl_gets_200_for_any_endpoint()
    {
        await using var fake = await StartAsync();
        var (page, errors) = await chromium.OpenAsync(fake.Dashboard!.Url);
        await chromium.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = fake.Dashboard.Url.GetLeftPart(UriPartial.Authority) });

        // The status endpoint: its example target names a seeded export.
        await page.SelectOptionAsync("#curl-endpoint", "segment-export/get");
        await Expect(page.Locator("#curl-target")).ToHaveValueAsync("/api/segment/v1/export/get.json?idSegmentExport=1");
        await page.ClickAsync("#make-curl");
        await Expect(page.Locator("#curl-line")).ToHaveValueAsync(new Regex("^curl -s -H 'Authorization: AuthHMAC 10001:"));
        await page.ClickAsync("#copy-curl");
        await Expect(page.Locator("#message")).ToHaveTextAsync("Copied the curl line.");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(await page.InputValueAsync("#curl-line"), copied);

        var (status, body) = await Curl.RunAsync(copied);
        Assert.Equal(200, status);
        Assert.Contains("\"In progress\"", body, StringComparison.Ordinal);

        // Create, a POST, with a target edited by hand: signed for exactly that URL.
        await page.SelectOptionAsync("#curl-endpoint", "segment-export/create");
        await page.FillAsync("#curl-target", "/api/segment/v1/export/create.json?idSegment=77");
        await page.ClickAsync("#make-curl");
        await Expect(page.Locator("#curl-line")).ToHaveValueAsync(new Regex("^curl -s -X POST -H 'Authorization: AuthHMAC 10001:.*idSegment=77'$"));
        (status, body) = await Curl.RunAsync(await page.InputValueAsync("#curl-line"));
        Assert.Equal(200, status);
        Assert.Contains("1000", body, StringComparison.Ordinal);
        await Expect(page.Locator("#exports tr[data-export='segment-export|10001|1000']")).ToHaveCountAsync(1);

        Assert.Empty(errors);

        // A target that is not a path is refused with the reason, not signed (chromium logs the 400 itself).
        await page.FillAsync("#curl-target", "http://elsewhere.example/");
        await page.ClickAsync("#make-curl");
        await Expect(page.Locator("#message")).ToContainTextAsync("the request target is a path");
        Assert.All(errors, e => Assert.Contains("status of 400", e, StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_next_answer_and_an_exports_ending_chosen_on_the_page_are_what_the_fake_answers()
    {
        await using var fake = await StartAsync();
        var (page, errors) = await chromium.OpenAsync(fake.Dashboard!.Url);
        using var http = new HttpClient();

        await page.SelectOptionAsync("#answer-endpoint", "segment-export/get");
        await page.SelectOptionAsync("#answer-scenario", "not-found");
        await page.ClickAsync("#set-answer");
        await Expect(page.Locator("#armed")).ToContainTextAsync("next answer of segment-export/get: not-found (armed)");
        Assert.Equal(HttpStatusCode.NotFound, await PollAsync(fake, http, 1));
        await Expect(page.Locator("#armed")).ToHaveTextAsync("none armed");

        // Export 1 would go 10%, 64%, then succeed; it now fails after its steps.
        Assert.Equal(HttpStatusCode.OK, await PollAsync(fake, http, 1));
        await page.SelectOptionAsync("#ending-export", "segment-export|10001|1");
        await page.SelectOptionAsync("#ending-choice", "ErrorOccurred");
        await page.ClickAsync("#set-ending");
        await Expect(page.Locator("#message")).ToHaveTextAsync("Export 1 (segment-export) now ends with ErrorOccurred.");
        Assert.Equal(HttpStatusCode.OK, await PollAsync(fake, http, 1));
        Assert.Equal(HttpStatusCode.OK, await PollAsync(fake, http, 1));
        await Expect(page.Locator(SegmentExport1 + " td[data-col=state]")).ToHaveTextAsync("Error occurred");

        // Reset forgets everything the page did (and the in-process fake has no seed to give back).
        await page.ClickAsync("#reset");
        await Expect(page.Locator("#exports tbody tr")).ToHaveCountAsync(0);
        await Expect(page.Locator("#journal tbody tr")).ToHaveCountAsync(0);
        Assert.Empty(fake.GetExports());
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Tab_reaches_every_control_each_has_a_label_and_Enter_works_them()
    {
        await using var fake = await StartAsync();
        var (page, errors) = await chromium.OpenAsync(fake.Dashboard!.Url);

        var controls = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('button, select, input, textarea, a[href]')]
              .filter(e => !e.disabled && e.getClientRects().length > 0)
              .map(e => e.id + '|' + ((e.labels && e.labels.length > 0) || e.hasAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent.trim())
                ? 'labelled' : 'unlabelled'))
            """);
        Assert.True(controls.Length >= 15, string.Join(", ", controls));
        Assert.All(controls, c => Assert.EndsWith("|labelled", c, StringComparison.Ordinal));
        var ids = controls.Select(c => c.Split('|')[0]).ToHashSet();
        Assert.DoesNotContain(string.Empty, ids);

        var reached = new HashSet<string>();
        for (var press = 0; press < (ids.Count * 2) + 20 && !ids.IsSubsetOf(reached); press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.id : ''");
            reached.Add(focused);
            if (focused == "fault-kind")
            {
                // The keyboard alone arms a fault: choose with the arrow keys, then Tab on and Enter.
                await page.Keyboard.PressAsync("ArrowDown");
            }
            else if (focused == "arm-fault")
            {
                await page.Keyboard.PressAsync("Enter");
                await Expect(page.Locator("#message")).ToContainTextAsync("Armed server error 503 on the next poll");
            }
        }

        Assert.Empty(ids.Except(reached));
        await Expect(page.Locator("#armed")).ToContainTextAsync("server error 503 on poll #1");
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_screenshot_of_a_busy_dashboard_is_a_png()
    {
        await using var fake = await StartAsync();
        var (page, errors) = await chromium.OpenAsync(fake.Dashboard!.Url);
        using var http = new HttpClient();
        fake.WithFault(Fault.ServerError(503).OnPoll(3));
        foreach (var id in new long[] { 1, 1, 2, 1, 3 })
        {
            await PollAsync(fake, http, id);
        }

        using (var forged = new HttpRequestMessage(HttpMethod.Get, fake.GetStatusUrl(2)))
        {
            forged.Headers.TryAddWithoutValidation("Authorization", "AuthHMAC 10001:AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
            (await http.SendAsync(forged)).Dispose();
        }

        await page.SelectOptionAsync("#curl-endpoint", "segment-export/get");
        await page.ClickAsync("#make-curl");
        await Expect(page.Locator("#journal tbody tr")).ToHaveCountAsync(6);
        await Expect(page.Locator("#curl-line")).ToHaveValueAsync(new Regex("^curl "));

        var shot = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        var bytes = await File.ReadAllBytesAsync(shot);
        Assert.True(bytes.Length > 10_000, $"{bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

        // MYTRACKER_DOCS_SCREENSHOT=1 refreshes the one the docs show (docs/images/dashboard.png).
        if (Environment.GetEnvironmentVariable("MYTRACKER_DOCS_SCREENSHOT") == "1")
        {
            File.Copy(shot, Path.Combine(BuildInfo.RepositoryRoot, "docs", "images", "dashboard.png"), overwrite: true);
        }

        Assert.Empty(errors);
        await page.CloseAsync();
    }

    private static async Task<FakeTracker> StartAsync()
    {
        var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Dashboard = true });
        fake.Given(FakeScenario.Default);
        return fake;
    }

    private static async Task<HttpStatusCode> PollAsync(FakeTracker fake, HttpClient http, long id)
    {
        var url = fake.GetStatusUrl(id);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", fake.Sign(HttpMethod.Get, url));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
