using System.Text.RegularExpressions;
using System.Xml.Linq;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Readme;

/// <summary>
/// Facts the docs state once, held to the source that decides them: the diagnostics page to
/// DiagnosticDescriptors.cs, the MSBuild property table of fixtures/README.md to the targets file the
/// package ships, the README's package table to the packed projects and their target framework, and
/// the README's length to what a newcomer reads in five minutes.
/// </summary>
public sealed partial class DocsFactsTests
{
    private static string Root => BuildInfo.RepositoryRoot;

    [Fact]
    public void The_diagnostics_page_lists_every_descriptor_with_its_severity_and_title()
    {
        // Ids the fixture model reports are constants of FixtureDiagnosticIds (one place with the model); inline them first.
        var ids = IdConstant().Matches(File.ReadAllText(Path.Combine(Root, "src", "MyTracker.Fixtures.Model", "FixtureDiagnosticKind.cs")))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["id"].Value, StringComparer.Ordinal);
        var source = IdReference().Replace(
            File.ReadAllText(Path.Combine(Root, "src", "MyTracker.Client.Generator", "DiagnosticDescriptors.cs")),
            m => $"id: \"{ids[m.Groups["name"].Value]}\"");
        var descriptors = Descriptor().Matches(source)
            .Select(m => (Id: m.Groups["id"].Value, Severity: m.Groups["severity"].Value.ToLowerInvariant(), Title: m.Groups["title"].Value))
            .ToList();
        var suppressions = Suppression().Matches(source).Select(m => (Id: m.Groups["id"].Value, Lifts: m.Groups["lifts"].Value)).ToList();
        var page = File.ReadAllLines(Path.Combine(Root, "docs", "diagnostics.md"));
        var rows = page.Select(l => Row().Match(l)).Where(m => m.Success).Select(m => m.Groups["cells"].Value.Split(" | ")).ToList();

        Assert.NotEmpty(descriptors);
        Assert.Equal(
            descriptors.Select(d => $"{d.Id} {d.Severity} {d.Title}"),
            rows.Where(r => r[0].StartsWith("MTG0", StringComparison.Ordinal)).Select(r => $"{r[0]} {r[1]} {r[2].Replace("`", string.Empty, StringComparison.Ordinal)}"));
        Assert.Equal(
            suppressions.Select(s => $"{s.Id} {s.Lifts}"),
            rows.Where(r => r[0].StartsWith("MTGS", StringComparison.Ordinal)).Select(r => $"{r[0]} {r[1]}"));
    }

    [Fact]
    public void The_fixture_readme_lists_every_msbuild_property_of_the_packaged_targets_and_the_readme_none()
    {
        var targets = File.ReadAllText(Path.Combine(Root, "src", "MyTracker.Client", "buildTransitive", "MyTracker.Client.targets"));
        var properties = PropertyUse().Matches(targets).Select(m => m.Groups["name"].Value)
            .Concat(VisibleProperty().Matches(targets).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var table = File.ReadAllLines(Path.Combine(Root, "fixtures", "README.md"))
            .Select(l => PropertyRow().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();

        Assert.Contains("MyTrackerGenerateExportOperations", properties);
        Assert.Equal(properties.Order(StringComparer.Ordinal), table.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(File.ReadAllLines(ReadmeCodeBlocks.ReadmePath), l => PropertyRow().IsMatch(l));
    }

    [Fact]
    public void The_readme_package_table_is_the_packed_projects_and_each_targets_net10()
    {
        var packed = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains(Path.Combine("MyTracker.Templates", "templates"), StringComparison.Ordinal))
            .Select(p => (Path: p, Project: XDocument.Load(p)))
            .Where(p => Property(p.Project, "IsPackable") != "false")
            .ToList();
        var readme = File.ReadAllLines(ReadmeCodeBlocks.ReadmePath);
        var header = Array.FindIndex(readme, l => l.StartsWith("| package |", StringComparison.Ordinal));
        Assert.True(header >= 0, "README.md has no table headed '| package |'");
        var listed = readme.Skip(header + 2).TakeWhile(l => l.StartsWith('|'))
            .SelectMany(l => Code().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value)).ToList();

        Assert.Equal(
            packed.Select(p => Property(p.Project, "PackageId") ?? Path.GetFileNameWithoutExtension(p.Path)).Order(StringComparer.Ordinal),
            listed.Order(StringComparer.Ordinal));
        // The fixture model is compiled into the generator too, so it is the one netstandard2.0 package.
        Assert.All(packed, p => Assert.Equal(
            Path.GetFileNameWithoutExtension(p.Path) == "MyTracker.Fixtures.Model" ? "netstandard2.0" : "net10.0",
            Property(p.Project, "TargetFramework")));
        Assert.Contains("Every package targets `net10.0`", File.ReadAllText(ReadmeCodeBlocks.ReadmePath), StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_is_an_entry_point_of_at_most_200_lines()
    {
        var lines = File.ReadAllLines(ReadmeCodeBlocks.ReadmePath).Length;

        Assert.True(lines <= 200, $"README.md has {lines} lines; move reference material to a page of docs/ and link it");
    }

    private static string? Property(XDocument project, string name) =>
        project.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault();

    [GeneratedRegex("""id: "(?<id>MTG\d{4})",\s*title: "(?<title>[^"]*)",(?:.|\n)*?defaultSeverity: DiagnosticSeverity\.(?<severity>\w+)""")]
    private static partial Regex Descriptor();

    [GeneratedRegex(@"id: ""(?<id>MTGS\d{4})"",\s*suppressedDiagnosticId: ""(?<lifts>CS\d{4})""")]
    private static partial Regex Suppression();

    [GeneratedRegex(@"public const string (?<name>\w+) = ""(?<id>MTG\d{4})"";")]
    private static partial Regex IdConstant();

    [GeneratedRegex(@"id: FixtureDiagnosticIds\.(?<name>\w+)")]
    private static partial Regex IdReference();

    [GeneratedRegex(@"^\| (?<cells>MTGS?\d{4} \| .*) \|$")]
    private static partial Regex Row();

    [GeneratedRegex(@"\$\((?<name>MyTracker\w+)\)")]
    private static partial Regex PropertyUse();

    [GeneratedRegex("""<CompilerVisibleProperty Include="(?<name>MyTracker\w+)" />""")]
    private static partial Regex VisibleProperty();

    [GeneratedRegex(@"^\s*\| `(?<name>MyTracker\w+)` \|")]
    private static partial Regex PropertyRow();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
