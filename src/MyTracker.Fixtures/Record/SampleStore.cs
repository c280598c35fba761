using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyTracker.Fixtures.Model.Parsing;
using JsonNode = System.Text.Json.Nodes.JsonNode;
using MyTracker.Fixtures.Folders;
using MyTracker.Fixtures.Http;

namespace MyTracker.Fixtures.Record;

/// <summary>What became of one recorded answer.</summary>
internal enum RecordOutcome
{
    /// <summary>A new (endpoint, status, scenario): written.</summary>
    Written,

    /// <summary>The output folder already has this scenario.</summary>
    Known,

    /// <summary>The body is not JSON (a download, an HTML error page): passed on, not recorded.</summary>
    NotJson,

    /// <summary>The path names no endpoint folder.</summary>
    NoFolder,
}

/// <summary>
/// The output folder of a recording: which scenarios it has, and the writing of new ones. Every sample is
/// redacted before it is named or written, and every written text goes through the scrubber last. A
/// manifest that was there before is never rewritten; one this recording created lists what it recorded.
/// </summary>
internal sealed class SampleStore
{
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonDocumentOptions Tolerant = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly object _gate = new();
    private readonly string _root;
    private readonly DocumentedApi? _documentation;
    private readonly Redactor _redactor;
    private readonly SecretScrubber _scrubber;
    private readonly string _source;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, int> _scenarios = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _ownManifests = new(StringComparer.Ordinal);
    private readonly List<string> _written = [];

    public SampleStore(string root, DocumentedApi? documentation, Redactor redactor, SecretScrubber scrubber, Uri upstream, TimeProvider time)
    {
        _root = Path.GetFullPath(root);
        _documentation = documentation;
        _redactor = redactor;
        _scrubber = scrubber;
        _source = upstream.GetLeftPart(UriPartial.Authority);
        _time = time;
        if (Directory.Exists(_root))
        {
            foreach (var file in Directory.EnumerateFiles(_root, "*.json", SearchOption.AllDirectories))
            {
                var parts = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/').Split('/');
                if (parts.Length == 3 && ScenarioNames.TryParseSampleFileName(parts[2], out var status, out var scenario))
                {
                    _scenarios.TryAdd(parts[0] + "/" + parts[1] + "/" + scenario, status);
                }
            }
        }
    }

    /// <summary>The files written so far, relative to the output folder.</summary>
    public IReadOnlyList<string> Written
    {
        get
        {
            lock (_gate)
            {
                return [.. _written];
            }
        }
    }

    public (RecordOutcome Outcome, string? File) Record(string method, string target, int status, byte[] body)
    {
        var redacted = _redactor.Redact(Encoding.UTF8.GetString(body));
        if (redacted is null)
        {
            return (RecordOutcome.NotJson, null);
        }

        var path = target.Split('?', 2)[0];
        var name = ScenarioNamer.Name(_documentation, method, path, status, JsonParser.TryParse(redacted, out _, out _));
        if (name is null)
        {
            return (RecordOutcome.NoFolder, null);
        }

        lock (_gate)
        {
            // Scenario names are unique per endpoint whatever the status (MTG0008): a name another status
            // holds gets the status appended.
            if (_scenarios.TryGetValue(name.Folder + "/" + name.Scenario, out var holder) && holder != status)
            {
                name = name with { Scenario = name.Scenario + "-" + status.ToString(CultureInfo.InvariantCulture) };
            }

            var relative = name.Folder + "/" + name.FileName;
            if (!_scenarios.TryAdd(name.Folder + "/" + name.Scenario, status))
            {
                return (RecordOutcome.Known, relative);
            }

            var folder = Path.Combine(_root, name.Area, name.Endpoint);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, name.FileName), _scrubber.Scrub(redacted), new UTF8Encoding(false));
            WriteManifest(name, method, target, folder);
            _written.Add(relative);
            return (RecordOutcome.Written, relative);
        }
    }

    private void WriteManifest(RecordedName name, string method, string target, string folder)
    {
        var path = Path.Combine(folder, "endpoint.json");
        if (!_ownManifests.TryGetValue(name.Folder, out var manifest))
        {
            if (File.Exists(path))
            {
                // A manifest someone wrote stays as it is; one an earlier recording wrote (it has
                // "recorded", and no comments to lose) lists this sample too.
                manifest = EarlierRecording(path);
                if (manifest is null)
                {
                    return;
                }
            }
            else
            {
                manifest = NewManifest(method, target);
            }

            _ownManifests[name.Folder] = manifest;
        }

        var recorded = manifest["recorded"] as JsonObject ?? new JsonObject();
        recorded[name.FileName] = string.Create(CultureInfo.InvariantCulture, $"recorded from {_source} on {_time.GetUtcNow():yyyy-MM-dd}, redacted");
        manifest["recorded"] = recorded;
        File.WriteAllText(path, _scrubber.Scrub(manifest.ToJsonString(Output).ReplaceLineEndings("\n") + "\n"), new UTF8Encoding(false));
    }

    private static JsonObject? EarlierRecording(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject { } manifest && manifest["recorded"] is JsonObject ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The documented manifest when the fixtures have the endpoint; else method, path and the query's parameter names.</summary>
    private JsonObject NewManifest(string method, string target)
    {
        var path = target.Split('?', 2)[0];
        if (_documentation?.Find(method, path) is { Input.Manifest: { } documented })
        {
            var text = File.ReadAllText(documented.FilePath);
            if (JsonNode.Parse(text, documentOptions: Tolerant) is JsonObject copy)
            {
                copy.Remove("recorded");
                return copy;
            }
        }

        var parameters = new JsonArray();
        var query = target.Split('?', 2) is [_, var q] ? q : string.Empty;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            parameters.Add(new JsonObject
            {
                ["name"] = Uri.UnescapeDataString(parts[0]),
                ["in"] = "query",
                ["type"] = value.Contains(',') ? "list" : value.Length > 0 && value.All(char.IsAsciiDigit) ? "integer" : "string",
                ["required"] = false,
            });
        }

        return new JsonObject
        {
            ["method"] = method,
            ["path"] = path,
            ["parameters"] = parameters,
            ["source"] = $"recorded from {_source} by fake-tracker fixtures record",
            ["notes"] = new JsonObject { ["parameters"] = "inferred from the first recorded request: check their types, mark the required ones, add descriptions" },
        };
    }
}
