using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;
using MyTracker.Fixtures.Folders;

namespace MyTracker.Fixtures.Import;

/// <summary>A sample as it will be written: its file name, and why when the page did not make it clear.</summary>
internal sealed record ImportedSample(int Ordinal, int Line, string Text, string FileName, int? Status, string? Scenario, string? Note);

/// <summary>
/// Gives each JSON block of a page its HTTP status and scenario from the prose before it, and says so
/// when the prose does not. The rules, in order:
/// <list type="number">
/// <item>A block equal (as JSON) to an earlier one is a repeat and written once.</item>
/// <item>Status: the one the prose states ("A 404 status code", "HTTP 404", "404 Not Found"); a status
/// stated for an earlier block carries over to the next blocks only when their body's <c>code</c> agrees.
/// A stated status the body's <c>code</c> contradicts, or none at all, leaves the block unclassified
/// (<c>unclassified.&lt;n&gt;.json</c>) with a note: never a guess.</item>
/// <item>Scenario: a value of the block that the prose names next to the word status/state/type/kind or in
/// quotes ("The In progress status" and <c>"status": "In progress"</c> give <c>in-progress</c>). Otherwise,
/// for the only block of its status, the body's <c>message</c> (<c>"Not Found"</c> gives <c>not-found</c>) or
/// the status's reason phrase; for one of several, the value of the field the generator tells them apart
/// by, with a note; failing that <c>sample-&lt;n&gt;</c>, with a note.</item>
/// </list>
/// </summary>
internal static partial class SampleClassifier
{
    private static readonly string[] Keywords = ["status", "state", "type", "kind", "статус"];

    public static List<ImportedSample> Classify(IReadOnlyList<PageSample> samples, List<string> info)
    {
        var work = new List<Work>();
        var seen = new Dictionary<string, Work>(StringComparer.Ordinal);
        int? carried = null;
        foreach (var sample in samples)
        {
            var key = sample.Root is null ? Spaces().Replace(sample.Text, string.Empty) : Canonical(sample.Root);
            if (seen.TryGetValue(key, out var first))
            {
                info.Add($"line {sample.Line}: the sample repeats the one at line {first.Sample.Line}; written once");
                continue;
            }

            var item = new Work(sample);
            seen.Add(key, item);
            work.Add(item);
            item.Named = NamedValue(sample);
            DecideStatus(item, ref carried);
        }

        NameScenarios(work);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ImportedSample>();
        foreach (var item in work)
        {
            var note = item.Note;
            string fileName;
            if (item.Status is not { } status)
            {
                fileName = "unclassified." + item.Sample.Ordinal.ToString(CultureInfo.InvariantCulture) + ".json";
            }
            else
            {
                var unique = ScenarioNames.Unique(item.Scenario!, taken);
                if (unique != item.Scenario)
                {
                    note = Join(note, $"another sample is already named '{item.Scenario}', so this one is '{unique}'");
                    item.Scenario = unique;
                }

                fileName = status.ToString(CultureInfo.InvariantCulture) + "." + item.Scenario + ".json";
            }

            if (item.Sample.ParseError is { } error)
            {
                note = Join(note, $"the sample is not valid JSON ({error}); written as on the page, and the build reports MTG0001 until it is fixed");
            }

            result.Add(new ImportedSample(item.Sample.Ordinal, item.Sample.Line, item.Sample.Text, fileName, item.Status, item.Scenario, note));
        }

        return result;
    }

    private sealed class Work(PageSample sample)
    {
        public PageSample Sample { get; } = sample;

        public int? Status { get; set; }

        public string? Scenario { get; set; }

        public string? Named { get; set; }

        public string? Note { get; set; }

        public int? Code => Sample.Root?["code"] is { Kind: JsonKind.Number, Text: { } text }
                            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599
            ? code
            : null;
    }

    private static void DecideStatus(Work item, ref int? carried)
    {
        var stated = StatedStatuses(item.Sample.Lead);
        var code = item.Code;
        var codeHint = code is null ? string.Empty : $" (its body's code is {code})";
        if (stated.Count > 0)
        {
            if (code is { } c && stated.Contains(c))
            {
                item.Status = c;
            }
            else if (code is null && stated.Count == 1)
            {
                item.Status = stated[0];
            }
            else if (code is not null)
            {
                item.Note = $"the prose before it states HTTP {string.Join(" and ", stated)} but the body's code is {code}; rename it to <status>.<scenario>.json once you know which is right";
            }
            else
            {
                item.Note = $"the prose before it states several HTTP statuses ({string.Join(", ", stated)}); rename it to <status>.<scenario>.json once you know which it is";
            }

            if (item.Status is { } s)
            {
                carried = s;
            }

            return;
        }

        // The prose of a group ("A 200 status code indicates ... according to status:") covers the blocks
        // that follow, as long as they say the same themselves.
        if (carried is { } previous && (code == previous || (code is null && item.Named is not null)))
        {
            item.Status = previous;
            return;
        }

        item.Note = $"the page does not state its HTTP status{codeHint}; rename it to <status>.<scenario>.json once you know it";
    }

