using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MyTracker.Fake;

/// <summary>
/// Reads a scenario file strictly: every object may hold only the keys its place allows (a near miss
/// gets "did you mean"), no key twice, every value of the type and range its key needs. Every message
/// is one line, <c>&lt;file&gt;: &lt;JSON path&gt;: &lt;what is wrong&gt;</c>, in the file's own words:
/// the keys and values as written, never a .NET parameter name.
/// </summary>
internal sealed partial class StrictJson
{
    private readonly JsonElement _object;

    private StrictJson(string source, string path, JsonElement element)
    {
        Source = source;
        Path = path;
        _object = element;
    }

    public string Source { get; }

    /// <summary>The JSON path of this object, e.g. <c>exports[2].faults[0]</c> (empty for the top level).</summary>
    public string Path { get; }

    /// <summary>Parses the text, allowing comments and trailing commas; a syntax error names one position.</summary>
    public static JsonDocument Parse(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var column = Column(json, line, (int)(ex.BytePositionInLine ?? 0));

            // System.Text.Json ends its message with its own (zero-based, byte) position: one position, ours, is enough.
            var message = PositionSuffix().Replace(ex.Message, string.Empty).Trim();
            throw new ScenarioFormatException($"{source}: line {line + 1}, column {column}: {message}", ex);
        }
    }

    /// <summary>Opens an object at a place, refusing keys the place does not allow and keys given twice.</summary>
    public static StrictJson Open(JsonElement element, string source, string path, string what, IReadOnlyCollection<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail(source, path, path.Length == 0
                ? $"the top level must be an object holding {List(allowed.Select(k => $"\"{k}\""))}, not {Describe(element)}"
                : $"must be an object ({what}), not {Describe(element)}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw Fail(source, path, $"key \"{property.Name}\" appears twice");
            }

            if (!allowed.Contains(property.Name))
            {
                var guess = DidYouMean(property.Name, allowed);
                throw Fail(source, path, guess.Length > 0
                    ? $"unknown key \"{property.Name}\"{guess}"
                    : $"unknown key \"{property.Name}\"; {what} takes {List(allowed)}");
            }
        }

        return new StrictJson(source, path, element);
    }

    public static ScenarioFormatException Fail(string source, string path, string message) =>
        new(path.Length == 0 ? $"{source}: {message}" : $"{source}: {path}: {message}");

    /// <summary>A failure at one key of this object.</summary>
    public ScenarioFormatException Fail(string key, string message) => Fail(Source, At(key), message);

    /// <summary>A failure at this object itself.</summary>
    public ScenarioFormatException Fail(string message) => Fail(Source, Path, message);

    public string At(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _object.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement? Element(string key) => _object.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public StrictJson Child(string key, string what, IReadOnlyCollection<string> allowed) =>
        Open(_object.GetProperty(key), Source, At(key), what, allowed);

    public long? Integer(string key, long minimum, long maximum = long.MaxValue)
    {
        if (Element(key) is not { } value)
        {
            return null;
        }

        return ReadInteger(value, At(key), minimum, maximum);
    }

    public long ReadInteger(JsonElement value, string path, long minimum, long maximum = long.MaxValue)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw Fail(Source, path, $"must be a whole number, not {Describe(value)}");
        }

        if (number < minimum || number > maximum)
        {
            throw Fail(Source, path, maximum == long.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"must be {minimum} or more, not {number}")
                : string.Create(CultureInfo.InvariantCulture, $"must be from {minimum} to {maximum}, not {number}"));
        }

        return number;
    }

    public double? Number(string key, double minimum, double maximum)
    {
        if (Element(key) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Fail(key, $"must be a number, not {Describe(value)}");
        }

        var number = value.GetDouble();
        return number >= minimum && number <= maximum
            ? number
            : throw Fail(key, string.Create(CultureInfo.InvariantCulture, $"must be from {minimum} to {maximum}, not {number}"));
    }

    public string? Text(string key)
    {
        if (Element(key) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Fail(key, $"must be a non-empty string, not {Describe(value)}");
    }

    public bool? Boolean(string key)
    {
        if (Element(key) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(key, $"must be true or false, not {Describe(value)}"),
        };
    }

    /// <summary>A string that must be one of a few words; a near miss gets "did you mean".</summary>
    public string? OneOf(string key, IReadOnlyCollection<string> words)
    {
        if (Element(key) is not { } value)
        {
            return null;
        }

        return ReadOneOf(value, At(key), words);
    }

    public string ReadOneOf(JsonElement value, string path, IReadOnlyCollection<string> words)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is not null && words.Contains(text))
        {
            return text;
        }

        var shown = text is null ? Describe(value) : $"\"{text}\"";
        throw Fail(Source, path, $"must be one of {List(words)}, not {shown}{(text is null ? string.Empty : DidYouMean(text, words))}");
    }

    /// <summary>The items of an array, each with its JSON path.</summary>
    public IEnumerable<(JsonElement Item, string Path)> Items(string key)
    {
        if (Element(key) is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Fail(key, $"must be an array, not {Describe(value)}");
        }

        var path = At(key);
        return value.EnumerateArray().Select((item, i) => (item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"))).ToList();
    }

    /// <summary>How a value reads in a message: a string in quotes, a number as written, else its kind.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    public static string List(IEnumerable<string> words)
    {
        var all = words.ToList();
        return all.Count switch
        {
            0 => "nothing",
            1 => all[0],
            _ => string.Join(", ", all.Take(all.Count - 1)) + " or " + all[^1],
        };
    }

    /// <summary>"; did you mean "x"?" for the closest word within a small edit distance, or nothing.</summary>
    public static string DidYouMean(string written, IEnumerable<string> words)
    {
        var best = words
            .Select(w => (Word: w, Distance: string.Equals(w, written, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(w.ToLowerInvariant(), written.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(3, c.Word.Length / 3)))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Word is null ? string.Empty : $" (did you mean \"{best.Word}\"?)";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The 1-based column in characters of a byte offset within a line (the parser counts UTF-8 bytes).</summary>
    private static int Column(string json, int line, int bytePosition)
    {
        var lines = json.Split('\n');
        if (line >= lines.Length)
        {
            return bytePosition + 1;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[line]);
        return Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(bytePosition, bytes.Length)) + 1;
    }

    [GeneratedRegex(@"\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PositionSuffix();
}

/// <summary>A scenario file that is not valid: the message is one line naming the file, the place and the key.</summary>
internal sealed class ScenarioFormatException(string message, Exception? inner = null) : FormatException(message, inner);
