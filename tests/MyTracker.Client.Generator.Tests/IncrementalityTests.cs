using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using MyTracker.Fixtures.Model;
using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>The pipeline caches: unrelated edits re-run nothing, a fixture edit re-runs only its endpoint, models hold no Roslyn objects.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void An_unrelated_source_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.CreateCompilation("namespace User { public class A { } }");
        var driver = GeneratorHarness.CreateDriver(GeneratorHarness.RepositoryFixtures()).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.All(StepNames, name => Assert.True(first.TrackedSteps.ContainsKey(name), $"step {name} did not run"));

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("namespace User { public class A { public int B { get; set; } } }", GeneratorHarness.ParseOptions, path: "User0.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var name in StepNames)
        {
            var reasons = second.TrackedSteps[name].SelectMany(step => step.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}"));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_fixture_changes_only_that_endpoints_outputs()
    {
        var (result, changedSources) = EditOneRepositoryFixture("segment-export/get/200.in-progress.json", "64%", "65%");

        Assert.Equal(new[] { "SegmentExportGet.g.cs" }, changedSources);

        var parsed = result.TrackedSteps[TrackingNames.ParsedFixtures].SelectMany(s => s.Outputs).ToList();
        Assert.Single(parsed, o => o.Reason == IncrementalStepRunReason.Modified);

        var models = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(models, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("get", ((EndpointResult)modified.Value).Model!.Endpoint);
        Assert.All(models.Where(o => o != modified), o => Assert.True(o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, o.Reason.ToString()));

        var areas = result.TrackedSteps[TrackingNames.AreaClients].SelectMany(s => s.Outputs).ToList();
        Assert.All(areas, o => Assert.True(o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, o.Reason.ToString()));
    }

    [Fact]
    public void The_export_steps_re_emit_an_operations_class_only_when_its_family_changes()
    {
        var fixtures = GeneratorHarness.FixturesIn(TestPaths.UsageReportFixturesRoot);
        var texts = fixtures.Select(f => (AdditionalText)new EditableText(GeneratorHarness.PathOf(f.RelativePath), f.Text)).ToList();
        var waiting = new EditableText(GeneratorHarness.PathOf("usage-report/poll/200.waiting.json"), """{ "ok": true, "report": { "idReport": 31, "stage": "waiting" } }""");
        var options = new FixtureRootOptions(texts.Select(t => t.Path).Append(waiting.Path));
        var compilation = GeneratorHarness.CreateCompilation("namespace User { public class A { } }");
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new FixtureGenerator().AsSourceGenerator() },
            texts,
            GeneratorHarness.ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        var before = Sources(driver);
        Assert.Contains("UsageReportOperations.g.cs", before.Keys);

        // A documented value changes, the family's shape does not: its model is unchanged and the class is not written again.
        var building = texts.Single(t => t.Path.EndsWith("poll/200.building.json", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(building, new EditableText(building.Path, building.GetText()!.ToString().Replace("35%", "40%", StringComparison.Ordinal))).RunGenerators(compilation);
        var valueEdit = driver.GetRunResult().Results.Single();
        Assert.Equal(["UsageReportPoll.g.cs"], Sources(driver).Where(kv => before[kv.Key] != kv.Value).Select(kv => kv.Key));
        Assert.All(Reasons(valueEdit, TrackingNames.ExportFamilies), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(Reasons(valueEdit, TrackingNames.ExportFamilyModels), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(Reasons(valueEdit, TrackingNames.ExportOperationsEnabled), r => Assert.Equal(IncrementalStepRunReason.Cached, r));

        // A new documented scenario is a new case of the family: its model changes and so does its class.
        driver = driver.AddAdditionalTexts([waiting]).RunGenerators(compilation);
        var scenarioAdded = driver.GetRunResult().Results.Single();
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(scenarioAdded, TrackingNames.ExportFamilyModels));
        Assert.Contains("UsageReportPollResult.Waiting c => global::MyTracker.Client.ExportState.InProgress(", Sources(driver)["UsageReportOperations.g.cs"], StringComparison.Ordinal);

        // The switch: only its own step and what follows it run again, and the class is gone.
        driver = driver.WithUpdatedAnalyzerConfigOptions(options.With("build_property.MyTrackerGenerateExportOperations", "false")).RunGenerators(compilation);
        var switchedOff = driver.GetRunResult().Results.Single();
        Assert.All(Reasons(switchedOff, TrackingNames.ExportOperationsEnabled), r => Assert.Equal(IncrementalStepRunReason.Modified, r));
        Assert.All(Reasons(switchedOff, TrackingNames.GeneratedModels), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.DoesNotContain("UsageReportOperations.g.cs", Sources(driver).Keys);
    }

    /// <summary>How each output of a step came about in this run; never empty, so an assertion over them all says something.</summary>
    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step)
    {
        List<IncrementalStepRunReason> reasons = [.. result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason)];
        Assert.True(reasons.Count > 0, $"step {step} has no outputs");
        return reasons;
    }

    [Fact]
    public void Editing_a_nested_member_of_report_file_create_changes_only_its_request_types()
    {
        var (result, changedSources) = EditOneRepositoryFixture("report-file/create/endpoint.json", "First day of the interval", "The first day of the interval");

        Assert.Equal(new[] { "ReportFileCreate.RequestTypes.g.cs" }, changedSources);
        var models = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(models, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("create", ((EndpointResult)modified.Value).Model!.Endpoint);
        Assert.All(Reasons(result, TrackingNames.AreaClients), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));
    }

    [Fact]
    public void Pipeline_values_hold_no_roslyn_symbols_compilations_syntax_or_locations()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.RepositoryFixtures().Append(new Fixture("bad/ep/200.x.json", "{")));
        var steps = run.Result.Results.Single().TrackedSteps;

        var checkedValues = 0;
        foreach (var name in StepNames)
        {
            foreach (var output in steps[name].SelectMany(s => s.Outputs))
            {
                AssertNoRoslynObjects(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
                checkedValues++;
            }
        }

        Assert.True(checkedValues > 10, "the walk saw the pipeline values");
    }

    [Fact]
    public void Equatable_array_compares_by_content()
    {
        var a = new EquatableArray<string>(new[] { "x", "y" });
        var b = new EquatableArray<string>(new[] { "x", "y" });
        var c = new EquatableArray<string>(new[] { "y", "x" });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(EquatableArray<string>.Empty, default(EquatableArray<string>));
        Assert.Empty(default(EquatableArray<string>));
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        var type = value.GetType();
        Assert.False(value is ISymbol or Compilation or SyntaxNode or SyntaxTree or SemanticModel or Location or Diagnostic or AdditionalText, $"{path} holds a {type.Name}");
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
            }
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertNoRoslynObjects(field.GetValue(value), path + "." + field.Name, seen);
            }
        }
    }

    /// <summary>
    /// Runs the generator over the repository's fixtures, edits one file (found by the end of its path)
    /// and runs it again: the second run's result and the generated files whose text changed.
    /// </summary>
    private static (GeneratorRunResult Result, IReadOnlyList<string> ChangedSources) EditOneRepositoryFixture(string pathEnd, string oldText, string newText)
    {
        var fixtures = GeneratorHarness.RepositoryFixtures();
        var texts = fixtures.Select(f => (AdditionalText)new EditableText(GeneratorHarness.PathOf(f.RelativePath), f.Text)).ToList();
        var compilation = GeneratorHarness.CreateCompilation("namespace User { public class A { } }");
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new FixtureGenerator().AsSourceGenerator() },
            texts,
            GeneratorHarness.ParseOptions,
            new FixtureRootOptions(texts.Select(t => t.Path)),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        var before = Sources(driver);

        var target = texts.Single(t => t.Path.EndsWith(pathEnd, StringComparison.Ordinal));
        var edited = target.GetText()!.ToString();
        Assert.Contains(oldText, edited, StringComparison.Ordinal);
        var changed = new EditableText(target.Path, edited.Replace(oldText, newText, StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(target, changed).RunGenerators(compilation);
        var changedSources = Sources(driver).Where(kv => before[kv.Key] != kv.Value).Select(kv => kv.Key).ToList();
        return (driver.GetRunResult().Results.Single(), changedSources);
    }

    private static Dictionary<string, string> Sources(GeneratorDriver driver) => driver.GetRunResult().Results.Single().GeneratedSources
        .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    private sealed class EditableText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class FixtureRootOptions(IEnumerable<string> paths, Dictionary<string, string>? global = null) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        private readonly HashSet<string> _paths = new(paths, StringComparer.Ordinal);
        private readonly Dictionary<string, string> _global = global ?? new() { ["build_property.MyTrackerNamespace"] = "MyTracker.Client" };

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => new Options(_global);

        /// <summary>The same options with one more global (MSBuild) property.</summary>
        public FixtureRootOptions With(string key, string value) => new(_paths, new(_global) { [key] = value });

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _paths.Contains(textFile.Path)
            ? new Options(new() { ["build_metadata.AdditionalFiles.MyTrackerFixtureRoot"] = GeneratorHarness.Root })
            : new Options(new());

        private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
