using System.Globalization;
using System.Text.Json;

namespace MyTracker.Client.Generator.Tests.Infrastructure;

/// <summary>
/// Equality of JSON values: same kinds, same strings (a string never equals a number), numbers equal
/// as numbers, objects with the same property names and equal values in any order.
/// </summary>
internal static class JsonEquality
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static JsonDocument Parse(string json) => JsonDocument.Parse(json, Options);

    /// <summary>Null when equal, otherwise the path of the first difference and why.</summary>
    public static string? Difference(string expectedJson, string actualJson)
    {
        using var expected = Parse(expectedJson);
        using var actual = Parse(actualJson);
        return Difference(expected.RootElement, actual.RootElement, "$");
    }

    public static string? Difference(JsonElement expected, JsonElement actual, string path)
    {
        if (Kind(expected.ValueKind) != Kind(actual.ValueKind))
        {
            return $"{path}: expected {expected.ValueKind} {Short(expected)}, got {actual.ValueKind} {Short(actual)}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.True:
            case JsonValueKind.False:
                return expected.ValueKind == actual.ValueKind ? null : $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}";
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected \"{expected.GetString()}\", got \"{actual.GetString()}\"";
            case JsonValueKind.Number:
                return NumbersEqual(expected.GetRawText(), actual.GetRawText()) ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            case JsonValueKind.Array:
                var left = expected.EnumerateArray().ToList();
                var right = actual.EnumerateArray().ToList();
                if (left.Count != right.Count)
                {
                    return $"{path}: expected {left.Count} items, got {right.Count}";
                }

                for (var i = 0; i < left.Count; i++)
                {
                    var difference = Difference(left[i], right[i], $"{path}[{i}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.Object:
                // Last duplicate wins, as in the generated readers.
                var expectedProperties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var p in expected.EnumerateObject())
                {
                    expectedProperties[p.Name] = p.Value;
                }

                var actualProperties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var p in actual.EnumerateObject())
                {
                    actualProperties[p.Name] = p.Value;
                }

                foreach (var name in expectedProperties.Keys)
                {
                    if (!actualProperties.TryGetValue(name, out var value))
                    {
                        return $"{path}: property \"{name}\" is missing";
                    }

                    var difference = Difference(expectedProperties[name], value, $"{path}.{name}");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                var extra = actualProperties.Keys.FirstOrDefault(k => !expectedProperties.ContainsKey(k));
                return extra is null ? null : $"{path}: unexpected property \"{extra}\"";
            default:
                return null;
        }
    }

    private static bool NumbersEqual(string left, string right)
    {
        if (left == right)
        {
            return true;
        }

        if (decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && a == b)
        {
            return true;
        }

        return double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
               && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
               && x.Equals(y);
    }

    private static JsonValueKind Kind(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

    private static string Short(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length > 60 ? text[..60] + "..." : text;
    }
}
