using System.Text.Json;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Interop;

/// <summary>The command-line side of the interop features: mapping-export options, the openapi command's help, the build-time target.</summary>
public sealed class InteropToolCommandTests
{
    [Fact]
    public async Task Mapping_export_points_links_at_the_given_server_and_holds_the_given_number_of_created_exports()
    {
        var run = await ToolRun.RunToEndAsync(
            "--port", "0", "--export-mappings", "-", "--mappings-format", "wiremock-org",
            "--mappings-base-url", "http://wiremock.shared.test:8080/", "--mappings-created-exports", "1");

        Assert.True(await run.Completion == 0, run.Error.Text);
        using var document = JsonDocument.Parse(run.Output.Text);
        var mappings = document.RootElement.GetProperty("mappings").EnumerateArray().ToList();
        var bodies = mappings.Select(m => m.GetProperty("response").TryGetProperty("body", out var b) ? b.GetString()! : string.Empty).ToList();
        var links = bodies.SelectMany(b => System.Text.RegularExpressions.Regex.Matches(b, "\"link\": ?\"([^\"]+)\"").Select(m => m.Groups[1].Value)).ToList();

        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.StartsWith("http://wiremock.shared.test:8080/storage/download/segment/", l, StringComparison.Ordinal));
        Assert.Single(mappings, m => m.GetProperty("name").GetString()!.StartsWith("create.json -> export", StringComparison.Ordinal));

        // Seeded exports 1, 2 and 3 and the one created export, each a scenario of its own.
        Assert.Equal(4, mappings.Where(m => m.TryGetProperty("scenarioName", out _)).Select(m => m.GetProperty("scenarioName").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Export_wiremock_root_writes_the_mapping_file_and_every_file_body_beside_it()
    {
        using var temp = new TempDirectory();
        var run = await ToolRun.RunToEndAsync("--port", "0", "--export-wiremock-root", temp.Path, "--mappings-created-exports", "0");

        Assert.True(await run.Completion == 0, run.Error.Text);
        Assert.Contains("Wrote a WireMock root directory with the mappings of 3 export(s)", run.Output.Text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "mappings", "fake-tracker.json")));
        var bodyFiles = document.RootElement.GetProperty("mappings").EnumerateArray()
            .Where(m => m.GetProperty("response").TryGetProperty("bodyFileName", out _))
            .Select(m => m.GetProperty("response").GetProperty("bodyFileName").GetString()!)
            .ToList();

        // Export 1's two files and export 3's one, each a whole gzip file beside the mappings.
        Assert.Equal(3, bodyFiles.Count);
        Assert.All(bodyFiles, f => Assert.NotEmpty(Gzip.Text(File.ReadAllBytes(Path.Combine(temp.Path, "__files", f)))));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(temp.Path, "__files"), "*", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [InlineData("--export-wiremock-root", "/tmp", "give --export-mappings or --export-wiremock-root, not both")]
    [InlineData("--mappings-created-exports", "51", "--mappings-created-exports must be 0 to 50, not 51")]
    [InlineData("--mappings-base-url", "wiremock:8080", "--mappings-base-url 'wiremock:8080' is not an absolute http(s) URL")]
    public async Task Bad_mapping_options_are_one_line_and_exit_code_2(string option, string value, string message)
    {
        var run = await ToolRun.RunToEndAsync("--port", "0", "--export-mappings", "-", option, value);

        Assert.Equal(2, await run.Completion);
        Assert.Contains(message, Assert.Single(run.Error.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_openapi_command_and_its_options()
    {
        var root = await ToolRun.RunToEndAsync("--help");
        var openapi = await ToolRun.RunToEndAsync("openapi", "--help");

        Assert.Equal(0, await root.Completion);
        Assert.Contains("openapi", root.Output.Text, StringComparison.Ordinal);
        Assert.Contains("--mappings-base-url", root.Output.Text, StringComparison.Ordinal);
        Assert.Contains("--mappings-created-exports", root.Output.Text, StringComparison.Ordinal);
        Assert.Equal(0, await openapi.Completion);
        foreach (var option in new[] { "--fixtures", "--output", "--server-url", "--title" })
        {
            Assert.Contains(option, openapi.Output.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_opt_in_build_target_writes_the_document_of_a_fixture_folder_after_the_tool_is_built()
    {
        using var temp = new TempDirectory();
        var target = Path.Combine(temp.Path, "out", "openapi.json");
        var fixtures = Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "fixtures");

        // The target alone (the tool is already built for this test run): what `dotnet build -p:MyTrackerOpenApiFile=...` adds after Build.
        var build = await ProcessRunner.RunAsync(
            ProcessRunner.Describe("dotnet", [
                "msbuild", Path.Combine(BuildInfo.RepositoryRoot, "src", "MyTracker.Fake.Tool", "MyTracker.Fake.Tool.csproj"),
                "-t:WriteOpenApiDocument", "-nologo", "-nodeReuse:false", $"-p:Configuration={BuildInfo.Configuration}",
                $"-p:MyTrackerOpenApiFile={target}", $"-p:MyTrackerOpenApiFixtures={fixtures}"], temp.Path),
            TimeSpan.FromMinutes(3));
        var direct = await ToolRun.RunToEndAsync("openapi", "--fixtures", fixtures);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(0, await direct.Completion);
        Assert.Equal(direct.Output.Text, await File.ReadAllTextAsync(target));
    }
}
