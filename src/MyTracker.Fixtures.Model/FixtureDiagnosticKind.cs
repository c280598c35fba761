namespace MyTracker.Fixtures.Model;

/// <summary>
/// The ids of the diagnostics the fixture model finds. They are the generator's MTG ids: the generator
/// reports them with its descriptors, the fake and the tool print them with the same text.
/// </summary>
public static class FixtureDiagnosticIds
{
    /// <summary>InvalidJson.</summary>
    public const string InvalidJson = "MTG0001";

    /// <summary>InvalidSampleName.</summary>
    public const string InvalidSampleName = "MTG0002";

    /// <summary>InvalidManifest.</summary>
    public const string InvalidManifest = "MTG0003";

    /// <summary>MissingManifest.</summary>
    public const string MissingManifest = "MTG0004";

    /// <summary>NoSamples.</summary>
    public const string NoSamples = "MTG0005";

    /// <summary>TypeConflict.</summary>
    public const string TypeConflict = "MTG0006";

    /// <summary>MisplacedFixture.</summary>
    public const string MisplacedFixture = "MTG0007";

    /// <summary>DuplicateScenario.</summary>
    public const string DuplicateScenario = "MTG0008";

    /// <summary>IndistinguishableScenarios.</summary>
    public const string IndistinguishableScenarios = "MTG0009";

    /// <summary>GeneratorFailure.</summary>
    public const string GeneratorFailure = "MTG0011";

    /// <summary>NameCollision.</summary>
    public const string NameCollision = "MTG0012";

    /// <summary>ExportShapeNotRecognized.</summary>
    public const string ExportShapeNotRecognized = "MTG0014";

    /// <summary>UndocumentedFailureMeaning.</summary>
    public const string UndocumentedFailureMeaning = "MTG0015";
}

/// <summary>
/// What kind of problem a fixture has: its id, its message (a composite format over the diagnostic's
/// arguments) and whether it stops the endpoint from being generated or served.
/// </summary>
/// <param name="Id">The MTG id.</param>
/// <param name="MessageFormat">The message, with <c>{0}</c>, <c>{1}</c>, ... for the arguments.</param>
/// <param name="IsError">True when the build fails on it (and the fake refuses the folder).</param>
public sealed record FixtureDiagnosticKind(string Id, string MessageFormat, bool IsError)
{
    /// <summary>MTG0001.</summary>
    public static readonly FixtureDiagnosticKind InvalidJson = new(FixtureDiagnosticIds.InvalidJson, "'{0}' is not valid JSON: {1}", IsError: true);

    /// <summary>MTG0002.</summary>
    public static readonly FixtureDiagnosticKind InvalidSampleName = new(FixtureDiagnosticIds.InvalidSampleName, "'{0}' is ignored: {1}", IsError: false);

    /// <summary>MTG0003.</summary>
    public static readonly FixtureDiagnosticKind InvalidManifest = new(FixtureDiagnosticIds.InvalidManifest, "'{0}' is not a valid endpoint manifest: {1}", IsError: true);

    /// <summary>MTG0004.</summary>
    public static readonly FixtureDiagnosticKind MissingManifest = new(FixtureDiagnosticIds.MissingManifest, "Endpoint folder '{0}' has response samples but no endpoint.json; nothing is generated for it", IsError: false);

    /// <summary>MTG0005.</summary>
    public static readonly FixtureDiagnosticKind NoSamples = new(FixtureDiagnosticIds.NoSamples, "Endpoint '{0}' has no response samples; nothing is generated for it", IsError: false);

    /// <summary>MTG0006.</summary>
    public static readonly FixtureDiagnosticKind TypeConflict = new(FixtureDiagnosticIds.TypeConflict, "'{0}' of endpoint '{1}' is {2} here but {3} elsewhere; it is typed as JsonElement", IsError: false);

    /// <summary>MTG0007.</summary>
    public static readonly FixtureDiagnosticKind MisplacedFixture = new(FixtureDiagnosticIds.MisplacedFixture, "'{0}' is ignored: fixtures live in <area>/<endpoint>/ under the fixture root '{1}'", IsError: false);

    /// <summary>MTG0008.</summary>
    public static readonly FixtureDiagnosticKind DuplicateScenario = new(FixtureDiagnosticIds.DuplicateScenario, "'{0}' defines scenario '{1}' of endpoint '{2}' a second time; the sample is ignored", IsError: true);

    /// <summary>MTG0009.</summary>
    public static readonly FixtureDiagnosticKind IndistinguishableScenarios = new(FixtureDiagnosticIds.IndistinguishableScenarios, "Scenarios {0} of endpoint '{1}' share HTTP status {2} and no string field has a different value in each; '{3}' is always chosen", IsError: false);

    /// <summary>MTG0011.</summary>
    public static readonly FixtureDiagnosticKind GeneratorFailure = new(FixtureDiagnosticIds.GeneratorFailure, "Generating '{0}' failed unexpectedly ({1}); nothing is generated for it. Please report this with the fixture.", IsError: true);

    /// <summary>MTG0012.</summary>
    public static readonly FixtureDiagnosticKind NameCollision = new(FixtureDiagnosticIds.NameCollision, "'{0}' is ignored: it maps to the same C# names as '{1}' ({2})", IsError: true);

    /// <summary>MTG0014.</summary>
    public static readonly FixtureDiagnosticKind ExportShapeNotRecognized = new(FixtureDiagnosticIds.ExportShapeNotRecognized, "Area '{0}' looks like an export ('{1}' lists files to download), but no {2} is generated: {3}. Write an ExportAdapter for it (docs/export-operations.md, \"An export the generator does not recognize\"), or complete the fixtures.", IsError: false);

    /// <summary>MTG0015.</summary>
    public static readonly FixtureDiagnosticKind UndocumentedFailureMeaning = new(FixtureDiagnosticIds.UndocumentedFailureMeaning, "Scenario '{0}' ({1}) reads as a failed export, but its meaning is not documented, so {2} does not request it again automatically. If the documentation says the request may be repeated, state it in {3}: \"meanings\": {{ \"{0}\": \"failed-repeatable\" }} (or failed-final, canceled).", IsError: false);

    private static readonly FixtureDiagnosticKind[] All =
    [
        InvalidJson, InvalidSampleName, InvalidManifest, MissingManifest, NoSamples, TypeConflict, MisplacedFixture, DuplicateScenario, IndistinguishableScenarios, GeneratorFailure, NameCollision, ExportShapeNotRecognized, UndocumentedFailureMeaning,
    ];

    /// <summary>The kind with this id, or null for an id the model does not report.</summary>
    /// <param name="id">An MTG id.</param>
    /// <returns>The kind.</returns>
    public static FixtureDiagnosticKind? ById(string id)
    {
        foreach (var kind in All)
        {
            if (kind.Id == id)
            {
                return kind;
            }
        }

        return null;
    }
}
