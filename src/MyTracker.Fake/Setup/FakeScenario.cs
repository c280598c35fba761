using System.Globalization;
using System.Text.Json;

namespace MyTracker.Fake;

/// <summary>
/// A scenario file: API users and exports in JSON, for the standalone tool and for tests that keep
/// their setup in a file. Comments and trailing commas are allowed. Example:
/// <code>
/// {
///   "users": [ { "apiUserId": "10002", "secret": "fake-secret-0002" } ],
///   "exports": [
///     { "id": 1, "progress": [10, 64], "ending": "success", "files": 2, "rowsPerFile": 1000 },
///     { "id": 2, "ending": "error" },
///     { "id": 3, "user": "10002", "fields": ["gaid", "idfa"], "hashType": 1, "registerType": 3,
///       "headerLine": false, "advanceEverySeconds": 60, "linkLifetimeSeconds": 600,
///       "faults": [ { "kind": "serverError", "status": 503, "target": "poll", "attempt": 2 } ] }
///   ]
/// }
/// </code>
/// <c>ending</c>: <c>success</c> (default), <c>error</c>, <c>staysInProgress</c> or <c>canceled</c> (the family's
/// scenario whose meaning is canceled); <c>endingScenario</c> names any other documented ending of the family's
/// status endpoint (raw export's <c>user-error-occurred</c>). Fault <c>kind</c>:
/// <c>latency</c> (<c>latencyMs</c>), <c>serverError</c> (<c>status</c>), <c>tooManyRequests</c>
/// (<c>retryAfterSeconds</c>), <c>drop</c>, <c>truncatedBody</c>/<c>truncatedGzip</c> (<c>fraction</c>),
/// <c>malformedJson</c>, <c>expiredLink</c>; <c>target</c>: <c>poll</c>, <c>download</c>, <c>create</c>
/// or <c>any</c>; <c>attempt</c> (from 1), <c>count</c> (or <c>"every": true</c>), <c>file</c>.
/// </summary>
public sealed class FakeScenario
{
    private static readonly string[] TopKeys = ["users", "exports", "scenarios"];
    private static readonly string[] ScenarioKeys = ["endpoint", "parameters", "answers", "advanceEverySeconds"];
    private static readonly string[] UserKeys = ["apiUserId", "secret"];
    private static readonly string[] ExportKeys =
    [
        "id", "area", "user", "progress", "ending", "files", "rowsPerFile", "fields", "headerLine", "hashType", "registerType",
        "linkLifetimeSeconds", "advanceEverySeconds", "faults", "endingScenario",
    ];

    private static readonly string[] Endings = ["success", "error", "staysInProgress", "canceled"];
    private static readonly string[] Targets = ["poll", "download", "create", "any"];

    // Each fault kind with the keys of its own; the targeting keys apply to every kind.
    private static readonly Dictionary<string, string[]> FaultKinds = new(StringComparer.Ordinal)
    {
        ["latency"] = ["latencyMs"],
        ["serverError"] = ["status"],
        ["tooManyRequests"] = ["retryAfterSeconds"],
        ["drop"] = [],
        ["truncatedBody"] = ["fraction"],
        ["truncatedGzip"] = ["fraction"],
        ["malformedJson"] = [],
        ["expiredLink"] = [],
    };

    private static readonly string[] FaultTargeting = ["kind", "target", "attempt", "count", "every", "file"];

    private FakeScenario(IReadOnlyList<FakeApiUser> users, IReadOnlyList<ExportBuilder> exports, string source, IReadOnlyList<string> places, IReadOnlyList<ScenarioBuilder>? scenarios = null)
    {
        Users = users;
        Exports = exports;
        Scenarios = scenarios ?? [];
        Source = source;
        Places = places;
    }

    /// <summary>Extra API users (add them to <see cref="FakeTrackerOptions.Users"/> before starting).</summary>
    public IReadOnlyList<FakeApiUser> Users { get; }

    /// <summary>The exports, to give with <see cref="FakeTracker.Given(FakeScenario)"/>.</summary>
    public IReadOnlyList<ExportBuilder> Exports { get; }

    /// <summary>
    /// The answers chosen for any endpoint (<c>"scenarios"</c>: <c>endpoint</c>, <c>parameters</c>,
    /// <c>answers</c>, <c>advanceEverySeconds</c>), given with the exports; checked against the fixtures then.
    /// </summary>
    public IReadOnlyList<ScenarioBuilder> Scenarios { get; }

    /// <summary>Where the scenario came from (the file path, or the name given to <see cref="Parse"/>).</summary>
    public string Source { get; }

