using System.Collections.Immutable;
using MyTracker.Fixtures.Model.Inference;
using MyTracker.Fixtures.Model;
using FixtureModels = MyTracker.Fixtures.Model.FixtureModels;
using System.Text;
using MyTracker.Fixtures.Model.Parsing;
using FixtureFile = MyTracker.Fixtures.Model.FixtureFile;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MyTracker.Fake.Fixtures;

/// <summary>
/// The documented samples the fake replays, as one set of endpoints: the embedded copy of the
/// repository's <c>fixtures/</c> (so client and fake read the same files), overlaid by a consumer's own
/// fixtures copied beside the test assembly, or another folder of the same layout. Nothing here knows
/// any particular endpoint.
/// </summary>
internal sealed class FixtureSet
{
    /// <summary>The folder beside a test assembly that the MyTracker.Fake package's build copies the project's fixtures into.</summary>
    public const string BesideAssemblyFolder = "mytracker-fixtures";

    private const string ResourcePrefix = "fixtures/";
    private readonly Dictionary<string, EndpointFixtures> _endpoints;
    private readonly Dictionary<string, EndpointFixtures[]> _byPath;

    private FixtureSet(Dictionary<string, EndpointFixtures> endpoints, IReadOnlyDictionary<string, ExportFamilyModel> families)
    {
        _endpoints = endpoints;
        ExportFamilies = families;
        _byPath = endpoints.Values.Where(e => !e.HasPathParameters).GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Templated = [.. endpoints.Values.Where(e => e.HasPathParameters)];
    }

    /// <summary>The embedded fixtures, loaded once per process.</summary>
    public static FixtureSet Embedded { get; } = Build(LoadEmbedded());

    /// <summary>Every endpoint, ordered by key.</summary>
    public IEnumerable<EndpointFixtures> Endpoints => _endpoints.Values.OrderBy(e => e.Key, StringComparer.Ordinal);

    private EndpointFixtures[] Templated { get; }

    /// <summary>The export families the fixture model recognizes, by area: the same ones the generator emits operations for.</summary>
    public IReadOnlyDictionary<string, ExportFamilyModel> ExportFamilies { get; }

    /// <summary>Gets one endpoint's samples by <c>area/endpoint</c>, e.g. <c>segment-export/get</c>.</summary>
    public EndpointFixtures this[string key] =>
        _endpoints.TryGetValue(key, out var endpoint)
            ? endpoint
            : throw new InvalidOperationException($"The fixtures have no endpoint '{key}'.");

    public EndpointFixtures? Find(string key) => _endpoints.GetValueOrDefault(key);

    /// <summary>The endpoint a request addresses by its method and decoded path, or null (HEAD finds the GET endpoint).</summary>
    public EndpointFixtures? Route(string method, string path)
    {
        if (_byPath.TryGetValue(path, out var candidates))
        {
            // Indexed: this runs on every request.
            for (var i = 0; i < candidates.Length; i++)
            {
                if (candidates[i].Answers(method))
                {
                    return candidates[i];
                }
            }
        }

        for (var i = 0; i < Templated.Length; i++)
        {
            if (Templated[i].Answers(method) && Templated[i].MatchPath(path) is not null)
            {
                return Templated[i];
            }
        }

        return null;
    }

    /// <summary>Whether some endpoint lives at this path under another method (then the answer is the 404 all the same, as the API gives).</summary>
    public bool KnowsPath(string path) => _byPath.ContainsKey(path);

    /// <summary>
    /// The embedded fixtures, overlaid by a consumer's own copied beside the running test assembly;
    /// read once per process, so starting a fake per test stays cheap.
    /// </summary>
    public static FixtureSet Default() => BesideAssembly.Value;

    private static readonly Lazy<FixtureSet> BesideAssembly = new(() =>
    {
        var beside = Path.Combine(AppContext.BaseDirectory, BesideAssemblyFolder);
        return Directory.Exists(beside) ? Build(LoadEmbedded(), LoadFolder(beside)) : Embedded;
    });

