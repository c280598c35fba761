using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MyTracker.Fixtures.Model.Inference;

namespace MyTracker.Fixtures;

/// <summary>
/// Applies <see cref="RedactionRules"/> to a JSON body: ids, timestamps and links replaced by fixed values
/// of the same kind, everything else (field order included) kept. The result is indented strict JSON.
/// </summary>
public sealed partial class Redactor
{
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonDocumentOptions Tolerant = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };
    private static readonly string[] SecretQueryNames = ["signature", "sig", "token", "key", "secret", "credential", "password", "x-amz-"];

    private readonly RedactionRules _rules;
    private readonly Regex[] _ids;
    private readonly Regex[]? _timestamps;
    private readonly Regex[] _keep;
    private readonly (Regex Name, string Text)[] _replace;

    /// <summary>Creates a redactor.</summary>
    /// <param name="rules">The rules; null uses <see cref="RedactionRules.Default"/>.</param>
    public Redactor(RedactionRules? rules = null)
    {
        _rules = rules ?? RedactionRules.Default;
        _ids = [.. _rules.IdFields.Select(Compile)];
        _timestamps = _rules.TimestampFields?.Select(Compile).ToArray();
        _keep = [.. _rules.KeepFields.Select(Compile)];
        _replace = [.. _rules.ReplaceFields.Select(r => (Compile(r.Key), r.Value))];
    }

    /// <summary>Redacts a JSON body.</summary>
    /// <param name="json">The body (trailing commas and comments accepted).</param>
    /// <returns>The redacted body as indented JSON with a final newline; null when the body is not JSON.</returns>
    public string? Redact(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: Tolerant);
        }
        catch (JsonException)
        {
            return null;
        }

        root = Walk(root, string.Empty);
        return (root?.ToJsonString(Output) ?? "null").ReplaceLineEndings("\n") + "\n";
    }

    private JsonNode? Walk(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var value = obj[key];
                    if (Walk(value, key) is var redacted && !ReferenceEquals(redacted, value))
                    {
                        obj[key] = redacted;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    if (Walk(item, name) is var redacted && !ReferenceEquals(redacted, item))
                    {
                        array[i] = redacted;
                    }
                }

                return array;
            case JsonValue value:
                return Leaf(value, name);
            default:
                return node;
        }
    }

    private JsonNode Leaf(JsonValue value, string name)
    {
        var kind = value.GetValueKind();
        var text = kind == JsonValueKind.String ? value.GetValue<string>() : null;
        if (name.Length > 0 && _keep.Any(k => k.IsMatch(name)))
        {
            return value;
        }

        if (name.Length > 0 && _replace.FirstOrDefault(r => r.Name.IsMatch(name)) is { Name: not null } replacement)
        {
            return JsonValue.Create(replacement.Text)!;
        }

        if (name.Length > 0 && _ids.Any(i => i.IsMatch(name)) && kind is JsonValueKind.String or JsonValueKind.Number)
        {
            return kind == JsonValueKind.Number
                ? JsonValue.Create(_rules.IdValue)
                : JsonValue.Create(long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? _rules.IdValue.ToString(CultureInfo.InvariantCulture) : "redacted")!;
        }

        if (name.Length > 0 && IsTimestamp(name) && Timestamp(value, kind, text) is { } time)
        {
            return time;
        }

        if (_rules.RedactLinks && text is not null && Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && !text.Contains(' '))
        {
            return JsonValue.Create(Link(url))!;
        }

        return value;
    }

    private bool IsTimestamp(string name) => _timestamps is null ? EndpointInference.IsTimestampName(name) : _timestamps.Any(t => t.IsMatch(name));

    private JsonNode? Timestamp(JsonValue value, JsonValueKind kind, string? text)
    {
        var seconds = _rules.TimestampValue;
        if (kind == JsonValueKind.Number)
        {
            return JsonValue.Create(seconds);
        }

        if (text is null)
        {
            return null;
        }

        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return JsonValue.Create(seconds.ToString(CultureInfo.InvariantCulture));
        }

        return text.Contains('-') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            ? JsonValue.Create(DateTimeOffset.FromUnixTimeSeconds(seconds).ToString(text.Contains('T') ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>
    /// <c>http://127.0.0.1:5080/storage/download/segment/42.2.9f86d081884c7d659a2feaa0c55ad015.csv.gz</c> becomes
    /// <c>https://download.example/storage/download/segment/1.1.00000000000000000000000000000000.csv.gz</c>:
    /// host, port and user info gone, hashes zeroed, numbers (ids, file numbers, dates) set to 1, secret-looking
    /// query values removed, the fragment dropped. Same shape, nothing of the account.
    /// </summary>
    private string Link(Uri url)
    {
        var path = Variable().Replace(url.AbsolutePath, Neutral);
        var query = url.Query.Length <= 1 ? string.Empty : "?" + string.Join("&", url.Query[1..].Split('&').Select(pair =>
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 1)
            {
                return pair;
            }

            var secret = SecretQueryNames.Any(s => parts[0].Contains(s, StringComparison.OrdinalIgnoreCase));
            return parts[0] + "=" + (secret ? "redacted" : Variable().Replace(parts[1], Neutral));
        }));
        return "https://" + _rules.LinkHost + path + query;
    }

    private static string Neutral(Match match) =>
        match.Length >= 16 ? new string('0', match.Length) : "1";

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // A hash (16 or more hex digits), or a run of digits.
    [GeneratedRegex("[0-9a-fA-F]{16,}|[0-9]+")]
    private static partial Regex Variable();
}
