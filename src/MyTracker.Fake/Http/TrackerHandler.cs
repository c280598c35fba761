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
    public const int MaxBodyBytes = 64 * 1024;

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

    // The HttpContext of the request WireMock.Net is matching: its callbacks only see the request
    // message, and the fake needs the raw request line, the connection (to drop it) and the body
    // stream (to cut it). Set by the middleware in front of WireMock, read in the callback.
    private static readonly AsyncLocal<HttpContext?> CurrentContext = new();

    /// <summary>The response of the fake's catch-all WireMock mapping.</summary>
    public IResponseBuilder ForAnyEndpoint() => Response.Create().WithCallback(async request =>
    {
        var http = CurrentContext.Value;
        if (http is null)
        {
            return Envelope(500, "Internal Server Error", "The fake tracker's middleware did not run for this request.").ToResponseMessage();
        }

        var (answer, _) = await HandleAsync(Classify(http), http, request.BodyAsBytes ?? []).ConfigureAwait(false);
        return answer.ToResponseMessage();
    });

    /// <summary>Which endpoint a request addresses, by method and (decoded) path; downloads then look up the raw name.</summary>
    private static FakeEndpoint Classify(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) && path == GetPath)
        {
            return FakeEndpoint.Get;
        }

        if (HttpMethods.IsPost(method) && path == CreatePath)
        {
            return FakeEndpoint.Create;
        }

        return HttpMethods.IsGet(method) && path.StartsWith("/storage/download/", StringComparison.Ordinal)
            ? FakeEndpoint.Download
            : FakeEndpoint.Other;
    }

    /// <summary>
    /// The middleware in front of WireMock.Net's matching. With <see cref="FakeTrackerOptions.AnswerBeforeWireMock"/>
    /// the API's endpoints are answered here and written straight to the response; everything else
    /// (and every request without that option) goes on to WireMock.Net with its HttpContext at hand
    /// for the catch-all mapping's callback.
    /// </summary>
    public async Task AnswerBeforeWireMockAsync(HttpContext http, RequestDelegate next)
    {
        var endpoint = Classify(http);
        if (endpoint == FakeEndpoint.Other || !_options.AnswerBeforeWireMock)
        {
            CurrentContext.Value = http;
            try
            {
                await next(http).ConfigureAwait(false);
            }
            finally
            {
                CurrentContext.Value = null;
            }

            return;
        }

        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        HttpAnswer answer;
        var chunked = false;
        if (body is null)
        {
            answer = Envelope(413, "Payload Too Large", $"Request body larger than {MaxBodyBytes} bytes");
        }
        else
        {
            (answer, var exchange) = await HandleAsync(endpoint, http, body).ConfigureAwait(false);
            if (http.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            // A clean-but-short body needs chunked framing; with a Content-Length the cut would be a transport error.
            chunked = exchange.Record.Fault == FaultKind.TruncatedGzip;
        }

        var response = http.Response;
        answer.WriteHead(response);
        if (!chunked)
        {
            response.ContentLength = answer.Body.Length;
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

    /// <summary>The body, or null when it is larger than the API could ever need (parameters travel in the query).</summary>
    private static async ValueTask<byte[]?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength == 0 || (http.Request.ContentLength is null && !HttpMethods.IsPost(http.Request.Method)))
        {
            return [];
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
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
            exchange.Record.Detail = ex.GetType().Name + ": " + ex.Message;
            reply = new Reply(Envelope(500, "Internal Server Error", "The fake tracker failed: " + ex.Message), 500, FakeOutcome.Invalid);
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
