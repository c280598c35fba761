using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Exports;

/// <summary>
/// The documented endings of a family beyond in progress and success, by what endpoint.json's
/// <c>meanings</c> says they are (raw export's <c>user-error-occurred</c> is <c>failed-final</c>,
/// <c>canceled-by-user</c> is <c>canceled</c>), and its cancel endpoint: the fixture model's action on one
/// export (another endpoint of the area that takes the export id), when the family documents a canceled ending.
/// </summary>
internal sealed partial class ExportFamily
{
    /// <summary>How far an export may have got and still be canceled: past it, the in-progress answer says it can no longer be (isCancellable false) and cancel refuses.</summary>
    public const int CancellableBelowPercent = 90;

    /// <summary>Every 2xx status sample other than in progress and success, by scenario name, with its stated meaning (null when unstated).</summary>
    public IReadOnlyDictionary<string, (ScenarioFixture Sample, ScenarioMeaning? Meaning)> Endings { get; private set; } =
        new Dictionary<string, (ScenarioFixture, ScenarioMeaning?)>(StringComparer.Ordinal);

    /// <summary>The canceled ending (meaning <c>canceled</c>), or null.</summary>
    public ScenarioFixture? Canceled { get; private set; }

    /// <summary>The cancel endpoint, or null when the family documents none.</summary>
    public EndpointFixtures? Cancel { get; private set; }

    /// <summary>Cancel's 2xx answer.</summary>
    public ScenarioFixture? CancelAccepted { get; private set; }

    /// <summary>Cancel's refusal of a finished export (the 400 whose sample speaks of completion), else its first 400.</summary>
    public ScenarioFixture? CancelRefusedFinished { get; private set; }

    /// <summary>Cancel's refusal of a running export that can no longer be canceled (the other 400), else its first 400.</summary>
    public ScenarioFixture? CancelRefusedRunning { get; private set; }

    /// <summary>The in-progress sample's boolean that says whether cancel would succeed (raw export's <c>isCancellable</c>), when the family has a cancel endpoint.</summary>
    public string? CancellableField { get; private set; }

    /// <summary>The ending a setup names, or an error that lists the documented ones.</summary>
    public ScenarioFixture Ending(string scenario) =>
        Endings.TryGetValue(scenario, out var ending)
            ? ending.Sample
            : throw new ArgumentException($"'{scenario}' is not a documented ending of {Area}/{Status.Name}; documented: {(Endings.Count == 0 ? "none" : string.Join(", ", Endings.Keys.Order(StringComparer.Ordinal)))}.");

    private ExportFamily WithEndings(FixtureSet fixtures)
    {
        var endings = new Dictionary<string, (ScenarioFixture, ScenarioMeaning?)>(StringComparer.Ordinal);
        foreach (var sample in Status.Ordered.Where(s => s.Status is >= 200 and <= 299 && !ReferenceEquals(s, InProgress) && !ReferenceEquals(s, Success)))
        {
            endings[sample.Name] = (sample, Status.Meanings.TryGetValue(sample.Name, out var meaning) ? meaning : null);
        }

        Endings = endings;
        // The canceled ending and the cancel endpoint as the model reads them: its canceled case and its action on one export.
        var canceled = Model.StatusCases.FirstOrDefault(c => c.Kind == MyTracker.Fixtures.Model.ExportCaseKind.Canceled && c.StatusCode is >= 200 and <= 299);
        Canceled = canceled is null ? null : Status[canceled.Scenario];
        if (Canceled is null)
        {
            return this;
        }

        Cancel = Model.Actions.Select(a => fixtures.Find(a.Label)).FirstOrDefault(e => e is not null);
        if (Cancel is null)
        {
            return this;
        }

        CancelAccepted = Cancel.Ordered.FirstOrDefault(s => s.Status is >= 200 and <= 299);
        var refusals = Cancel.Ordered.Where(s => s.Status == 400).ToList();
        CancelRefusedFinished = refusals.FirstOrDefault(s => SpeaksOf(s, "complet")) ?? refusals.FirstOrDefault();
        CancelRefusedRunning = refusals.FirstOrDefault(s => !ReferenceEquals(s, CancelRefusedFinished)) ?? refusals.FirstOrDefault();
        CancellableField = BooleanNamed(InProgress, "cancel");
        return this;
    }

    private static bool SpeaksOf(ScenarioFixture sample, string word) =>
        sample.Name.Contains(word, StringComparison.OrdinalIgnoreCase)
        || Leaves(sample.Valid.Source).Any(v => v.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every string value of a sample (which of cancel's two refusals speaks of completion).</summary>
    private static List<string> Leaves(byte[] json)
    {
        var leaves = new List<string>();
        var reader = new System.Text.Json.Utf8JsonReader(json, new System.Text.Json.JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        while (reader.Read())
        {
            if (reader.TokenType == System.Text.Json.JsonTokenType.String)
            {
                leaves.Add(reader.GetString()!);
            }
        }

        return leaves;
    }

    private static string? BooleanNamed(ScenarioFixture sample, string word)
    {
        using var document = System.Text.Json.JsonDocument.Parse(sample.Valid.Source, EndpointFixtures.Tolerant);
        string? Walk(System.Text.Json.JsonElement element)
        {
            if (element.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
                    && property.Name.Contains(word, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Name;
                }

                if (Walk(property.Value) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        return Walk(document.RootElement);
    }
}
