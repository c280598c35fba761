using System.Text.Json;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Packaging;

/// <summary>
/// build/Version.targets: a build from a working tree is versioned by its commit, so a repacked
/// package is a new package to NuGet; a release build is plain. Asked of MSBuild itself, on the
/// MyTracker.Client project of this checkout.
/// </summary>
public sealed class VersionTests
{
    [Fact]
    public async Task A_working_tree_build_is_a_prerelease_named_by_the_commit_count_and_id()
    {
        var height = (await GitAsync("rev-list", "--count", "HEAD")).Trim();
        var commit = (await GitAsync("rev-parse", "--short=10", "HEAD")).Trim();

        var properties = await VersionPropertiesAsync();

        Assert.Equal($"0.1.0-dev.{height}.g{commit}", properties["Version"]);
        Assert.Equal(properties["Version"], properties["PackageVersion"]);
        Assert.Equal($"0.1.0.{height}", properties["FileVersion"]);
    }

    [Fact]
    public async Task A_release_build_is_the_plain_release_number()
    {
        var properties = await VersionPropertiesAsync("-p:MyTrackerRelease=true");

        Assert.Equal("0.1.0", properties["Version"]);
        Assert.Equal("0.1.0", properties["PackageVersion"]);
    }

    [Fact]
    public async Task Outside_a_git_repository_the_version_is_still_a_prerelease()
    {
        // A source archive: git finds no repository (GIT_DIR names an empty folder).
        using var empty = new TempDirectory();

        var properties = await VersionPropertiesAsync(environment: new Dictionary<string, string?> { ["GIT_DIR"] = empty.Path });

        Assert.Equal("0.1.0-dev", properties["Version"]);
    }

    private static async Task<Dictionary<string, string>> VersionPropertiesAsync(string? property = null, Dictionary<string, string?>? environment = null)
    {
        var project = Path.Combine(BuildInfo.RepositoryRoot, "src", "MyTracker.Client", "MyTracker.Client.csproj");
        string[] args = ["msbuild", project, "-t:MyTrackerVersionFromGit", "-getProperty:Version", "-getProperty:PackageVersion", "-getProperty:FileVersion", "-nologo"];
        var env = NestedDotnet.Environment();
        foreach (var (name, value) in environment ?? [])
        {
            env[name] = value;
        }

        var run = await ProcessRunner.RunAsync(ProcessRunner.Describe(NestedDotnet.Host, property is null ? args : [.. args, property], BuildInfo.RepositoryRoot, env), TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);
    }

    private static async Task<string> GitAsync(params string[] args)
    {
        var run = await ProcessRunner.RunAsync(ProcessRunner.Describe("git", args, BuildInfo.RepositoryRoot), TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Output;
    }
}
