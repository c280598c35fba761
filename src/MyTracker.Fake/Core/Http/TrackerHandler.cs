using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using MyTracker.Fake.Exports;
using MyTracker.Fake.Files;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Rules;
using WireMock.ResponseBuilders;

namespace MyTracker.Fake.Http;

/// <summary>
/// The generic core: answers every endpoint of the fixture set at its method and path, in a
/// middleware in front of WireMock.Net's matching (or, while users' own mappings exist or with
/// <see cref="FakeTrackerOptions.AnswerBeforeWireMock"/> off, from the callback of the catch-all
/// mapping). It checks <c>AuthHMAC</c> and the parameters against endpoint.json, picks the answer
/// (the <c>X-Fake-Scenario</c> header, a setup rule, the export lifecycle module for export-shaped
/// families, else the endpoint's default sample), serves the files its answers list, and injects
/// faults. WireMock.Net does hosting and transport. One partial file per concern.
/// </summary>
internal sealed partial class TrackerHandler
{
    public const string ScenarioHeader = "X-Fake-Scenario";

    private readonly FakeTrackerOptions _options;
    private readonly FixtureSet _fixtures;
    private readonly RequestJournal _journal;
    private readonly FaultPlan _faults;
    private readonly Dictionary<string, FakeApiUser> _users;
    private readonly ScenarioFixture? _notFound;

    public TrackerHandler(FakeTrackerOptions options, FixtureSet fixtures, ExportStore store, RequestJournal journal, FaultPlan faults)
    {
        _options = options;
        _fixtures = fixtures;
        _journal = journal;
        _faults = faults;
        _users = options.Users.ToDictionary(u => u.ApiUserId, StringComparer.Ordinal);
        Exports = new ExportLifecycle(this, options, ExportFamily.Detect(fixtures), store, faults);
        _notFound = fixtures.Endpoints.Select(e => e.WithStatus(404)).FirstOrDefault(s => s is not null);
        Files = new GeneratedFiles(options);
        Rules = new ScenarioRules();
    }

    public FixtureSet Fixtures => _fixtures;

    /// <summary>The export lifecycle module.</summary>
    public ExportLifecycle Exports { get; }

    /// <summary>Files listed by answers served from samples (outside the export lifecycle).</summary>
    public GeneratedFiles Files { get; }

    /// <summary>Answers chosen by setup code or scenario files, per endpoint and parameter values.</summary>
    public ScenarioRules Rules { get; }

    /// <summary>The base of download links (the API's own base URL unless another link host is set).</summary>
    public string LinkBase { get; set; } = string.Empty;

    /// <summary>
    /// Whether mappings of the user's own are registered with WireMock.Net: then every request goes
    /// through WireMock.Net's matching so they can override any answer (set by the fake, cheap to read).
    /// </summary>
    public Func<bool> UserMappingsExist { get; set; } = static () => false;

    /// <summary>An absolute URL of a sample moved onto the fake's link host, path and query kept.</summary>
    public string RewriteUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? LinkBase + uri.PathAndQuery.TrimStart('/') : url;

    // The request WireMock.Net is matching: its callbacks only see the request message, and the
    // fake needs the raw request line, the connection (to drop it), the body stream (to cut it) and
    // the body as read once in front of WireMock. Set by the middleware, read in the callback.
    private static readonly AsyncLocal<PassedOn?> CurrentRequest = new();

    private sealed record PassedOn(HttpContext Http, byte[] Body);

    /// <summary>The response of the fake's catch-all WireMock mapping.</summary>
    public IResponseBuilder ForAnyEndpoint() => Response.Create().WithCallback(async request =>
    {
        if (CurrentRequest.Value is not { } passed)
        {
            return Envelope(500, "Internal Server Error", "The fake tracker's middleware did not run for this request.").ToResponseMessage();
        }

        var (answer, _) = await HandleAsync(Classify(passed.Http), passed.Http, passed.Body).ConfigureAwait(false);
        return answer.ToResponseMessage();
    });

