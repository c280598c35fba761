using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MyTracker.Client.Generator.Tests.Infrastructure;

/// <summary>A fixture file for an in-memory generator run: its path below the fixture root and its text.</summary>
internal sealed record Fixture(string RelativePath, string Text);

/// <summary>The outcome of one generator run over in-memory fixtures.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output)
{
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    public IReadOnlyDictionary<string, string> Sources => Result.Results.SelectMany(r => r.GeneratedSources)
        .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Errors and warnings of compiling the generated code (generator diagnostics excluded).</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems => Output.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToList();

    /// <summary>Compiles once: the image (null on errors) and every error and warning.</summary>
    public (byte[]? Image, IReadOnlyList<Diagnostic> Problems) Emit()
    {
        using var stream = new MemoryStream();
        var result = Output.Emit(stream);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return (result.Success ? stream.ToArray() : null, problems);
    }
}

/// <summary>Runs <see cref="FixtureGenerator"/> the way the compiler does, on fixtures kept in memory.</summary>
internal static class GeneratorHarness
{
    public const string Root = "/fixtures/";
    public const string Namespace = "Test.Generated";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static string PathOf(string relativePath) => Root + relativePath;

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "GeneratedTest",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"User{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    /// <param name="fixtures">The fixture files.</param>
    /// <param name="namespace">MyTrackerNamespace, or null for none.</param>
    /// <param name="track">Whether the driver tracks its steps.</param>
    /// <param name="properties">Further MSBuild properties the generator sees, e.g. <c>MyTrackerGenerateExportOperations</c>.</param>
    public static GeneratorDriver CreateDriver(IEnumerable<Fixture> fixtures, string? @namespace = Namespace, bool track = true, IReadOnlyDictionary<string, string>? properties = null)
    {
        var texts = fixtures.Select(f => (AdditionalText)new InMemoryAdditionalText(PathOf(f.RelativePath), f.Text)).ToImmutableArray();
        return CSharpGeneratorDriver.Create(
            new[] { new FixtureGenerator().AsSourceGenerator() },
            texts,
            ParseOptions,
            new TestOptionsProvider(texts.Select(t => t.Path), @namespace, properties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));
    }

    public static GeneratorRun Run(IEnumerable<Fixture> fixtures, string? @namespace = Namespace, string userSource = "", IReadOnlyDictionary<string, string>? properties = null)
    {
        var compilation = CreateCompilation(userSource.Length == 0 ? "namespace User { internal static class Placeholder { } }" : userSource);
        var driver = CreateDriver(fixtures, @namespace, properties: properties).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorRun(driver, driver.GetRunResult(), output);
    }

    /// <summary>The repository's fixtures/ folder as in-memory fixtures.</summary>
    public static IReadOnlyList<Fixture> RepositoryFixtures() => FixturesIn(TestPaths.FixturesRoot);

    /// <summary>A fixture folder (holding <c>&lt;area&gt;/&lt;endpoint&gt;/</c>) as in-memory fixtures.</summary>
    public static IReadOnlyList<Fixture> FixturesIn(string root) => Directory
        .EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p => new Fixture(Path.GetRelativePath(root, p).Replace('\\', '/'), File.ReadAllText(p)))
        .ToList();

    /// <summary>Loads an emitted image into a collectible context.</summary>
    public static Assembly Load(byte[] image, out AssemblyLoadContext context)
    {
        context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        using var stream = new MemoryStream(image);
        return context.LoadFromStream(stream);
    }

    /// <summary>Emits <paramref name="compilation"/> and loads it into a collectible context.</summary>
    public static Assembly Load(Compilation compilation, out AssemblyLoadContext context)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException("Emit failed: " + string.Join(Environment.NewLine, emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        stream.Position = 0;
        context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return context.LoadFromStream(stream);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkFolder, StringComparison.Ordinal))
            .Append(typeof(MyTracker.Client.Json.Percent).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class TestOptionsProvider(IEnumerable<string> fixturePaths, string? @namespace, IReadOnlyDictionary<string, string>? properties) : AnalyzerConfigOptionsProvider
    {
        private readonly HashSet<string> _fixtures = new(fixturePaths, StringComparer.Ordinal);
        private readonly DictionaryOptions _fixtureOptions = new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.MyTrackerFixtureRoot"] = Root });
        private readonly DictionaryOptions _none = new(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(Global(@namespace, properties));

        private static Dictionary<string, string> Global(string? @namespace, IReadOnlyDictionary<string, string>? properties)
        {
            var values = (properties ?? new Dictionary<string, string>()).ToDictionary(p => "build_property." + p.Key, p => p.Value, StringComparer.Ordinal);
            if (@namespace is not null)
            {
                values["build_property.MyTrackerNamespace"] = @namespace;
            }

            return values;
        }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _none;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _fixtures.Contains(textFile.Path) ? _fixtureOptions : _none;
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
