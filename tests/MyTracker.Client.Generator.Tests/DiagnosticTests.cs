using MyTracker.Client.Generator.Helpers;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;
using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>One test per diagnostic: each is reported at the file, line and column of the problem.</summary>
public sealed class DiagnosticTests
{
    private const string Manifest = """{ "method": "GET", "path": "/api/x.json" }""";

    [Fact]
    public void Descriptors_are_numbered_in_order_and_fully_described()
    {
        var all = DiagnosticDescriptors.All;
        for (var i = 0; i < all.Count; i++)
        {
            Assert.Equal($"MTG{i + 1:0000}", all[i].Id);
            Assert.False(string.IsNullOrWhiteSpace(all[i].Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(all[i].MessageFormat.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(all[i].Description.ToString()));
            Assert.Equal(all[i] == DiagnosticDescriptors.MissingDocumentedCase ? "MyTracker.Usage" : "MyTracker.Fixtures", all[i].Category);
        }

        var declared = typeof(DiagnosticDescriptors).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .Order();
        Assert.Equal(all.Select(d => d.Id).Order(), declared);

        var releases = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "src/MyTracker.Client.Generator/AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in all)
        {
            Assert.Matches(new Regex("^" + descriptor.Id + @" \| " + Regex.Escape(descriptor.Category) + @" \| " + descriptor.DefaultSeverity + " ", RegexOptions.Multiline), releases);
        }
    }

    [Fact]
    public void MTG0001_broken_json_is_reported_at_the_exact_place()
    {
        var run = Run(new Fixture("a/b/endpoint.json", Manifest), new Fixture("a/b/200.ok.json", "{\n  \"code\": 200,\n  \"data\": }\n"));

        var diagnostic = Single(run, "MTG0001");
        AssertAt(diagnostic, "a/b/200.ok.json", line: 2, column: 10);
        Assert.Contains("a value was expected", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("{\"a\": \"unterminated", 0, 19)]
    [InlineData("{\"a\": 1,, }", 0, 8)]
    [InlineData("[1, 2", 0, 5)]
    [InlineData("{\"a\": 01}", 0, 7)]
    [InlineData("{\"a\": tru}", 0, 6)]
    [InlineData("{} {}", 0, 3)]
    [InlineData("", 0, 0)]
    [InlineData("/* never closed", 0, 0)]
    [InlineData("{\n\"a\": \"x\ny\"}", 1, 7)]
    public void MTG0001_each_kind_of_broken_json_has_its_position(string json, int line, int column)
    {
        var run = Run(new Fixture("a/b/endpoint.json", Manifest), new Fixture("a/b/200.ok.json", json));

        AssertAt(Single(run, "MTG0001"), "a/b/200.ok.json", line, column);
    }

    [Fact]
    public void MTG0001_positions_are_right_in_files_with_crlf_line_ends_and_a_byte_order_mark()
    {
        var run = Run(new Fixture("a/b/endpoint.json", Manifest), new Fixture("a/b/200.ok.json", "\uFEFF{\r\n  \"a\": 1,\r\n  \"b\": ?\r\n}"));

        AssertAt(Single(run, "MTG0001"), "a/b/200.ok.json", 2, 7);
    }

    [Fact]
    public void MTG0001_nesting_deeper_than_the_limit_is_reported()
    {
        var json = new string('[', JsonParser.MaxDepth + 1) + new string(']', JsonParser.MaxDepth + 1);
        var run = Run(new Fixture("a/b/endpoint.json", Manifest), new Fixture("a/b/200.ok.json", json));

        var diagnostic = Single(run, "MTG0001");
        AssertAt(diagnostic, "a/b/200.ok.json", 0, JsonParser.MaxDepth);
        Assert.Contains("nesting deeper", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_commas_and_comments_are_not_errors()
    {
        var run = Run(new Fixture("a/b/endpoint.json", "// manifest\n" + Manifest), new Fixture("a/b/200.ok.json", "{ /* c */ \"a\": [1, 2,], }"));

        Assert.Empty(run.Diagnostics);
        Assert.NotEmpty(run.Sources);
    }

    [Theory]
    [InlineData("ok.json")]
    [InlineData("2000.ok.json")]
    [InlineData("099.ok.json")]
    [InlineData("200..json")]
    [InlineData("200.in_progress.json")]
    [InlineData("200.1st.json")]
    public void MTG0002_a_sample_name_outside_the_format_is_ignored_with_a_warning(string fileName)
    {
        var run = Run(new Fixture("a/b/endpoint.json", Manifest), new Fixture("a/b/200.ok.json", "{}"), new Fixture("a/b/" + fileName, "{}"));

        var diagnostic = Single(run, "MTG0002");
        AssertAt(diagnostic, "a/b/" + fileName, 0, 0);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.NotEmpty(run.Sources);
    }

    [Theory]
    [InlineData("""{ "method": "FETCH", "path": "/x" }""", 0, 12, "'method'")]
    [InlineData("""{ "method": "GET", "path": "x.json" }""", 0, 27, "'path'")]
    [InlineData("""{ "method": "GET", "path": "/x?y=1" }""", 0, 27, "'path'")]
    [InlineData("[]", 0, 0, "object")]
    [InlineData("""{ "method": "GET", "path": "/x", "parameters": [ { "name": "a", "type": "date" } ] }""", 0, 72, "'type'")]
    [InlineData("""{ "method": "GET", "path": "/x", "parameters": [ { "name": "a", "type": "enum" } ] }""", 0, 49, "'values'")]
    [InlineData("""{ "method": "GET", "path": "/x", "parameters": [ { "name": "a", "in": "body", "type": "string" } ] }""", 0, 70, "'in'")]
    [InlineData("""{ "method": "GET", "path": "/x", "parameters": [ { "name": "a", "in": "path", "type": "string" } ] }""", 0, 70, "{a}")]
    [InlineData("""{ "method": "GET", "path": "/x", "parameters": [ { "name": "a", "type": "string" }, { "name": "a", "type": "string" } ] }""", 0, 84, "twice")]
    public void MTG0003_an_invalid_manifest_is_reported_at_the_offending_value(string manifest, int line, int column, string mentions)
    {
        var run = Run(new Fixture("a/b/endpoint.json", manifest), new Fixture("a/b/200.ok.json", "{}"));

        var diagnostic = Single(run, "MTG0003");
        AssertAt(diagnostic, "a/b/endpoint.json", line, column);
        Assert.Contains(mentions, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void MTG0004_samples_without_a_manifest_generate_nothing()
    {
        var run = Run(new Fixture("a/b/200.ok.json", "{}"));

        AssertAt(Single(run, "MTG0004"), "a/b/200.ok.json", 0, 0);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void MTG0005_a_manifest_without_samples_generates_nothing()
    {
        var run = Run(new Fixture("a/b/endpoint.json", Manifest));

        AssertAt(Single(run, "MTG0005"), "a/b/endpoint.json", 0, 0);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void MTG0006_samples_that_disagree_on_a_type_are_reported_at_the_second_kind()
    {
        var run = Run(
            new Fixture("a/b/endpoint.json", Manifest),
            new Fixture("a/b/200.one.json", "{\"kind\":\"one\",\"v\":1}"),
            new Fixture("a/b/200.two.json", "{\"kind\":\"two\",\n \"v\":\"1\"}"));

        var diagnostic = Single(run, "MTG0006");
        AssertAt(diagnostic, "a/b/200.two.json", 1, 5);
        Assert.Contains("'v'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Theory]
    [InlineData("stray.json")]
    [InlineData("a/stray.json")]
    [InlineData("a/b/c/deep.json")]
    public void MTG0007_a_file_outside_area_endpoint_folders_is_ignored(string relativePath)
    {
        var run = Run(new Fixture("x/y/endpoint.json", Manifest), new Fixture("x/y/200.ok.json", "{}"), new Fixture(relativePath, "{}"));

        AssertAt(Single(run, "MTG0007"), relativePath, 0, 0);
        Assert.NotEmpty(run.Sources);
    }

    [Fact]
    public void MTG0008_the_same_scenario_twice_is_an_error_on_the_second_file()
    {
        var run = Run(new Fixture("a/b/endpoint.json", Manifest), new Fixture("a/b/200.done.json", "{}"), new Fixture("a/b/404.done.json", "{}"));

        AssertAt(Single(run, "MTG0008"), "a/b/404.done.json", 0, 0);
    }

    [Fact]
    public void MTG0009_scenarios_of_one_status_without_a_telling_field_are_reported()
    {
        var run = Run(
            new Fixture("a/b/endpoint.json", Manifest),
            new Fixture("a/b/200.first.json", "{\"status\":\"same\"}"),
            new Fixture("a/b/200.second.json", "\n  {\"status\":\"same\"}"));

        var diagnostic = Single(run, "MTG0009");
        AssertAt(diagnostic, "a/b/200.second.json", 1, 2);
        Assert.Contains("'First' is always chosen", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void MTG0010_an_invalid_namespace_falls_back_to_the_default()
    {
        var run = GeneratorHarness.Run(new[] { new Fixture("a/b/endpoint.json", Manifest), new Fixture("a/b/200.ok.json", "{}") }, "1st.Bad-Name");

        var diagnostic = Single(run, "MTG0010");
        Assert.Contains("1st.Bad-Name", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("namespace MyTracker.Client.Generated;", run.Sources["AB.g.cs"], StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Theory]
    [InlineData("my-app", "my_app")]
    [InlineData("2024 reports.Daily-Sync", "_2024_reports.Daily_Sync")]
    [InlineData("class", "_class")]
    public void A_project_name_that_is_no_namespace_is_made_one_without_a_warning(string rootNamespace, string expected)
    {
        // Only MyTrackerNamespace is the user's choice; RootNamespace is whatever the project is called.
        var run = GeneratorHarness.Run(
            new[] { new Fixture("a/b/endpoint.json", Manifest), new Fixture("a/b/200.ok.json", "{}") },
            @namespace: null,
            properties: new Dictionary<string, string> { ["RootNamespace"] = rootNamespace });

        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "MTG0010");
        Assert.Contains($"namespace {expected};", run.Sources["AB.g.cs"], StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void MTG0011_an_unexpected_failure_becomes_a_diagnostic_not_an_exception()
    {
        // A null text cannot come from the compiler; it stands in for any bug inside the reader.
        var parsed = FixtureReader.Read(new FixtureFile("/fixtures/a/b/200.ok.json", "a/b/200.ok.json", "/fixtures/", null!));

        var diagnostic = Assert.Single(parsed.Diagnostics);
        Assert.Equal("MTG0011", diagnostic.Id);
        Assert.Equal("/fixtures/a/b/200.ok.json", diagnostic.Location.FilePath);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.ToDiagnostic().Severity);
    }

    [Fact]
    public void MTG0012_two_endpoint_folders_with_the_same_csharp_name_keep_the_first()
    {
        var run = Run(
            new Fixture("segment-export/get-all/endpoint.json", Manifest),
            new Fixture("segment-export/get-all/200.ok.json", "{}"),
            new Fixture("segment-export/get_all/endpoint.json", Manifest),
            new Fixture("segment-export/get_all/200.ok.json", "{}"));

        Assert.Null(run.Result.Results.Single().Exception);
        var diagnostic = Single(run, "MTG0012");
        AssertAt(diagnostic, "segment-export/get_all/endpoint.json", 0, 0);
        Assert.Contains("SegmentExportGetAll", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(new[] { "SegmentExportClient.GetAllAsync.g.cs", "SegmentExportClient.g.cs", "SegmentExportGetAll.g.cs" }, run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void MTG0012_two_area_folders_with_the_same_client_name_keep_the_first()
    {
        var run = Run(
            new Fixture("a-b/x/endpoint.json", Manifest),
            new Fixture("a-b/x/200.ok.json", "{}"),
            new Fixture("a_b/y/endpoint.json", Manifest),
            new Fixture("a_b/y/200.ok.json", "{}"));

        Assert.Null(run.Result.Results.Single().Exception);
        Assert.Contains("ABClient", Single(run, "MTG0012").GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Files_without_the_fixture_root_metadata_are_not_read()
    {
        var compilation = GeneratorHarness.CreateCompilation("class C { }");
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            new[] { new FixtureGenerator().AsSourceGenerator() },
            new[] { (AdditionalText)new PlainText("/elsewhere/a/b/200.ok.json", "not json") });

        var result = driver.RunGenerators(compilation).GetRunResult();

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedTrees);
    }

    private static GeneratorRun Run(params Fixture[] fixtures) => GeneratorHarness.Run(fixtures);

    private static Diagnostic Single(GeneratorRun run, string id)
    {
        var matching = run.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join(" | ", run.Diagnostics)}");
        return matching[0];
    }

    private static void AssertAt(Diagnostic diagnostic, string relativePath, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.PathOf(relativePath), span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.True(diagnostic.Location.IsInSource || diagnostic.Location.Kind == LocationKind.ExternalFile, "located in a file");
    }

    private sealed class PlainText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }
}
