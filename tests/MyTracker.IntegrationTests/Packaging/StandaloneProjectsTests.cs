using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Packaging;

/// <summary>
/// Projects of the repository that <c>Toolkit.sln</c> does not build (the load script's Kestrel and
/// raw WireMock.Net servers) still restore warning-free under the repository's
/// <c>TreatWarningsAsErrors</c>: nothing else in <c>dotnet test</c> touches them, and once NU1603 became
/// an error again the raw WireMock.Net one stopped building without anyone noticing. The consumer
/// projects under <c>Packaging/TestProjects</c> and the template projects of <c>src/MyTracker.Templates/templates</c>
/// are left to <see cref="PackageConsumptionTests"/>, which restores them from the packed feed.
/// </summary>
public sealed class StandaloneProjectsTests
{
    public static TheoryData<string> ProjectsOutsideTheSolution() => [.. FindProjectsOutsideTheSolution()];

    private static List<string> FindProjectsOutsideTheSolution()
    {
        var root = BuildInfo.RepositoryRoot;
        var solution = File.ReadAllText(Path.Combine(root, "Toolkit.sln"));
        var separator = Path.DirectorySeparatorChar;
        var projects = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p))
            .Where(p => !p.Split(separator).Any(part => part is "bin" or "obj" or "TestProjects" or "node_modules"))
            .Where(p => !p.StartsWith(Path.Combine("src", "MyTracker.Templates", "templates") + separator, StringComparison.Ordinal))
            .Where(p => !solution.Contains(p.Replace('/', '\\'), StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        return [.. projects];
    }

    [Fact]
    public void The_load_script_servers_are_among_them()
    {
        var projects = FindProjectsOutsideTheSolution().Select(p => p.Replace('\\', '/')).ToList();

        Assert.Contains("tests/MyTracker.Benchmarks/load/KestrelBaseline/KestrelBaseline.csproj", projects);
        Assert.Contains("tests/MyTracker.Benchmarks/load/RawWireMock/RawWireMock.csproj", projects);
    }

    [Theory]
    [MemberData(nameof(ProjectsOutsideTheSolution))]
    public async Task A_project_outside_the_solution_restores_without_a_warning(string project)
    {
        var run = await ProcessRunner.RunAsync(
            ProcessRunner.Describe(NestedDotnet.Host, ["restore", project, "-nologo"], BuildInfo.RepositoryRoot, NestedDotnet.Environment()),
            TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("warning NU", run.Output, StringComparison.Ordinal);
    }
}
