using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.State;
using WireMock.ResponseBuilders;

namespace MyTracker.Fake.Http;

/// <summary>
/// Answers the fake's requests: the API's endpoints in a middleware in front of WireMock.Net's
/// matching (or, with <see cref="FakeTrackerOptions.AnswerBeforeWireMock"/> off, from the callback of
/// the catch-all mapping), everything else through that catch-all after WireMock.Net's own mappings.
/// WireMock.Net does hosting and transport; this class does authentication, state, faults and
/// bodies. One partial file per endpoint or concern.
/// </summary>
internal sealed partial class TrackerHandler
{
    public const string ScenarioHeader = "X-Fake-Scenario";
    public const string GetPath = "/api/segment/v1/export/get.json";
    public const string CreatePath = "/api/segment/v1/export/create.json";
    public const string DownloadPrefix = "/storage/download/segment/";

    private readonly FakeTrackerOptions _options;
    private readonly ExportStore _store;
    private readonly RequestJournal _journal;
    private readonly FaultPlan _faults;
    private readonly EndpointFixtures _get;
    private readonly EndpointFixtures _create;
    private readonly Dictionary<string, FakeApiUser> _users;

    public TrackerHandler(FakeTrackerOptions options, FixtureSet fixtures, ExportStore store, RequestJournal journal, FaultPlan faults)
    {
        _options = options;
        _store = store;
        _journal = journal;
        _faults = faults;
        _get = fixtures["segment-export/get"];
        _create = fixtures["segment-export/create"];
        _users = options.Users.ToDictionary(u => u.ApiUserId, StringComparer.Ordinal);
    }

    /// <summary>The base of download links (the API's own base URL unless another link host is set).</summary>
    public string LinkBase { get; set; } = string.Empty;

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

    /// <summary>Which endpoint a request addresses, by method and (decoded) path; downloads then look up the raw name.</summary>
    private static FakeEndpoint Classify(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        var method = http.Request.Method;

        // HEAD is answered as GET would be, without the body (and without moving any state).
        var get = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (get && path == GetPath)
        {
            return FakeEndpoint.Get;
        }

        if (HttpMethods.IsPost(method) && path == CreatePath)
        {
            return FakeEndpoint.Create;
        }

        return get && path.StartsWith("/storage/download/", StringComparison.Ordinal)
            ? FakeEndpoint.Download
            : FakeEndpoint.Other;
    }

    /// <summary>
    /// The middleware in front of WireMock.Net's matching. Every body is read here first (a broken
    /// one is answered here, in the envelope). With <see cref="FakeTrackerOptions.AnswerBeforeWireMock"/>
    /// the API's endpoints are answered here and written straight to the response; everything else
    /// (and every request without that option) goes on to WireMock.Net with its HttpContext and body
    /// at hand for the catch-all mapping's callback.
    /// </summary>
    public async Task AnswerBeforeWireMockAsync(HttpContext http, RequestDelegate next)
    {
        var endpoint = Classify(http);
        var read = await RequestBody.ReadAsync(http, endpoint == FakeEndpoint.Other ? RequestBody.MaxPassThroughBytes : RequestBody.MaxApiBytes).ConfigureAwait(false);
        if (read.Gone is { } gone)
        {
            JournalBadBody(http, endpoint, 0, gone);
            return;
        }

        if (read.Problem is { } problem)
        {
            JournalBadBody(http, endpoint, problem.StatusCode, "broken request body");
            await WriteAsync(http, problem, chunked: false).ConfigureAwait(false);
            return;
        }

        var body = read.Bytes!;
        if (endpoint == FakeEndpoint.Other || !_options.AnswerBeforeWireMock)
        {
            await PassOnAsync(http, body, next).ConfigureAwait(false);
            return;
        }

        var (answer, exchange) = await HandleAsync(endpoint, http, body).ConfigureAwait(false);
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
    private void JournalBadBody(HttpContext http, FakeEndpoint endpoint, int status, string detail)
    {
        var exchange = new Exchange(http, [], endpoint, _options.TimeProvider.GetUtcNow());
        exchange.Record.Detail = detail;
        var record = exchange.ToJournal(_journal.NextSequence(), status, FakeOutcome.Invalid);
        _journal.Add(record);
        _options.OnRequest?.Invoke(new FakeRequest(record));
    }

    private async ValueTask<(HttpAnswer Answer, Exchange Exchange)> HandleAsync(FakeEndpoint endpoint, HttpContext http, byte[] body)
    {
        var exchange = new Exchange(http, body, endpoint, _options.TimeProvider.GetUtcNow());
        var sequence = _journal.NextSequence();
        Reply reply;
        try
        {
            reply = await AnswerAsync(exchange).ConfigureAwait(false);
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

    private ValueTask<Reply> AnswerAsync(Exchange exchange)
    {
        if (exchange.RawTarget.Length > _options.MaxRequestTargetLength)
        {
            exchange.Record.Detail = $"request target longer than {_options.MaxRequestTargetLength} characters";
            return ValueTask.FromResult(Invalid(414, "URI Too Long", "Request URI too long"));
        }

        if (_options.AllowScenarioHeader && exchange.Http.Request.Headers.TryGetValue(ScenarioHeader, out var scenario) && scenario.Count > 0)
        {
            return ValueTask.FromResult(AnswerScenario(exchange, scenario.ToString()));
        }

        return exchange.Endpoint switch
        {
            FakeEndpoint.Get => AnswerGetAsync(exchange),
            FakeEndpoint.Create => AnswerCreateAsync(exchange),
            FakeEndpoint.Download => AnswerDownloadAsync(exchange),
            _ => ValueTask.FromResult(NotFound(exchange, "Not found")),
        };
    }

    private bool DocumentedBytes => _options.ServeDocumentedBytes;

    private Reply Fixture(ScenarioFixture fixture, TemplateValues values, FakeOutcome outcome) =>
        new(Json(fixture.Status, fixture.Pick(DocumentedBytes).Render(values)), fixture.Status, outcome);

    private Reply NotFound(Exchange exchange, string detail)
    {
        exchange.Record.Detail ??= detail;
        return Fixture(_get["not-found"], new TemplateValues { Detail = detail }, FakeOutcome.NotFound);
    }

    private Reply InvalidParameter(Exchange exchange, string detail)
    {
        exchange.Record.Detail ??= detail;
        return Fixture(_create["invalid-parameters"], new TemplateValues { Detail = detail }, FakeOutcome.Invalid);
    }

    private Reply AccessDenied(EndpointFixtures endpoint) =>
        Fixture(endpoint["access-denied"], new TemplateValues(), FakeOutcome.Refused);

    private static Reply Invalid(int status, string message, string detail) =>
        new(Envelope(status, message, detail), status, FakeOutcome.Invalid);

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
