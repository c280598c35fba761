using System.Text.Json;
using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Exports;

/// <summary>
/// An export-shaped endpoint family found in a fixture set: a POST endpoint that starts an export
/// and answers its id, and a GET status endpoint asked for that id whose 2xx samples show the
/// export in progress (a percentage, or a sample named like pending/processing), finished with a
/// list of files, and (optionally) failed.
/// Everything the lifecycle module needs is read from the samples and manifests; nothing names
/// segment export, so any family of this shape gets the same lifecycle.
/// </summary>
internal sealed partial class ExportFamily
{
    private ExportFamily(string area, EndpointFixtures create, EndpointFixtures status, string idParameter,
        ScenarioFixture created, ScenarioFixture inProgress, ScenarioFixture success, ScenarioFixture? error)
    {
        Area = area;
        Create = create;
        Status = status;
        IdParameter = idParameter;
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
        var texts = StatusTexts(inProgress, success, error);
        InProgressText = texts[0];
        SuccessText = texts[1];
        ErrorText = texts[2];
    }

    /// <summary>The fixture area, e.g. <c>segment-export</c>; the family's name in setup (<c>Export.WithId(5).In("raw-export")</c>).</summary>
    public string Area { get; }

    public EndpointFixtures Create { get; }

    public EndpointFixtures Status { get; }

    /// <summary>The status endpoint's id parameter, which create's answer echoes (e.g. <c>idSegmentExport</c>).</summary>
    public string IdParameter { get; }

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

    /// <summary>Every export-shaped family of a fixture set, by area.</summary>
    public static IReadOnlyDictionary<string, ExportFamily> Detect(FixtureSet fixtures)
    {
        var families = new Dictionary<string, ExportFamily>(StringComparer.Ordinal);
        foreach (var area in fixtures.Endpoints.GroupBy(e => e.Area))
        {
            if (TryDetect(area.Key, [.. area]) is { } family)
            {
                families[area.Key] = family;
            }
        }

        return families;
    }

    private static ExportFamily? TryDetect(string area, List<EndpointFixtures> endpoints)
    {
        foreach (var status in endpoints.Where(e => e.Method == "GET"))
        {
            var ids = status.Parameters.Where(p => p.Required && p.Type == "integer" && p.In == "query").ToList();
            var ok = status.Ordered.Where(s => s.Status is >= 200 and <= 299).ToList();
            var success = Meaning(status, ok, ScenarioMeaning.Succeeded) ?? ok.FirstOrDefault(s => s.Valid.HasFiles && s.Valid.DocumentedLinks.Count > 0);

            // In progress: the sample with a percentage, else one named like a running state; the failure: one
            // named like an error, else the 2xx left over.
            var others = ok.Where(s => !ReferenceEquals(s, success)).ToList();
            var inProgress = Meaning(status, others, ScenarioMeaning.Running)
                ?? others.FirstOrDefault(s => s.Valid.HoleNames.Contains(HoleRoles.Progress))
                ?? others.FirstOrDefault(s => NameLike(s, "progress", "pending", "process", "running", "queued", "wait"));
            if (ids.Count != 1 || success is null || inProgress is null)
            {
                continue;
            }

            var id = ids[0].Name;
            var error = Meaning(status, others, ScenarioMeaning.FailedRepeatable)
                ?? Meaning(status, others, ScenarioMeaning.FailedFinal)
                ?? others.FirstOrDefault(s => !ReferenceEquals(s, inProgress) && NameLike(s, "error", "fail"))
                ?? others.FirstOrDefault(s => !ReferenceEquals(s, inProgress));
            foreach (var create in endpoints.Where(e => e.Method == "POST"))
            {
                var created = create.Ordered.FirstOrDefault(s => s.Status is >= 200 and <= 299 && s.Valid.HoleNames.Contains(HoleRoles.ParameterPrefix + id));
                if (created is not null)
                {
                    return new ExportFamily(area, create, status, id, created, inProgress, success, error).WithEndings(endpoints);
                }
            }
        }

        return null;
    }

    private static bool NameLike(ScenarioFixture sample, params string[] words) =>
        words.Any(w => sample.Name.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static string DirectoryOf(string link)
    {
        var path = new Uri(link).AbsolutePath;
        return path[..(path.LastIndexOf('/') + 1)];
    }

    /// <summary>
    /// The string field, present in each status sample with a different value, that tells them apart
    /// (segment export's <c>data.status</c>, another family's <c>data.state</c>); the scenario names when none does.
    /// </summary>
    private static string[] StatusTexts(ScenarioFixture inProgress, ScenarioFixture success, ScenarioFixture? error)
    {
        var samples = new[] { inProgress, success, error ?? inProgress };
        var leaves = samples.Select(s => Leaves(s.Valid.Source)).ToList();
        foreach (var (path, _) in leaves[0].OrderBy(l => l.Key.Count(c => c == '.')))
        {
            var values = leaves.Select(l => l.GetValueOrDefault(path)).ToArray();
            if (values.All(v => v is not null) && values.Distinct().Count() == (error is null ? 2 : 3))
            {
                return values!;
            }
        }

        return [inProgress.Name, success.Name, error?.Name ?? "error"];
    }

    private static Dictionary<string, string> Leaves(byte[] json)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json, EndpointFixtures.Tolerant);
        void Walk(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path + "." + property.Name);
                }
            }
            else if (element.ValueKind == JsonValueKind.String)
            {
                leaves[path] = element.GetString()!;
            }
        }

        Walk(document.RootElement, string.Empty);
        return leaves;
    }
}
