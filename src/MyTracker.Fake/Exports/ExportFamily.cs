using MyTracker.Fake.Fixtures;
using MyTracker.Fixtures.Model;
using ParameterSpec = MyTracker.Fake.Fixtures.ParameterSpec;

namespace MyTracker.Fake.Exports;

/// <summary>
/// An export family of the fixtures, as the fixture model recognizes it (<see cref="ExportFamilyModel"/>,
/// the generator's own rule): its create and status endpoints, the id parameter and where it travels,
/// which sample is which case, and the status texts at the model's discriminator. The fake has no rule
/// of its own, so every family the generator emits operations for gets a lifecycle here, and no other.
/// </summary>
internal sealed partial class ExportFamily
{
    private ExportFamily(ExportFamilyModel model, EndpointFixtures create, EndpointFixtures status,
        ScenarioFixture created, ScenarioFixture inProgress, ScenarioFixture success, ScenarioFixture? error)
    {
        Model = model;
        Area = model.Area;
        Create = create;
        Status = status;
        IdParameter = model.IdParameter;
        IdInPath = model.IdLocation == ExportIdLocation.Path;
        Created = created;
        InProgress = inProgress;
        Success = success;
        Error = error;
        NotFound = status.WithStatus(404);
        StatusDenied = status.WithStatus(403);
        CreateDenied = create.WithStatus(403);
        FileDirectory = DirectoryOf(success.Valid.DocumentedLinks[0]);
        Columns = create.Parameters.FirstOrDefault(p => p.Type == "list" && p.Values.Count > 0);
        HeaderLine = create.Parameters.FirstOrDefault(p => p.Type == "boolean" && p.Name.Contains("header", StringComparison.OrdinalIgnoreCase));
        InProgressText = TextOf(inProgress);
        SuccessText = TextOf(success);
        ErrorText = error is null ? "error" : TextOf(error);
    }

    /// <summary>The fixture model's reading of the family.</summary>
    public ExportFamilyModel Model { get; }

    /// <summary>The fixture area, e.g. <c>segment-export</c>; the family's name in setup (<c>Export.WithId(5).In("raw-export")</c>).</summary>
    public string Area { get; }

    public EndpointFixtures Create { get; }

    public EndpointFixtures Status { get; }

    /// <summary>The status endpoint's id parameter, which create's answer echoes (e.g. <c>idSegmentExport</c>).</summary>
    public string IdParameter { get; }

    /// <summary>Whether the id travels as a path segment of the status endpoint (<c>/exports/{id}</c>) rather than in the query.</summary>
    public bool IdInPath { get; }

    public ScenarioFixture Created { get; }

    public ScenarioFixture InProgress { get; }

    public ScenarioFixture Success { get; }

    public ScenarioFixture? Error { get; }

    public ScenarioFixture? NotFound { get; }

    public ScenarioFixture? StatusDenied { get; }

    public ScenarioFixture? CreateDenied { get; }

    /// <summary>Where the files live, from the documented links: e.g. <c>/storage/download/segment/</c>.</summary>
    public string FileDirectory { get; }

    /// <summary>Create's list parameter naming the exported columns (segment export's <c>requestFields</c>), if any.</summary>
    public ParameterSpec? Columns { get; }

    /// <summary>Create's boolean parameter asking for a header line (<c>includeHeaderLine</c>), if any.</summary>
    public ParameterSpec? HeaderLine { get; }

    /// <summary>The status values that tell the samples apart (e.g. <c>In progress</c>, <c>Success!</c>, <c>Error occurred</c>), for the journal, the tool's banner and the mapping export's labels.</summary>
    public string InProgressText { get; }

    public string SuccessText { get; }

    public string ErrorText { get; }

    /// <summary>
    /// The columns an export of this family has when none are requested: segment export's device
    /// fields, else every value create's list parameter documents, else <c>id</c> and <c>value</c>.
    /// </summary>
    public IReadOnlyList<string> DefaultColumns(IReadOnlyList<string> segmentDefault) =>
        Area == "segment-export" ? segmentDefault : Columns?.Values ?? ["id", "value"];

    /// <summary>The columns a setup may choose, or null for any.</summary>
    public IReadOnlyList<string>? KnownColumns(IReadOnlyList<string> segmentKnown) =>
        Area == "segment-export" ? segmentKnown : Columns?.Values;

    /// <summary>Every export family of a fixture set the fixture model recognizes, by area.</summary>
    public static IReadOnlyDictionary<string, ExportFamily> Detect(FixtureSet fixtures)
    {
        var families = new Dictionary<string, ExportFamily>(StringComparer.Ordinal);
        foreach (var (area, model) in fixtures.ExportFamilies)
        {
            families[area] = From(model, fixtures);
        }

        return families;
    }

    /// <summary>
    /// The samples of the model's cases: create's started one, the status endpoint's first in-progress
    /// one (one whose sample shows a progress first), its succeeded one, and its failure (one that may be requested
    /// again first: the answer a setup's <c>ErrorOccurred()</c> gives).
    /// </summary>
    private static ExportFamily From(ExportFamilyModel model, FixtureSet fixtures)
    {
        var status = fixtures[model.StatusLabel];
        var create = fixtures[model.CreateLabel];
        var ok = model.StatusCases.Where(c => c.StatusCode is >= 200 and <= 299).ToList();
        // Among running cases, one whose sample holds the progress where the model places it (the shared type may keep it for all).
        var inProgress = ok.Where(c => c.Kind == ExportCaseKind.InProgress)
            .OrderBy(c => status[c.Scenario].Valid.HoleNames.Any(h => h is HoleRoles.Progress or HoleRoles.ProgressNumber) ? 0 : 1).First();
        var success = ok.First(c => c.Kind == ExportCaseKind.Succeeded);
        var error = ok.Where(c => c.Kind == ExportCaseKind.Failed).OrderBy(c => c.CanBeRequestedAgain ? 0 : 1).FirstOrDefault();
        var created = model.CreateCases.First(c => c.Kind == ExportCaseKind.Started);
        return new ExportFamily(model, create, status, create[created.Scenario], status[inProgress.Scenario], status[success.Scenario], error is null ? null : status[error.Scenario])
            .WithEndings(fixtures);
    }

    private static string DirectoryOf(string link)
    {
        var path = new Uri(link).AbsolutePath;
        return path[..(path.LastIndexOf('/') + 1)];
    }

    /// <summary>
    /// The status text of a sample: the value at the model's discriminator (segment export's <c>data.status</c>,
    /// another family's <c>data.state</c>) that picks its case, else its scenario name.
    /// </summary>
    public string TextOf(ScenarioFixture sample) =>
        Model.StatusCases.FirstOrDefault(c => c.Scenario == sample.Name)?.DiscriminatorValue ?? sample.Name;
}
