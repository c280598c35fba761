using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Readme;

/// <summary>
/// Every <c>csharp</c> block of README.md, docs/*.md and fixtures/README.md compiles, without warnings,
/// against the assemblies this test run built (MyTracker.Client, MyTracker.Fake, MyTracker.Fake.Xunit,
/// xunit 2), each block on its own as a user would paste it into a project with the SDK's implicit
/// usings: a block of statements as a program, a block of types as a library. Code generated from the
/// docs' example endpoints is there too: the template pack's fixtures/report-export/get/ (the samples
/// the README shows) in the namespace <c>MyApp</c> and, for the template's own test, in
/// <c>MyTrackerTests</c>; and the packaging test's export family fixtures/usage-report/ in <c>MyApp</c>.
/// Test files are written for xunit v3 and compile here with the one change the docs document for
/// xunit 2; they also run in the projects <see cref="Packaging.PackageConsumptionTests"/> makes with the
/// template pack. Blocks marked <c>outline</c> or <c>excerpt</c> are not programs (see <see cref="CodeBlock"/>): an
/// outline's types and methods must exist, an excerpt is held word for word to its file (RuntimeDocsTests).
/// </summary>
public sealed class ReadmeCodeBlockTests
{
    private const string ExampleNamespace = "MyApp";

    /// <summary>The namespace of the template's test (its sourceName), which the README shows as the template writes it.</summary>
    private const string TemplateNamespace = "MyTrackerTests";

