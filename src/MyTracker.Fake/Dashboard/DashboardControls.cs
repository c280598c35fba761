using System.Globalization;
using System.Text.Json;
using MyTracker.Client.Auth;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Dashboard;

/// <summary>
/// What the dashboard's controls do, each through what the fake already offers: a one-shot answer of
/// an endpoint (a setup rule used up by the next served request), an export's ending, a global fault
/// on the next poll or download (<see cref="FakeTracker.WithFault"/> counted from now), a reset, and a
/// signed <c>curl</c> line. Each returns a sentence for the page, or throws <see cref="DashboardProblem"/>.
/// </summary>
internal static class DashboardControls
{
    /// <summary>The faults the page can arm on the next poll, by the name it shows.</summary>
    public static readonly IReadOnlyDictionary<string, Func<FaultBuilder>> PollFaults = new Dictionary<string, Func<FaultBuilder>>(StringComparer.Ordinal)
    {
        ["server error 500"] = () => Fault.ServerError(500),
        ["server error 503"] = () => Fault.ServerError(503),
        ["too many requests 429"] = () => Fault.TooManyRequests(),
        ["drop connection"] = Fault.DropConnection,
        ["truncated body"] = () => Fault.TruncatedBody(),
        ["malformed JSON"] = Fault.MalformedJson,
        ["latency 2 s"] = () => Fault.Latency(TimeSpan.FromSeconds(2)),
    };

    /// <summary>The faults the page can arm on the next download, by the name it shows.</summary>
    public static readonly IReadOnlyDictionary<string, Func<FaultBuilder>> DownloadFaults = new Dictionary<string, Func<FaultBuilder>>(StringComparer.Ordinal)
    {
        ["server error 503"] = () => Fault.ServerError(503),
        ["drop connection"] = Fault.DropConnection,
        ["truncated body"] = () => Fault.TruncatedBody(),
        ["truncated gzip"] = () => Fault.TruncatedGzip(),
        ["expired link"] = Fault.ExpiredLink,
    };

    public static string Describe(FaultBuilder fault) => fault.Kind switch
    {
        FaultKind.Status => fault.StatusCode == 429 ? "too many requests 429" : string.Create(CultureInfo.InvariantCulture, $"server error {fault.StatusCode}"),
        FaultKind.DropConnection => "drop connection",
        FaultKind.TruncatedBody => "truncated body",
        FaultKind.TruncatedGzip => "truncated gzip",
        FaultKind.MalformedJson => "malformed JSON",
        FaultKind.ExpiredLink => "expired link",
        FaultKind.Latency => string.Create(CultureInfo.InvariantCulture, $"latency {fault.Delay.TotalSeconds:0.###} s"),
        _ => fault.Kind.ToString(),
    };

    public static string NextAnswer(FakeTracker fake, JsonElement body)
    {
        var key = Text(body, "endpoint");
        var name = Text(body, "scenario");
        var endpoint = fake.Fixtures.Find(key) ?? throw new DashboardProblem($"no endpoint '{key}'");
        var scenario = endpoint.Scenarios.GetValueOrDefault(name)
            ?? throw new DashboardProblem($"{key} has no scenario '{name}'; its scenarios: {string.Join(", ", endpoint.Ordered.Select(o => o.Name))}");
        fake.Rules.AddOnce(endpoint, scenario, fake.Options.TimeProvider.GetUtcNow());
        return $"The next served request of {key} answers {scenario.Status} {scenario.Name}.";
    }

    public static string Ending(FakeTracker fake, JsonElement body)
    {
        var area = Text(body, "area");
        var user = Text(body, "user");
        var id = body.TryGetProperty("id", out var raw) && raw.TryGetInt64(out var number) ? number : throw new DashboardProblem("give the export's id");
        if (!Enum.TryParse<ExportEnding>(Text(body, "ending"), ignoreCase: false, out var ending) || !Enum.IsDefined(ending))
        {
            throw new DashboardProblem($"endings: {string.Join(", ", Enum.GetNames<ExportEnding>())}");
        }

        var export = fake.Store.Find(area, user, id) ?? throw new DashboardProblem(string.Create(CultureInfo.InvariantCulture, $"no export {id} of user {user} in {area}"));
        export.Spec.ChangeEnding(ending);
        return string.Create(CultureInfo.InvariantCulture, $"Export {id} ({area}) now ends with {ending}.");
    }