    /// <summary>Loads fixtures from a folder laid out like the repository's <c>fixtures/</c>.</summary>
    public static FixtureSet LoadDirectory(string directory)
    {
        var set = Build(LoadFolder(directory));
        if (set._endpoints.Count == 0)
        {
            throw new InvalidOperationException("The fixture folder has no <area>/<endpoint>/endpoint.json: nothing to serve.");
        }

        return set;
    }

    private static Dictionary<string, byte[]> LoadFolder(string directory)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var root = Path.GetFullPath(directory);
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            files[relative] = File.ReadAllBytes(file);
        }

        return files;
    }

    private static Dictionary<string, byte[]> LoadEmbedded()
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

        return files;
    }

    /// <summary>Builds the set; a later layer replaces whole endpoints of an earlier one.</summary>
    private static FixtureSet Build(params Dictionary<string, byte[]>[] layers)
    {
        var folders = new Dictionary<string, Dictionary<string, byte[]>>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var group in layer.GroupBy(f => f.Key[..Math.Max(0, f.Key.LastIndexOf('/'))]))
            {
                // Only <area>/<endpoint>/ folders, as the generator reads them.
                if (group.Key.Count(c => c == '/') == 1 && layer.ContainsKey(group.Key + "/endpoint.json"))
                {
                    folders[group.Key] = group.ToDictionary(f => f.Key[(f.Key.LastIndexOf('/') + 1)..], f => f.Value, StringComparer.Ordinal);
                }
            }
        }

        // The build's reading of the whole folder first: what it rejects (MTG0001 invalid JSON, MTG0003 a
        // manifest, MTG0008 a scenario twice, MTG0012 a name collision) is refused with its id, message and place.
        var model = ReadModel(folders);
        var manifests = folders.ToDictionary(f => f.Key, f => EndpointManifest.Read(f.Key, f.Value["endpoint.json"]), StringComparer.Ordinal);
        var families = ExportRecognition.Recognize([.. model.Models])
            .Where(r => r.Model is not null)
            .ToDictionary(r => r.Area, r => r.Model!, StringComparer.Ordinal);
        var exportPaths = ExportPathsOf(families.Values);
        var endpoints = new Dictionary<string, EndpointFixtures>(StringComparer.Ordinal);
        foreach (var (key, files) in folders)
        {
            var manifest = manifests[key];
            var area = key[..key.IndexOf('/')];

            // A value under any parameter name of its area is an echo (the status endpoint's id appears in create's answer too).
            var roles = new HoleRoles(
                manifests.Where(m => m.Key.StartsWith(area + "/", StringComparison.Ordinal)).SelectMany(m => m.Value.Parameters).Select(p => p.Name),
                exportPaths.GetValueOrDefault(key));
            var endpoint = new EndpointFixtures(key, manifest);
            foreach (var (fileName, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var parts = fileName.Split('.');
                if (parts.Length == 3 && parts[2] == "json" && parts[0].Length == 3
                    && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 599)
                {
                    endpoint.AddScenario(parts[1], status, bytes, roles);
                }
            }

            endpoints[key] = endpoint;
        }

        return new FixtureSet(endpoints, families);
    }

    /// <summary>The fixture model of the folders, as a build reads them; a folder the build rejects is refused here with the build's first error.</summary>
    private static FixtureModelSet ReadModel(Dictionary<string, Dictionary<string, byte[]>> folders)
    {
        var texts = folders.SelectMany(f => f.Value.Select(file => new KeyValuePair<string, string>(f.Key + "/" + file.Key, Encoding.UTF8.GetString(file.Value))));
        var model = FixtureModels.Read(string.Empty, texts);
        var error = model.Diagnostics.FirstOrDefault(d => d.IsError);
        return error is null ? model : throw new InvalidOperationException(error.Format());
    }

    /// <summary>
    /// Per endpoint key, where the fixture model places the moving values of an export family in its
    /// samples: create's id, the status answers' progress and files. Read once at start, never per request.
    /// </summary>
    private static Dictionary<string, ExportPaths> ExportPathsOf(IEnumerable<ExportFamilyModel> families)
    {
        var result = new Dictionary<string, ExportPaths>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            var progress = new Dictionary<string, ProgressEncoding>(StringComparer.Ordinal);
            foreach (var @case in family.StatusCases)
            {
                if (@case.Kind == ExportCaseKind.InProgress && @case.ValueJsonPath is { } path && @case.Progress != ProgressEncoding.None)
                {
                    progress[path] = @case.Progress;
                }
            }

            var files = family.Files;
            result[family.StatusLabel] = new ExportPaths(null, family.IdParameter, files.JsonPath, files.LinkMember, files.ExpiresMember, progress);
            var idPath = family.CreateCases.FirstOrDefault(c => c.Kind == ExportCaseKind.Started)?.ValueJsonPath;
            result[family.CreateLabel] = new ExportPaths(idPath, family.IdParameter, null, null, null, new Dictionary<string, ProgressEncoding>());
        }

        return result;
    }
}

