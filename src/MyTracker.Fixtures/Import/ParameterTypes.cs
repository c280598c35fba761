using System.Globalization;
using System.Text.RegularExpressions;
using MyTracker.Fixtures.Model.Inference;

namespace MyTracker.Fixtures.Import;

/// <summary>A parameter as endpoint.json describes it (see fixtures/README.md).</summary>
internal sealed record ImportedParameter(
    string Name,
    string In,
    string Type,
    bool Required,
    string? Description,
    string? Default,
    long? Minimum,
    long? Maximum,
    IReadOnlyList<KeyValuePair<string, string>>? Values)
{
    /// <summary>The bracketed segments of a nested row (<c>settings[filter][date][from]</c> -> filter, date, from); null for a parameter of its own.</summary>
    public IReadOnlyList<string>? Path { get; init; }

    /// <summary>Everything the row says (value, description, note), where nested rows' examples and limits are read from.</summary>
    public string RowText { get; init; } = string.Empty;

    /// <summary>The page line of the row.</summary>
    public int Line { get; init; }

    /// <summary>An object's members (type <c>object</c>).</summary>
    public IReadOnlyList<ImportedParameter>? Members { get; init; }

    /// <summary>An array's items (type <c>array</c>).</summary>
    public ImportedParameter? Items { get; init; }

    /// <summary>An array's spelling (fixtures/README.md, nested parameters).</summary>
    public string? Spelling { get; init; }

    /// <summary>A date's limits, YYYY-MM-DD or <c>today</c>.</summary>
    public string? MinimumDate { get; init; }

    /// <summary>A date's upper limit, YYYY-MM-DD or <c>today</c>.</summary>
    public string? MaximumDate { get; init; }

    /// <summary>The sibling member this value may not come after.</summary>
    public string? NotAfter { get; init; }

    /// <summary>The sibling member this value may not come before.</summary>
    public string? NotBefore { get; init; }
}

/// <summary>
/// Turns a row of the parameter table into an endpoint.json parameter: the name and its required
/// marker, the type from the words of the value column (<c>Integer</c>, <c>separated by commas</c>,
/// <c>One of the values: 0 — off 1 — on</c>, an example value), a range (<c>from 10 to 4 095</c>).
/// What cannot be told from the row is said in a note, and the type is then <c>string</c>, which the
/// generated client sends as it is given.
/// </summary>
internal static partial class ParameterTypes
{
    public static ImportedParameter FromRow(ParameterRow row, string? requiredMarker, string path, List<string> notes)
    {
        var nameMatch = NamePattern().Match(row.Name);
        var name = nameMatch.Success ? nameMatch.Groups[1].Value : row.Name.Trim();
        var bracketText = nameMatch.Success ? nameMatch.Groups[2].Value : string.Empty;
        var brackets = bracketText == "[]";
        IReadOnlyList<string>? nested = bracketText.Length > 2 || (bracketText.Length > 0 && !brackets) ? [.. bracketText[1..^1].Split("][")] : null;
        var rest = nameMatch.Success ? row.Name[nameMatch.Length..].Trim() : string.Empty;

        bool required;
        if (row.Required is { } column)
        {
            required = RequiredWords().IsMatch(column.Trim());
        }
        else if (requiredMarker is not null)
        {
            required = rest.Contains(requiredMarker, StringComparison.Ordinal);
        }
        else
        {
            required = rest.Contains('*');
            if (required)
            {
                notes.Add($"line {row.Line}: parameter {name} is marked '*' but the page has no legend for it; imported as required");
            }
        }

        var valueText = row.Type ?? row.Description ?? string.Empty;
        var (type, values, @default) = TypeOf(valueText, brackets);
        if (type is null)
        {
            type = "string";
            notes.Add($"line {row.Line}: the type of parameter {name} is not stated{(valueText.Length > 0 ? $" ('{Shorten(valueText)}')" : string.Empty)}; imported as string");
        }

        @default ??= row.Default is { } d ? d.Trim() : null;
        long? minimum = null, maximum = null;
        if (type is "integer" or "number")
        {
            var range = RangePattern().Match(string.Join(" ", valueText, row.Note, row.Description));
            if (range.Success)
            {
                minimum = ParseLong(range.Groups[1].Value);
                maximum = ParseLong(range.Groups[2].Value);
            }
        }

        var description = string.Join(" ", new[] { Sentence(row.Description), Sentence(row.Note) }.Where(t => t is not null)) is { Length: > 0 } text ? text : null;
        var place = path.Contains("{" + name + "}", StringComparison.Ordinal) ? "path" : "query";
        return new ImportedParameter(name, place, type, required || place == "path", description, @default, minimum, maximum, values)
        {
            Path = nested,
            RowText = string.Join(" ", valueText, row.Description, row.Note),
            Line = row.Line,
        };
    }

    /// <summary>A parameter only an example request shows: its type from the example value, not required (the page does not say).</summary>
    public static ImportedParameter FromExample(string name, string value, string path) =>
        new(name, path.Contains("{" + name + "}", StringComparison.Ordinal) ? "path" : "query",
            value.Contains(',') ? "list" : IsInteger(value) ? "integer" : "string", false, null, null, null, null, null);

