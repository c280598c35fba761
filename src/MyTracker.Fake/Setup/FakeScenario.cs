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
/// <c>ending</c>: <c>success</c> (default), <c>error</c> or <c>staysInProgress</c>. Fault <c>kind</c>:
/// <c>latency</c> (<c>latencyMs</c>), <c>serverError</c> (<c>status</c>), <c>tooManyRequests</c>
/// (<c>retryAfterSeconds</c>), <c>drop</c>, <c>truncatedBody</c>/<c>truncatedGzip</c> (<c>fraction</c>),
/// <c>malformedJson</c>, <c>expiredLink</c>; <c>target</c>: <c>poll</c>, <c>download</c>, <c>create</c>
/// or <c>any</c>; <c>attempt</c> (from 1), <c>count</c> (or <c>"every": true</c>), <c>file</c>.
/// </summary>
public sealed class FakeScenario
{
    private FakeScenario(IReadOnlyList<FakeApiUser> users, IReadOnlyList<ExportBuilder> exports)
    {
        Users = users;
        Exports = exports;
    }

    /// <summary>Extra API users (add them to <see cref="FakeTrackerOptions.Users"/> before starting).</summary>
    public IReadOnlyList<FakeApiUser> Users { get; }

    /// <summary>The exports, to give with <see cref="FakeTracker.Given(FakeScenario)"/>.</summary>
    public IReadOnlyList<ExportBuilder> Exports { get; }

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
        ]);

    /// <summary>Reads a scenario file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="FormatException">When the file is not a valid scenario; the message names the place.</exception>
    public static FakeScenario Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses scenario JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for error messages (e.g. the file path).</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="FormatException">When the text is not a valid scenario; the message names the place.</exception>
    public static FakeScenario Parse(string json, string source = "scenario")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}({ex.LineNumber + 1},{ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{source}: the top level must be an object with \"exports\" (and optionally \"users\").");
            }

            var users = new List<FakeApiUser>();
            if (root.TryGetProperty("users", out var userList))
            {
                foreach (var (user, i) in Items(userList, source, "users"))
                {
                    users.Add(new FakeApiUser(String(user, "apiUserId", $"{source}: users[{i}]")!, String(user, "secret", $"{source}: users[{i}]")!));
                }
            }

            var exports = new List<ExportBuilder>();
            if (root.TryGetProperty("exports", out var exportList))
            {
                foreach (var (item, i) in Items(exportList, source, "exports"))
                {
                    var where = $"{source}: exports[{i}]";
                    try
                    {
                        exports.Add(ReadExport(item, where));
                    }
                    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException && ex is not ScenarioFormatException)
                    {
                        throw new ScenarioFormatException($"{where}: {ex.Message}", ex);
                    }
                }
            }

            return new FakeScenario(users, exports);
        }
    }

    private static ExportBuilder ReadExport(JsonElement item, string where)
    {
        var id = Int(item, "id", where) ?? throw new ScenarioFormatException($"{where}: \"id\" is required.");
        var export = Export.WithId(id);
        if (String(item, "user", where) is { } user)
        {
            export.ForUser(user);
        }

        if (item.TryGetProperty("progress", out var progress))
        {
            export.InProgress([.. Items(progress, where, "progress").Select(p => p.Item.GetInt32())]);
        }

        var files = (int?)Int(item, "files", where) ?? 2;
        var rows = (int?)Int(item, "rowsPerFile", where) ?? 1000;
        switch (String(item, "ending", where) ?? "success")
        {
            case "success":
                export.ThenSuccess(files, rows);
                break;
            case "error":
                export.ThenError();
                break;
            case "staysInProgress":
                export.ThenStaysInProgress();
                break;
            case var other:
                throw new ScenarioFormatException($"{where}: \"ending\" must be success, error or staysInProgress, not '{other}'.");
        }

        if (item.TryGetProperty("fields", out var fields))
        {
            export.WithFields([.. Items(fields, where, "fields").Select(f => f.Item.GetString() ?? string.Empty)]);
        }

        if (item.TryGetProperty("headerLine", out var header))
        {
            export.WithHeaderLine(header.GetBoolean());
        }

        if (Int(item, "hashType", where) is { } hash)
        {
            export.WithHash(hash is >= 0 and <= 2 ? (ExportHashType)hash : throw new ScenarioFormatException($"{where}: \"hashType\" must be 0, 1 or 2."));
        }

        if (Int(item, "registerType", where) is { } register)
        {
            export.WithRegister(register is >= 0 and <= 3 ? (ExportRegisterType)register : throw new ScenarioFormatException($"{where}: \"registerType\" must be 0..3."));
        }

        if (Int(item, "advanceEverySeconds", where) is { } every)
        {
            export.AdvanceEvery(TimeSpan.FromSeconds(every));
        }

        if (Int(item, "linkLifetimeSeconds", where) is { } lifetime)
        {
            export.WithLinkLifetime(TimeSpan.FromSeconds(lifetime));
        }

        if (item.TryGetProperty("faults", out var faults))
        {
            foreach (var (fault, j) in Items(faults, where, "faults"))
            {
                export.WithFault(ReadFault(fault, $"{where}.faults[{j}]"));
            }
        }

        return export;
    }

    /// <summary>Reads one fault object (also used for global faults by the standalone tool).</summary>
    /// <param name="item">The JSON object.</param>
    /// <param name="where">A location for error messages.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="FormatException">When the object is not a valid fault.</exception>
    public static FaultBuilder ReadFault(JsonElement item, string where)
    {
        var fault = (String(item, "kind", where) ?? throw new ScenarioFormatException($"{where}: \"kind\" is required.")) switch
        {
            "latency" => Fault.Latency(TimeSpan.FromMilliseconds(Int(item, "latencyMs", where) ?? 100)),
            "serverError" => Fault.ServerError((int)(Int(item, "status", where) ?? 500)),
            "tooManyRequests" => Fault.TooManyRequests(TimeSpan.FromSeconds(Int(item, "retryAfterSeconds", where) ?? 1)),
            "drop" => Fault.DropConnection(),
            "truncatedBody" => Fault.TruncatedBody(Fraction(item)),
            "truncatedGzip" => Fault.TruncatedGzip(Fraction(item)),
            "malformedJson" => Fault.MalformedJson(),
            "expiredLink" => Fault.ExpiredLink(),
            var other => throw new ScenarioFormatException($"{where}: unknown fault kind '{other}'."),
        };
        var attempt = (int)(Int(item, "attempt", where) ?? 1);
        var every = item.TryGetProperty("every", out var e) && e.ValueKind == JsonValueKind.True;
        var count = every ? int.MaxValue : (int)(Int(item, "count", where) ?? 1);
        var file = (int?)Int(item, "file", where);
        return String(item, "target", where) switch
        {
            null => count == 1 && attempt == 1 ? fault : fault.OnPolls(attempt, count),
            "poll" => fault.OnPolls(attempt, count),
            "download" => every ? fault.OnEveryDownload(file) : fault.OnDownload(attempt, file),
            "create" => fault.OnCreate(attempt),
            "any" => every ? fault.OnEveryRequest() : fault.OnRequest(attempt),
            var other => throw new ScenarioFormatException($"{where}: \"target\" must be poll, download, create or any, not '{other}'."),
        };
    }

    private static double Fraction(JsonElement item) => item.TryGetProperty("fraction", out var f) ? f.GetDouble() : 0.5;

    private static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement list, string where, string name)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new ScenarioFormatException($"{where}: \"{name}\" must be an array.");
        }

        return list.EnumerateArray().Select((item, i) => (item, i));
    }

    private static string? String(JsonElement item, string name, string where) =>
        !item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new ScenarioFormatException($"{where}: \"{name}\" must be a string.");

    private static long? Int(JsonElement item, string name, string where) =>
        !item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number) ? number
        : throw new ScenarioFormatException($"{where}: \"{name}\" must be an integer.");

    private sealed class ScenarioFormatException(string message, Exception? inner = null) : FormatException(message, inner);
}
