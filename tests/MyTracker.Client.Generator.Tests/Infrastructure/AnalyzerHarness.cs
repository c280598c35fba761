using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MyTracker.Client.CodeFixes;
using MyTracker.Client.Generator.Analysis;

namespace MyTracker.Client.Generator.Tests.Infrastructure;

/// <summary>
/// What the analyzer and suppressor made of a compilation: the diagnostics left, and those suppressed
/// (the suppressor is the only one in the run and test sources have no pragmas, so by it).
/// </summary>
internal sealed record AnalysisRun(Compilation Compilation, IReadOnlyList<Diagnostic> Reported, IReadOnlyList<Diagnostic> Suppressed)
{
    /// <summary>Warnings and errors still reported (what a build would print).</summary>
    public IReadOnlyList<Diagnostic> Problems => Reported.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public IReadOnlyList<Diagnostic> Mtg0013 => Reported.Where(d => d.Id == "MTG0013").ToList();
}

/// <summary>
/// Runs the MTG0013 analyzer, the exhaustiveness suppressor and the code fix the way the compiler and
/// an IDE do, on the compiler APIs only: references are the running framework plus MyTracker.Client
/// (whose compiled SegmentExportGetResult carries the generated attributes), so nothing is fetched
/// from a package feed. User sources live at <c>/src/User{n}.cs</c> so an .editorconfig at
/// <c>/src/.editorconfig</c> applies to them.
/// </summary>
internal static class AnalyzerHarness
{
    public const string SourceFolder = "/src/";

    /// <summary>Compiles user sources, plus what the generator makes of <paramref name="fixtures"/> if any.</summary>
    public static CSharpCompilation Compile(IEnumerable<string> sources, IEnumerable<Fixture>? fixtures = null, NullableContextOptions nullable = NullableContextOptions.Enable, string? editorConfig = null)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, GeneratorHarness.ParseOptions, path: SourceFolder + $"User{i}.cs")).ToList();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, deterministic: true);
        if (editorConfig is not null)
        {
            options = options.WithSyntaxTreeOptionsProvider(new EditorConfigOptions(AnalyzerConfigSet.Create(new[] { AnalyzerConfig.Parse(editorConfig, SourceFolder + ".editorconfig") })));
        }

        var compilation = CSharpCompilation.Create("AnalyzerTest", trees, GeneratorHarness.References, options);
        if (fixtures is null)
        {
            return compilation;
        }

        GeneratorHarness.CreateDriver(fixtures).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        // A get-only endpoint that lists files is told, as info, that no export operations are made for it (MTG0014).
        Assert.Empty(generatorDiagnostics.Where(d => d.Severity > DiagnosticSeverity.Info));
        return (CSharpCompilation)output;
    }

    public static AnalysisRun Analyze(Compilation compilation)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new MissingDocumentedCaseAnalyzer(), new ExhaustiveSwitchSuppressor());
        var exceptions = new List<Exception>();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: (ex, _, _) => exceptions.Add(ex), concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
        var all = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        Assert.Empty(exceptions);
        Assert.DoesNotContain(all, d => d.Id is "AD0001" or "AD0002");
        return new AnalysisRun(
            compilation,
            all.Where(d => !d.IsSuppressed).ToList(),
            all.Where(d => d.IsSuppressed).ToList());
    }

    public static AnalysisRun Analyze(string source, NullableContextOptions nullable = NullableContextOptions.Enable, string? editorConfig = null)
        => Analyze(Compile(new[] { source }, nullable: nullable, editorConfig: editorConfig));

    /// <summary>Applies the MTG0013 code fix to the first MTG0013 of <paramref name="source"/> and returns the new text.</summary>
    public static string Fix(string source)
    {
        var (action, document) = CodeFixFor(source);
        var operations = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return changed.GetDocument(document.Id)!.GetTextAsync().GetAwaiter().GetResult().ToString();
    }

    /// <summary>The title the code fix offers for the first MTG0013 of <paramref name="source"/>.</summary>
    public static string FixTitle(string source) => CodeFixFor(source).Action.Title;

    /// <summary>The one code action the fix registers for the first MTG0013 of <paramref name="source"/>, in a workspace of its own.</summary>
    private static (CodeAction Action, Document Document) CodeFixFor(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "User",
            "User",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.References));
        var document = workspace.AddDocument(DocumentInfo.Create(DocumentId.CreateNewId(project.Id), "User0.cs", loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source), VersionStamp.Default)), filePath: SourceFolder + "User0.cs"));
        var diagnostic = Analyze(document.Project.GetCompilationAsync().GetAwaiter().GetResult()!).Mtg0013.First();
        var actions = new List<CodeAction>();
        new AddMissingCasesCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).GetAwaiter().GetResult();
        var single = Assert.Single(actions);
        Assert.Equal(AddMissingCasesCodeFix.EquivalenceKey, single.EquivalenceKey);
        return (single, document);
    }

    /// <summary>The 1-based line and column a diagnostic starts at, and the text it spans.</summary>
    public static (int Line, int Column, string Text) Where(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var text = diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
        return (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, text);
    }

    /// <summary>Severities from an in-memory .editorconfig, the way the compiler reads <c>dotnet_diagnostic.ID.severity</c> per file.</summary>
    private sealed class EditorConfigOptions(AnalyzerConfigSet set) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => set.GetOptionsForSourcePath(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }
    }
}
