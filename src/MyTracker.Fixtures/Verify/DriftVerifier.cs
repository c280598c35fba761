using System.Globalization;
using System.Text;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;
using MyTracker.Fixtures.Folders;
using MyTracker.Fixtures.Http;
using MyTracker.Fixtures.Verify;

namespace MyTracker.Fixtures;

/// <summary>Where <see cref="DriftVerifier.VerifyAsync"/> sends its requests and how.</summary>
public sealed record VerifyOptions
{
    /// <summary>The API root, e.g. <c>https://tracker.my.com/</c> (or a fake's <c>BaseUrl</c>).</summary>
    public required Uri Upstream { get; init; }

    /// <summary>Signs every request; null sends them unsigned (a fake without authentication).</summary>
    public ApiCredentials? Credentials { get; init; }

    /// <summary>The requests to send, in order; null sends the documented ones (<see cref="DriftVerifier.DocumentedRequests"/>).</summary>
    public IReadOnlyList<DocumentedRequest>? Requests { get; init; }

    /// <summary>Whether requests that change state (any method but GET and HEAD; POST create.json starts a real export) are sent, documented or given in <see cref="Requests"/>; off by default, when they are reported as skipped.</summary>
    public bool AllowWrites { get; init; }

    /// <summary>The HTTP handler to send with (tests); null uses a fresh one that follows no redirects.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);
}

/// <summary>
/// Reports drift between fixtures and an API by type: sends the documented requests to an upstream (or
/// reads answers recorded earlier) and checks each answer with <see cref="DocumentedApi.Check(DocumentedEndpoint, int, string)"/>.
/// </summary>
public static class DriftVerifier
{
    /// <summary>
    /// The documented requests: each endpoint's <c>examples</c> from endpoint.json, or else one request with
    /// every required parameter set (from its <c>default</c>, a sample field of the same name, its
    /// <c>minimum</c>, or a value of its type).
    /// </summary>
    /// <param name="api">The fixtures.</param>
    /// <returns>The requests, endpoint by endpoint.</returns>
    public static IReadOnlyList<DocumentedRequest> DocumentedRequests(DocumentedApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var requests = new List<DocumentedRequest>();
        foreach (var endpoint in api.Endpoints)
        {
            if (endpoint.Examples.Count > 0)
            {
                requests.AddRange(endpoint.Examples.Select(e => new DocumentedRequest(endpoint.Method, e)));
            }
            else
            {
                requests.Add(new DocumentedRequest(endpoint.Method, Synthesize(endpoint)));
            }
        }

        return requests;
    }