    private static (string? Type, IReadOnlyList<KeyValuePair<string, string>>? Values, string? Default) TypeOf(string text, bool brackets)
    {
        var pairs = EnumPairs(text);
        if (pairs.Count >= 2)
        {
            var defaultWire = pairs.FirstOrDefault(p => p.IsDefault).Wire;
            if (pairs.Count == 2 && IsOffOn(pairs))
            {
                return ("boolean", null, defaultWire);
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            var values = pairs.Select(p => new KeyValuePair<string, string>(p.Wire, Naming.Unique(Naming.ToPascalCase(p.Name, "Value"), names))).ToList();
            return ("enum", values, defaultWire);
        }

        var lower = text.ToLowerInvariant();
        if (brackets || ListWords().IsMatch(lower))
        {
            return ("list", null, null);
        }

        if (IntegerWords().IsMatch(lower))
        {
            return ("integer", null, null);
        }

        if (NumberWords().IsMatch(lower))
        {
            return ("number", null, null);
        }

        if (BooleanWords().IsMatch(lower))
        {
            return ("boolean", null, null);
        }

        if (StringWords().IsMatch(lower))
        {
            return ("string", null, null);
        }

        var example = ExamplePattern().Match(text);
        if (example.Success)
        {
            var value = example.Groups[1].Value.TrimEnd('.', ';');
            return (value.Contains(',') ? "list" : IsInteger(value) ? "integer" : "string", null, null);
        }

        return (null, null, null);
    }

    private static List<(string Wire, string Name, bool IsDefault)> EnumPairs(string text)
    {
        var result = new List<(string, string, bool)>();
        foreach (Match match in EnumPairPattern().Matches(text))
        {
            var name = match.Groups[2].Value.Trim();
            var isDefault = DefaultMark().IsMatch(name);
            name = DefaultMark().Replace(name, string.Empty).Trim().TrimEnd(',', ';', '.');
            if (name.Length > 0)
            {
                result.Add((match.Groups[1].Value, name, isDefault));
            }
        }

        return result;
    }

    private static bool IsOffOn(List<(string Wire, string Name, bool IsDefault)> pairs)
    {
        string[] off = ["off", "no", "false", "disabled", "disable"];
        string[] on = ["on", "yes", "true", "enabled", "enable"];
        var zero = pairs.FirstOrDefault(p => p.Wire == "0").Name?.ToLowerInvariant();
        var one = pairs.FirstOrDefault(p => p.Wire == "1").Name?.ToLowerInvariant();
        return zero is not null && one is not null && off.Contains(zero) && on.Contains(one);
    }

    private static bool IsInteger(string value) => value.Length > 0 && value.TrimStart('-').All(char.IsAsciiDigit) && value.TrimStart('-').Length > 0;

    private static long? ParseLong(string text)
    {
        var digits = new string(text.Where(c => char.IsAsciiDigit(c) || c == '-').ToArray());
        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>A description as a sentence: spaces collapsed, a full stop at the end.</summary>
    internal static string? Sentence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var sentence = Spaces().Replace(text, " ").Trim();
        return char.IsLetterOrDigit(sentence[^1]) || sentence[^1] is ')' or '"' or '\'' ? sentence + "." : sentence;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"^\s*([A-Za-z_$][A-Za-z0-9_.\-]*)((?:\[[A-Za-z0-9_]*\])*)")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(yes|true|\+|✓|✔|\*|required|mandatory|да|обязательн\w*)$", RegexOptions.IgnoreCase)]
    private static partial Regex RequiredWords();

    [GeneratedRegex(@"(-?\d+)\s*[—–-]\s+(.+?)(?=\s+-?\d+\s*[—–-]\s|\s+(?:example|for example|e\.g\.)\b|$)", RegexOptions.IgnoreCase)]
    private static partial Regex EnumPairPattern();

    [GeneratedRegex(@"\((?:by\s+)?default\)|\(по умолчанию\)", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultMark();

    [GeneratedRegex(@"separated by commas|comma[- ]separated|\barray|\blist\b|\bvalues\b")]
    private static partial Regex ListWords();

    [GeneratedRegex(@"\b(integer|int|int32|int64|long|uint)\b")]
    private static partial Regex IntegerWords();

    [GeneratedRegex(@"\b(float|double|decimal|number)\b")]
    private static partial Regex NumberWords();

    [GeneratedRegex(@"\bbool(ean)?\b")]
    private static partial Regex BooleanWords();

    [GeneratedRegex(@"\b(string|text)\b")]
    private static partial Regex StringWords();

    [GeneratedRegex(@"(?:for example|example|e\.g\.)\s*:?\s*(?:[A-Za-z_]\w*=)?(\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex ExamplePattern();

    [GeneratedRegex(@"(?:from|between)\s+(-?\d[\d\s\u00A0]*?)\s+(?:to|and)\s+(-?\d[\d\s\u00A0]*\d|-?\d)")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