    /// <summary>
    /// What a request addresses: an endpoint of the fixtures (by method and decoded path, as any HTTP
    /// server routes), a file one of the fake's answers listed (by the raw path, looked up whole), or nothing.
    /// </summary>
    private Route Classify(HttpContext http)
    {
        var method = http.Request.Method;
        if (_fixtures.Route(method, http.Request.Path.Value ?? string.Empty) is { } endpoint)
        {
            return Exports.Claim(endpoint) is var (kind, family)
                ? new Route(kind, endpoint, family, null, null)
                : new Route(FakeEndpoint.Documented, endpoint, null, null, null);
        }

        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            var raw = Exchange.OriginForm(http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/");
            var question = raw.IndexOf('?');
            var path = question < 0 ? raw : raw[..question];
            if (Exports.FindFile(path) is { } file)
            {
                return new Route(FakeEndpoint.Download, null, file.Export.Family, file, null);
            }

            if (Files.Find(path) is { } generated)
            {
                return new Route(FakeEndpoint.Download, null, null, null, generated);
            }
        }

        return new Route(FakeEndpoint.Other, null, null, null, null);
    }

    /// <summary>
    /// The middleware in front of WireMock.Net's matching. Every body is read here first (a broken
    /// one is answered here, in the envelope). The fixtures' endpoints and files are answered here and
    /// written straight to the response, unless users' own WireMock mappings exist (they may override
    /// any answer) or <see cref="FakeTrackerOptions.AnswerBeforeWireMock"/> is off; everything else goes
    /// on to WireMock.Net with its HttpContext and body at hand for the catch-all mapping's callback.
    /// </summary>
    public async Task AnswerBeforeWireMockAsync(HttpContext http, RequestDelegate next)
    {
        var route = Classify(http);
        var read = await RequestBody.ReadAsync(http, route.Kind == FakeEndpoint.Other ? RequestBody.MaxPassThroughBytes : RequestBody.MaxApiBytes).ConfigureAwait(false);
        if (read.Gone is { } gone)
        {
            JournalBadBody(http, route, 0, gone);
            return;
        }

        if (read.Problem is { } problem)
        {
            JournalBadBody(http, route, problem.StatusCode, "broken request body");
            await WriteAsync(http, problem, chunked: false).ConfigureAwait(false);
            return;
        }

        var body = read.Bytes!;
        if (route.Kind == FakeEndpoint.Other || !_options.AnswerBeforeWireMock || UserMappingsExist())
        {
            await PassOnAsync(http, body, next).ConfigureAwait(false);
            return;
        }

        var (answer, exchange) = await HandleAsync(route, http, body).ConfigureAwait(false);
        if (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        // A clean-but-short body needs chunked framing; with a Content-Length the cut would be a transport error.
        await WriteAsync(http, answer, chunked: exchange.Record.Fault == FaultKind.TruncatedGzip).ConfigureAwait(false);
    }

    private async Task PassOnAsync(HttpContext http, byte[] body, RequestDelegate next)
    {
        if (AdminAccess.Refuse(http, _options) is { } refused)
        {
            await WriteAsync(http, refused, chunked: false).ConfigureAwait(false);
            return;
        }

        if (body.Length > 0)
        {
            // WireMock.Net reads the body again for its own request model; it gets the bytes already read.
            http.Request.Body = new MemoryStream(body, writable: false);
        }

        CurrentRequest.Value = new PassedOn(http, body);
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !http.Response.HasStarted)
        {
            // WireMock.Net's own handler would answer 500 with the serialized exception (stack trace, build paths).
            await WriteAsync(http, Envelope(500, "Internal Server Error", "The fake tracker failed on this request"), chunked: false).ConfigureAwait(false);
        }
        finally
        {
            CurrentRequest.Value = null;
        }
    }

