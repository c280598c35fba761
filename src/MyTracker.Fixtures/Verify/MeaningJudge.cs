using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Verify;

/// <summary>
/// Judges a 2xx answer of an export's status endpoint by what its scenario means (endpoint.json's
/// <c>meanings</c>), not only by type. The answer's scenario comes from its status and discriminator;
/// what the answer implies comes from the fields it carries that, among the samples, only a scenario
/// of another meaning has (the files only <c>success</c> lists, the <c>errorMessage</c> only a user
/// error carries). A scenario documented as succeeded whose answer lists none of its files is judged
/// too. Fields only a running scenario has (progress, <c>isCancellable</c>) are no evidence: a progress
/// beside a failure does not change what the failure means.
/// </summary>
/// <remarks>
/// Contradictions are drift (<see cref="DriftKind.MeaningContradicted"/>): the generated operations would
/// act on the documented meaning, e.g. request again a failure the answer shows to be final. A scenario,
/// or a status text, with no documented meaning is a note (<see cref="DriftKind.MeaningUndocumented"/>): the
/// fixtures say nothing there to contradict, and the runtime does not request it again.
/// </remarks>
internal static class MeaningJudge
{
    public static (IReadOnlyList<Drift> Drifts, IReadOnlyList<Drift> Notes) Judge(DocumentedEndpoint endpoint, int status, JsonNode? root, DocumentedScenario? scenario)
    {
        if (!endpoint.IsExportStatus || status is < 200 or > 299 || root is not { Kind: JsonKind.Object })
        {
            return ([], []);
        }

        var meanings = endpoint.Model.Meanings.ToDictionary(m => m.Scenario, m => m.Meaning, StringComparer.Ordinal);
        if (scenario is null)
        {
            var group = endpoint.Model.Result.Groups.FirstOrDefault(g => g.StatusCode == status);
            if (group?.DiscriminatorJsonPath is not { } path || DocumentedEndpoint.ValueAt(root, path) is not { } text)
            {
                return ([], []);
            }

            return ([], [new Drift(DriftKind.MeaningUndocumented, endpoint.Key, status, path, "no scenario", "\"" + text + "\"")]);
        }

        if (!meanings.TryGetValue(scenario.Name, out var meaning))
        {
            return ([], [new Drift(DriftKind.MeaningUndocumented, endpoint.Key, status, string.Empty, "no meaning", scenario.Name)]);
        }

        var samples = endpoint.Input.Samples.Where(s => s.StatusCode == status && s.Root is not null).ToList();
        var own = Union(samples.Where(s => s.Scenario == scenario.Name));
        var received = PathsOf(root);
        var drifts = new List<Drift>();
        foreach (var other in samples.Select(s => s.Scenario).Distinct(StringComparer.Ordinal).Where(s => s != scenario.Name))
        {
            if (!meanings.TryGetValue(other, out var otherMeaning) || otherMeaning == meaning || otherMeaning == ExportMeaning.Running)
            {
                continue;
            }

            var elsewhere = Union(samples.Where(s => s.Scenario != other));
            var evidence = Union(samples.Where(s => s.Scenario == other))
                .Where(p => !elsewhere.Contains(p) && !own.Contains(p) && received.Contains(p))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
            if (evidence is not null)
            {
                drifts.Add(new Drift(DriftKind.MeaningContradicted, endpoint.Key, status, evidence, Describe(scenario.Name, meaning), Describe(other, otherMeaning)));
            }
        }

        if (meaning == ExportMeaning.Succeeded)
        {
            var others = Union(samples.Where(s => s.Scenario != scenario.Name));
            var every = Intersection(samples.Where(s => s.Scenario == scenario.Name));
            if (every.Where(p => !others.Contains(p) && !received.Contains(p)).Order(StringComparer.Ordinal).FirstOrDefault() is { } missing)
            {
                drifts.Add(new Drift(DriftKind.MeaningContradicted, endpoint.Key, status, missing, Describe(scenario.Name, meaning), "an answer without it"));
            }
        }

        return (drifts, []);
    }

    private static string Describe(string scenario, ExportMeaning meaning) => "'" + scenario + "' (" + ExportMeanings.WordOf(meaning) + ")";

    private static HashSet<string> Union(IEnumerable<ParsedFixture> samples)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            paths.UnionWith(PathsOf(sample.Root!));
        }

        return paths;
    }

    private static HashSet<string> Intersection(IEnumerable<ParsedFixture> samples)
    {
        HashSet<string>? paths = null;
        foreach (var sample in samples)
        {
            var these = PathsOf(sample.Root!);
            if (paths is null)
            {
                paths = these;
            }
            else
            {
                paths.IntersectWith(these);
            }
        }

        return paths ?? new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>The dotted paths of every member that holds a value other than null (<c>data.files[].link</c>).</summary>
    private static HashSet<string> PathsOf(JsonNode root)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode node, string prefix, int depth)
        {
            if (depth > 8)
            {
                return;
            }

            foreach (var member in node.Members)
            {
                if (member.Value.Kind == JsonKind.Null)
                {
                    continue;
                }

                var path = prefix.Length == 0 ? member.Name : prefix + "." + member.Name;
                paths.Add(path);
                Walk(member.Value, path, depth + 1);
            }

            foreach (var item in node.Items)
            {
                if (item.Kind == JsonKind.Null)
                {
                    continue;
                }

                paths.Add(prefix + "[]");
                Walk(item, prefix + "[]", depth + 1);
            }
        }

        Walk(root, string.Empty, 0);
        return paths;
    }
}
