using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MyTracker.Fake.Testing;
using MyTracker.Fake.Tests.Support;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.Fake.Tests.Mappings;

public sealed class MappingExportTests
{
    [Fact]
    public async Task A_stock_WireMockNet_server_steps_through_the_lifecycle_and_serves_files_once_listed()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 3));
        using var stock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var served = new Uri(stock.Url! + "/");
        stock.WithMapping(fake.ExportWireMockMappings(new WireMockMappingOptions { BaseUrl = served }));
        using var http = new HttpClient { BaseAddress = served };
        var ownNames = fake.ExportWireMockMappings(); // links at the fake's own address, names as they will be listed
        var firstFile = Regex.Match(ownNames, "segment/(1\\.1\\.[0-9a-f]{32}\\.csv\\.gz)").Groups[1].Value;

        var early = await http.GetAsync("storage/download/segment/" + firstFile);
        var polls = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            polls.Add((await Get(http, fake, served, "api/segment/v1/export/get.json?idSegmentExport=1")).Body);
        }

        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Equal(["In progress", "In progress", "Success!", "Success!"], polls.Select(p => p.Status()));
        Assert.Equal("64%", polls[1].GetProperty("data").GetProperty("progress").GetString());
        var links = polls[3].Files();
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Equal(served.Authority, l.Link.Authority));
        Assert.EndsWith(firstFile, links[0].Link.AbsolutePath, StringComparison.Ordinal);
        for (var file = 1; file <= 2; file++)
        {
            var bytes = await http.GetByteArrayAsync(links[file - 1].Link);
            Assert.Equal(fake.GetExpectedCsv(1, file), Wire.Gunzip(bytes));
        }
    }

    [Fact]
    public async Task Another_export_family_is_exported_at_its_own_paths_and_labelled_in_its_own_words()
    {
        // report-export only: its paths, its id parameter, its file folder, "pending"/"done"/"failed".
        using var folder = new Generic.FixtureFolder();
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = folder.Path });
        fake.Given(Export.WithId(7).InProgress(40).ThenSuccess(files: 1, rowsPerFile: 2));
        fake.Given(Export.WithId(8).ErrorOccurred());
        using var stock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var served = new Uri(stock.Url! + "/");
        var json = fake.ExportWireMockMappings(new WireMockMappingOptions { BaseUrl = served, CreatedExports = 1 });
        stock.WithMapping(json);
        using var http = new HttpClient { BaseAddress = served };

        var polls = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            polls.Add((await Get(http, fake, served, "api/report/v1/export/get.json?idReportExport=7")).Body);
        }

        var failed = (await Get(http, fake, served, "api/report/v1/export/get.json?idReportExport=8")).Body;
        var unknown = await Get(http, fake, served, "api/report/v1/export/get.json?idReportExport=99");
        var created = await http.SendAsync(Wire.Signed(HttpMethod.Post, new Uri(served, "api/report/v1/export/create.json?idReport=1"), fake.DefaultUser)).Read();

        Assert.Equal(["pending", "done", "done"], polls.Select(p => p.Status()));
        Assert.Equal("failed", failed.Status());
        Assert.Equal(404, unknown.Status);
        Assert.Equal("Report export not found", unknown.Body.Detail());
        Assert.Equal("1000", created.Body.GetProperty("data").GetProperty("idReportExport").GetString());
        var link = Assert.Single(polls[2].Files()).Link;
        Assert.StartsWith("/reports/", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(fake.GetExpectedCsv(7, 1, area: "report-export"), Wire.Gunzip(await http.GetByteArrayAsync(link)));

        using var document = JsonDocument.Parse(json);
        var titles = document.RootElement.EnumerateArray().Select(m => m.GetProperty("Title").GetString()!).ToList();
        Assert.Contains("get.json 7 of 10001, poll 1: pending 40%", titles);
        Assert.Contains("get.json 7 of 10001, every later poll: done with 1 file(s)", titles);
        Assert.Contains("get.json 8 of 10001, every later poll: failed", titles);
        Assert.DoesNotContain(titles, t => t.Contains("In progress", StringComparison.Ordinal) || t.Contains("Success!", StringComparison.Ordinal));
        Assert.DoesNotContain("/segment/", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_family_with_the_id_in_the_path_is_exported_with_the_id_in_the_path()
    {
        using var folder = new Generic.FixtureFolder(new Dictionary<string, string>
        {
            ["x-export/start/endpoint.json"] = """{ "method": "POST", "path": "/api/x/v1/exports.json", "parameters": [ { "name": "idThing", "in": "query", "type": "integer", "required": true } ] }""",
            ["x-export/start/200.started.json"] = """{ "code": 200, "message": "Ok", "data": { "idXExport": 9 } }""",
            ["x-export/state/endpoint.json"] = """{ "method": "GET", "path": "/api/x/v1/exports/{idXExport}.json", "parameters": [ { "name": "idXExport", "in": "path", "type": "integer", "required": true } ] }""",
            ["x-export/state/200.running.json"] = """{ "code": 200, "message": "Ok", "data": { "idXExport": 9, "state": "running", "progress": "35%" } }""",
            ["x-export/state/200.done.json"] = """{ "code": 200, "message": "Ok", "data": { "idXExport": 9, "state": "done", "files": [ "https://cdn.example.net/x/9.1.csv.gz" ] } }""",
        });
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = folder.Path });
        fake.Given(Export.WithId(7).InProgress(40).ThenSuccess(files: 1, rowsPerFile: 2));
        using var stock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var served = new Uri(stock.Url! + "/");
        stock.WithMapping(fake.ExportWireMockMappings(new WireMockMappingOptions { BaseUrl = served }));
        using var http = new HttpClient { BaseAddress = served };

        var first = (await Get(http, fake, served, "api/x/v1/exports/7.json")).Body;
        var second = (await Get(http, fake, served, "api/x/v1/exports/7.json")).Body;

        Assert.Equal("40%", first.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal("done", second.GetProperty("data").GetProperty("state").GetString());
        Assert.Equal(new Uri(fake.BaseUrl, "api/x/v1/exports/7.json"), fake.GetStatusUrl(7));
    }

    [Fact]
    public async Task An_export_already_polled_continues_from_its_current_step()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenError());
        using (var live = Wire.Client(fake))
        {
            await live.Poll(fake, 1).Read();
        }

        using var stock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var served = new Uri(stock.Url! + "/");
        stock.WithMapping(fake.ExportWireMockMappings());
        using var http = new HttpClient { BaseAddress = served };

        var first = (await Get(http, fake, served, "api/segment/v1/export/get.json?idSegmentExport=1")).Body;
        var second = (await Get(http, fake, served, "api/segment/v1/export/get.json?idSegmentExport=1")).Body;

        Assert.Equal("64%", first.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal("Error occurred", second.Status());
    }

    [Fact]
    public async Task The_wiremock_org_dialect_chains_one_scenario_per_export_from_Started()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10).ThenSuccess(files: 1, rowsPerFile: 3));
        using var document = JsonDocument.Parse(fake.ExportWireMockMappings(new WireMockMappingOptions { Format = WireMockMappingFormat.WireMockOrg, CreatedExports = 0 }));
        var mappings = document.RootElement.GetProperty("mappings").EnumerateArray().ToList();
        var export = mappings.Where(m => m.TryGetProperty("scenarioName", out var s) && s.GetString() == "export 1 of 10001").ToList();

        // poll 1 (Started -> served step 1), poll 2 (-> served step 2), every later poll (loops), the file.
        Assert.Equal(4, export.Count);
        Assert.Equal("Started", export[0].GetProperty("requiredScenarioState").GetString());
        Assert.Equal(export[0].GetProperty("newScenarioState").GetString(), export[1].GetProperty("requiredScenarioState").GetString());
        Assert.Equal(export[2].GetProperty("requiredScenarioState").GetString(), export[2].GetProperty("newScenarioState").GetString());
        Assert.Equal(export[2].GetProperty("requiredScenarioState").GetString(), export[3].GetProperty("requiredScenarioState").GetString());
        Assert.True(export[3].GetProperty("response").TryGetProperty("base64Body", out _));
        Assert.Equal("^AuthHMAC (10001):.+$", export[0].GetProperty("request").GetProperty("headers").GetProperty("Authorization").GetProperty("matches").GetString());
        var denied = mappings.Single(m => m.GetProperty("response").GetProperty("status").GetInt32() == 403 && m.GetProperty("request").GetProperty("method").GetString() == "GET");
        Assert.False(denied.GetProperty("request").TryGetProperty("headers", out _));
        Assert.DoesNotContain(mappings, m => m.GetProperty("request").GetProperty("method").GetString() == "POST" && m.TryGetProperty("scenarioName", out _));
    }

    [Fact]
    public async Task Create_json_hands_out_the_chosen_number_of_exports_then_says_none_is_left()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var stock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var served = new Uri(stock.Url! + "/");
        stock.WithMapping(fake.ExportWireMockMappings(new WireMockMappingOptions { CreatedExports = 2, BaseUrl = served }));
        using var http = new HttpClient { BaseAddress = served };
        async Task<(int Status, JsonElement Body, string Text)> Create()
        {
            var url = new Uri(served, "api/segment/v1/export/create.json?idSegment=1");
            return await http.SendAsync(Wire.Signed(HttpMethod.Post, url, fake.DefaultUser)).Read();
        }

        var before = await Get(http, fake, served, "api/segment/v1/export/get.json?idSegmentExport=1001");
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            ids.Add((await Create()).Body.GetProperty("data").GetProperty("idSegmentExport").GetString()!);
        }

        var third = await Create();
        var after = await Get(http, fake, served, "api/segment/v1/export/get.json?idSegmentExport=1001");

        Assert.Equal(404, before.Status);
        Assert.Equal(["1000", "1001"], ids);
        Assert.Equal(503, third.Status);
        Assert.Contains("All 2 created exports", third.Body.Detail(), StringComparison.Ordinal);
        Assert.Equal("10%", after.Body.GetProperty("data").GetProperty("progress").GetString());
    }

    [Fact]
    public async Task Bad_options_are_refused_and_no_secret_is_ever_written()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 1, rowsPerFile: 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => fake.ExportWireMockMappings(new WireMockMappingOptions { CreatedExports = 51 }));
        Assert.Throws<ArgumentException>(() => fake.ExportWireMockMappings(new WireMockMappingOptions { BaseUrl = new Uri("ftp://example.test/") }));
        foreach (var format in new[] { WireMockMappingFormat.WireMockNet, WireMockMappingFormat.WireMockOrg })
        {
            Assert.DoesNotContain(fake.DefaultUser.Secret, fake.ExportWireMockMappings(format), StringComparison.Ordinal);
        }
    }

    private static async Task<(int Status, JsonElement Body, string Text)> Get(HttpClient http, FakeTracker fake, Uri served, string pathAndQuery) =>
        await http.SendAsync(Wire.Signed(HttpMethod.Get, new Uri(served, pathAndQuery), fake.DefaultUser)).Read();

    [Fact]
    public async Task Taking_a_snapshot_advances_nothing()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess());

        fake.ExportWireMockMappings();
        fake.ExportWireMockMappings(WireMockMappingFormat.WireMockOrg);
        using var http = Wire.Client(fake);

        Assert.Equal("10%", (await http.Poll(fake, 1).Read()).Body.GetProperty("data").GetProperty("progress").GetString());
    }

    [Fact]
    public async Task The_fixture_starts_and_stops_a_fake()
    {
        var fixture = new FakeTrackerFixture();
        Assert.Throws<InvalidOperationException>(() => fixture.Fake);
        await fixture.InitializeAsync();
        var url = fixture.Fake.BaseUrl;
        using var http = new HttpClient();

        (await http.GetAsync(url)).Dispose();
        await fixture.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url));
    }
}
