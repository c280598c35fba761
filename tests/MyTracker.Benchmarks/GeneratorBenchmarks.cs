using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MyTracker.Client.Generator;
using MyTracker.Fixtures.Model;

namespace MyTracker.Benchmarks;

/// <summary>
/// The fixture generator driven the way the compiler drives it: a cached re-run with nothing changed
/// (what every keystroke in an IDE costs), a cold run over the seed fixtures, and a cold run over the
/// 38 quicktype corpus files (each a one-sample endpoint).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessJob))]
public class GeneratorBenchmarks
{
    /// <summary>
    /// One in-process job (1 launch, 3 warm-ups, 10 iterations). Out of process, BenchmarkDotNet first
    /// builds a boilerplate project: on the shared 2-core machine that ran past its 2-minute build
    /// timeout (2026-12-08, load average 30-40), and the measured code is the same either way.
    /// </summary>
    private sealed class InProcessJob : ManualConfig
    {
        public InProcessJob() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance));
    }

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmSeedDriver = null!;
    private ImmutableArray<AdditionalText> _seedTexts;
    private ImmutableArray<AdditionalText> _corpusTexts;

    [GlobalSetup]
    public void Setup()
    {
        var repository = FindRepositoryRoot();
        _compilation = CSharpCompilation.Create(
            "Bench",
            new[] { CSharpSyntaxTree.ParseText("namespace User { public class A { } }") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var fixtures = Path.Combine(repository, "fixtures");
        _seedTexts = Directory.EnumerateFiles(fixtures, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => (AdditionalText)new Text(p.Replace('\\', '/'), File.ReadAllText(p)))
            .ToImmutableArray();

        var corpus = Path.Combine(repository, "tests", "Corpus", "quicktype");
        _corpusTexts = Directory.EnumerateFiles(corpus, "*.json")
            .Order(StringComparer.Ordinal)
            .SelectMany(p =>
            {
                var folder = "/corpus-root/corpus/" + Path.GetFileNameWithoutExtension(p) + "/";
                return new AdditionalText[]
                {
                    new Text(folder + "endpoint.json", """{ "method": "GET", "path": "/corpus/sample.json" }"""),
                    new Text(folder + "200.sample.json", File.ReadAllText(p)),
                };
            })
            .ToImmutableArray();

        _warmSeedDriver = CreateDriver(_seedTexts, fixtures.Replace('\\', '/') + "/").RunGenerators(_compilation);
        // Every file fixtures/ generates is snapshotted in SnapshotTests: the same set here, so a folder added
        // to fixtures/ does not break the benchmarks again (a fixed count of 14 did, when report-file came).
        var snapshots = Path.Combine(FindRepositoryRoot(), "tests", "MyTracker.Client.Generator.Tests", "Snapshots");
        Check(_warmSeedDriver, _warmSeedDriver.GetRunResult().GeneratedTrees.Count(t => File.Exists(Path.Combine(snapshots, Path.GetFileName(t.FilePath).Replace(".g.cs", ".approved.cs", StringComparison.Ordinal)))));
        Check(CreateDriver(_corpusTexts, "/corpus-root/").RunGenerators(_compilation), 38 * 2 + 1);
    }

    /// <summary>Nothing changed since the last run: every step must come from the cache.</summary>
    [Benchmark]
    public GeneratorDriver CachedRerun_SeedFixtures() => _warmSeedDriver.RunGenerators(_compilation);

    /// <summary>First run over the repository fixtures (segment-export and raw-export, 5 endpoints).</summary>
    [Benchmark]
    public GeneratorDriver ColdRun_SeedFixtures() => CreateDriver(_seedTexts, FindRepositoryRoot().Replace('\\', '/') + "/fixtures/").RunGenerators(_compilation);

    /// <summary>First run over the 38 corpus files (1.3 MB of JSON, 38 endpoints).</summary>
    [Benchmark]
    public GeneratorDriver ColdRun_Corpus38() => CreateDriver(_corpusTexts, "/corpus-root/").RunGenerators(_compilation);

    private static GeneratorDriver CreateDriver(ImmutableArray<AdditionalText> texts, string root) => CSharpGeneratorDriver.Create(
        new[] { new FixtureGenerator().AsSourceGenerator() },
        texts,
        CSharpParseOptions.Default,
        new Options(root),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static void Check(GeneratorDriver driver, int expectedSources)
    {
        var result = driver.GetRunResult();
        var count = result.GeneratedTrees.Length;
        if (count == 0 || count != expectedSources || result.Results.Any(r => r.Exception is not null))
        {
            throw new InvalidOperationException($"Expected {expectedSources} generated files, got {count}: {string.Join(", ", result.Diagnostics)}");
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Toolkit.sln not found");
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options(string root) : AnalyzerConfigOptionsProvider
    {
        private readonly ConfigOptions _file = new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.MyTrackerFixtureRoot"] = root });

        public override AnalyzerConfigOptions GlobalOptions { get; } = new ConfigOptions(new Dictionary<string, string> { ["build_property.MyTrackerNamespace"] = "Bench.Generated" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _file;
    }

    private sealed class ConfigOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
