using Microsoft.Extensions.Time.Testing;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Generic;

/// <summary>The generic core against a fixture folder it has no code for (see <see cref="FixtureFolder"/>).</summary>
public sealed class AnyFixtureFolderTests : IDisposable
{
    private readonly FixtureFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _folder.Dispose();

    private Task<FakeTracker> Start() => FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = _folder.Path, TimeProvider = _clock });

    [Fact]
    public async Task Every_endpoint_is_described_with_its_samples_and_default()
    {
        await using var fake = await Start();

        Assert.Equal(["apps/item", "report-export/create", "report-export/get", "stats/daily"], fake.Endpoints.Select(e => e.Key));
        Assert.Equal("empty", fake.Endpoints.Single(e => e.Key == "stats/daily").DefaultScenario);
        Assert.Equal("done", fake.Endpoints.Single(e => e.Key == "report-export/get").DefaultScenario);
        Assert.Equal(("report-export", "idReportExport", "/reports/"), (fake.ExportFamilies.Single().Area, fake.ExportFamilies[0].IdParameter, fake.ExportFamilies[0].FileDirectory));
    }

    [Fact]
    public async Task A_path_parameter_is_routed_and_echoed_and_urls_move_to_the_fakes_host()
    {
        await using var fake = await Start();
        using var http = Wire.Client(fake);

        var app = await http.GetSigned(fake, "api/apps/v1/42.json?fields=name,icon&active=1").Read();
        using var head = await http.SendAsync(Wire.Signed(HttpMethod.Head, new Uri(fake.BaseUrl, "api/apps/v1/42.json"), fake.DefaultUser));

        Assert.Equal(200, app.Status);
        Assert.Equal("42", app.Body.GetProperty("data").GetProperty("idApp").GetString());
        Assert.Equal(new Uri(fake.BaseUrl, "static/icon.png").ToString(), app.Body.GetProperty("data").GetProperty("icon").GetString());
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal(new FakeEndpoint("apps/item", FakeEndpointKinds.Sample), fake.Journal.Entries[0].Endpoint);
        Assert.Equal(("apps/item", "ok"), (fake.Journal.Entries[0].Endpoint.Key, fake.Journal.Entries[0].Scenario));
    }

    [Theory]
    [InlineData("api/apps/v1/0.json", "Invalid parameter: idApp")]
    [InlineData("api/apps/v1/x.json", "Invalid parameter: idApp")]
    [InlineData("api/apps/v1/5.json?fields=name,colour", "Invalid parameter: fields")]
    [InlineData("api/apps/v1/5.json?active=2", "Invalid parameter: active")]
    [InlineData("api/apps/v1/5.json?active=1&active=1", "Invalid parameter: active (repeated)")]
    [InlineData("api/apps/v1/5.json?colour=red", "Invalid parameter: colour")]
    public async Task Parameters_are_checked_against_the_manifest_and_the_400_is_modelled_on_the_endpoints_own_4xx(string target, string detail)
    {
        await using var fake = await Start();
        using var http = Wire.Client(fake);

        var answer = await http.GetSigned(fake, target).Read();

        Assert.Equal(400, answer.Status);
        Assert.Equal("{\n  \"code\": 400,\n  \"message\": \"Bad Request\",\n  \"data\": {\n    \"error\": {\n      \"detail\": \"" + detail + "\"\n    }\n  }\n}", answer.Text);
    }

    [Theory]
    [InlineData("api/stats/v1/daily.json", "Invalid parameter: date")]
    [InlineData("api/stats/v1/daily.json?date=x&limit=101", "Invalid parameter: limit")]
    public async Task Without_any_4xx_sample_the_400_is_the_documented_envelope(string target, string detail)
    {
        await using var fake = await Start();
        using var http = Wire.Client(fake);

        var answer = await http.GetSigned(fake, target).Read();

        Assert.Equal(400, answer.Status);
        Assert.Equal("{\"code\":400,\"message\":\"Bad Request\",\"data\":{\"error\":{\"detail\":\"" + detail + "\"}}}", answer.Text);
    }

    [Fact]
    public async Task Undocumented_paths_and_methods_get_the_documented_404_and_a_missing_403_sample_the_envelope()
    {
        await using var fake = await Start();
        using var http = Wire.Client(fake);

        var path = await http.GetSigned(fake, "api/nothing.json").Read();
        var method = await http.PostSigned(fake, "api/stats/v1/daily.json?date=x").Read();
        var unsigned = await http.GetAsync("api/stats/v1/daily.json?date=x").Read();

        Assert.Equal((404, "Not found"), (path.Status, path.Body.Detail()));
        Assert.Equal(404, method.Status);
        Assert.Equal("{\"code\":403,\"message\":\"Access denied\",\"data\":null}", unsigned.Text);
    }

    [Fact]
    public async Task A_listed_link_is_downloadable_at_the_same_path_and_expires_on_the_fakes_clock()
    {
        await using var fake = await Start();
        using var http = Wire.Client(fake);
        using var request = Wire.Signed(HttpMethod.Get, new Uri(fake.BaseUrl, "api/stats/v1/daily.json?date=2026-01-02"), fake.DefaultUser);
        request.Headers.Add("X-Fake-Scenario", "full");

        var full = await http.SendAsync(request).Read();
        var link = new Uri(full.Body.GetProperty("data").GetProperty("report").GetString()!);
        var csv = await http.GetStringAsync(link);
        _clock.Advance(TimeSpan.FromHours(1));
        var expired = await http.GetAsync(link).Read();

        Assert.Equal("2026-01-02", full.Body.GetProperty("data").GetProperty("date").GetString());
        Assert.Equal(new Uri(fake.BaseUrl, "storage/stats/daily.csv"), link);
        Assert.StartsWith("row,value\n1,stats/daily/full/1/1\n", csv, StringComparison.Ordinal);
        Assert.Equal(101, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal((410, "Download link expired"), (expired.Status, expired.Body.Detail()));
    }

    [Fact]
    public async Task File_content_is_configurable()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions
        {
            FixturesDirectory = _folder.Path,
            FileContent = file => $"name\n{file.Endpoint} {file.Scenario} {file.Number}\n",
        });
        using var http = Wire.Client(fake);
        using var request = Wire.Signed(HttpMethod.Get, new Uri(fake.BaseUrl, "api/stats/v1/daily.json?date=x"), fake.DefaultUser);
        request.Headers.Add("X-Fake-Scenario", "full");

        var link = (await http.SendAsync(request).Read()).Body.GetProperty("data").GetProperty("report").GetString()!;

        Assert.Equal("name\nstats/daily full 1\n", await http.GetStringAsync(link));
    }

    [Fact]
    public async Task Setup_chooses_answers_per_parameter_value_per_request_or_on_the_clock()
    {
        await using var fake = await Start();
        fake.Given(Scenario.For("stats/daily").Answer("empty").Then("full").AdvanceEvery(TimeSpan.FromMinutes(1)))
            .Given(Scenario.For("apps/item").WithParameter("idApp", 7).Answer("not-found").Then("ok"));
        using var http = Wire.Client(fake);

        var before = await http.GetSigned(fake, "api/stats/v1/daily.json?date=x").Read();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var after = await http.GetSigned(fake, "api/stats/v1/daily.json?date=x").Read();
        var missing = await http.GetSigned(fake, "api/apps/v1/7.json").Read();
        var found = await http.GetSigned(fake, "api/apps/v1/7.json").Read();
        var other = await http.GetSigned(fake, "api/apps/v1/8.json").Read();

        Assert.False(before.Body.GetProperty("data").TryGetProperty("report", out _));
        Assert.True(after.Body.GetProperty("data").TryGetProperty("report", out _));
        Assert.Equal((404, "App not found"), (missing.Status, missing.Body.Detail()));
        Assert.Equal(200, found.Status);
        Assert.Equal(("8", 200), (other.Body.GetProperty("data").GetProperty("idApp").GetString(), other.Status));
    }

    [Theory]
    [InlineData("stats/dayly", "the fixtures have no endpoint 'stats/dayly' (did you mean \"stats/daily\"?); known: apps/item, report-export/create, report-export/get, stats/daily")]
    [InlineData("apps/item", "apps/item has no scenario 'okay'; its scenarios: ok, not-found")]
    public async Task Setup_for_what_the_fixtures_do_not_have_says_what_they_do_have(string endpoint, string message)
    {
        await using var fake = await Start();

        var error = Assert.Throws<ArgumentException>(() => fake.Given(Scenario.For(endpoint).Answer("okay")));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task A_scenario_file_chooses_answers_with_the_same_keys_for_any_endpoint()
    {
        var scenario = FakeScenario.Parse("""
            { "scenarios": [
                { "endpoint": "apps/item", "parameters": { "idApp": 3 }, "answers": ["not-found"] },
                { "endpoint": "report-export/get", "answers": ["failed"] } ] }
            """, "x.json");
        var wrong = FakeScenario.Parse("""{ "scenarios": [ { "endpoint": "apps/item", "answers": ["ok", "gone"] } ] }""", "y.json");
        await using var fake = await Start();
        fake.Given(scenario);
        using var http = Wire.Client(fake);

        var app = await http.GetSigned(fake, "api/apps/v1/3.json").Read();
        var report = await http.GetSigned(fake, "api/report/v1/export/get.json?idReportExport=99").Read();
        var error = Assert.Throws<ArgumentException>(() => fake.Given(wrong));

        Assert.Equal(404, app.Status);
        Assert.Equal("failed", report.Body.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("y.json: scenarios[0]: apps/item has no scenario 'gone'; its scenarios: ok, not-found", error.Message);
    }

    [Theory]
    [InlineData("""{ "scenarios": [ { "answers": ["ok"] } ] }""", "x.json: scenarios[0]: \"endpoint\" is required: the fixture folder, e.g. \"raw-export/get\"")]
    [InlineData("""{ "scenarios": [ { "endpoint": "apps/item" } ] }""", "x.json: scenarios[0]: \"answers\" is required: the scenario names to answer with, in order, e.g. [\"in-progress\", \"success\"]")]
    [InlineData("""{ "scenarios": [ { "endpoint": "apps/item", "answer": ["ok"] } ] }""", "x.json: scenarios[0]: unknown key \"answer\" (did you mean \"answers\"?)")]
    [InlineData("""{ "scenarios": [ { "endpoint": "apps/item", "answers": ["ok"], "parameters": { "idApp": true } } ] }""", "x.json: scenarios[0].parameters.idApp: must be a string or a number, not true")]
    public void Bad_scenario_entries_say_where(string json, string message)
    {
        var error = Assert.ThrowsAny<FormatException>(() => FakeScenario.Parse(json, "x.json"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task An_export_shaped_family_with_names_of_its_own_gets_the_lifecycle_from_its_fixtures()
    {
        await using var fake = await Start();
        using var http = Wire.Client(fake);

        var created = await http.PostSigned(fake, "api/report/v1/export/create.json?idReport=4&withHeader=0").Read();
        var id = created.Body.GetProperty("data").GetProperty("idReportExport").GetString();
        var pending = await http.GetSigned(fake, $"api/report/v1/export/get.json?idReportExport={id}").Read();
        (await http.GetSigned(fake, $"api/report/v1/export/get.json?idReportExport={id}")).Dispose();
        var done = await http.GetSigned(fake, $"api/report/v1/export/get.json?idReportExport={id}").Read();
        var links = done.Body.GetProperty("data").GetProperty("files").EnumerateArray().Select(f => new Uri(f.GetProperty("link").GetString()!)).ToList();
        var first = Wire.Gunzip(await http.GetByteArrayAsync(links[0]));
        var unknown = await http.GetSigned(fake, "api/report/v1/export/get.json?idReportExport=5").Read();

        Assert.Equal("1000", id);
        Assert.Equal("pending", pending.Body.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("done", done.Body.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.StartsWith(new Uri(fake.BaseUrl, "reports/1000.").ToString(), l.ToString(), StringComparison.Ordinal));
        Assert.Equal(fake.GetExpectedCsv(1000, 1, area: "report-export"), first);
        Assert.DoesNotContain("idApp", first.Split('\n')[0]);
        Assert.Equal((404, "Report export not found"), (unknown.Status, unknown.Body.Detail()));
        fake.Journal.AssertNeverPolledAfterCompletion(1000);
    }
}
