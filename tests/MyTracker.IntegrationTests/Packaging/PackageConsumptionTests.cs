using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Packaging;

/// <summary>
/// Consumers outside the repository, built from the packed packages (<see cref="PackedFeed"/>) with
/// <c>TreatWarningsAsErrors</c>, so a warning of any restore or build (NU1603 included) fails them:
/// a program with a fixture folder of its own that talks to the packaged fake and checks its answers
/// with the packaged fixtures library, the packaged tool, an xunit 2 and an xunit v3 test project made by
/// the packed template pack that run its first test and the docs' test files as written, and a test project whose own export family runs through the
/// generated operations.
/// </summary>
public sealed partial class PackageConsumptionTests(PackedFeed packed) : IClassFixture<PackedFeed>
{
    [Fact]
    public async Task A_consumer_outside_the_repository_gets_typed_code_for_its_own_fixtures_and_talks_to_the_packaged_fake()
    {
        var version = packed.Version;
        var consumer = Path.Combine(packed.Work, "consumer");
        AssertClientPackage(packed.PackagePath("MyTracker.Client"), version);
        AssertFakePackage(packed.PackagePath("MyTracker.Fake"), version);
        AssertToolPackage(packed.PackagePath("MyTracker.Fake.Tool"));
        AssertFixturesPackage(packed.PackagePath("MyTracker.Fixtures"), version);

        // A fresh consumer with its own endpoint, referencing the packages by version.
        WriteConsumer(consumer, version);
        packed.WriteNuGetConfig(consumer);
        var build = await packed.DotnetAsync(consumer, "build", "--nologo", "-c", "Debug", "-p:UseSharedCompilation=false", "--disable-build-servers");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);

        // Only the packages under test were unpacked into the private folder; the rest came from the machine's cache.
        Assert.True(Directory.Exists(Path.Combine(packed.Packages, "mytracker.client", version)), "MyTracker.Client was not restored from the feed");

        // The README's way to see the generated code: files in Generated/, not compiled a second time.
        var generated = Path.Combine(consumer, "Generated", "MyTracker.Client.Generator", "MyTracker.Client.Generator.FixtureGenerator");
        Assert.True(File.Exists(Path.Combine(generated, "ReportExportClient.g.cs")), $"no ReportExportClient.g.cs in {generated}");

