using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MyTracker.Fake.Fixtures;

/// <summary>
/// The documented samples the fake replays: the embedded copy of the repository's <c>fixtures/</c>
/// (so client and fake read the same files) or, for the standalone tool, another folder of the same format.
/// </summary>
internal sealed class FixtureSet
{
    private const string ResourcePrefix = "fixtures/";
    private readonly Dictionary<string, EndpointFixtures> _endpoints;

    private FixtureSet(Dictionary<string, EndpointFixtures> endpoints) => _endpoints = endpoints;

    /// <summary>The embedded fixtures, loaded once per process.</summary>
    public static FixtureSet Embedded { get; } = LoadEmbedded();

    /// <summary>Gets one endpoint's samples by <c>area/endpoint</c>, e.g. <c>segment-export/get</c>.</summary>
    public EndpointFixtures this[string key] =>
        _endpoints.TryGetValue(key, out var endpoint)
            ? endpoint
            : throw new InvalidOperationException($"The fixtures have no endpoint '{key}'.");

    /// <summary>Loads fixtures from a folder laid out like the repository's <c>fixtures/</c>.</summary>
    public static FixtureSet LoadDirectory(string directory)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var root = Path.GetFullPath(directory);
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            files[relative] = File.ReadAllBytes(file);
        }

        var set = Build(files);
        set.Require("segment-export/get", "segment-export/create");
        return set;
    }

    private static FixtureSet LoadEmbedded()
    {
        var assembly = typeof(FixtureSet).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[ResourcePrefix.Length..]] = copy.ToArray();
        }

        var set = Build(files);
        set.Require("segment-export/get", "segment-export/create");
        return set;
    }

    private static FixtureSet Build(Dictionary<string, byte[]> files)
    {
        var endpoints = new Dictionary<string, EndpointFixtures>(StringComparer.Ordinal);
        foreach (var group in files.GroupBy(f => f.Key[..Math.Max(0, f.Key.LastIndexOf('/'))]))
        {
            if (!files.TryGetValue(group.Key + "/endpoint.json", out var manifest))
            {
                continue;
            }

            var endpoint = EndpointFixtures.Create(group.Key, manifest);
            foreach (var (path, bytes) in group)
            {
                var fileName = path[(path.LastIndexOf('/') + 1)..];
                var parts = fileName.Split('.');
                if (parts.Length == 3 && int.TryParse(parts[0], out var status))
                {
                    endpoint.AddScenario(parts[1], status, bytes);
                }
            }

            endpoints[group.Key] = endpoint;
        }

        return new FixtureSet(endpoints);
    }

    private void Require(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (!_endpoints.ContainsKey(key))
            {
                throw new InvalidOperationException($"The fixture folder has no '{key}/endpoint.json'; the fake tracker needs it.");
            }
        }
    }
}

/// <summary>One endpoint's manifest and documented samples.</summary>
internal sealed class EndpointFixtures
{
    private readonly Dictionary<string, ScenarioFixture> _scenarios = new(StringComparer.Ordinal);

    private EndpointFixtures(string key, string method, string path, IReadOnlyList<ParameterSpec> parameters)
    {
        Key = key;
        Method = method;
        Path = path;
        Parameters = parameters;
    }

    public string Key { get; }

    public string Method { get; }

    public string Path { get; }

    public IReadOnlyList<ParameterSpec> Parameters { get; }

    public IReadOnlyDictionary<string, ScenarioFixture> Scenarios => _scenarios;

    /// <summary>The declared parameter of that name, or null.</summary>
    public ParameterSpec? Find(string name)
    {
        // Indexed: a foreach over the interface would allocate an enumerator on every request.
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].Name == name)
            {
                return Parameters[i];
            }
        }

        return null;
    }

    public ScenarioFixture this[string scenario] =>
        _scenarios.TryGetValue(scenario, out var fixture)
            ? fixture
            : throw new InvalidOperationException($"The fixtures of '{Key}' have no '{scenario}' sample.");

    public static EndpointFixtures Create(string key, byte[] manifest)
    {
        using var document = JsonDocument.Parse(manifest, Tolerant);
        var root = document.RootElement;
        var parameters = new List<ParameterSpec>();
        if (root.TryGetProperty("parameters", out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                var values = new List<string>();
                if (item.TryGetProperty("values", out var v))
                {
                    if (v.ValueKind == JsonValueKind.Array)
                    {
                        values.AddRange(v.EnumerateArray().Select(e => e.GetString() ?? string.Empty));
                    }
                    else if (v.ValueKind == JsonValueKind.Object)
                    {
                        values.AddRange(v.EnumerateObject().Select(p => p.Name));
                    }
                }

                parameters.Add(new ParameterSpec(
                    item.GetProperty("name").GetString()!,
                    item.TryGetProperty("type", out var t) ? t.GetString() ?? "string" : "string",
                    item.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True,
                    values,
                    item.TryGetProperty("minimum", out var min) ? min.GetInt64() : null,
                    item.TryGetProperty("maximum", out var max) ? max.GetInt64() : null));
            }
        }

        return new EndpointFixtures(
            key,
            root.TryGetProperty("method", out var m) ? m.GetString() ?? "GET" : "GET",
            root.GetProperty("path").GetString()!,
            parameters);
    }

    public void AddScenario(string name, int status, byte[] bytes) => _scenarios[name] = new ScenarioFixture(name, status, bytes);

    internal static readonly JsonDocumentOptions Tolerant = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };
}

/// <summary>A documented parameter from <c>endpoint.json</c>.</summary>
internal sealed record ParameterSpec(string Name, string Type, bool Required, IReadOnlyList<string> Values, long? Minimum, long? Maximum);

/// <summary>One documented sample: its status, its exact bytes, and a valid-JSON rewrite of it.</summary>
internal sealed class ScenarioFixture
{
    public ScenarioFixture(string name, int status, byte[] documented)
    {
        Name = name;
        Status = status;
        Documented = BodyTemplate.Parse(documented);
        Valid = BodyTemplate.Parse(Normalize(documented));
    }

    public string Name { get; }

    public int Status { get; }

    /// <summary>The documented bytes exactly, trailing commas included.</summary>
    public BodyTemplate Documented { get; }

    /// <summary>The same fields, order and values, written as strict JSON.</summary>
    public BodyTemplate Valid { get; }

    public BodyTemplate Pick(bool documentedBytes) => documentedBytes ? Documented : Valid;

    private static byte[] Normalize(byte[] documented)
    {
        using var document = JsonDocument.Parse(documented, EndpointFixtures.Tolerant);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
