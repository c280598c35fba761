using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MyTracker.Client.Generator.Emitting;
using MyTracker.Client.Generator.Helpers;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Client.Generator;

/// <summary>
/// Turns fixture folders (<c>&lt;area&gt;/&lt;endpoint&gt;/endpoint.json</c> plus
/// <c>&lt;http-status&gt;.&lt;scenario&gt;.json</c> samples) into typed models, converters and clients.
/// </summary>
/// <remarks>
/// Pipeline: additional files with the <c>MyTrackerFixtureRoot</c> metadata -> one parse per file ->
/// grouping per endpoint -> inference per endpoint -> emit; the models of each area -> export-shaped
/// families -> their operations. Every step is named in
/// <see cref="TrackingNames"/> and produces equatable values, so an edit re-runs only what it touches.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class FixtureGenerator : IIncrementalGenerator
{
    internal const string FixtureRootMetadata = "build_metadata.AdditionalFiles.MyTrackerFixtureRoot";
    internal const string NamespaceProperty = "build_property.MyTrackerNamespace";
    internal const string RootNamespaceProperty = "build_property.RootNamespace";
    internal const string ExportOperationsProperty = "build_property.MyTrackerGenerateExportOperations";
    internal const string DefaultNamespace = FixtureModels.DefaultNamespace;

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ToFixtureFile(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.AdditionalFiles)
            .Where(static file => file is not null)
            .WithTrackingName(TrackingNames.FixtureFilter)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.FixtureFiles);

        var parsed = files
            .Select(static (file, _) => FixtureReader.Read(file))
            .WithTrackingName(TrackingNames.ParsedFixtures);

        var @namespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => ReadNamespace(options.GlobalOptions))
            .WithTrackingName(TrackingNames.Namespace);

        var endpoints = parsed
            .Collect()
            .SelectMany(static (all, _) => EndpointGrouping.Group(all))
            .WithTrackingName(TrackingNames.Endpoints);

        var results = endpoints
            .Combine(@namespace)
            .Select(static (pair, _) => EndpointInference.Infer(pair.Left, pair.Right.Name))
            .WithTrackingName(TrackingNames.Models);

        var models = results
            .Where(static result => result.Model is not null)
            .WithTrackingName(TrackingNames.ModelFilter)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.GeneratedModels);

        var areas = models
            .Select(static (model, _) => new AreaClient(model.Namespace, model.Area, model.ClientName))
            .WithTrackingName(TrackingNames.AreaOfModel)
            .Collect()
            .SelectMany(static (all, _) => all.Distinct().OrderBy(a => a.ClientName, StringComparer.Ordinal).ToImmutableArray())
            .WithTrackingName(TrackingNames.AreaClients);

        // Export glue: the models of each area, reduced to the export-shaped families they hold.
        var exportOperations = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => !options.GlobalOptions.TryGetValue(ExportOperationsProperty, out var value) || !string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(TrackingNames.ExportOperationsEnabled);

        var families = models
            .Collect()
            .Combine(exportOperations)
            .SelectMany(static (pair, _) => pair.Right ? ExportRecognition.Recognize(pair.Left) : ImmutableArray<ExportFamilyResult>.Empty)
            .WithTrackingName(TrackingNames.ExportFamilies);

        var recognized = families
            .Where(static family => family.Model is not null)
            .WithTrackingName(TrackingNames.ExportFamilyFilter)
            .Select(static (family, _) => family.Model!)
            .WithTrackingName(TrackingNames.ExportFamilyModels);

        context.RegisterSourceOutput(parsed, static (spc, fixture) => Report(spc, fixture.Diagnostics));
        context.RegisterSourceOutput(families, static (spc, family) => Report(spc, family.Diagnostics));
        context.RegisterSourceOutput(recognized, static (spc, family) => Emit(spc, family.OperationsName + ".g.cs", () => ExportEmitter.Emit(family), family.Area + " (export operations)"));
        context.RegisterSourceOutput(results, static (spc, result) => Report(spc, result.Diagnostics));
        context.RegisterSourceOutput(@namespace, static (spc, info) =>
        {
            if (info.Diagnostic is not null)
            {
                spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ById(info.Diagnostic.Id), Location.None, info.Diagnostic.Arguments.Cast<object>().ToArray()));
            }
        });
        context.RegisterSourceOutput(models, static (spc, model) => EmitEndpoint(spc, model));
        context.RegisterSourceOutput(areas, static (spc, area) => Emit(spc, area.ClientName + ".g.cs", () => ClientEmitter.EmitAreaClient(area.Namespace, area.Area, area.ClientName), area.Area));
    }

    private sealed record AreaClient(string Namespace, string Area, string ClientName);

    private static FixtureFile? ToFixtureFile(AdditionalText text, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        if (!options.GetOptions(text).TryGetValue(FixtureRootMetadata, out var root) || string.IsNullOrWhiteSpace(root))
        {
            return null;
        }

        if (!text.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var relative = FixtureReader.RelativePath(text.Path, root) ?? text.Path.Replace('\\', '/');
        var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return new FixtureFile(text.Path, relative, root, content);
    }

    private static NamespaceInfo ReadNamespace(AnalyzerConfigOptions options)
    {
        // MyTrackerNamespace is the user's own choice, so a bad one is worth a warning. RootNamespace
        // is only the project's name (MSBuild replaces spaces and nothing else), and a project called
        // my-app is a normal thing to have: its namespace is made valid as dotnet new does, quietly.
        if (options.TryGetValue(NamespaceProperty, out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            configured = configured!.Trim();
            return Naming.IsValidNamespace(configured)
                ? new NamespaceInfo(configured, null)
                : new NamespaceInfo(DefaultNamespace, DiagnosticReporting.Create(DiagnosticDescriptors.InvalidNamespace, FixtureLocation.StartOf(string.Empty), configured, DefaultNamespace));
        }

        if (options.TryGetValue(RootNamespaceProperty, out var root) && !string.IsNullOrWhiteSpace(root))
        {
            return new NamespaceInfo(Naming.ToNamespace(root!) ?? DefaultNamespace, null);
        }

        return new NamespaceInfo(DefaultNamespace, null);
    }

    private static void EmitEndpoint(SourceProductionContext context, EndpointModel model)
    {
        Emit(context, model.Prefix + ".g.cs", () => Emitter.EmitModels(model), model.Area + "/" + model.Endpoint);
        Emit(context, model.ClientName + "." + model.MethodName + ".g.cs", () => ClientEmitter.EmitMethod(model), model.Area + "/" + model.Endpoint);
    }

    private static void Emit(SourceProductionContext context, string hintName, Func<string> emit, string what)
    {
        // AddSource is inside the guard too: two folders that map to one name (segment-export and
        // segment_export) would otherwise throw on the duplicate hint name and stop the generator.
        try
        {
            context.AddSource(hintName, SourceText.From(emit(), Encoding.UTF8));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, Location.None, what, ex.GetType().Name + ": " + ex.Message));
        }
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}

/// <summary>The names of the tracked pipeline steps (tests check that they stay cached).</summary>
internal static class TrackingNames
{
    public const string AdditionalFiles = nameof(AdditionalFiles);
    public const string FixtureFilter = nameof(FixtureFilter);
    public const string FixtureFiles = nameof(FixtureFiles);
    public const string ParsedFixtures = nameof(ParsedFixtures);
    public const string Namespace = nameof(Namespace);
    public const string Endpoints = nameof(Endpoints);
    public const string Models = nameof(Models);
    public const string ModelFilter = nameof(ModelFilter);
    public const string GeneratedModels = nameof(GeneratedModels);
    public const string AreaOfModel = nameof(AreaOfModel);
    public const string AreaClients = nameof(AreaClients);
    public const string ExportOperationsEnabled = nameof(ExportOperationsEnabled);
    public const string ExportFamilies = nameof(ExportFamilies);
    public const string ExportFamilyFilter = nameof(ExportFamilyFilter);
    public const string ExportFamilyModels = nameof(ExportFamilyModels);
}