/// <summary>What endpoint.json says: method, path and parameters.</summary>
internal sealed record EndpointManifest(string Method, string Path, IReadOnlyList<ParameterSpec> Parameters, IReadOnlyDictionary<string, Exports.ScenarioMeaning>? Meanings = null)
{
    /// <summary>
    /// Reads endpoint.json through the fixture model, as the build does: a manifest the build rejects
    /// (MTG0003: a lower-case method, an unknown <c>in</c>, ...) is refused with the build's id, message,
    /// line and column, instead of being served by a second, more lenient reading.
    /// </summary>
    public static EndpointManifest Read(string key, byte[] manifest)
    {
        var relative = key + "/" + FixtureReader.ManifestFileName;
        var parsed = FixtureReader.Read(new FixtureFile(relative, relative, string.Empty, Encoding.UTF8.GetString(manifest)));
        var error = parsed.Diagnostics.FirstOrDefault(d => d.IsError);
        if (error is not null || parsed.Manifest is null)
        {
            throw new InvalidOperationException(error?.Format() ?? relative + " is not a valid endpoint manifest.");
        }

        var parameters = parsed.Manifest.Parameters
            .Select(p => new ParameterSpec(p.Name, p.In, p.Type, p.Required, [.. p.Values.Select(v => v.WireValue)], Limit(p.Minimum), Limit(p.Maximum), Exports.ListSpellings.Of(p.Spelling), p.Type == MyTracker.Fixtures.Model.NestedParameters.ObjectType ? p : null, p.Default))
            .ToList();
        return new EndpointManifest(parsed.Manifest.Method, parsed.Manifest.Path, parameters, Exports.ScenarioMeanings.From(parsed.Manifest.Meanings));
    }

    private static double? Limit(string? value) =>
        value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}

/// <summary>One endpoint's manifest and documented samples.</summary>
internal sealed class EndpointFixtures
{
    internal static readonly JsonDocumentOptions Tolerant = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private readonly Dictionary<string, ScenarioFixture> _scenarios = new(StringComparer.Ordinal);
    private readonly List<ScenarioFixture> _ordered = [];
    private readonly System.Text.RegularExpressions.Regex? _template;

    public EndpointFixtures(string key, EndpointManifest manifest)
    {
        Key = key;
        Area = key[..key.IndexOf('/')];
        Name = key[(key.IndexOf('/') + 1)..];
        Method = manifest.Method;
        Path = manifest.Path;
        Parameters = manifest.Parameters;
        Meanings = manifest.Meanings ?? Exports.ScenarioMeanings.None;
        HasPathParameters = Path.Contains('{', StringComparison.Ordinal);
        _template = HasPathParameters ? PathTemplate(Path) : null;
    }

    /// <summary><c>area/endpoint</c>, e.g. <c>segment-export/get</c>.</summary>
    public string Key { get; }

    public string Area { get; }

    public string Name { get; }

    public string Method { get; }

    public string Path { get; }