    private static void NameScenarios(List<Work> work)
    {
        foreach (var group in work.Where(w => w.Status is not null).GroupBy(w => w.Status!.Value))
        {
            var members = group.ToList();
            foreach (var item in members.Where(m => m.Named is not null))
            {
                item.Scenario = ScenarioNames.FromText(item.Named);
            }

            var unnamed = members.Where(m => m.Scenario is null).ToList();
            if (unnamed.Count == 0)
            {
                continue;
            }

            if (members.Count == 1)
            {
                var only = members[0];
                only.Scenario = only.Sample.Root?["message"] is { Kind: JsonKind.String } message ? ScenarioNames.FromText(message.Text) : null;
                only.Scenario ??= ScenarioNames.FromStatus(group.Key);
                continue;
            }

            var path = DiscriminatorPath(group.Key, members);
            foreach (var item in unnamed)
            {
                var value = path is null || item.Sample.Root is null ? null : DocumentedEndpoint.ValueAt(item.Sample.Root, path);
                var name = ScenarioNames.FromText(value);
                if (name is not null)
                {
                    item.Scenario = name;
                    item.Note = Join(item.Note, $"the prose does not name its scenario; named after its {path} \"{value}\", the field that tells the {group.Key} samples apart");
                }
                else
                {
                    item.Scenario = "sample-" + item.Sample.Ordinal.ToString(CultureInfo.InvariantCulture);
                    item.Note = Join(item.Note, $"the prose does not name its scenario and no field tells the {group.Key} samples apart; rename it to {group.Key}.<scenario>.json");
                }
            }
        }
    }

    /// <summary>The field the generator will tell these samples apart by (it, not a second opinion, decides the result cases).</summary>
    private static string? DiscriminatorPath(int status, List<Work> members)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["page/import/endpoint.json"] = "{\"method\":\"GET\",\"path\":\"/page/import\"}",
        };
        foreach (var member in members.Where(m => m.Sample.Root is not null))
        {
            files[$"page/import/{status}.sample-{member.Sample.Ordinal}.json"] = member.Sample.Text;
        }

        var model = FixtureModels.Read(string.Empty, files).Models.FirstOrDefault();
        return model?.Result.Groups.FirstOrDefault(g => g.StatusCode == status)?.DiscriminatorJsonPath;
    }

    private static List<int> StatedStatuses(string lead)
    {
        var found = new List<(int Index, int Status)>();
        foreach (var pattern in new[] { StatusBefore(), StatusAfter(), StatusWithReason() })
        {
            foreach (Match match in pattern.Matches(lead))
            {
                found.Add((match.Groups[1].Index, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)));
            }
        }

        return [.. found.OrderBy(f => f.Index).Select(f => f.Status).Distinct()];
    }

    /// <summary>A string value of the sample that the prose names next to "status" (or in quotes), as in the sample.</summary>
    private static string? NamedValue(PageSample sample)
    {
        if (sample.Root is null || sample.Lead.Length == 0)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectStrings(sample.Root, values, 0);
        if (values.Count == 0)
        {
            return null;
        }

        foreach (Match quoted in Quoted().Matches(sample.Lead))
        {
            if (values.TryGetValue(Normalize(quoted.Groups[1].Value), out var value))
            {
                return value;
            }
        }

        var tokens = sample.Lead.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var k = 0; k < tokens.Length; k++)
        {
            if (!Keywords.Contains(Normalize(tokens[k])))
            {
                continue;
            }

            for (var length = Math.Min(6, k); length >= 1; length--)
            {
                if (values.TryGetValue(Normalize(string.Join(" ", tokens[(k - length)..k])), out var before))
                {
                    return before;
                }
            }

            for (var length = Math.Min(6, tokens.Length - k - 1); length >= 1; length--)
            {
                if (values.TryGetValue(Normalize(string.Join(" ", tokens[(k + 1)..(k + 1 + length)])), out var after))
                {
                    return after;
                }
            }
        }

        return null;
    }

    private static void CollectStrings(JsonNode node, Dictionary<string, string> values, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        switch (node.Kind)
        {
            case JsonKind.String when node.Text!.Length <= 80:
                var key = Normalize(node.Text);
                if (key.Any(char.IsLetter))
                {
                    values.TryAdd(key, node.Text);
                }

                break;
            case JsonKind.Object:
                foreach (var member in node.Members)
                {
                    CollectStrings(member.Value, values, depth + 1);
                }

                break;
            case JsonKind.Array:
                foreach (var item in node.Items)
                {
                    CollectStrings(item, values, depth + 1);
                }

                break;
        }
    }

    private static string Normalize(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The JSON value as text with no layout: two blocks that differ only in spaces or a trailing comma are one sample.</summary>
    private static string Canonical(JsonNode node)
    {
        var builder = new StringBuilder();
        void Write(JsonNode n)
        {
            switch (n.Kind)
            {
                case JsonKind.Object:
                    builder.Append('{');
                    foreach (var member in n.Members)
                    {
                        builder.Append('"').Append(member.Name.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\":");
                        Write(member.Value);
                        builder.Append(',');
                    }

                    builder.Append('}');
                    break;
                case JsonKind.Array:
                    builder.Append('[');
                    foreach (var item in n.Items)
                    {
                        Write(item);
                        builder.Append(',');
                    }

                    builder.Append(']');
                    break;
                case JsonKind.String:
                    builder.Append('"').Append(n.Text!.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                    break;
                case JsonKind.Number:
                    builder.Append(n.Text);
                    break;
                default:
                    builder.Append(n.Kind.ToString());
                    break;
            }
        }

        Write(node);
        return builder.ToString();
    }

    private static string Join(string? first, string second) => first is null ? second : first + "; " + second;

    [GeneratedRegex(@"\b([1-5]\d{2})\s+(?:status|code|response|http)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatusBefore();

    [GeneratedRegex(@"\b(?:status(?:\s+code)?|http(?:\s+status)?|response(?:\s+code)?|code)\s*[:=]?\s*([1-5]\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatusAfter();

    [GeneratedRegex(@"\b([1-5]\d{2})\s+(?:ok|created|accepted|no content|bad request|unauthorized|forbidden|not found|method not allowed|conflict|gone|unprocessable|too many requests|internal server error|bad gateway|service unavailable|gateway timeout)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatusWithReason();

    [GeneratedRegex(@"[""“«]([^""”»]{1,60})[""”»]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
