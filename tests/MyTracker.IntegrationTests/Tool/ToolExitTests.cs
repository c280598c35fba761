using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MyTracker.Client.Auth;
using MyTracker.IntegrationTests.Support;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.IntegrationTests.Tool;

/// <summary>fake-tracker runs that end by themselves: bad input, a taken port, mapping export; and Ctrl+C on the real executable.</summary>
public sealed class ToolExitTests
{
    public static TheoryData<string[]> BadArguments => new()
    {
        new[] { "--port", "x" },
        new[] { "--port", "65536" },
        new[] { "--port" },
        new[] { "--bogus" },
        new[] { "serve" },
        new[] { "--port", "1", "--urls", "http://127.0.0.1:1" },
        new[] { "--urls", "https://127.0.0.1:5080" },
        new[] { "--urls", "not a url" },
        new[] { "--urls", "http://example.com:5080" },
        new[] { "--link-host", "not a host" },
        new[] { "--fixtures", "/definitely/not/here" },
        new[] { "--scenarios", "/definitely/not/here.json" },
        new[] { "--mappings-format", "yaml" },
        new[] { "--admin-password", "" },
        new[] { "--port", "0", "--export-mappings", "/definitely/not/here/mappings.json" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_exit_2_with_one_line_on_stderr_and_nothing_on_stdout(string[] args)
    {
        var run = await ToolRun.RunToEndAsync(args);

        Assert.Equal(2, await run.Completion);
        var line = Assert.Single(run.Error.Lines);
        Assert.StartsWith("fake-tracker: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\t', line);
        Assert.Equal(string.Empty, run.Output.Text);
    }

    [Fact]
    public async Task A_wrong_mappings_format_is_named_in_one_line_without_tabs()
    {
        var run = await ToolRun.RunToEndAsync("--mappings-format", "yaml");

        Assert.Equal(2, await run.Completion);
        Assert.Equal("fake-tracker: --mappings-format must be wiremock-net or wiremock-org, not 'yaml' (see fake-tracker --help)", Assert.Single(run.Error.Lines));
    }

    [Fact]
    public async Task A_taken_port_is_named_and_exits_2()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var started = Stopwatch.StartNew();
        var run = await ToolRun.RunToEndAsync("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, await run.Completion);
        var line = Assert.Single(run.Error.Lines);
        Assert.Contains($"port {port} on 127.0.0.1 is already in use", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output.Text);
        // Said at once, not after WireMock.Net's ~10 s start timeout.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(8), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task Help_exits_0_and_lists_every_option()
    {
        var run = await ToolRun.RunToEndAsync("--help");

        Assert.Equal(0, await run.Completion);
        foreach (var option in new[] { "--port", "--urls", "--link-host", "--no-auth", "--no-ranges", "--fixtures", "--scenarios", "--admin", "--admin-user", "--admin-password", "--export-mappings", "--export-wiremock-root", "--mappings-format", "--mappings-base-url", "--mappings-created-exports", "--log" })
        {
            Assert.Contains(option + " ", run.Output.Text, StringComparison.Ordinal);
        }

        // The root serves; command groups (openapi, fixtures) sit beside its options.
        Assert.Contains("fake-tracker [command] [options]", run.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_mappings_writes_a_json_array_that_a_stock_wiremock_server_loads_and_answers_from()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fake-tracker-mappings-{Guid.NewGuid():N}.json");
        try
        {
            var run = await ToolRun.RunToEndAsync("--port", "0", "--export-mappings", file);
            Assert.True(await run.Completion == 0, run.Error.Text);
            Assert.Contains("Wrote WireMock mappings of 3 export(s)", run.Output.Text, StringComparison.Ordinal);

            var json = await File.ReadAllTextAsync(file);
            using (var document = JsonDocument.Parse(json))
            {
                Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
                Assert.True(document.RootElement.GetArrayLength() >= 3);
                foreach (var mapping in document.RootElement.EnumerateArray())
                {
                    Assert.Equal(JsonValueKind.Object, mapping.GetProperty("Request").ValueKind);
                    Assert.True(mapping.GetProperty("Response").GetProperty("StatusCode").GetInt32() is >= 200 and < 600);
                }
            }

            // Loadable, not just well-formed: a plain WireMock.Net server answers export 3 from it.
            using var stock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
            stock.WithMapping(json);
            var url = new Uri(new Uri(stock.Url!), "/api/segment/v1/export/get.json?idSegmentExport=3");
            using var http = new HttpClient();
            var (status, body) = await ToolServingTests.GetAsync(http, url, AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", url));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Success!", body, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Export_mappings_in_the_wiremock_org_dialect_is_a_mappings_object()
    {
        var run = await ToolRun.RunToEndAsync("--port", "0", "--export-mappings", "-", "--mappings-format", "wiremock-org");

        Assert.True(await run.Completion == 0, run.Error.Text);
        using var document = JsonDocument.Parse(run.Output.Text);
        var mappings = document.RootElement.GetProperty("mappings");
        Assert.All(mappings.EnumerateArray(), m =>
        {
            Assert.Equal(JsonValueKind.Object, m.GetProperty("request").ValueKind);
            Assert.Equal(JsonValueKind.Number, m.GetProperty("response").GetProperty("status").ValueKind);
        });
    }

    [Fact]
    public async Task Scenario_file_replaces_the_seeded_exports_and_adds_its_users()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fake-tracker-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              // comments and trailing commas are fine
              "users": [ { "apiUserId": "555", "secret": "s-555" } ],
              "exports": [
                { "id": 10, "progress": [5, 50], "ending": "error" },
                { "id": 11, "user": "555", "files": 3, "rowsPerFile": 2, "fields": ["gaid"], "hashType": 1 },
                { "id": 12, "progress": [70], "ending": "staysInProgress", "advanceEverySeconds": 30,
                  "faults": [ { "kind": "serverError", "status": 503, "target": "poll", "attempt": 1 } ] },
              ],
            }
            """);
        try
        {
            await using var tool = ToolRun.Start("--port", "0", "--scenarios", file);
            await tool.WaitUntilServingAsync();
            var text = tool.Output.Text;
            Assert.Contains("API user id 10001   secret key fake-secret-0001", text, StringComparison.Ordinal);
            Assert.Contains("API user id 555   secret key s-555", text, StringComparison.Ordinal);
            Assert.Matches(@"\n  10 +In progress 5%, 50%, then Error occurred \(one step per poll\)", text);
            Assert.Matches(@"\n  11 +Success! with 3 files of 2 rows at once \(user 555\)", text);
            Assert.Matches(@"\n  12 +In progress 70%, then stays In progress \(one step every 30 s\)", text);
            Assert.DoesNotMatch(@"\n  1 +In progress", text);

            var (authorization, url) = ToolServingTests.ParseCurl(await tool.LineAsync("curl "));
            Assert.StartsWith("AuthHMAC 10001:", authorization, StringComparison.Ordinal);
            Assert.EndsWith("idSegmentExport=10", url.ToString(), StringComparison.Ordinal);
            using var http = new HttpClient();
            var (status, body) = await ToolServingTests.GetAsync(http, url, authorization);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("\"5%\"", body, StringComparison.Ordinal);

            // Export 12's fault from the file: its first poll is a 503.
            var faulted = new Uri(url.ToString().Replace("idSegmentExport=10", "idSegmentExport=12", StringComparison.Ordinal));
            var (faultStatus, _) = await ToolServingTests.GetAsync(http, faulted, AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", faulted));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, faultStatus);

            // Export 11 belongs to user 555 only.
            var other = new Uri(url.ToString().Replace("idSegmentExport=10", "idSegmentExport=11", StringComparison.Ordinal));
            var (ownerStatus, ownerBody) = await ToolServingTests.GetAsync(http, other, AuthHmac.CreateHeaderValue("555", "s-555", "GET", other));
            Assert.Equal(HttpStatusCode.OK, ownerStatus);
            Assert.Contains("\"Success!\"", ownerBody, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_scenario_file_without_exports_offers_a_create_call_instead_of_an_export_it_does_not_have()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fake-tracker-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{ }");
        try
        {
            await using var tool = ToolRun.Start("--port", "0", "--scenarios", file);
            await tool.WaitUntilServingAsync();

            Assert.Contains("\n  none seeded\n", tool.Output.Text, StringComparison.Ordinal);
            var curl = await tool.LineAsync("curl ");
            Assert.Contains("-X POST", curl, StringComparison.Ordinal);
            var (authorization, url) = ToolServingTests.ParseCurl(curl);
            using var http = new HttpClient();
            var (status, _) = await ToolServingTests.SendAsync(http, HttpMethod.Post, url, authorization);
            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("""{ "exports": [ { "id": 0 } ] }""", ": exports[0].id: must be 1 or more, not 0")]
    [InlineData("""{ "exports": [ { "id": 1, "ending": "done" } ] }""", ": exports[0].ending: must be one of success, error, staysInProgress or canceled, not \"done\"")]
    [InlineData("""{ "exports": [ { "id": 1, "progress": [101] } ] }""", ": exports[0].progress[0]: must be from 0 to 100, not 101")]
    [InlineData("""{ "exports": [ { "id": 1, "faults": [ { "kind": "meteor" } ] } ] }""", ": exports[0].faults[0].kind: must be one of latency, ")]
    [InlineData("""{ "export": [ { "id": 1 } ] }""", ": unknown key \"export\" (did you mean \"exports\"?)")]
    [InlineData("""{ "exports": [ { "id": 1, "progres": [5] } ] }""", ": exports[0]: unknown key \"progres\" (did you mean \"progress\"?)")]
    [InlineData("""{ "exports": [ { "id": 1 }, { "id": 1 } ] }""", ": exports[1].id: 1 is already the id of exports[0]")]
    [InlineData("""[ ]""", ": the top level must be an object")]
    [InlineData("""{ "exports": [ """, ": line 1, column ")]
    public async Task Invalid_scenario_file_exits_2_naming_the_place(string json, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"fake-tracker-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var run = await ToolRun.RunToEndAsync("--port", "0", "--scenarios", file);

            Assert.Equal(2, await run.Completion);
            var line = Assert.Single(run.Error.Lines);
            Assert.StartsWith($"fake-tracker: {file}", line, StringComparison.Ordinal);
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Output.Text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Scenario_export_of_an_unlisted_user_exits_2()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fake-tracker-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "exports": [ { "id": 1, "user": "nobody" } ] }""");
        try
        {
            var run = await ToolRun.RunToEndAsync("--port", "0", "--scenarios", file);

            Assert.Equal(2, await run.Completion);
            var line = Assert.Single(run.Error.Lines);
            Assert.Equal($"fake-tracker: {file}: exports[0].user: \"nobody\" is not a user of this file: list it in \"users\" (with its \"secret\"), or leave \"user\" out for 10001", line);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Fixture_folder_option_serves_that_folders_samples()
    {
        // A copy of the repository's fixtures with another not-found message (the detail is filled in per
        // request, the message is served as written) proves the folder is read.
        var dir = Path.Combine(Path.GetTempPath(), $"fake-tracker-fixtures-{Guid.NewGuid():N}");
        TempDirectory.Copy(Path.Combine(BuildInfo.RepositoryRoot, "fixtures"), dir);
        var notFound = Path.Combine(dir, "segment-export", "get", "404.not-found.json");
        await File.WriteAllTextAsync(notFound, (await File.ReadAllTextAsync(notFound)).Replace("\"Not Found\"", "\"No such export here\"", StringComparison.Ordinal));
        try
        {
            await using var tool = ToolRun.Start("--port", "0", "--fixtures", dir);
            await tool.WaitUntilServingAsync();
            var baseUrl = ToolServingTests.BaseUrl(await tool.LineAsync("listening on"));
            var url = new Uri(baseUrl, "api/segment/v1/export/get.json?idSegmentExport=404");
            using var http = new HttpClient();
            var (status, body) = await ToolServingTests.GetAsync(http, url, AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", url));
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains("No such export here", body, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_fixture_folder_without_any_endpoint_exits_2()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"fake-tracker-empty-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var run = await ToolRun.RunToEndAsync("--port", "0", "--fixtures", dir);

            Assert.Equal(2, await run.Completion);
            var line = Assert.Single(run.Error.Lines);
            Assert.Equal($"fake-tracker: fixture folder {dir}: The fixture folder has no <area>/<endpoint>/endpoint.json: nothing to serve.", line);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public async Task Ctrl_c_stops_the_real_executable_cleanly_with_exit_code_0()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // SIGINT delivery below is POSIX-only.
        }

        var start = ProcessRunner.Describe("dotnet", [Path.Combine(BuildInfo.ToolDirectory, "fake-tracker.dll"), "--port", "0"]);
        using var process = Process.Start(start)!;
        var output = new LineCapture();
        var error = new LineCapture();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Write(e.Data + "\n"); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { error.Write(e.Data + "\n"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = output.WaitForLineAsync("Press Ctrl+C to stop.");
            var exited = process.WaitForExitAsync();
            Assert.True(await Task.WhenAny(ready, exited).WaitAsync(ToolRun.Deadline) == ready, $"exited early: {error.Text}");

            using (var kill = Process.Start(ProcessRunner.Describe("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!)
            {
                await kill.WaitForExitAsync().WaitAsync(ToolRun.Deadline);
            }

            await exited.WaitAsync(ToolRun.Deadline);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Stopped.", await output.WaitForLineAsync("Stopped.").WaitAsync(ToolRun.Deadline), StringComparison.Ordinal);
            Assert.Equal(string.Empty, error.Text);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
