using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Packaging;

/// <summary>
/// Packs the three packages from this checkout's build outputs into a folder feed, builds a fresh
/// consumer outside the repository against them (with a fixture folder of its own), runs it against
/// the packaged fake, and installs and runs the packaged tool.
/// </summary>
public sealed class PackageConsumptionTests
{
    private static readonly TimeSpan StepDeadline = TimeSpan.FromMinutes(4);

    private static readonly string[] PackedProjects =
    [
        "src/MyTracker.Client/MyTracker.Client.csproj",
        "src/MyTracker.Fake/MyTracker.Fake.csproj",
        "src/MyTracker.Fake.Tool/MyTracker.Fake.Tool.csproj",
    ];

    [Fact]
    public async Task A_consumer_outside_the_repository_gets_typed_code_for_its_own_fixtures_and_talks_to_the_packaged_fake()
    {
        // A version never seen before: NuGet caches packages by id and version, so reusing one would test a stale package.
        var version = $"0.1.0-ci.{DateTime.UtcNow.Ticks}";
        var work = Path.Combine(Path.GetTempPath(), $"mytracker-packages-{Guid.NewGuid():N}");
        Assert.False(work.StartsWith(BuildInfo.RepositoryRoot, StringComparison.Ordinal), "the consumer must not see the repository's Directory.Build.* files");
        var feed = Path.Combine(work, "feed");
        var consumer = Path.Combine(work, "consumer");
        var packages = Path.Combine(work, "packages");
        Directory.CreateDirectory(work);
        try
        {
            var environment = NestedEnvironment(packages);

            // 1. Pack what the test run has just built (one dotnet call for all three projects).
            var filter = Path.Combine(work, "pack.slnf");
            await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new
            {
                solution = new { path = Path.Combine(BuildInfo.RepositoryRoot, "Toolkit.sln"), projects = PackedProjects },
            }));
            var pack = await DotnetAsync(work, environment,
                "pack", filter, "--no-build", "-c", BuildInfo.Configuration, "-o", feed, $"-p:Version={version}", "--nologo");
            Assert.True(pack.ExitCode == 0, pack.ToString());

            AssertClientPackage(Path.Combine(feed, $"MyTracker.Client.{version}.nupkg"), version);
            AssertFakePackage(Path.Combine(feed, $"MyTracker.Fake.{version}.nupkg"), version);
            AssertToolPackage(Path.Combine(feed, $"MyTracker.Fake.Tool.{version}.nupkg"));

            // 2. A fresh consumer with its own endpoint, referencing the packages by version.
            WriteConsumer(consumer, feed, packages, version);
            var build = await DotnetAsync(consumer, environment,
                "build", "--nologo", "-c", "Debug", "-p:UseSharedCompilation=false", "--disable-build-servers");
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);

            // Only the packages under test were unpacked into the private folder; the rest came from the machine's cache.
            Assert.True(Directory.Exists(Path.Combine(packages, "mytracker.client", version)), "MyTracker.Client was not restored from the feed");

            var run = await DotnetAsync(consumer, environment, Path.Combine(consumer, "bin", "Debug", "net10.0", "Consumer.dll"));
            Assert.True(run.ExitCode == 0, run.ToString());
            var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(
                [
                    "segment-export 7: InProgress then Success",
                    "report-export 5: Success, id 5, rows 12, 1 file(s) downloadable from the fake: True",
                    "report-export 8: InProgress 30%",
                    "report-export 6: NotFound \"Report export request not found\"",
                    "signed polls of export 7 accepted: 2",
                ],
                lines);

            // 3. The tool package installs as a dotnet tool and runs.
            var tools = Path.Combine(work, "tools");
            var install = await DotnetAsync(consumer, environment,
                "tool", "install", "MyTracker.Fake.Tool", "--version", version, "--tool-path", tools);
            Assert.True(install.ExitCode == 0, install.ToString());
            var tool = await ProcessRunner.RunAsync(
                ProcessRunner.Describe(Path.Combine(tools, "fake-tracker"), ["--port", "0", "--export-mappings", "-"], consumer, environment),
                StepDeadline);
            Assert.True(tool.ExitCode == 0, tool.ToString());
            using var mappings = JsonDocument.Parse(tool.Output);
            Assert.Equal(JsonValueKind.Array, mappings.RootElement.ValueKind);

            var badArgument = await ProcessRunner.RunAsync(
                ProcessRunner.Describe(Path.Combine(tools, "fake-tracker"), ["--port", "nope"], consumer, environment), StepDeadline);
            Assert.Equal(2, badArgument.ExitCode);
            Assert.StartsWith("fake-tracker: --port must be a number", badArgument.Error, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Leftovers in the temp folder are harmless; the assertion outcome is what matters.
            }
        }
    }

    private static void AssertClientPackage(string path, string version)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/MyTracker.Client.dll", entries);
        Assert.Contains("lib/net10.0/MyTracker.Client.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/MyTracker.Client.Generator.dll", entries);
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

    private static void WriteConsumer(string consumer, string feed, string packages, string version)
    {
        var template = Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "Packaging", "Consumer");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(template, "fixtures"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(consumer, Path.GetRelativePath(template, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.Copy(Path.Combine(template, "Program.cs.txt"), Path.Combine(consumer, "Program.cs"));
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>Consumer</RootNamespace>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- WireMock.Net.Minimal's dependency ranges resolve to the next version on this feed. -->
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MyTracker.Client" Version="{version}" />
                <PackageReference Include="MyTracker.Fake" Version="{version}" />
              </ItemGroup>
            </Project>
            """);

        // The folder feed first; then the machine's package cache, read-only, so every third-party package
        // this checkout already restored resolves offline; then the source configured on this machine.
        var cache = MachinePackageCache();
        var sources = string.Join("\n", MachineSources().Select((s, i) => $"""    <add key="configured-{i}" value="{s}" />"""));
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <packageSources>
                <clear />
                <add key="feed" value="{feed}" />
                <add key="machine-cache" value="{cache}" />
            {sources}
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="machine-cache" value="{cache}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    private static string MachinePackageCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static IEnumerable<string> MachineSources()
    {
        // The user-level NuGet.Config names the registry this machine restores from; keep it as the last resort.
        var config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        if (!File.Exists(config))
        {
            return ["https://api.nuget.org/v3/index.json"];
        }

        var values = XDocument.Load(config).Descendants("packageSources").Elements("add")
            .Select(e => e.Attribute("value")?.Value).OfType<string>().Where(v => v.Length > 0).ToList();
        return values.Count > 0 ? values : ["https://api.nuget.org/v3/index.json"];
    }

    private static Dictionary<string, string?> NestedEnvironment(string packages)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["NUGET_PACKAGES"] = packages,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_UI_LANGUAGE"] = "en",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };

        // The test host runs under MSBuild/VSTest variables that would steer the nested builds back into this repository's SDK state.
        foreach (var name in Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && name != "MSBUILDDISABLENODEREUSE")
            {
                environment[name] = null;
            }
        }

        return environment;
    }

    private static Task<ProcessRunner.Result> DotnetAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ProcessRunner.RunAsync(ProcessRunner.Describe("dotnet", args, workingDirectory, environment), StepDeadline);
}
