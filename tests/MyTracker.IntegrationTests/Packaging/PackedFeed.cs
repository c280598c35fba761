using System.Text.Json;
using System.Xml.Linq;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Packaging;

/// <summary>
/// The packages of this checkout, packed once from the test run's build outputs into a folder feed
/// in the temp folder (outside the repository, so no consumer sees its Directory.Build.* files), with
/// a private NuGet packages folder for the consumers built against it.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public static readonly TimeSpan StepDeadline = TimeSpan.FromMinutes(5);

    private static readonly string[] PackedProjects =
    [
        "src/MyTracker.Fixtures.Model/MyTracker.Fixtures.Model.csproj",
        "src/MyTracker.Client/MyTracker.Client.csproj",
        "src/MyTracker.Fake/MyTracker.Fake.csproj",
        "src/MyTracker.Fake.Xunit/MyTracker.Fake.Xunit.csproj",
        "src/MyTracker.Fake.XunitV3/MyTracker.Fake.XunitV3.csproj",
        "src/MyTracker.Fake.Tool/MyTracker.Fake.Tool.csproj",
        "src/MyTracker.Fixtures/MyTracker.Fixtures.csproj",
        "src/MyTracker.Templates/MyTracker.Templates.csproj",
    ];

    public PackedFeed()
    {
        Work = Path.Combine(Path.GetTempPath(), $"mytracker-packages-{Guid.NewGuid():N}");
        Environment = NestedDotnet.Environment(Packages);
    }

    /// <summary>
    /// A version never seen before: NuGet caches packages by id and version, and the machine's cache
    /// (a fallback folder here) may hold a README-recipe pack of this very commit with other bits.
    /// </summary>
    public string Version { get; } = $"0.1.0-ci.{DateTime.UtcNow.Ticks}";

    public string Work { get; }

    public string Feed => Path.Combine(Work, "feed");

    /// <summary>The consumers' global packages folder: only packages restored for them land here.</summary>
    public string Packages => Path.Combine(Work, "packages");

    public IReadOnlyDictionary<string, string?> Environment { get; }

    public async Task InitializeAsync()
    {
        Assert.False(Work.StartsWith(BuildInfo.RepositoryRoot, StringComparison.Ordinal), "the consumers must not see the repository's Directory.Build.* files");
        Directory.CreateDirectory(Work);

        // Pack what the test run has just built (one dotnet call for all projects).
        var filter = Path.Combine(Work, "pack.slnf");
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new
        {
            solution = new { path = Path.Combine(BuildInfo.RepositoryRoot, "Toolkit.sln"), projects = PackedProjects },
        }));
        var pack = await DotnetAsync(Work, "pack", filter, "--no-build", "-c", BuildInfo.Configuration, "-o", Feed, $"-p:Version={Version}", "--nologo");
        Assert.True(pack.ExitCode == 0, pack.ToString());
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless; the assertion outcome is what matters.
        }

        return Task.CompletedTask;
    }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    internal Task<ProcessRunner.Result> DotnetAsync(string workingDirectory, params string[] args) =>
        ProcessRunner.RunAsync(ProcessRunner.Describe("dotnet", args, workingDirectory, Environment), StepDeadline);

    /// <summary>The packed MyTracker.Templates, installed once into the private template hive.</summary>
    internal Task InstallTemplatesAsync() => _templates ??= InstallAsync();

    private Task? _templates;

    private async Task InstallAsync()
    {
        var install = await DotnetNewAsync(Work, "install", PackagePath("MyTracker.Templates"));
        Assert.True(install.ExitCode == 0, install.ToString());
    }

    /// <summary>
    /// <c>dotnet new</c> with a template hive and CLI home of its own under <see cref="Work"/>, so installing
    /// the template pack leaves the user's <c>~/.templateengine</c> and <c>~/.dotnet</c> as they were.
    /// </summary>
    internal Task<ProcessRunner.Result> DotnetNewAsync(string workingDirectory, params string[] args)
    {
        var environment = new Dictionary<string, string?>(Environment, StringComparer.Ordinal) { ["DOTNET_CLI_HOME"] = Path.Combine(Work, "cli-home") };
        return ProcessRunner.RunAsync(
            ProcessRunner.Describe("dotnet", ["new", .. args, "--debug:custom-hive", Path.Combine(Work, "template-hive")], workingDirectory, environment),
            StepDeadline);
    }

    /// <summary>
    /// The README's project-local nuget.config (the feed and nuget.org, MyTracker.* mapped to the feed
    /// only), with this machine's configured sources in place of nuget.org, the private packages
    /// folder, and the machine's package cache as a read-only fallback so third-party packages this
    /// checkout already restored resolve offline.
    /// </summary>
    public void WriteNuGetConfig(string consumer)
    {
        var cache = MachinePackageCache();
        var sources = MachineSources().Select((s, i) => (Key: i == 0 ? "nuget.org" : $"configured-{i}", Value: s)).ToList();
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Packages}" />
              </config>
              <packageSources>
                <clear />
                <add key="mytracker" value="{Path.GetRelativePath(consumer, Feed)}" />
            {string.Join("\n", sources.Select(s => $"""    <add key="{s.Key}" value="{s.Value}" />"""))}
              </packageSources>
              <packageSourceMapping>
                <packageSource key="mytracker"><package pattern="MyTracker.*" /></packageSource>
            {string.Join("\n", sources.Select(s => $"""    <packageSource key="{s.Key}"><package pattern="*" /></packageSource>"""))}
              </packageSourceMapping>
              <fallbackPackageFolders>
                <clear />
                <add key="machine-cache" value="{cache}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    private static string MachinePackageCache() =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static List<string> MachineSources()
    {
        // The user-level NuGet.Config names the registry this machine restores from.
        var config = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        if (!File.Exists(config))
        {
            return ["https://api.nuget.org/v3/index.json"];
        }

        var values = XDocument.Load(config).Descendants("packageSources").Elements("add")
            .Select(e => e.Attribute("value")?.Value).OfType<string>().Where(v => v.Length > 0).ToList();
        return values.Count > 0 ? values : ["https://api.nuget.org/v3/index.json"];
    }
}
