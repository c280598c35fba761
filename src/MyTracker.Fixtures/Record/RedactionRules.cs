using System.Text.Json;
using System.Text.RegularExpressions;

namespace MyTracker.Fixtures;

/// <summary>
/// What a recording replaces before anything is written. Every rule keeps the JSON kind of the value (an
/// integer string stays an integer string, a URL stays an absolute URL), so a redacted sample types exactly
/// like the answer it came from. Field rules match member names with regular expressions.
/// </summary>
public sealed record RedactionRules
{
    /// <summary>The defaults: ids, timestamps and links redacted, nothing kept or replaced besides.</summary>
    public static RedactionRules Default { get; } = new();

    /// <summary>Member names whose values are ids (default: <c>id</c>, <c>idSegmentExport</c>, <c>userId</c>, <c>export_id</c>).</summary>
    public IReadOnlyList<string> IdFields { get; init; } = [@"^id([A-Z0-9_]|$)", @"(Id|ID|_id)$"];

    /// <summary>What an id becomes: this integer (as a string when the id was one); an id that is not an integer becomes <c>"redacted"</c>.</summary>
    public long IdValue { get; init; } = 1;

    /// <summary>Member names whose values are points in time; null (the default) uses the generator's rule (<c>timestamp</c>, <c>...At</c>, <c>time</c>, <c>date</c>, <c>expire</c>).</summary>
    public IReadOnlyList<string>? TimestampFields { get; init; }

    /// <summary>What a timestamp becomes, in unix seconds (written as the value was: a string, a number or an ISO 8601 text).</summary>
    public long TimestampValue { get; init; } = 1617197992;

    /// <summary>Whether absolute URLs are redacted: host replaced by <see cref="LinkHost"/>, hashes zeroed, numbers set to 1, secrets in the query removed.</summary>
    public bool RedactLinks { get; init; } = true;

    /// <summary>The host every link gets.</summary>
    public string LinkHost { get; init; } = "download.example";

    /// <summary>Member names never redacted (a rule above would otherwise take them).</summary>
    public IReadOnlyList<string> KeepFields { get; init; } = [];

    /// <summary>Member names whose values are replaced by a fixed text (e.g. <c>"^email$": "user@example.com"</c>).</summary>
    public IReadOnlyDictionary<string, string> ReplaceFields { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Reads rules from a JSON file: <c>idFields</c>, <c>idValue</c>, <c>timestampFields</c>, <c>timestampValue</c>,
    /// <c>links</c>, <c>linkHost</c>, <c>keep</c>, <c>replace</c>; what the file leaves out keeps its default.
    /// </summary>
    /// <param name="path">The rules file.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="FixturesException">The file cannot be read, is not JSON, or has a wrong value (one line naming file and key).</exception>
    public static RedactionRules Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FixturesException($"redaction rules {Path.GetFullPath(path)}: {e.Message}", e);
        }

        var name = Path.GetFileName(path);
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FixturesException($"{name}: the rules are a JSON object");
            }

            var rules = Default;
            foreach (var member in document.RootElement.EnumerateObject())
            {
                rules = member.Name switch
                {
                    "idFields" => rules with { IdFields = Patterns(name, member) },
                    "idValue" => rules with { IdValue = Integer(name, member) },
                    "timestampFields" => rules with { TimestampFields = Patterns(name, member) },
                    "timestampValue" => rules with { TimestampValue = Integer(name, member) },
                    "links" => rules with { RedactLinks = member.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? member.Value.GetBoolean() : throw Wrong(name, member, "true or false") },
                    "linkHost" => rules with { LinkHost = Host(name, member) },
                    "keep" => rules with { KeepFields = Patterns(name, member) },
                    "replace" => rules with { ReplaceFields = Replacements(name, member) },
                    _ => throw new FixturesException($"{name}: unknown key \"{member.Name}\" (known: idFields, idValue, timestampFields, timestampValue, links, linkHost, keep, replace)"),
                };
            }

            return rules;
        }
        catch (JsonException e)
        {
            throw new FixturesException($"{name}: not valid JSON (line {e.LineNumber + 1}): {e.Message.Split(" Path:")[0]}", e);
        }
    }

    private static List<string> Patterns(string file, JsonProperty member)
    {
        if (member.Value.ValueKind != JsonValueKind.Array || member.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Wrong(file, member, "an array of regular expressions");
        }

        var patterns = member.Value.EnumerateArray().Select(e => e.GetString()!).ToList();
        foreach (var pattern in patterns)
        {
            CheckPattern(file, member.Name, pattern);
        }

        return patterns;
    }

    private static Dictionary<string, string> Replacements(string file, JsonProperty member)
    {
        if (member.Value.ValueKind != JsonValueKind.Object || member.Value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            throw Wrong(file, member, "an object from regular expression to replacement text");
        }

        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in member.Value.EnumerateObject())
        {
            CheckPattern(file, member.Name, pair.Name);
            replacements[pair.Name] = pair.Value.GetString()!;
        }

        return replacements;
    }

    private static long Integer(string file, JsonProperty member) =>
        member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetInt64(out var value) && value >= 0 ? value : throw Wrong(file, member, "a non-negative integer");

    private static string Host(string file, JsonProperty member) =>
        member.Value.ValueKind == JsonValueKind.String && Uri.CheckHostName(member.Value.GetString()) is UriHostNameType.Dns or UriHostNameType.IPv4
            ? member.Value.GetString()!
            : throw Wrong(file, member, "a host name");

    private static void CheckPattern(string file, string key, string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new FixturesException($"{file}: \"{key}\": '{pattern}' is not a regular expression ({e.Message})", e);
        }
    }

    private static FixturesException Wrong(string file, JsonProperty member, string expected) =>
        new($"{file}: \"{member.Name}\" must be {expected}, not {member.Value.GetRawText()}");
}
