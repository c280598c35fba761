using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MyTracker.IntegrationTests.Conformance;

/// <summary>
/// Every fixture folder of the repository, and variants made by rewriting them into other shapes the
/// README's recognition rules accept, as a user's own fixtures might have them. A folder is its files:
/// path below the fixture root ('/' separators) to text.
/// </summary>
internal static partial class FixtureVariants
{
    /// <summary>The fixture folders of the repository, by name.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Path)> Folders =
    [
        ("fixtures", ["fixtures"]),
        ("integration-tests", ["tests", "MyTracker.IntegrationTests", "fixtures"]),
        ("template-consumer", ["src", "MyTracker.Templates", "templates", "shared", "fixtures"]),
        ("export-family-consumer", ["tests", "MyTracker.IntegrationTests", "Packaging", "TestProjects", "ExportFamily", "fixtures"]),
    ];

    /// <summary>The rewrites, by name; each takes a file's path and text and returns the new text.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>>> Rewrites =
        new Dictionary<string, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>>>(StringComparer.Ordinal)
        {
            // "timestampExpires": "1617197992" -> 1617197992 (any string of 9 to 11 digits: ids stay longer or shorter)
            ["numeric-expiry"] = files => Map(files, (path, text) => IsSample(path) ? UnixSecondsString().Replace(text, "$1$2") : text),

            // "progress": "35%" -> "progress": 35
            ["numeric-progress"] = files => Map(files, (path, text) => IsSample(path) ? PercentString().Replace(text, "$1") : text),

            // "35%" -> "35.5%"
            ["decimal-percent"] = files => Map(files, (path, text) => IsSample(path) ? PercentString().Replace(text, "\"$1.5%\"") : text),

            // [ { "link": "https://...", "timestampExpires": "..." } ] -> [ "https://..." ]
            ["plain-links"] = files => Map(files, (path, text) => IsSample(path) ? RewriteFileLists(text, file => JsonValue.Create(FirstUrl(file))) : text),

            // [ { "timestampExpires": ... } ] -> [ { "timestampexpires": ... } ]
            ["lower-case-file-keys"] = files => Map(files, (path, text) => IsSample(path) ? RewriteFileLists(text, LowerCaseKeys) : text),

            // get.json?idSegmentExport=5 -> get/5.json, for every GET endpoint taking exactly one required integer
            ["id-in-path"] = IdInPath,
        };

    /// <summary>Every file below a folder of the repository.</summary>
    public static Dictionary<string, string> Read(string root) =>
        Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText, StringComparer.Ordinal);

    /// <summary>The quicktype corpus, each sample a one-sample endpoint of its own (as the generator's corpus test reads it).</summary>
    public static Dictionary<string, string> Corpus(string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            files[$"corpus/{name}/endpoint.json"] = $$"""{ "method": "GET", "path": "/corpus/{{name}}.json", "summary": "A corpus sample." }""";
            files[$"corpus/{name}/200.sample.json"] = File.ReadAllText(file);
        }

        return files;
    }

    private static bool IsSample(string path) => !path.EndsWith("/endpoint.json", StringComparison.Ordinal);

    private static Dictionary<string, string> Map(IReadOnlyDictionary<string, string> files, Func<string, string, string> rewrite) =>
        files.ToDictionary(f => f.Key, f => rewrite(f.Key, f.Value), StringComparer.Ordinal);

    private static readonly JsonDocumentOptions Tolerant = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Each array of objects that hold an absolute URL (a list of files), its elements rewritten.</summary>
    private static string RewriteFileLists(string text, Func<JsonObject, JsonNode?> element)
    {
        var root = JsonNode.Parse(text, documentOptions: Tolerant);
        var changed = false;
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (_, value) in obj.ToList())
                    {
                        Walk(value);
                    }

                    break;
                case JsonArray array when array.Count > 0 && array.All(e => e is JsonObject o && FirstUrl(o) is not null):
                    for (var i = 0; i < array.Count; i++)
                    {
                        array[i] = element(array[i]!.AsObject().DeepClone().AsObject());
                    }

                    changed = true;
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(root);
        return changed ? root!.ToJsonString(Indented) : text;
    }

    private static string? FirstUrl(JsonObject file) =>
        file.Select(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith("https://", StringComparison.Ordinal) ? s : null).FirstOrDefault(s => s is not null);

    private static JsonObject LowerCaseKeys(JsonObject file)
    {
        var result = new JsonObject();
        foreach (var (key, value) in file.ToList())
        {
            file.Remove(key);
            result[key.ToLowerInvariant()] = value;
        }

        return result;
    }

    /// <summary>Moves the one required integer of each GET endpoint from the query into the path.</summary>
    private static Dictionary<string, string> IdInPath(IReadOnlyDictionary<string, string> files)
    {
        var result = new Dictionary<string, string>(files, StringComparer.Ordinal);
        foreach (var (path, text) in files.Where(f => f.Key.EndsWith("/endpoint.json", StringComparison.Ordinal)))
        {
            var manifest = JsonNode.Parse(text, documentOptions: Tolerant)!.AsObject();
            var required = (manifest["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["required"]?.GetValue<bool>() == true).ToList();
            if (manifest["method"]?.GetValue<string>() != "GET" || required.Count != 1 || required[0]["type"]?.GetValue<string>() != "integer")
            {
                continue;
            }

            var name = required[0]["name"]!.GetValue<string>();
            var route = manifest["path"]!.GetValue<string>();
            required[0]["in"] = "path";
            manifest["path"] = route.EndsWith(".json", StringComparison.Ordinal) ? route[..^".json".Length] + "/{" + name + "}.json" : route + "/{" + name + "}";
            manifest.Remove("examples");
            result[path] = manifest.ToJsonString(Indented);
        }

        return result;
    }

    [GeneratedRegex(@"(""[A-Za-z]*(?:[Tt]imestamp|[Ee]xpire|[Uu]ntil)[A-Za-z]*""\s*:\s*)""(\d{9,11})""")]
    private static partial Regex UnixSecondsString();

    [GeneratedRegex(@"""(\d+)%""")]
    private static partial Regex PercentString();
}