    private static readonly string[] ImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    ];

    internal static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    [Fact]
    public void Every_csharp_block_of_the_docs_compiles_without_warnings()
    {
        var blocks = ReadmeCodeBlocks.Read().Where(b => b.Language is "csharp" or "cs" or "c#" && b.Kind is null).ToList();
        // Not vacuous: the README's two hello worlds and the pages' programs are among them.
        Assert.Contains(blocks, b => b.Document == "README.md" && b.FileName == "ReportExportTests.cs");
        Assert.Contains(blocks, b => b.Document == "docs/testing-with-the-fake.md");
        Assert.Contains(blocks, b => b.Document == "docs/export-operations.md");
        var references = References();
        var generated = GeneratedExampleClient(references, ExampleNamespace);
        var templateGenerated = GeneratedExampleClient(references, TemplateNamespace);

        var failures = new List<string>();
        foreach (var block in blocks)
        {
            var inTemplate = block.Code.Contains($"namespace {TemplateNamespace};", StringComparison.Ordinal);
            var problems = Compile(block, references, inTemplate ? templateGenerated : generated);
            if (problems.Count > 0)
            {
                failures.Add($"{block}:\n  " + string.Join("\n  ", problems));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>
    /// An outline (signatures without bodies) cannot compile, but every type and method it names must
    /// exist: in MyTracker.Client or in the code generated from the docs' example fixtures.
    /// </summary>
    [Fact]
    public void Every_type_and_method_an_outline_names_exists()
    {
        var outlines = ReadmeCodeBlocks.Read().Where(b => b.Kind == "outline").ToList();
        Assert.NotEmpty(outlines);
        var references = References();
        var compilation = CSharpCompilation.Create("Outline", GeneratedExampleClient(references, ExampleNamespace), references);
        var types = AllTypes(compilation.GlobalNamespace).ToList();

        var missing = new List<string>();
        foreach (var block in outlines)
        {
            var root = CSharpSyntaxTree.ParseText(block.Code, ParseOptions).GetCompilationUnitRoot();
            foreach (var declaration in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                var name = declaration.Identifier.ValueText;
                var matches = types.Where(t => t.Name == name).ToList();
                if (matches.Count == 0)
                {
                    missing.Add($"{block}: type {name}");
                    continue;
                }

                foreach (var method in declaration.Members.OfType<MethodDeclarationSyntax>().Select(m => m.Identifier.ValueText))
                {
                    if (!matches.Any(t => t.GetMembers(method).Any()))
                    {
                        missing.Add($"{block}: {name}.{method}");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().SelectMany(Nested).Concat(ns.GetNamespaceMembers().SelectMany(AllTypes));

    private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type) => [type, .. type.GetTypeMembers().SelectMany(Nested)];

    [Fact]
    public void The_quick_start_benchmark_runs_the_docs_test_as_written()
    {
        var readme = Assert.Single(ReadmeCodeBlocks.TestFiles(), b => b.FileName == "ExportTests.cs");
        var copy = File.ReadAllText(Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.Benchmarks", "QuickStart", "ExportTests.cs"));

        Assert.Equal(readme.Code, copy.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_block_that_does_not_compile_is_reported_with_its_line_and_the_error()
    {
        var block = new CodeBlock("csharp", null, "using MyTracker.Fake;\nawait using var fake = await FakeTracker.StartAsync();\nfake.NoSuchMember();\n", 7);

        var problems = Compile(block, References(), []);

        Assert.Contains(problems, p => p.Contains("CS1061", StringComparison.Ordinal) && p.Contains("NoSuchMember", StringComparison.Ordinal) && p.StartsWith("line 3:", StringComparison.Ordinal));
    }

    private static List<string> Compile(CodeBlock block, ImmutableArray<MetadataReference> references, IReadOnlyList<SyntaxTree> generated)
    {
        // This project is on xunit 2: the README's test files get the one change it documents for xunit 2
        // (the xunit v3 consumer of the packaging test compiles and runs them unchanged).
        var tree = CSharpSyntaxTree.ParseText(ReadmeCodeBlocks.ForXunit2(block.Code), ParseOptions, path: block.Document);
        var isProgram = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var globalUsings = CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n")), ParseOptions, path: "GlobalUsings.g.cs");
        var compilation = CSharpCompilation.Create(
            "ReadmeBlock",
            [tree, globalUsings, .. generated],
            references,
            new CSharpCompilationOptions(
                isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        // With the analyzers the package ships (MTG0013, the exhaustiveness suppressor), as a consumer's build runs them.
        var diagnostics = compilation.WithAnalyzers(PackagedAnalyzers.Value).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return [.. diagnostics
            .Where(d => !d.IsSuppressed)
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.WarningLevel <= 4))
            .Select(d => $"line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")];
    }

    internal static readonly Lazy<Assembly> GeneratorAssembly = new(() =>
        Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "MyTracker.Client.Generator.dll")));

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> PackagedAnalyzers = new(() =>
        [.. GeneratorAssembly.Value.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any())
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)]);

    /// <summary>The shared frameworks, and every assembly the test run built or restored next to this one (not this one: its types are no user's).</summary>
    internal static ImmutableArray<MetadataReference> References()
    {
        // shared/<framework>/<version>/: Microsoft.NETCore.App, and Microsoft.AspNetCore.App, which supplies
        // this run's Microsoft.Extensions.* (a consumer of MyTracker.Client gets them as its package dependencies).
        var frameworks = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location)!)!)!;
        var own = typeof(ReadmeCodeBlockTests).Assembly.Location;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.StartsWith(frameworks + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Where(p => p != own && IsManagedLibrary(p)))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    private static bool IsManagedLibrary(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs the built generator over the docs' example endpoints, as a consumer's build would: the
    /// template pack's <c>report-export/get</c> and the export family of the packaging test's project
    /// (<c>usage-report</c>), each from its own fixture root.
    /// </summary>
    private static IReadOnlyList<SyntaxTree> GeneratedExampleClient(ImmutableArray<MetadataReference> references, string @namespace)
    {
        var packaging = Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "Packaging");
        string[] roots =
        [
            Path.Combine(BuildInfo.RepositoryRoot, "src", "MyTracker.Templates", "templates", "shared", "fixtures") + Path.DirectorySeparatorChar,
            Path.Combine(packaging, "TestProjects", "ExportFamily", "fixtures") + Path.DirectorySeparatorChar,
        ];
        var texts = roots.SelectMany(root => Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            .Select(p => (AdditionalText)new FileText(p)).ToImmutableArray();
        var generator = (IIncrementalGenerator)Activator.CreateInstance(
            GeneratorAssembly.Value.GetType("MyTracker.Client.Generator.FixtureGenerator", throwOnError: true)!)!;
        var driver = CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], texts, ParseOptions, new Options(roots, @namespace));
        var compilation = CSharpCompilation.Create("Example", [], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = driver.RunGenerators(compilation).GetRunResult();

        // report-export lists files but starts no export: told so as information (MTG0014), nothing worse.
        Assert.Equal(["MTG0014"], result.Diagnostics.Select(d => d.Id));
        var trees = result.GeneratedTrees;
        Assert.Contains(trees, t => t.FilePath.EndsWith("ReportExportClient.g.cs", StringComparison.Ordinal));
        Assert.Contains(trees, t => t.FilePath.EndsWith("UsageReportOperations.g.cs", StringComparison.Ordinal));
        return trees;
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }

    /// <summary>The options a consumer's build gives: each fixture file carries the root it lies under.</summary>
    internal sealed class Options(IReadOnlyList<string> roots, string @namespace) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(new Dictionary<string, string> { ["build_property.MyTrackerNamespace"] = @namespace });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.MyTrackerFixtureRoot"] = roots.Single(r => textFile.Path.StartsWith(r, StringComparison.Ordinal)),
        });
    }

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