    public bool HasPathParameters { get; }

    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>What each scenario means for an export (endpoint.json's <c>meanings</c>), by scenario name; empty when the manifest says nothing.</summary>
    public IReadOnlyDictionary<string, Exports.ScenarioMeaning> Meanings { get; }

    public IReadOnlyDictionary<string, ScenarioFixture> Scenarios => _scenarios;

    /// <summary>The samples in file-name order (status, then scenario name).</summary>
    public IReadOnlyList<ScenarioFixture> Ordered => _ordered;

    /// <summary>
    /// The answer when nothing else is set up: the first 2xx sample in file-name order, except that a
    /// scenario named <c>success</c> or <c>ok</c> goes first among equal statuses (a status endpoint's
    /// alphabetically first 2xx is often its error).
    /// </summary>
    public ScenarioFixture? Default =>
        _ordered.Where(s => s.Status is >= 200 and <= 299)
            .OrderBy(s => s.Status)
            .ThenBy(s => s.Name is "success" or "ok" ? 0 : 1)
            .FirstOrDefault();

    /// <summary>The first sample of a status (e.g. the 403 or 404 the documentation shows), or null.</summary>
    public ScenarioFixture? WithStatus(int status) => _ordered.FirstOrDefault(s => s.Status == status);

    /// <summary>Whether a request with this method is answered here: its own, and HEAD for a GET endpoint.</summary>
    public bool Answers(string method) =>
        string.Equals(method, Method, StringComparison.OrdinalIgnoreCase)
        || (Method == "GET" && string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase));

    /// <summary>The path parameters of a path this endpoint's template matches, or null (a <c>{name}</c> takes one segment or part of one).</summary>
    public Dictionary<string, string>? MatchPath(string path)
    {
        if (_template?.Match(path) is not { Success: true } match)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in _template.GetGroupNames().Where(n => !int.TryParse(n, out _)))
        {
            values[group] = match.Groups[group].Value;
        }

        return values;
    }

    private static System.Text.RegularExpressions.Regex PathTemplate(string path)
    {
        var pattern = new System.Text.StringBuilder("^");
        foreach (System.Text.RegularExpressions.Match part in System.Text.RegularExpressions.Regex.Matches(path, @"\{([A-Za-z_][A-Za-z0-9_]*)\}|[^{]+|\{"))
        {
            pattern.Append(part.Groups[1].Success ? $"(?<{part.Groups[1].Value}>[^/]+?)" : System.Text.RegularExpressions.Regex.Escape(part.Value));
        }

        return new System.Text.RegularExpressions.Regex(pattern.Append('$').ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }

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

    public void AddScenario(string name, int status, byte[] bytes, HoleRoles roles)
    {
        var fixture = new ScenarioFixture(name, status, bytes, roles);
        if (_scenarios.TryAdd(name, fixture))
        {
            _ordered.Add(fixture);
        }
    }

    public override string ToString() => $"{Method} {Path} ({Key})";
}

/// <summary>A documented parameter from <c>endpoint.json</c>.</summary>
/// <remarks><paramref name="Nested"/>: an object parameter's members, as the fixture model read them (checked by its NestedParameterCheck). <paramref name="Default"/>: the documented default value (a report file's fileType: csv).</remarks>
internal sealed record ParameterSpec(string Name, string In, string Type, bool Required, IReadOnlyList<string> Values, double? Minimum, double? Maximum, Exports.ListSpelling Spelling = Exports.ListSpelling.Comma, MyTracker.Fixtures.Model.ParameterSpec? Nested = null, string? Default = null);

/// <summary>One documented sample: its status, its exact bytes, and a valid-JSON rewrite of it.</summary>
internal sealed class ScenarioFixture
{
    public ScenarioFixture(string name, int status, byte[] documented, HoleRoles roles)
    {
        Name = name;
        Status = status;
        Documented = BodyTemplate.Parse(documented, roles);
        Valid = BodyTemplate.Parse(Normalize(documented), roles);
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

    public override string ToString() => $"{Status}.{Name}";
}