        var run = await packed.DotnetAsync(consumer, Path.Combine(consumer, "bin", "Debug", "net10.0", "Consumer.dll"));
        Assert.True(run.ExitCode == 0, run.ToString());
        await AssertAMissingCaseWarnsAsync(consumer);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "segment-export 7: InProgress then Success",
                "report-export 5: Success, id 5, rows 12, 1 file(s) downloadable from the fake: True",
                "report-export 8: InProgress 30%",
                "report-export 6: NotFound \"Report export request not found\"",
                "report-export 5 checked by MyTracker.Fixtures: 0 finding(s) as served, TypeChanged data.idReportExport with the id as a number",
                "signed polls of export 7 accepted: 2",
            ],
            lines);

        // The tool package installs as a dotnet tool and runs.
        var tools = Path.Combine(packed.Work, "tools");
        var install = await packed.DotnetAsync(consumer, "tool", "install", "MyTracker.Fake.Tool", "--version", version, "--tool-path", tools);
        Assert.True(install.ExitCode == 0, install.ToString());
        var tool = await ProcessRunner.RunAsync(
            ProcessRunner.Describe(Path.Combine(tools, "fake-tracker"), ["--port", "0", "--export-mappings", "-"], consumer, packed.Environment),
            PackedFeed.StepDeadline);
        Assert.True(tool.ExitCode == 0, tool.ToString());
        using var mappings = JsonDocument.Parse(tool.Output);
        Assert.Equal(JsonValueKind.Array, mappings.RootElement.ValueKind);

        var badArgument = await ProcessRunner.RunAsync(
            ProcessRunner.Describe(Path.Combine(tools, "fake-tracker"), ["--port", "nope"], consumer, packed.Environment), PackedFeed.StepDeadline);
        Assert.Equal(2, badArgument.ExitCode);
        Assert.StartsWith("fake-tracker: --port must be a number", badArgument.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The README's way to a test project: <c>dotnet new install</c> of the packed template pack,
    /// <c>dotnet new mytracker-xunit3</c> (or <c>-xunit2</c>) with the feed, <c>dotnet test</c>. Before the
    /// run, the test files of docs/testing-with-the-fake.md go into the same project (for xunit 2 with the
    /// one substitution the page documents), so one restore and one run cover the template's own test and
    /// the page's; on xunit v3 also the page's assembly fixture line.
    /// </summary>
    [Theory]
    [InlineData("mytracker-xunit2", "MyTracker.Fake.Xunit", false)]
    [InlineData("mytracker-xunit3", "MyTracker.Fake.XunitV3", true)]
    public async Task A_test_project_made_by_the_packed_template_runs_its_first_test_and_the_docs_test_files(string template, string adapter, bool xunitV3)
    {
        await packed.InstallTemplatesAsync();
        var project = Path.Combine(packed.Work, template);
        var create = await packed.DotnetNewAsync(packed.Work, template, "-o", project, "--feed", packed.Feed);
        Assert.True(create.ExitCode == 0, create.ToString());

        // The template's own files: its nuget.config reads the feed it was given, the project takes the
        // adapter of this very pack, and only xunit v3 selects Microsoft.Testing.Platform.
        Assert.Contains($"value=\"{packed.Feed}\"", await File.ReadAllTextAsync(Path.Combine(project, "nuget.config")), StringComparison.Ordinal);
        var reference = XDocument.Load(Path.Combine(project, template + ".csproj")).Descendants("PackageReference").Single(e => e.Attribute("Include")?.Value == adapter);
        Assert.Equal(packed.Version, reference.Attribute("Version")?.Value);
        Assert.Equal(xunitV3, File.Exists(Path.Combine(project, "global.json")));
        Assert.True(File.Exists(Path.Combine(project, "fixtures", "report-export", "get", "endpoint.json")));

        var docsFiles = ReadmeCodeBlocks.TestFiles();
        Assert.Equal(["ExportTests.cs", "RawExportEndingTests.cs", "SharedFakeTests.cs", "TrackerCollection.cs"], docsFiles.Select(b => b.FileName).Order(StringComparer.Ordinal));
        foreach (var block in docsFiles)
        {
            await File.WriteAllTextAsync(Path.Combine(project, block.FileName!), xunitV3 ? block.Code : ReadmeCodeBlocks.ForXunit2(block.Code));
        }

        if (xunitV3)
        {
            // The page's assembly fixture line, and the built-in families end to end against the packaged
            // fake through it: raw data export, and report files (.xlsx and .csv, nested settings).
            foreach (var file in (string[])["AssemblyFixtureTests.cs", "RawExportEndToEndTests.cs", "ReportFileEndToEndTests.cs"])
            {
                File.Copy(Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "Packaging", "TestProjects", "XunitV3", file), Path.Combine(project, file));
            }
        }

        // The machine's restore sources and package cache in place of nuget.org (see PackedFeed).
        packed.WriteNuGetConfig(project);
        var outcomes = await RunTestProjectAsync(project, microsoftTestingPlatform: xunitV3);
        Assert.Contains(outcomes, o => o.Name.Contains("ReportExportTests.Each_documented_answer_is_read_as_its_own_case", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Name.StartsWith("ExportTests.", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Name.StartsWith("SharedFakeTests.", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Name.StartsWith("CollectionTests.", StringComparison.Ordinal));
        Assert.Equal(2, outcomes.Count(o => o.Name.StartsWith("RawExportEndingTests.", StringComparison.Ordinal)));
        if (xunitV3)
        {
            // No fixtures of their own: the built-in raw data export and report files, end to end against the packaged fake.
            Assert.Equal(3, outcomes.Count(o => o.Name.StartsWith("RawExportEndToEndTests.", StringComparison.Ordinal)));
            Assert.Equal(3, outcomes.Count(o => o.Name.StartsWith("ReportFileEndToEndTests.", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_test_project_with_an_export_endpoint_of_its_own_drives_it_through_the_generated_operations_from_the_packages()
    {
        // TestProjects/ExportFamily: fixtures/usage-report/ (a family no code of the toolkit names) and
        // tests that order, poll, download and read it through UsageReportOperations against the packaged fake.
        var project = CopyTestProject("ExportFamily");
        packed.WriteNuGetConfig(project);
        foreach (var package in new[] { "MyTracker.Client", "MyTracker.Fake" })
        {
            // The version of this run's feed, without a restore per package: the test run restores once.
            var add = await packed.DotnetAsync(project, "add", "package", package, "--version", packed.Version, "--no-restore");
            Assert.True(add.ExitCode == 0, add.ToString());
        }

        var outcomes = await RunTestProjectAsync(project, microsoftTestingPlatform: true);

        Assert.Equal(5, outcomes.Count(o => o.Name.Contains("UsageReportTests.", StringComparison.Ordinal)));
        Assert.True(Directory.Exists(Path.Combine(packed.Packages, "mytracker.fake", packed.Version)), "MyTracker.Fake was not restored from the feed");
    }

    /// <summary>A template of TestProjects/, copied outside the repository.</summary>
    private string CopyTestProject(string template)
    {
        var project = Path.Combine(packed.Work, template);
        TempDirectory.Copy(Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "Packaging", "TestProjects", template), project);
        return project;
    }

    /// <summary>
    /// <c>dotnet test</c> of a consumer test project, as its user runs it: it must build without a
    /// warning, and every <c>[Fact]</c> of its files must have run and passed.
    /// </summary>
    private async Task<List<(string Name, string Outcome)>> RunTestProjectAsync(string project, bool microsoftTestingPlatform)
    {
        // xunit 2 runs under VSTest; xunit v3 (4.x) under Microsoft.Testing.Platform, which the
        // template's global.json selects for dotnet test: the same command, each runner's own report option.
        var results = Path.Combine(project, "TestResults", "results.trx");
        string[] report = microsoftTestingPlatform
            ? ["--results-directory", Path.GetDirectoryName(results)!, "--report-xunit-trx", "--report-xunit-trx-filename", Path.GetFileName(results)]
            : ["--logger", $"trx;LogFileName={results}"];
        // No --disable-build-servers: Microsoft.Testing.Platform passes it on to the test executable, which
        // then runs no test. Node reuse is off through the environment, the compiler server through the property.
        var test = await packed.DotnetAsync(project, ["test", "-p:UseSharedCompilation=false", .. report]);
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.DoesNotContain(" warning ", test.Output, StringComparison.Ordinal);

        var expected = Directory.EnumerateFiles(project, "*.cs").Sum(f => CountFacts(File.ReadAllText(f)));
        var outcomes = XDocument.Load(results).Descendants().Where(e => e.Name.LocalName == "UnitTestResult")
            .Select(e => (Name: e.Attribute("testName")!.Value, Outcome: e.Attribute("outcome")!.Value)).ToList();
        Assert.True(outcomes.Count == expected && outcomes.All(o => o.Outcome == "Passed"),
            $"expected {expected} passed tests, got:\n{string.Join("\n", outcomes)}\n{test}");
        return outcomes;
    }

    private static int CountFacts(string source) =>
        source.Split('\n').Count(line => line.Trim() is "[Fact]");

    private static void AssertClientPackage(string path, string version)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/MyTracker.Client.dll", entries);
        Assert.Contains("lib/net10.0/MyTracker.Client.xml", entries);
        AssertAnalyzerAssemblies(entries);
        Assert.Contains("buildTransitive/MyTracker.Client.targets", entries);
        Assert.Contains("README.md", entries);

        var dependencies = Dependencies(zip, "MyTracker.Client.nuspec", out var metadata);
        Assert.Equal(version, metadata.Element(metadata.Name.Namespace + "version")?.Value);
        Assert.DoesNotContain(dependencies, d => d.Id.Contains("Generator", StringComparison.Ordinal));
        Assert.Equal("MIT", metadata.Element(metadata.Name.Namespace + "license")?.Value);
    }

    private static void AssertFakePackage(string path, string version)
    {
        using var zip = ZipFile.OpenRead(path);
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/MyTracker.Fake.dll");
        Assert.Contains(zip.Entries, e => e.FullName == "buildTransitive/MyTracker.Fake.targets");
        var dependencies = Dependencies(zip, "MyTracker.Fake.nuspec", out _);
        var client = Assert.Single(dependencies, d => d.Id == "MyTracker.Client");
        Assert.Equal(version, client.Version);
        Assert.Null(client.Exclude);
    }

    /// <summary>
    /// The fixtures library reads fixtures through the MyTracker.Fixtures.Model package (the same sources the
    /// generator compiles in): it carries no generator assembly and depends on neither Roslyn nor a generator package.
    /// </summary>
    private static void AssertFixturesPackage(string path, string version)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/MyTracker.Fixtures.dll", entries);
        Assert.Contains("lib/net10.0/MyTracker.Fixtures.xml", entries);
        Assert.DoesNotContain(entries, e => e.Contains("Generator", StringComparison.Ordinal));
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal));

        var dependencies = Dependencies(zip, "MyTracker.Fixtures.nuspec", out var metadata);
        Assert.Equal(version, metadata.Element(metadata.Name.Namespace + "version")?.Value);
        Assert.Equal(version, Assert.Single(dependencies, d => d.Id == "MyTracker.Client").Version);
        Assert.Equal(version, Assert.Single(dependencies, d => d.Id == "MyTracker.Fixtures.Model").Version);
        Assert.DoesNotContain(dependencies, d => d.Id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(dependencies, d => d.Id.Contains("Generator", StringComparison.Ordinal));
        Assert.Contains(metadata.Descendants(), e => e.Name.LocalName == "frameworkReference" && e.Attribute("name")?.Value == "Microsoft.AspNetCore.App");
    }

    private static void AssertToolPackage(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using var stream = settings.Open();
        var command = XDocument.Load(stream).Descendants("Command").Single();
        Assert.Equal("fake-tracker", command.Attribute("Name")?.Value);
        Assert.Equal("fake-tracker.dll", command.Attribute("EntryPoint")?.Value);
    }

    private static List<(string Id, string? Version, string? Exclude)> Dependencies(ZipArchive zip, string nuspec, out XElement metadata)
    {
        using var stream = zip.GetEntry(nuspec)!.Open();
        var document = XDocument.Load(stream);
        metadata = document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return [.. document.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (e.Attribute("id")!.Value, e.Attribute("version")?.Value, e.Attribute("exclude")?.Value))];
    }

    private static void WriteConsumer(string consumer, string version)
    {
        var template = Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "Packaging", "Consumer");
        // The samples the README shows, from the template pack that ships them (one copy in the repository).
        TempDirectory.Copy(Path.Combine(BuildInfo.RepositoryRoot, "src", "MyTracker.Templates", "templates", "shared", "fixtures"), Path.Combine(consumer, "fixtures"));
        File.Copy(Path.Combine(template, "Program.cs.txt"), Path.Combine(consumer, "Program.cs"));
        WriteSwitches(consumer, template);

        // The docs' block that writes the generated files into the project, pasted as it is.
        var seeGenerated = Assert.Single(ReadmeCodeBlocks.Read(), b => b.Language == "xml" && b.Code.Contains("EmitCompilerGeneratedFiles", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>Consumer</RootNamespace>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MyTracker.Client" Version="{version}" />
                <PackageReference Include="MyTracker.Fake" Version="{version}" />
                <PackageReference Include="MyTracker.Fixtures" Version="{version}" />
              </ItemGroup>
            {seeGenerated.Code}
            </Project>
            """);
    }
}
