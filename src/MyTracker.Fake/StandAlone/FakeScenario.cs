using System.Globalization;
using System.Text.Json;

namespace MyTracker.Fake.StandAlone;

/// <summary>
/// What a standalone fake tracker starts with: its API users and seeded exports, either the
/// built-in <see cref="Default"/> or a scenario file (format in the repository README, section
/// "Scenario files"). Lives in the library, like WireMock.Net's <c>StandAloneApp</c>, so the
/// tool stays a thin command line and other hosts can load the same files.
/// </summary>
public sealed class FakeScenario
{
    private FakeScenario(IReadOnlyList<FakeApiUser> users, IReadOnlyList<ExportBuilder> exports)
    {
        Users = users;
        Exports = exports;
    }

    /// <summary>The API users the fake accepts; the first owns exports that name no user.</summary>
    public IReadOnlyList<FakeApiUser> Users { get; }

    /// <summary>The exports seeded at startup, in file order.</summary>
    public IReadOnlyList<ExportBuilder> Exports { get; }

    /// <summary>
    /// The built-in scenario: the default user and three exports, one per documented outcome
    /// (1 progresses 10%, 64% then succeeds with 2 files; 2 errors; 3 succeeds at once with 1 file).
    /// </summary>
    public static FakeScenario Default =>
        new(
            [FakeApiUser.Default],
            [
                Export.WithId(1).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 1000),
                Export.WithId(2).ErrorOccurred(),
                Export.WithId(3).Success(files: 1, rowsPerFile: 10),
            ]);

    /// <summary>Reads a scenario file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="FormatException">When the file is not a valid scenario; the message names the JSON path at fault.</exception>
    /// <exception cref="IOException">When the file cannot be read.</exception>
    public static FakeScenario Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses scenario JSON (comments and trailing commas allowed).</summary>
    /// <param name="json">The scenario text.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="FormatException">When the text is not a valid scenario; the message names the JSON path at fault.</exception>
    public static FakeScenario Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            Expect(root, JsonValueKind.Object, "$");
            RejectUnknown(root, "$", "users", "exports");

            var users = new List<FakeApiUser>();
            if (root.TryGetProperty("users", out var usersElement))
            {
                Expect(usersElement, JsonValueKind.Array, "$.users");
                var index = 0;
                foreach (var user in usersElement.EnumerateArray())
                {
                    var at = $"$.users[{index++}]";
                    Expect(user, JsonValueKind.Object, at);
                    RejectUnknown(user, at, "apiUserId", "secret");
                    var id = RequiredString(user, "apiUserId", at);
                    if (users.Any(u => u.ApiUserId == id))
                    {
                        throw new FormatException($"{at}.apiUserId: '{id}' is listed twice");
                    }

                    users.Add(new FakeApiUser(id, RequiredString(user, "secret", at)));
                }
            }

            if (users.Count == 0)
            {
                users.Add(FakeApiUser.Default);
            }

            var exports = new List<ExportBuilder>();
            if (root.TryGetProperty("exports", out var exportsElement))
            {
                Expect(exportsElement, JsonValueKind.Array, "$.exports");
                var index = 0;
                foreach (var export in exportsElement.EnumerateArray())
                {
                    exports.Add(ReadExport(export, $"$.exports[{index++}]", users, exports));
                }
            }

            return new FakeScenario(users, exports);
        }
    }

    /// <summary>Seeds every export of this scenario into a running fake.</summary>
    /// <param name="fake">A fake started with <see cref="Users"/>.</param>
    public void ApplyTo(FakeTracker fake)
    {
        ArgumentNullException.ThrowIfNull(fake);
        foreach (var export in Exports)
        {
            fake.Given(export);
        }
    }

    private static ExportBuilder ReadExport(JsonElement element, string at, List<FakeApiUser> users, List<ExportBuilder> earlier)
    {
        Expect(element, JsonValueKind.Object, at);
        RejectUnknown(element, at, "id", "user", "progress", "ending", "files", "rowsPerFile", "fields", "headerLine",
            "hash", "register", "linkLifetimeSeconds", "advanceEverySeconds");

        if (!element.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number
            || !idElement.TryGetInt64(out var id) || id < 1)
        {
            throw new FormatException($"{at}.id: a positive integer is required");
        }

        var builder = Export.WithId(id);
        if (element.TryGetProperty("user", out var userElement))
        {
            Expect(userElement, JsonValueKind.String, at + ".user");
            var user = userElement.GetString()!;
            if (!users.Any(u => u.ApiUserId == user))
            {
                throw new FormatException($"{at}.user: '{user}' is not one of $.users");
            }

            builder.ForUser(user);
        }

        var owner = builder.ApiUserId ?? users[0].ApiUserId;
        if (earlier.Any(e => e.Id == id && (e.ApiUserId ?? users[0].ApiUserId) == owner))
        {
            throw new FormatException($"{at}.id: export {id} of user {owner} is listed twice");
        }

        if (element.TryGetProperty("progress", out var progress))
        {
            Expect(progress, JsonValueKind.Array, at + ".progress");
            var steps = progress.EnumerateArray().Select((p, i) =>
                p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var v) && v is >= 0 and <= 100
                    ? v
                    : throw new FormatException($"{at}.progress[{i}]: a percentage from 0 to 100 is required")).ToArray();
            builder.InProgress(steps);
        }

        var files = OptionalInt(element, "files", at, min: 1, max: 1000) ?? 2;
        var rows = OptionalInt(element, "rowsPerFile", at, min: 0, max: 10_000_000) ?? 1000;
        var ending = element.TryGetProperty("ending", out var endingElement)
            ? OneOf(endingElement, at + ".ending", "success", "error", "in-progress")
            : "success";
        _ = ending switch
        {
            "error" => builder.ThenError(),
            "in-progress" => builder.ThenStaysInProgress(),
            _ => builder.ThenSuccess(files, rows),
        };

        if (element.TryGetProperty("fields", out var fields))
        {
            Expect(fields, JsonValueKind.Array, at + ".fields");
            var names = fields.EnumerateArray().Select((f, i) =>
                f.ValueKind == JsonValueKind.String && ExportBuilder.KnownFields.Contains(f.GetString()!, StringComparer.Ordinal)
                    ? f.GetString()!
                    : throw new FormatException($"{at}.fields[{i}]: one of {string.Join(", ", ExportBuilder.KnownFields)} is required")).ToArray();
            builder.WithFields(names);
        }

        if (element.TryGetProperty("headerLine", out var header))
        {
            if (header.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new FormatException($"{at}.headerLine: true or false is required");
            }

            builder.WithHeaderLine(header.GetBoolean());
        }

        if (element.TryGetProperty("hash", out var hash))
        {
            builder.WithHash(OneOf(hash, at + ".hash", "none", "md5", "sha256") switch
            {
                "md5" => ExportHashType.Md5,
                "sha256" => ExportHashType.Sha256,
                _ => ExportHashType.None,
            });
        }

        if (element.TryGetProperty("register", out var register))
        {
            builder.WithRegister(OneOf(register, at + ".register", "keep", "original", "lower", "upper") switch
            {
                "original" => ExportRegisterType.Original,
                "lower" => ExportRegisterType.Lower,
                "upper" => ExportRegisterType.Upper,
                _ => ExportRegisterType.Keep,
            });
        }

        if (OptionalInt(element, "linkLifetimeSeconds", at, min: 1, max: int.MaxValue) is { } lifetime)
        {
            builder.WithLinkLifetime(TimeSpan.FromSeconds(lifetime));
        }

        if (OptionalInt(element, "advanceEverySeconds", at, min: 1, max: int.MaxValue) is { } every)
        {
            builder.AdvanceEvery(TimeSpan.FromSeconds(every));
        }

        return builder;
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string at)
    {
        if (element.ValueKind != kind)
        {
            throw new FormatException($"{at}: {Describe(kind)} is required, found {Describe(element.ValueKind)}");
        }
    }

    private static void RejectUnknown(JsonElement element, string at, params string[] known)
    {
        // A misspelt key would otherwise be ignored silently and the export would not do what the file says.
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new FormatException($"{at}: unknown property '{property.Name}' (known: {string.Join(", ", known)})");
            }
        }
    }

    private static string RequiredString(JsonElement element, string name, string at)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            throw new FormatException($"{at}.{name}: a non-empty string is required");
        }

        return value.GetString()!;
    }

    private static int? OptionalInt(JsonElement element, string name, string at, int min, int max)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{at}.{name}: an integer from {min} to {max} is required"));
    }

    private static string OneOf(JsonElement element, string at, params string[] values)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return text is not null && values.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new FormatException($"{at}: one of {string.Join(", ", values.Select(v => $"\"{v}\""))} is required");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
