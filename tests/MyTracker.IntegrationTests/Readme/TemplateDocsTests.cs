using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Readme;

/// <summary>
/// The README's hello world for tests is the template pack's project: the test file and every sample
/// file it shows are the template's files word for word, so what a reader pastes is what
/// <c>dotnet new mytracker-xunit3</c> writes and what <see cref="Packaging.PackageConsumptionTests"/> runs.
/// </summary>
public sealed class TemplateDocsTests
{
    private static string Shared => Path.Combine(BuildInfo.RepositoryRoot, "src", "MyTracker.Templates", "templates", "shared");

    [Fact]
    public void The_readme_test_is_the_templates_first_test_word_for_word()
    {
        var block = Assert.Single(ReadmeCodeBlocks.Read(ReadmeCodeBlocks.ReadmePath), b => b.Language == "csharp" && b.FileName == "ReportExportTests.cs");

        Assert.Equal(File.ReadAllText(Path.Combine(Shared, "ReportExportTests.cs")).ReplaceLineEndings("\n"), block.Code);
    }

    [Fact]
    public void The_readme_shows_every_sample_file_of_the_template_as_it_is()
    {
        var shown = ReadmeCodeBlocks.Read(ReadmeCodeBlocks.ReadmePath)
            .Where(b => b.FileName?.StartsWith("fixtures/", StringComparison.Ordinal) == true)
            .ToDictionary(b => b.FileName!, b => b.Code, StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(Path.Combine(Shared, "fixtures"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Shared, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"), StringComparer.Ordinal);

        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), shown.Keys.Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal(f.Value.TrimEnd('\n') + "\n", shown[f.Key]));
    }

    [Fact]
    public void The_template_projects_in_the_repository_carry_the_version_placeholder_the_pack_stamps()
    {
        // The pack writes stamped copies to obj/; the sources keep the placeholder, or every pack would ship one old version.
        var projects = Directory.EnumerateFiles(Path.Combine(Shared, ".."), "*.csproj", SearchOption.AllDirectories).ToList();

        Assert.Equal(2, projects.Count);
        Assert.All(projects, p => Assert.Contains("Version=\"MYTRACKER_PACKAGE_VERSION\"", File.ReadAllText(p), StringComparison.Ordinal));
    }
}