    public static string ArmFault(FakeTracker fake, JsonElement body)
    {
        var target = Text(body, "target");
        var kind = Text(body, "kind");
        var (faults, on) = target switch
        {
            "poll" => (PollFaults, FaultTarget.Poll),
            "download" => (DownloadFaults, FaultTarget.Download),
            _ => throw new DashboardProblem("a fault targets the next 'poll' or 'download'"),
        };
        if (!faults.TryGetValue(kind, out var make))
        {
            throw new DashboardProblem($"{target} faults: {string.Join(", ", faults.Keys)}");
        }

        // Global faults count attempts since start or reset: the next one is the count so far plus one.
        var next = fake.Faults.GlobalAttempts(on) + 1;
        var fault = on == FaultTarget.Poll ? make().OnPoll(next) : make().OnDownload(next);
        fake.WithFault(fault);
        return string.Create(CultureInfo.InvariantCulture, $"Armed {kind} on the next {target} (#{next} since start or reset).");
    }

    /// <summary>A <c>curl</c> line for any endpoint and request target, signed for exactly the URL it calls.</summary>
    public static (string Curl, string Method, string Url) Curl(FakeTracker fake, string key, string? userId, string? target)
    {
        var endpoint = fake.Endpoints.FirstOrDefault(e => e.Key == key) ?? throw new DashboardProblem($"no endpoint '{key}'");
        target = string.IsNullOrEmpty(target) ? ExampleTarget(fake, endpoint) : target;
        if (target[0] != '/' || target.StartsWith("//", StringComparison.Ordinal) || target.Length > fake.Options.MaxRequestTargetLength
            || !target.All(IsUrlCharacter))
        {
            throw new DashboardProblem("the request target is a path and query starting with one '/', in URL characters only (percent-encode others; no quotes)");
        }

        var user = userId is null or "" ? fake.DefaultUser : fake.Users.FirstOrDefault(u => u.ApiUserId == userId) ?? throw new DashboardProblem($"no API user '{userId}'");
        var url = fake.BaseUrl.GetLeftPart(UriPartial.Authority) + target;
        return (fake.CurlCommand(new HttpMethod(endpoint.Method), url, user), endpoint.Method, url);
    }

    /// <summary>
    /// A request target the endpoint accepts: path parameters and required query parameters filled in
    /// with values the manifest allows, and for a status endpoint an export that exists.
    /// </summary>
    public static string ExampleTarget(FakeTracker fake, FixtureEndpointInfo endpoint)
    {
        var family = fake.ExportFamilies.FirstOrDefault(f => f.StatusEndpoint.Key == endpoint.Key);
        var known = family is null ? null : fake.Store.Exports.Where(e => e.Family.Area == family.Area && e.ApiUserId == fake.DefaultUser.ApiUserId).Select(e => (long?)e.Id).Min();
        var path = endpoint.Path;
        foreach (var parameter in endpoint.Parameters)
        {
            path = path.Replace("{" + parameter.Name + "}", Value(parameter), StringComparison.Ordinal);
        }

        var query = endpoint.Parameters.Where(p => p.Required && !endpoint.Path.Contains("{" + p.Name + "}", StringComparison.Ordinal))
            .Select(p => p.Type == "object" ? p.Example : p.Name + "=" + (family is not null && p.Name == family.IdParameter && known is { } id ? id.ToString(CultureInfo.InvariantCulture) : Value(p)))
            .ToList();
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    private static string Value(FixtureParameterInfo parameter) => parameter.Type switch
    {
        "enum" or "list" when parameter.Values.Count > 0 => Uri.EscapeDataString(parameter.Values[0]),
        "string" => "x",
        "boolean" => "1",
        _ => "1",
    };

    private static bool IsUrlCharacter(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9')
            or '-' or '.' or '_' or '~' or '%' or '/' or '?' or '[' or ']' or '@' or '!' or '$' or '&' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':';

    private static string Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new DashboardProblem($"give '{name}'");
}

/// <summary>A control's request the dashboard answers with 400 and this sentence.</summary>
internal sealed class DashboardProblem(string message) : Exception(message);