    /// <summary>The JSON path of each export (<c>exports[i]</c>), for messages about it.</summary>
    internal IReadOnlyList<string> Places { get; }

    /// <summary>
    /// The tool's defaults: export 1 goes 10%, 64%, then success with 2 files of 1,000 rows; export 2
    /// answers "Error occurred"; export 3 succeeds at once with 1 file of 100 rows.
    /// </summary>
    public static FakeScenario Default { get; } = new(
        [],
        [
            Export.WithId(1).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 1000),
            Export.WithId(2).ErrorOccurred(),
            Export.WithId(3).Success(files: 1, rowsPerFile: 100),
        ],
        "the default scenario",
        ["exports[0]", "exports[1]", "exports[2]"]);

    /// <summary>
    /// The users a fake serving this scenario accepts: <paramref name="users"/> in order (the first stays the
    /// default user, who owns exports that name none), each replaced by this scenario's user of the same id
    /// (a file may give the default id another secret), then this scenario's other users.
    /// </summary>
    /// <param name="users">The users the fake would accept without the scenario, e.g. <c>[FakeApiUser.Default]</c>.</param>
    /// <returns>The users for <see cref="FakeTrackerOptions.Users"/>.</returns>
    public IReadOnlyList<FakeApiUser> UsersWith(IReadOnlyList<FakeApiUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var given = users.DistinctBy(u => u.ApiUserId).ToList();
        return
        [
            .. given.Select(u => Users.FirstOrDefault(s => s.ApiUserId == u.ApiUserId) ?? u),
            .. Users.Where(s => given.All(u => u.ApiUserId != s.ApiUserId)),
        ];
    }

    /// <summary>
    /// This scenario as it applies to a fake: the built-in <see cref="Default"/> seeds its exports only where
    /// the fixtures have an export-shaped family, so a folder of other endpoints is served with nothing
    /// seeded; any other scenario applies as written (and its exports need a family).
    /// </summary>
    /// <param name="fake">The fake the scenario is for.</param>
    /// <returns>The scenario to give with <see cref="FakeTracker.Given(FakeScenario)"/>.</returns>
    public FakeScenario For(FakeTracker fake)
    {
        ArgumentNullException.ThrowIfNull(fake);
        return ReferenceEquals(this, Default) && fake.ExportFamilies.Count == 0 ? NothingSeeded : this;
    }

    /// <summary>The default scenario for fixtures without an export family: no users, no exports.</summary>
    private static FakeScenario NothingSeeded { get; } = new([], [], "the default scenario", []);

    /// <summary>Reads a scenario file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="FormatException">When the file is not a valid scenario; the message names the file, the place and the key.</exception>
    public static FakeScenario Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses scenario JSON (comments and trailing commas allowed; unknown keys and duplicate ids are errors).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for error messages (e.g. the file path).</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="FormatException">When the text is not a valid scenario; the message names the place and the key.</exception>
    public static FakeScenario Parse(string json, string source = "scenario")
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = StrictJson.Parse(json, source);
        var root = StrictJson.Open(document.RootElement, source, string.Empty, "the top level", TopKeys);

        var users = new List<FakeApiUser>();
        foreach (var (item, where) in root.Items("users"))
        {
            var user = StrictJson.Open(item, source, where, "a user", UserKeys);
            var id = user.Text("apiUserId") ?? throw user.Fail("\"apiUserId\" is required");
            var secret = user.Text("secret") ?? throw user.Fail("\"secret\" is required");
            if (id == FakeApiUser.Default.ApiUserId && secret == FakeApiUser.Default.Secret)
            {
                continue;
            }

            if (users.Any(u => u.ApiUserId == id))
            {
                throw user.Fail("apiUserId", $"\"{id}\" is listed twice");
            }

            users.Add(new FakeApiUser(id, secret));
        }

        var known = users.Select(u => u.ApiUserId).Append(FakeApiUser.Default.ApiUserId).ToHashSet(StringComparer.Ordinal);
        var exports = new List<ExportBuilder>();
        var places = new List<string>();
        var taken = new Dictionary<(string User, long Id), string>();
        foreach (var (item, where) in root.Items("exports"))
        {
            var export = ReadExport(StrictJson.Open(item, source, where, "an export", ExportKeys), known);
            var key = (export.ApiUserId ?? FakeApiUser.Default.ApiUserId, export.Id!.Value);
            if (taken.TryGetValue(key, out var first))
            {
                throw StrictJson.Fail(source, where + ".id", string.Create(CultureInfo.InvariantCulture,
                    $"{key.Item2} is already the id of {first} (of user {key.Item1}); each export needs its own id"));
            }

            taken[key] = where;
            exports.Add(export);
            places.Add(where);
        }

        var scenarios = new List<ScenarioBuilder>();
        foreach (var (item, where) in root.Items("scenarios"))
        {
            scenarios.Add(ReadScenario(StrictJson.Open(item, source, where, "a scenario", ScenarioKeys)));
        }

        return new FakeScenario(users, exports, source, places, scenarios);
    }

    private static ScenarioBuilder ReadScenario(StrictJson item)
    {
        var scenario = Scenario.For(item.Text("endpoint") ?? throw item.Fail("\"endpoint\" is required: the fixture folder, e.g. \"raw-export/get\""));
        if (item.Element("parameters") is { } parameters)
        {
            if (parameters.ValueKind != JsonValueKind.Object)
            {
                throw item.Fail("parameters", $"must be an object of parameter values, not {StrictJson.Describe(parameters)}");
            }

            foreach (var parameter in parameters.EnumerateObject())
            {
                var value = parameter.Value.ValueKind switch
                {
                    JsonValueKind.String => parameter.Value.GetString()!,
                    JsonValueKind.Number => parameter.Value.GetRawText(),
                    _ => throw item.Fail($"parameters.{parameter.Name}", $"must be a string or a number, not {StrictJson.Describe(parameter.Value)}"),
                };
                scenario.WithParameter(parameter.Name, value);
            }
        }

        var answers = item.Items("answers").ToList();
        if (answers.Count == 0)
        {
            throw item.Fail("\"answers\" is required: the scenario names to answer with, in order, e.g. [\"in-progress\", \"success\"]");
        }

        foreach (var (answer, path) in answers)
        {
            scenario.Answer(answer.ValueKind == JsonValueKind.String && answer.GetString() is { Length: > 0 } name
                ? name
                : throw StrictJson.Fail(item.Source, path, $"must be a scenario name, not {StrictJson.Describe(answer)}"));
        }

        if (item.Integer("advanceEverySeconds", 1) is { } every)
        {
            scenario.AdvanceEvery(TimeSpan.FromSeconds(every));
        }

        return scenario;
    }

    private static ExportBuilder ReadExport(StrictJson item, IReadOnlySet<string> users)
    {
        var export = Export.WithId(item.Integer("id", 1) ?? throw item.Fail("\"id\" is required (a whole number, 1 or more)"));
        if (item.Text("user") is { } user)
        {
            if (!users.Contains(user))
            {
                throw item.Fail("user", $"\"{user}\" is not a user of this file: list it in \"users\" (with its \"secret\"), or leave \"user\" out for {FakeApiUser.Default.ApiUserId}");
            }

            export.ForUser(user);
        }

        export.InProgress([.. item.Items("progress").Select(p => (int)item.ReadInteger(p.Item, p.Path, 0, 100))]);
        var files = (int?)item.Integer("files", 1, 100_000);
        var rows = (int?)item.Integer("rowsPerFile", 0, 100_000_000) ?? 1000;
        switch (item.OneOf("ending", Endings) ?? "success")
        {
            case "success":
                export.ThenSuccess(files, rows);
                break;
            case "error":
                export.ThenError();
                break;
            case "canceled":
                export.ThenCanceled();
                break;
            default:
                export.ThenStaysInProgress();
                break;
        }

        // Another documented ending of the family by its scenario name (raw export's "user-error-occurred"), checked when the export is given.
        if (item.Text("endingScenario") is { } endingScenario)
        {
            export.ThenEnding(endingScenario);
        }

        // Another family's columns are its create's documented list values, checked when the export is given.
        var area = item.Text("area");
        if (area is not null)
        {
            export.In(area);
        }

        if (item.Has("fields"))
        {
            export.WithFields([.. item.Items("fields").Select(f => area is null or "segment-export"
                ? item.ReadOneOf(f.Item, f.Path, ExportBuilder.KnownFields)
                : f.Item.ValueKind == JsonValueKind.String && f.Item.GetString() is { Length: > 0 } column ? column
                : throw StrictJson.Fail(item.Source, f.Path, $"must be a column name, not {StrictJson.Describe(f.Item)}"))]);
        }

        if (item.Boolean("headerLine") is { } header)
        {
            export.WithHeaderLine(header);
        }

        if (item.Integer("hashType", 0, 2) is { } hash)
        {
            export.WithHash((ExportHashType)hash);
        }

        if (item.Integer("registerType", 0, 3) is { } register)
        {
            export.WithRegister((ExportRegisterType)register);
        }

        if (item.Integer("advanceEverySeconds", 1) is { } every)
        {
            export.AdvanceEvery(TimeSpan.FromSeconds(every));
        }

        if (item.Integer("linkLifetimeSeconds", 1) is { } lifetime)
        {
            export.WithLinkLifetime(TimeSpan.FromSeconds(lifetime));
        }

        foreach (var (fault, where) in item.Items("faults"))
        {
            export.WithFault(ReadFault(fault, item.Source, where, forExport: true));
        }

        return export;
    }

    /// <summary>Reads one fault object (also used for global faults by the standalone tool).</summary>
    /// <param name="item">The JSON object.</param>
    /// <param name="where">A location for error messages, e.g. <c>file.json: faults[0]</c>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="FormatException">When the object is not a valid fault.</exception>
    public static FaultBuilder ReadFault(JsonElement item, string where)
    {
        ArgumentNullException.ThrowIfNull(where);
        var colon = where.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0
            ? ReadFault(item, "scenario", where, forExport: false)
            : ReadFault(item, where[..colon], where[(colon + 2)..], forExport: false);
    }

    private static FaultBuilder ReadFault(JsonElement element, string source, string where, bool forExport)
    {
        // The kind decides which keys the object may hold, so it is read before the keys are checked.
        var kindElement = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("kind", out var k) ? k : (JsonElement?)null;
        if (kindElement is null)
        {
            StrictJson.Open(element, source, where, "a fault", [.. FaultTargeting, .. FaultKinds.Values.SelectMany(v => v)]);
            throw StrictJson.Fail(source, where, $"\"kind\" is required: one of {StrictJson.List(FaultKinds.Keys)}");
        }

        var probe = StrictJson.Open(element, source, where, "a fault", [.. FaultTargeting, .. FaultKinds.Values.SelectMany(v => v).Distinct()]);
        var kind = probe.ReadOneOf(kindElement.Value, probe.At("kind"), FaultKinds.Keys);
        var item = StrictJson.Open(element, source, where, $"a \"{kind}\" fault", [.. FaultTargeting, .. FaultKinds[kind]]);
        var fault = kind switch
        {
            "latency" => Fault.Latency(TimeSpan.FromMilliseconds(item.Integer("latencyMs", 0, 600_000) ?? 100)),
            "serverError" => Fault.ServerError((int)(item.Integer("status", 500, 599) ?? 500)),
            "tooManyRequests" => Fault.TooManyRequests(TimeSpan.FromSeconds(item.Integer("retryAfterSeconds", 0, 86_400) ?? 1)),
            "drop" => Fault.DropConnection(),
            "truncatedBody" => Fault.TruncatedBody(item.Number("fraction", 0, 1) ?? 0.5),
            "truncatedGzip" => Fault.TruncatedGzip(item.Number("fraction", 0, 1) ?? 0.5),
            "malformedJson" => Fault.MalformedJson(),
            _ => Fault.ExpiredLink(),
        };

        var downloadOnly = kind is "truncatedGzip" or "expiredLink";
        var target = item.OneOf("target", Targets) ?? (downloadOnly ? "download" : null);
        if (downloadOnly && target != "download")
        {
            throw item.Fail("target", $"a \"{kind}\" fault hits downloads only, not \"{target}\"");
        }

        if (forExport && target == "create")
        {
            throw item.Fail("target", "create.json faults hit the whole fake, not one export: give them to FakeTracker.WithFault");
        }

        if (item.Has("file") && target != "download")
        {
            throw item.Fail("file", "only a download fault (\"target\": \"download\") can name a file");
        }

        if (item.Has("every") && item.Has("count"))
        {
            throw item.Fail("every", "give \"every\" or \"count\", not both");
        }

        if (item.Has("count") && target is "download" or "create" or "any")
        {
            throw item.Fail("count", $"a \"{target}\" fault hits one attempt (or \"every\": true); \"count\" is for polls");
        }

        var attempt = (int)(item.Integer("attempt", 1, int.MaxValue) ?? 1);
        var every = item.Boolean("every") ?? false;
        var count = every ? int.MaxValue : (int)(item.Integer("count", 1, int.MaxValue) ?? 1);
        var file = (int?)item.Integer("file", 1, int.MaxValue);
        return target switch
        {
            null => count == 1 && attempt == 1 ? fault : fault.OnPolls(attempt, count),
            "poll" => fault.OnPolls(attempt, count),
            "download" => every ? fault.OnEveryDownload(file) : fault.OnDownload(attempt, file),
            "create" => fault.OnCreate(attempt),
            _ => every ? fault.OnEveryRequest() : fault.OnRequest(attempt),
        };
    }
}
