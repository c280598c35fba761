using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using MyTracker.Fixtures.Model;

namespace MyTracker.Client.Generator;

/// <summary>
/// Every diagnostic the generator reports. Those about the fixture format are found by the fixture
/// model (<see cref="FixtureDiagnosticKind"/>), which owns their id, message and severity so the fake and
/// the tool print what the build prints; this class adds what only a compiler shows (title, description). IDs are assigned in order and never reused: a retired
/// diagnostic keeps its number and the next one takes the next free number.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "MyTracker.Fixtures";

    public static readonly DiagnosticDescriptor InvalidJson = new(
        id: FixtureDiagnosticIds.InvalidJson,
        title: "Fixture is not valid JSON",
        messageFormat: FixtureDiagnosticKind.InvalidJson.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A fixture must be JSON. Trailing commas and // or /* */ comments are accepted as documentation is often written that way; anything else (unterminated strings, missing brackets, nesting deeper than 60 levels) is reported where it is found and the endpoint is not generated.");

    public static readonly DiagnosticDescriptor InvalidSampleName = new(
        id: FixtureDiagnosticIds.InvalidSampleName,
        title: "Sample file name does not follow <http-status>.<scenario>.json",
        messageFormat: FixtureDiagnosticKind.InvalidSampleName.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A response sample is named <http-status>.<scenario>.json, for example 200.in-progress.json: a three-digit status from 100 to 599 and a scenario made of letters, digits and dashes. Other names are ignored so that a stray file cannot change the generated API.");

    public static readonly DiagnosticDescriptor InvalidManifest = new(
        id: FixtureDiagnosticIds.InvalidManifest,
        title: "Endpoint manifest is invalid",
        messageFormat: FixtureDiagnosticKind.InvalidManifest.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "endpoint.json is an object with a string 'method' (GET, POST, ...), a string 'path' starting with '/', an optional 'summary' and an optional 'parameters' array whose items have 'name', 'in' (query or path), 'type' (integer, number, string, boolean, enum, list), 'required' and 'description'; an enum parameter lists its 'values' as an object from wire value to name.");

    public static readonly DiagnosticDescriptor MissingManifest = new(
        id: FixtureDiagnosticIds.MissingManifest,
        title: "Endpoint folder has no endpoint.json",
        messageFormat: FixtureDiagnosticKind.MissingManifest.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Without a manifest the generator does not know the method, path and parameters of the endpoint, so neither models nor a client method are generated. Add endpoint.json beside the samples.");

    public static readonly DiagnosticDescriptor NoSamples = new(
        id: FixtureDiagnosticIds.NoSamples,
        title: "Endpoint has no response samples",
        messageFormat: FixtureDiagnosticKind.NoSamples.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Types are inferred from samples only. Add at least one <http-status>.<scenario>.json file beside endpoint.json.");

    public static readonly DiagnosticDescriptor TypeConflict = new(
        id: FixtureDiagnosticIds.TypeConflict,
        title: "Samples disagree on the type of a field",
        messageFormat: FixtureDiagnosticKind.TypeConflict.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "When samples give one field values of different JSON kinds (a number in one place, a string or an object in another) no single C# type is right. The field becomes System.Text.Json.JsonElement, which keeps any value and writes it back unchanged, instead of a type that would fail on one of the documented samples.");

    public static readonly DiagnosticDescriptor MisplacedFixture = new(
        id: FixtureDiagnosticIds.MisplacedFixture,
        title: "Fixture is not in an <area>/<endpoint>/ folder",
        messageFormat: FixtureDiagnosticKind.MisplacedFixture.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The folder layout names the generated types: fixtures/<area>/<endpoint>/ becomes <Area>Client.<Endpoint>Async. A JSON file directly in the root, in an area folder or deeper than an endpoint folder has no place in that scheme.");

    public static readonly DiagnosticDescriptor DuplicateScenario = new(
        id: FixtureDiagnosticIds.DuplicateScenario,
        title: "Two samples define the same scenario",
        messageFormat: FixtureDiagnosticKind.DuplicateScenario.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each scenario becomes one result case, so scenario names (after conversion to PascalCase) must be unique within an endpoint, whatever their HTTP status.");

    public static readonly DiagnosticDescriptor IndistinguishableScenarios = new(
        id: FixtureDiagnosticIds.IndistinguishableScenarios,
        title: "Scenarios cannot be told apart",
        messageFormat: FixtureDiagnosticKind.IndistinguishableScenarios.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Scenarios with the same HTTP status are told apart at run time by one string field (such as data.status) that is present in each of their samples with a different value. Without such a field only the first scenario can ever be returned.");

    public static readonly DiagnosticDescriptor InvalidNamespace = new(
        id: "MTG0010",
        title: "MyTrackerNamespace is not a valid namespace",
        messageFormat: "MyTrackerNamespace '{0}' is not a valid C# namespace; '{1}' is used instead",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The MSBuild property MyTrackerNamespace, when set, must be dotted C# identifiers. Without it the project's RootNamespace is used, made valid the way dotnet new does (my-app is my_app).");

    public static readonly DiagnosticDescriptor GeneratorFailure = new(
        id: FixtureDiagnosticIds.GeneratorFailure,
        title: "The generator failed on an endpoint",
        messageFormat: FixtureDiagnosticKind.GeneratorFailure.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An unexpected error inside the generator is caught per fixture or endpoint and reported here instead of failing the whole generator (which would surface only as CS8785 and generate nothing).");

    public static readonly DiagnosticDescriptor NameCollision = new(
        id: FixtureDiagnosticIds.NameCollision,
        title: "Two fixture folders map to the same C# names",
        messageFormat: FixtureDiagnosticKind.NameCollision.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Folder names become C# names by PascalCase (segment-export and segment_export both give SegmentExport). Two folders that give the same area client or the same endpoint prefix would generate the same types twice; the first in ordinal order is kept and the other is reported. Rename one of the folders.");

    /// <summary>Category of the diagnostics about code that uses the generated types (not about fixtures).</summary>
    public const string UsageCategory = "MyTracker.Usage";

    public static readonly DiagnosticDescriptor MissingDocumentedCase = new(
        id: "MTG0013",
        title: "A switch does not handle a documented scenario",
        messageFormat: "The switch on '{0}' does not handle {1}",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every result case (and every member of a discriminator enum) generated from a response sample stands for a documented answer of the API. A switch statement or expression over such a type that names some of its cases but not every documented one, with or without a discard or default arm, would silently send a newly documented scenario down another path. Handle the case (the code fix adds the missing arms) or set the severity of MTG0013 in .editorconfig.");

    public static readonly DiagnosticDescriptor ExportShapeNotRecognized = new(
        id: FixtureDiagnosticIds.ExportShapeNotRecognized,
        title: "An area lists files like an export, but no export operations are generated for it",
        messageFormat: FixtureDiagnosticKind.ExportShapeNotRecognized.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "For an export-shaped family (a POST endpoint whose 2xx answer carries the id the GET status endpoint takes as its one required integer parameter, a 2xx status answer with a percentage (or a number named like progress or percent) or a running scenario name, and one with a list of files: objects that each hold an absolute URL, and an expiry if the API gives one, or plain URLs) the generator emits <Area>Operations: start, poll, download and read rows with no code of yours. This message names the condition an area that lists files did not meet. The export runtime still drives such an endpoint through an ExportAdapter you write (a few lines).");

    public static readonly DiagnosticDescriptor UndocumentedFailureMeaning = new(
        id: FixtureDiagnosticIds.UndocumentedFailureMeaning,
        title: "An export failure whose meaning is not documented is not requested again",
        messageFormat: FixtureDiagnosticKind.UndocumentedFailureMeaning.MessageFormat,
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Whether a failed export may be requested again is a fact of the documentation, not of the answer's shape: \"Error occurred\" may be repeated, \"User error occurred\" never completes under the same conditions. Each new request is a new export on the server, so a wrong guess costs real exports. The generator reads endpoint.json's \"meanings\" (running, succeeded, failed-repeatable, failed-final, canceled); a 2xx status scenario that reads as a failure and has no meaning there is treated as final, and this message names it and its file.");

    /// <summary>Every descriptor, in ID order.</summary>
    public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[]
    {
        InvalidJson, InvalidSampleName, InvalidManifest, MissingManifest, NoSamples, TypeConflict,
        MisplacedFixture, DuplicateScenario, IndistinguishableScenarios, InvalidNamespace, GeneratorFailure, NameCollision,
        MissingDocumentedCase, ExportShapeNotRecognized, UndocumentedFailureMeaning,
    };

    /// <summary>CS8509 on a switch expression over a generated result type that handles every case.</summary>
    public static readonly SuppressionDescriptor ExhaustiveResultSwitch = new(
        id: "MTGS0001",
        suppressedDiagnosticId: "CS8509",
        justification: "The switch expression handles every case of a generated result type (each documented scenario and Unknown); no other case can exist, because the generated result type has only a private protected constructor and its cases are sealed.");

    /// <summary>CS8524 on a switch expression over a generated discriminator enum that names every member.</summary>
    public static readonly SuppressionDescriptor ExhaustiveDiscriminatorSwitch = new(
        id: "MTGS0002",
        suppressedDiagnosticId: "CS8524",
        justification: "The switch expression names every member of a generated discriminator enum; the generated reader maps every text it receives to one of them (Unknown for a text nobody documented), never to an unnamed value.");

    private static readonly Dictionary<string, DiagnosticDescriptor> ByIdMap = CreateMap();

    public static DiagnosticDescriptor ById(string id)
        => ByIdMap.TryGetValue(id, out var descriptor) ? descriptor : throw new ArgumentException("Unknown diagnostic id " + id, nameof(id));

    private static Dictionary<string, DiagnosticDescriptor> CreateMap()
    {
        var map = new Dictionary<string, DiagnosticDescriptor>(StringComparer.Ordinal);
        foreach (var descriptor in All)
        {
            map.Add(descriptor.Id, descriptor);
        }

        return map;
    }
}
