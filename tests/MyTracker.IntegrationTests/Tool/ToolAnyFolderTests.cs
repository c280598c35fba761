using System.Net;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Tool;

/// <summary>
/// <c>fake-tracker --fixtures</c> serves any folder, also one without an export family: nothing is seeded
/// then, and the banner's curl line calls an endpoint the folder has, signed so the fake accepts it.
/// </summary>
public sealed class ToolAnyFolderTests
{
    [Fact]
    public async Task The_readmes_report_export_get_folder_serves_and_its_curl_line_is_answered()
    {
        using var temp = new TempDirectory();
        var get = Path.Combine(temp.Path, "report-export", "get");
        Directory.CreateDirectory(get);
        await File.WriteAllTextAsync(Path.Combine(get, "endpoint.json"), """
            {"method": "GET", "path": "/api/report/v1/export/get.json",
             "parameters": [{"name": "idReportExport", "in": "query", "type": "integer", "required": true, "minimum": 5}]}
            """);
        await File.WriteAllTextAsync(Path.Combine(get, "200.in-progress.json"), """{ "code": 200, "message": "Ok", "data": { "idReportExport": "5", "status": "In progress", "progress": "64%", } }""");
        await File.WriteAllTextAsync(Path.Combine(get, "200.success.json"), """
            { "code": 200, "message": "Ok", "data": { "idReportExport": "5", "status": "Success!",
              "files": [ { "link": "https://tracker.my.com/storage/download/report/5.1.c3217d0d061c695550c9cf8a8fa72520.csv.gz", "timestampExpires": "1617197992" } ] } }
            """);
        await File.WriteAllTextAsync(Path.Combine(get, "404.not-found.json"), """{ "code": 404, "message": "Not Found", "data": { "error": { "detail": "Export request not found" } } }""");

        var (status, body, banner) = await CallTheCurlLineAsync(temp.Path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"idReportExport\"", body, StringComparison.Ordinal);
        Assert.Contains("GET    /api/report/v1/export/get.json   report-export/get: 200 in-progress", banner, StringComparison.Ordinal);
        Assert.Contains("?idReportExport=5'", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("Seeded exports", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_with_only_a_raw_export_status_endpoint_serves()
    {
        using var temp = new TempDirectory();
        TempDirectory.Copy(
            Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "fixtures", "event-export", "get"),
            Path.Combine(temp.Path, "event-export", "get"));

        var (status, body, _) = await CallTheCurlLineAsync(temp.Path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"idEventExport\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_with_only_a_create_endpoint_offers_a_signed_post()
    {
        using var temp = new TempDirectory();
        TempDirectory.Copy(
            Path.Combine(BuildInfo.RepositoryRoot, "fixtures", "segment-export", "create"),
            Path.Combine(temp.Path, "segment-export", "create"));
        await using var tool = ToolRun.Start("--port", "0", "--fixtures", temp.Path);
        await tool.WaitUntilServingAsync();

        var curl = await tool.LineAsync("curl ");
        Assert.Contains("-X POST", curl, StringComparison.Ordinal);
        var (authorization, url) = ToolServingTests.ParseCurl(curl);
        using var http = new HttpClient();
        var (status, _) = await ToolServingTests.SendAsync(http, HttpMethod.Post, url, authorization);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(string.Empty, tool.Error.Text);
    }

    [Fact]
    public async Task A_fixture_folder_with_a_broken_sample_exits_2_naming_it()
    {
        using var temp = new TempDirectory();
        TempDirectory.Copy(
            Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "fixtures", "event-export", "get"),
            Path.Combine(temp.Path, "event-export", "get"));
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "event-export", "get", "200.success.json"), "{ \"code\": ");

        var run = await ToolRun.RunToEndAsync("--port", "0", "--fixtures", temp.Path);

        Assert.Equal(2, await run.Completion);
        var line = Assert.Single(run.Error.Lines);
        Assert.StartsWith($"fake-tracker: fixture folder {temp.Path}: ", line, StringComparison.Ordinal);
        Assert.Contains("event-export/get/200.success.json", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_file_with_exports_for_a_folder_without_an_export_family_exits_2()
    {
        using var temp = new TempDirectory();
        TempDirectory.Copy(
            Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "fixtures", "event-export", "get"),
            Path.Combine(temp.Path, "fixtures", "event-export", "get"));
        var scenario = temp["scenario.json"];
        await File.WriteAllTextAsync(scenario, """{ "exports": [ { "id": 1 } ] }""");

        var run = await ToolRun.RunToEndAsync("--port", "0", "--fixtures", temp["fixtures"], "--scenarios", scenario);

        Assert.Equal(2, await run.Completion);
        Assert.Contains("no export-shaped endpoint family", Assert.Single(run.Error.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_holding_only_a_family_with_the_id_in_the_path_and_a_numeric_progress_serves_its_seeded_export()
    {
        // The generator emits XExportOperations for this family; before the fake read families through the
        // fixture model it saw none here, so a scenario file seeding an export made the tool exit 2.
        using var temp = new TempDirectory();
        var files = new Dictionary<string, string>
        {
            ["x-export/start/endpoint.json"] = """{ "method": "POST", "path": "/api/x/v1/exports.json", "parameters": [ { "name": "idThing", "in": "query", "type": "integer", "required": true } ] }""",
            ["x-export/start/200.started.json"] = """{ "code": 200, "message": "Ok", "data": { "idXExport": 9 } }""",
            ["x-export/state/endpoint.json"] = """{ "method": "GET", "path": "/api/x/v1/exports/{idXExport}.json", "parameters": [ { "name": "idXExport", "in": "path", "type": "integer", "required": true } ] }""",
            ["x-export/state/200.partial.json"] = """{ "code": 200, "message": "Ok", "data": { "idXExport": 9, "state": "partial", "progress": 35 } }""",
            ["x-export/state/200.done.json"] = """{ "code": 200, "message": "Ok", "data": { "idXExport": 9, "state": "done", "files": [ { "url": "https://cdn.example.net/x/9.1.csv.gz", "timestampExpires": 1617197992 } ] } }""",
            ["x-export/state/404.not-found.json"] = """{ "code": 404, "message": "Not Found", "data": { "error": { "detail": "No such export" } } }""",
        };
        foreach (var (name, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(temp.Path, "fixtures", name))!);
            await File.WriteAllTextAsync(Path.Combine(temp.Path, "fixtures", name), text);
        }

        var scenario = temp["scenario.json"];
        await File.WriteAllTextAsync(scenario, """{ "exports": [ { "id": 7 } ] }""");
        await using var tool = ToolRun.Start("--port", "0", "--fixtures", temp["fixtures"], "--scenarios", scenario);
        await tool.WaitUntilServingAsync();

        Assert.Contains("/api/x/v1/exports/<id>.json):", await tool.LineAsync("Seeded exports"), StringComparison.Ordinal);
        var (authorization, url) = ToolServingTests.ParseCurl(await tool.LineAsync("curl "));
        Assert.EndsWith("/api/x/v1/exports/7.json", url.ToString(), StringComparison.Ordinal);
        using var http = new HttpClient();
        var (status, body) = await ToolServingTests.GetAsync(http, url, authorization);
        Assert.Equal(HttpStatusCode.OK, status);
        using var answer = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(7, answer.RootElement.GetProperty("data").GetProperty("idXExport").GetInt64());
        // A seeded export is finished unless the scenario file says otherwise: the done sample, its link on the fake.
        Assert.Equal("done", answer.RootElement.GetProperty("data").GetProperty("state").GetString());
        var link = answer.RootElement.GetProperty("data").GetProperty("files")[0].GetProperty("url").GetString()!;
        Assert.StartsWith(url.GetLeftPart(UriPartial.Authority), link, StringComparison.Ordinal);
        Assert.Equal(0, await tool.StopAsync());
        Assert.Equal(string.Empty, tool.Error.Text);
    }

    /// <summary>Serves the folder, runs the banner's curl line (signed as printed) and returns the answer and the banner.</summary>
    private static async Task<(HttpStatusCode Status, string Body, string Banner)> CallTheCurlLineAsync(string folder)
    {
        await using var tool = ToolRun.Start("--port", "0", "--fixtures", folder);
        await tool.WaitUntilServingAsync();
        var (authorization, url) = ToolServingTests.ParseCurl(await tool.LineAsync("curl "));
        Assert.StartsWith("AuthHMAC 10001:", authorization, StringComparison.Ordinal);
        using var http = new HttpClient();
        var (status, body) = await ToolServingTests.GetAsync(http, url, authorization);
        Assert.Equal(0, await tool.StopAsync());
        Assert.Equal(string.Empty, tool.Error.Text);
        return (status, body, tool.Output.Text);
    }
}
