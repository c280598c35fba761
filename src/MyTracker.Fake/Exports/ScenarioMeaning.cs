using System.Text.Json;

namespace MyTracker.Fake.Exports;

/// <summary>
/// What a status scenario means for an export, as endpoint.json's <c>meanings</c> states it
/// (<c>"meanings": { "user-error-occurred": "failed-final" }</c>, documented in fixtures/README.md).
/// The generator reads the same key; the fake picks its lifecycle's samples and endings by it.
/// </summary>
internal enum ScenarioMeaning
{
    /// <summary><c>running</c>: the export still runs.</summary>
    Running,

    /// <summary><c>succeeded</c>: done, with files.</summary>
    Succeeded,

    /// <summary><c>failed-repeatable</c>: failed, and the documentation says the request may be made again.</summary>
    FailedRepeatable,

    /// <summary><c>failed-final</c>: failed, and it never completes under the same conditions.</summary>
    FailedFinal,

    /// <summary><c>canceled</c>: canceled by its owner.</summary>
    Canceled,
}

/// <summary>Reads endpoint.json's <c>meanings</c>.</summary>
internal static class ScenarioMeanings
{
    /// <summary>No meanings stated.</summary>
    public static readonly IReadOnlyDictionary<string, ScenarioMeaning> None = new Dictionary<string, ScenarioMeaning>(StringComparer.Ordinal);

    /// <summary>The words of the format, in the order fixtures/README.md lists them.</summary>
    public static readonly IReadOnlyList<(string Word, ScenarioMeaning Meaning)> Words =
    [
        ("running", ScenarioMeaning.Running),
        ("succeeded", ScenarioMeaning.Succeeded),
        ("failed-repeatable", ScenarioMeaning.FailedRepeatable),
        ("failed-final", ScenarioMeaning.FailedFinal),
        ("canceled", ScenarioMeaning.Canceled),
    ];

    /// <summary>The word of a meaning (<c>failed-final</c>).</summary>
    public static string WordOf(ScenarioMeaning meaning) => Words.First(w => w.Meaning == meaning).Word;

    /// <summary>The meanings the fixture model read from the manifest (the build's reading; a bad value is its MTG0003), by scenario name.</summary>
    public static IReadOnlyDictionary<string, ScenarioMeaning> From(MyTracker.Fixtures.Model.EquatableArray<MyTracker.Fixtures.Model.ScenarioMeaningModel> meanings)
    {
        var result = new Dictionary<string, ScenarioMeaning>(StringComparer.Ordinal);
        foreach (var entry in meanings)
        {
            result[entry.Scenario] = (ScenarioMeaning)(int)entry.Meaning;
        }

        return result;
    }

    /// <summary>The manifest's meanings, by scenario name; a value that is not one of the words is a one-line error naming the file and the key.</summary>
    public static IReadOnlyDictionary<string, ScenarioMeaning> Read(string key, JsonElement root)
    {
        if (!root.TryGetProperty("meanings", out var meanings))
        {
            return None;
        }

        if (meanings.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"{key}/endpoint.json: \"meanings\" must be an object from scenario name to one of {string.Join(", ", Words.Select(w => w.Word))}.");
        }

        var result = new Dictionary<string, ScenarioMeaning>(StringComparer.Ordinal);
        foreach (var member in meanings.EnumerateObject())
        {
            var word = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
            var found = Words.FirstOrDefault(w => w.Word == word);
            if (word is null || found.Word is null)
            {
                throw new InvalidOperationException($"{key}/endpoint.json: meanings.{member.Name}: {member.Value.GetRawText()} is not one of {string.Join(", ", Words.Select(w => w.Word))}.");
            }

            result[member.Name] = found.Meaning;
        }

        return result;
    }
}

/// <summary>How a list parameter may be written in a query (endpoint.json's <c>spelling</c>).</summary>
internal enum ListSpelling
{
    /// <summary><c>comma</c> (the default): <c>idApp=1,454</c>.</summary>
    Comma,

    /// <summary><c>array</c>: <c>eventName[]=a&amp;eventName[]=b</c> only.</summary>
    Array,

    /// <summary><c>comma-or-array</c>: either of the two.</summary>
    CommaOrArray,
}

/// <summary>Reads a parameter's <c>spelling</c>, and a list's items in whichever spelling a request used.</summary>
internal static class ListSpellings
{
    public static ListSpelling Of(string? spelling) => spelling switch
    {
        "array" => ListSpelling.Array,
        "comma-or-array" => ListSpelling.CommaOrArray,
        _ => ListSpelling.Comma,
    };

    public static ListSpelling Of(JsonElement parameter) =>
        parameter.TryGetProperty("spelling", out var spelling) && spelling.ValueKind == JsonValueKind.String
            ? spelling.GetString() switch
            {
                "array" => ListSpelling.Array,
                "comma-or-array" => ListSpelling.CommaOrArray,
                _ => ListSpelling.Comma,
            }
            : ListSpelling.Comma;

    /// <summary>Whether a query may name the parameter plainly (<c>name=a,b</c>).</summary>
    public static bool AllowsComma(this ListSpelling spelling) => spelling != ListSpelling.Array;

    /// <summary>Whether a query may name the parameter array-style (<c>name[]=a</c>).</summary>
    public static bool AllowsArray(this ListSpelling spelling) => spelling != ListSpelling.Comma;

    /// <summary>The items of a list parameter as the request wrote them (<c>a,b</c> or <c>name[]=a&amp;name[]=b</c>), or null when absent.</summary>
    public static IReadOnlyList<string>? Items(Http.QueryParameters query, string name)
    {
        if (query.Get(name) is { } plain)
        {
            return plain.Length == 0 ? [] : plain.Split(',');
        }

        var arrayName = name + "[]";
        List<string>? items = null;
        for (var i = 0; i < query.Items.Count; i++)
        {
            if (query.Items[i].Name == arrayName)
            {
                (items ??= []).Add(query.Items[i].Value);
            }
        }

        return items;
    }
}