    /// <summary>Sends the requests to the upstream and checks every answer.</summary>
    /// <param name="api">The fixtures.</param>
    /// <param name="options">Upstream, credentials, requests.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="FixturesException">A request no fixture documents, or an upstream that cannot be reached.</exception>
    public static async Task<DriftReport> VerifyAsync(DocumentedApi api, VerifyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var requests = options.Requests ?? DocumentedRequests(api);
        var planned = new List<(DocumentedRequest Request, DocumentedEndpoint Endpoint)>();
        var skipped = new List<SkippedRequest>();
        foreach (var request in requests)
        {
            var endpoint = api.Find(request.Method, request.Path)
                ?? throw new FixturesException($"request {request}: no fixture folder of {api.Directory} documents {request.Method} {request.Path}");
            // Listed requests too: a request file is no consent to start real exports.
            if (!options.AllowWrites && request.Method is not ("GET" or "HEAD"))
            {
                skipped.Add(new SkippedRequest(request.ToString(), $"{request.Method} may change state upstream; pass --allow-writes to send it"));
                continue;
            }

            planned.Add((request, endpoint));
        }

        var scrubber = new SecretScrubber(options.Credentials);
        using var upstream = new Upstream(options.Upstream, options.Credentials, scrubber, options.Handler, options.Timeout);
        var answers = new List<CheckedAnswer>();
        foreach (var (request, endpoint) in planned)
        {
            UpstreamAnswer answer;
            try
            {
                answer = await upstream.SendAsync(request.Method, request.Target, [], null, request.Headers, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new FixturesException(scrubber.Scrub($"cannot reach {upstream.UrlOf(request.Target)}: {e.Message.ReplaceLineEndings(" ")}"), e);
            }

            // Scrubbed before it is checked: a finding quotes received values, and the report is written to a file.
            answers.Add(Checked(endpoint, request.ToString(), answer.Status, scrubber.Scrub(Encoding.UTF8.GetString(answer.Body))));
        }

        return new DriftReport(api.Directory, upstream.BaseUrl.ToString(), answers, skipped);
    }

    /// <summary>Checks answers recorded earlier (a folder <c>fixtures record</c> wrote, or any fixture folder).</summary>
    /// <param name="api">The fixtures.</param>
    /// <param name="recordedDirectory">The recorded folder: <c>&lt;area&gt;/&lt;endpoint&gt;/&lt;status&gt;.&lt;scenario&gt;.json</c>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="FixturesException">The folder does not exist.</exception>
    public static DriftReport VerifyRecorded(DocumentedApi api, string recordedDirectory)
    {
        ArgumentNullException.ThrowIfNull(api);
        var root = System.IO.Path.GetFullPath(recordedDirectory);
        if (!Directory.Exists(root))
        {
            throw new FixturesException($"recorded folder {root} does not exist");
        }

        var answers = new List<CheckedAnswer>();
        var skipped = new List<SkippedRequest>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = System.IO.Path.GetRelativePath(root, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
            var parts = relative.Split('/');
            if (parts.Length != 3 || parts[2] == "endpoint.json")
            {
                continue;
            }

            if (!ScenarioNames.TryParseSampleFileName(parts[2], out var status, out _))
            {
                skipped.Add(new SkippedRequest(relative, "not a <status>.<scenario>.json sample"));
                continue;
            }

            var endpoint = api[parts[0] + "/" + parts[1]] ?? EndpointOfManifest(api, System.IO.Path.GetDirectoryName(file)!);
            if (endpoint is null)
            {
                skipped.Add(new SkippedRequest(relative, "no fixture folder documents this endpoint"));
                continue;
            }

            answers.Add(Checked(endpoint, relative, status, File.ReadAllText(file)));
        }

        return new DriftReport(api.Directory, root, answers, skipped);
    }

    private static CheckedAnswer Checked(DocumentedEndpoint endpoint, string request, int status, string body)
    {
        var root = JsonParser.TryParse(body, out var error, out _);
        var scenario = endpoint.ScenarioOf(status, root);
        var (contradictions, notes) = MeaningJudge.Judge(endpoint, status, root, scenario);
        return new CheckedAnswer(request, status, endpoint.Key, scenario?.Name, [.. DriftChecker.Check(endpoint, status, root, error), .. contradictions], notes);
    }

    private static DocumentedEndpoint? EndpointOfManifest(DocumentedApi api, string folder)
    {
        var manifest = System.IO.Path.Combine(folder, "endpoint.json");
        if (!File.Exists(manifest) || JsonParser.TryParse(File.ReadAllText(manifest), out _, out _) is not { } root)
        {
            return null;
        }

        return root["method"]?.Text is { } method && root["path"]?.Text is { } path ? api.Find(method, path) : null;
    }

    private static string Synthesize(DocumentedEndpoint endpoint)
    {
        var path = endpoint.Path;
        var query = new List<string>();
        foreach (var parameter in endpoint.Model.Parameters.Where(p => p.Required))
        {
            var value = ValueFor(endpoint, parameter);
            if (parameter.InPath)
            {
                path = path.Replace("{" + parameter.JsonName + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }
            else
            {
                query.Add(Uri.EscapeDataString(parameter.JsonName) + "=" + Uri.EscapeDataString(value));
            }
        }

        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }

    private static string ValueFor(DocumentedEndpoint endpoint, ParameterModel parameter)
    {
        if (parameter.Default is { Length: > 0 } @default)
        {
            return @default;
        }

        foreach (var sample in endpoint.Input.Samples)
        {
            if (sample.Root is { } root && FindMember(root, parameter.JsonName, 0) is { } found)
            {
                return found;
            }
        }

        if (parameter.Range is { } range && range.Split("..")[0] is { Length: > 0 } minimum)
        {
            return minimum;
        }

        return parameter.Kind switch
        {
            ParameterKind.Enum when parameter.Values.Count > 0 => parameter.Values[0].WireValue,
            ParameterKind.List when parameter.Values.Count > 0 => parameter.Values[0].WireValue,
            ParameterKind.String => "example",
            _ => "1",
        };
    }

    private static string? FindMember(JsonNode node, string name, int depth)
    {
        if (depth > 8)
        {
            return null;
        }

        foreach (var member in node.Members)
        {
            if (member.Name == name && member.Value.Kind is JsonKind.String or JsonKind.Number)
            {
                return member.Value.Text;
            }

            if (FindMember(member.Value, name, depth + 1) is { } inner)
            {
                return inner;
            }
        }

        foreach (var item in node.Items)
        {
            if (FindMember(item, name, depth + 1) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
