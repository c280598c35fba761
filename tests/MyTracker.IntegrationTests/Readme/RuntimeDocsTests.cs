using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Readme;

/// <summary>
/// docs/export-operations.md shows the code of a second export family: the whole job through the generated
/// operations, and a hand-written adapter. Both are the code of the packaging test's export-family
/// project (TestProjects/ExportFamily), which <see cref="Packaging.PackageConsumptionTests"/> builds from
/// the packed packages and runs against the packaged fake; these tests keep the doc's blocks that code
/// word for word, so what the doc shows compiles and runs.
/// </summary>
public sealed class RuntimeDocsTests
{
    private const string BeginMarker = "// docs/export-operations.md, \"{0}\", word for word: begin";
    private const string EndMarker = "// docs/export-operations.md: end";

    private static string DocPath => Path.Combine(BuildInfo.RepositoryRoot, "docs", "export-operations.md");

    [Theory]
    [InlineData("The whole job for a second export family", "UsageReportTests.cs", "new UsageReportOperations(client)")]
    [InlineData("An export the generator does not recognize", "UsageReportAdapter.cs", "class UsageReportAdapter")]
    public void A_runtime_docs_block_is_the_package_tests_code_word_for_word(string heading, string file, string marker)
    {
        var doc = File.ReadAllText(DocPath);
        var block = Assert.Single(ReadmeCodeBlocks.Read(DocPath), b => b.Language == "csharp" && b.Code.Contains(marker, StringComparison.Ordinal));

        Assert.Contains("\n### " + heading + "\n", doc, StringComparison.Ordinal);
        Assert.Equal(Region(File.ReadAllText(ProjectFile(file)), heading), block.Code);
    }

    [Fact]
    public void Every_excerpt_of_the_docs_is_one_of_these_regions()
    {
        // An excerpt is not compiled on its own (ReadmeCodeBlockTests skips it): it must be a region checked here.
        var regions = new[] { ("The whole job for a second export family", "UsageReportTests.cs"), ("An export the generator does not recognize", "UsageReportAdapter.cs") }
            .Select(r => Region(File.ReadAllText(ProjectFile(r.Item2)), r.Item1)).ToList();

        Assert.All(ReadmeCodeBlocks.Read().Where(b => b.Kind == "excerpt"), b => Assert.Contains(b.Code, regions));
    }

    [Fact]
    public void The_adapters_use_shown_inline_is_the_line_the_package_test_runs()
    {
        const string Use = "new ExportOperations<UsageReportOrder, UsageReportPollResult>(client, new UsageReportAdapter(new UsageReportClient(client.CreateHttpClient())))";

        Assert.Contains("`" + Use + "`", File.ReadAllText(DocPath), StringComparison.Ordinal);
        Assert.Contains(Use, File.ReadAllText(ProjectFile("UsageReportTests.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_is_cut_at_its_markers_and_loses_only_its_common_indentation()
    {
        var source = "class A\n{\n    // docs/export-operations.md, \"X\", word for word: begin\n    var a = 1;\n\n        a++;\n    // docs/export-operations.md: end\n}\n";

        Assert.Equal("var a = 1;\n\n    a++;\n", Region(source, "X"));
        Assert.Throws<InvalidDataException>(() => Region(source, "Y"));
    }

    private static string ProjectFile(string name) =>
        Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "Packaging", "TestProjects", "ExportFamily", name);

    /// <summary>The lines between a region's begin and end markers, without the indentation they all share.</summary>
    private static string Region(string source, string heading)
    {
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        var begin = string.Format(System.Globalization.CultureInfo.InvariantCulture, BeginMarker, heading);
        var start = Array.FindIndex(lines, l => l.Trim() == begin);
        var end = start < 0 ? -1 : Array.FindIndex(lines, start + 1, l => l.Trim() == EndMarker);
        if (start < 0 || end < 0)
        {
            throw new InvalidDataException($"no region \"{heading}\" between '{begin}' and '{EndMarker}'");
        }

        var body = lines[(start + 1)..end];
        var indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Concat(body.Select(l => (l.Trim().Length == 0 ? string.Empty : l[indent..]) + "\n"));
    }
}