    private static async Task WriteAsync(HttpContext http, HttpAnswer answer, bool chunked)
    {
        var response = http.Response;
        answer.WriteHead(response);
        if (!chunked)
        {
            response.ContentLength = answer.Body.Length;
        }

        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        try
        {
            await response.Body.WriteAsync(answer.Body, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // The client went away or a fault reset the connection: nothing left to answer.
        }
    }

    /// <summary>A request whose body could not be read is journaled like any other refusal.</summary>
    private void JournalBadBody(HttpContext http, Route route, int status, string detail)
    {
        var exchange = new Exchange(http, [], route, _options.TimeProvider.GetUtcNow());
        exchange.Record.Detail = detail;
        var record = exchange.ToJournal(_journal.NextSequence(), status, FakeOutcome.Invalid);
        _journal.Add(record);
        _options.OnRequest?.Invoke(new FakeRequest(record));
    }

    private async ValueTask<(HttpAnswer Answer, Exchange Exchange)> HandleAsync(Route route, HttpContext http, byte[] body)
    {
        var exchange = new Exchange(http, body, route, _options.TimeProvider.GetUtcNow());
        var sequence = _journal.NextSequence();
        Reply reply;
        try
        {
            reply = await AnswerAsync(exchange, route).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug here must still answer in the envelope, and say what went wrong.
            // The journal keeps what went wrong; the answer shows no exception text.
            exchange.Record.Detail = ex.GetType().Name + ": " + ex.Message;
            reply = new Reply(Envelope(500, "Internal Server Error", "The fake tracker failed on this request; its journal has the detail"), 500, FakeOutcome.Invalid);
        }

        var record = exchange.ToJournal(sequence, reply.Status, reply.Outcome);
        _journal.Add(record);
        _options.OnRequest?.Invoke(new FakeRequest(record));

        // Journaled first: a client that sees the reset and asserts at once must find the entry.
        if (reply.Drop)
        {
            http.Abort();
        }

        return (reply.Answer, exchange);
    }

    private ValueTask<Reply> AnswerAsync(Exchange exchange, Route route)
    {
        if (exchange.RawTarget.Length > _options.MaxRequestTargetLength)
        {
            exchange.Record.Detail = $"request target longer than {_options.MaxRequestTargetLength} characters";
            return ValueTask.FromResult(Invalid(414, "URI Too Long", "Request URI too long"));
        }

        if (_options.AllowScenarioHeader && exchange.Http.Request.Headers.TryGetValue(ScenarioHeader, out var scenario) && scenario.Count > 0)
        {
            return ValueTask.FromResult(AnswerScenario(exchange, route.Endpoint, scenario.ToString()));
        }

        return route.Kind switch
        {
            FakeEndpoint.Get or FakeEndpoint.Create or FakeEndpoint.Cancel or FakeEndpoint.Documented => AnswerEndpointAsync(exchange, route),
            FakeEndpoint.Download when route.File is { } file => Exports.AnswerDownloadAsync(exchange, file, QueryParameters.Parse(exchange.RawQuery)),
            FakeEndpoint.Download when route.Generated is { } generated => ValueTask.FromResult(Files.Answer(exchange, generated)),
            _ => ValueTask.FromResult(NotFound(exchange, LooksLikeFile(exchange.RawPath) ? "File not found" : "Not found")),
        };
    }

    /// <summary>A path where the fake lists files (a family's file directory, or a .gz/.csv name) that no answer listed.</summary>
    private bool LooksLikeFile(string rawPath) =>
        rawPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || rawPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        || Exports.Families.Values.Any(f => rawPath.StartsWith(f.FileDirectory, StringComparison.Ordinal));

    /// <summary>
    /// An endpoint of the fixtures: signature, then parameters against endpoint.json, then the answer:
    /// a setup rule for these parameter values, the export lifecycle for its families' endpoints, or the
    /// endpoint's default sample.
    /// </summary>
    private ValueTask<Reply> AnswerEndpointAsync(Exchange exchange, Route route)
    {
        var endpoint = route.Endpoint!;
        if (!Authenticate(exchange))
        {
            return ValueTask.FromResult(AccessDenied(endpoint));
        }

        var query = QueryParameters.Parse(exchange.RawQuery);
        var pathValues = endpoint.HasPathParameters ? endpoint.MatchPath(exchange.Http.Request.Path.Value ?? string.Empty) : null;
        if (ParameterCheck.Problem(query, pathValues, endpoint) is { } problem)
        {
            return ValueTask.FromResult(InvalidParameter(exchange, endpoint, problem));
        }

        if (Rules.Pick(endpoint, query, pathValues, exchange.Now, advance: !exchange.IsHead) is { } ruled)
        {
            return AnswerSampleAsync(exchange, endpoint, ruled, query, pathValues);
        }

        return route.Kind switch
        {
            FakeEndpoint.Get => Exports.AnswerStatusAsync(exchange, route.Family!, query),
            FakeEndpoint.Create => Exports.AnswerCreateAsync(exchange, route.Family!, query),
            FakeEndpoint.Cancel => Exports.AnswerCancelAsync(exchange, route.Family!, query),
            _ => AnswerSampleAsync(exchange, endpoint, endpoint.Default ?? endpoint.Ordered.FirstOrDefault(), query, pathValues),
        };
    }

    private bool DocumentedBytes => _options.ServeDocumentedBytes;

    internal Reply Fixture(ScenarioFixture fixture, TemplateValues values, FakeOutcome outcome) =>
        new(Json(fixture.Status, fixture.Pick(DocumentedBytes).Render(values)), fixture.Status, outcome);

    /// <summary>The documented 404: the first 404 sample of the fixtures with this detail, or the envelope.</summary>
    internal Reply NotFound(Exchange exchange, string detail)
    {
        exchange.Record.Detail ??= detail;
        return _notFound is { } notFound
            ? Fixture(notFound, new TemplateValues { Detail = detail }, FakeOutcome.NotFound)
            : new Reply(Envelope(404, "Not Found", detail), 404, FakeOutcome.NotFound);
    }

    /// <summary>
    /// The 400 for a parameter the manifest does not allow: modelled on the endpoint's own 400 sample, else
    /// on another of its 4xx samples that carries an error detail, else on its area's 400, else the envelope.
    /// </summary>
    internal Reply InvalidParameter(Exchange exchange, EndpointFixtures endpoint, string detail)
    {
        exchange.Record.Detail ??= detail;
        var model = endpoint.WithStatus(400)
            ?? endpoint.Ordered.FirstOrDefault(s => s.Status is >= 400 and <= 499 && s.Valid.HoleNames.Contains(HoleRoles.Detail))
            ?? _fixtures.Endpoints.Where(e => e.Area == endpoint.Area).Select(e => e.WithStatus(400)).FirstOrDefault(s => s is not null);
        if (model is null || !model.Valid.HoleNames.Contains(HoleRoles.Detail))
        {
            return new Reply(Envelope(400, "Bad Request", detail), 400, FakeOutcome.Invalid);
        }

        var values = model.Status == 400
            ? new TemplateValues { Detail = detail }
            : new TemplateValues { Detail = detail, Code = "400", Message = "Bad Request" };
        return new Reply(Json(400, model.Pick(DocumentedBytes).Render(values)), 400, FakeOutcome.Invalid);
    }

    /// <summary>The endpoint's documented 403, or the envelope with <c>data: null</c> as the API writes it.</summary>
    internal Reply AccessDenied(EndpointFixtures endpoint) =>
        endpoint.WithStatus(403) is { } denied
            ? Fixture(denied, new TemplateValues(), FakeOutcome.Refused)
            : new Reply(Envelope(403, "Access denied", null), 403, FakeOutcome.Refused);

    private static Reply Invalid(int status, string message, string detail) =>
        new(Envelope(status, message, detail), status, FakeOutcome.Invalid);

    internal static Reply Expired(Exchange exchange)
    {
        exchange.Record.Detail ??= "link expired";
        return new Reply(Envelope(410, "Gone", "Download link expired"), 410, FakeOutcome.Expired);
    }

    internal static HttpAnswer FileResponse(Exchange exchange, byte[] content, string contentType = "application/gzip") =>
        new HttpAnswer(200, contentType, content).WithHeader("Content-Disposition", $"attachment; filename=\"{exchange.Record.FileName}\"");

    /// <summary>A whole file as storage without range support answers it (also what the WireMock mapping export serves).</summary>
    internal static HttpAnswer WholeFile(string name, byte[] content) =>
        new HttpAnswer(200, "application/gzip", content).WithHeader("Content-Disposition", $"attachment; filename=\"{name}\"");

    /// <summary>An integer as the documentation writes it: ASCII digits with an optional sign, within a 64-bit range.</summary>
    internal static bool TryParseInteger(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 20)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(c is >= '0' and <= '9' || (i == 0 && c is '-' or '+' && text.Length > 1)))
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The documented error envelope for statuses the documentation has no sample of.</summary>
    internal static HttpAnswer Envelope(int status, string message, string? detail)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", status);
            writer.WriteString("message", message);
            if (detail is null)
            {
                writer.WriteNull("data");
            }
            else
            {
                writer.WriteStartObject("data");
                writer.WriteStartObject("error");
                writer.WriteString("detail", detail);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Json(status, buffer.ToArray());
    }

    internal static HttpAnswer Json(int status, byte[] body) => new(status, "application/json; charset=utf-8", body);

    internal static HttpAnswer Text(int status, string contentType, string body) => new(status, contentType, Encoding.UTF8.GetBytes(body));
}

/// <summary>What a request addresses: the kind, and the endpoint, family or file behind it.</summary>
internal readonly record struct Route(FakeEndpoint Kind, EndpointFixtures? Endpoint, ExportFamily? Family, ExportFile? File, GeneratedFile? Generated);
