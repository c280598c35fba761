using Microsoft.AspNetCore.Http;
using MyTracker.Fake.Files;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Rules;
using WireMock.ResponseBuilders;

namespace MyTracker.Fake.Http;

/// <summary>
/// The fake's request handling, one request in one direction, in a middleware in front of WireMock.Net's
/// matching: classify, body, scenario header, authenticate, parameters, setup rules, a module or the
/// documented sample, journal, write (<see cref="InvokeAsync"/> and <see cref="AnswerAsync"/> read in
/// that order). Modules (<see cref="ITrackerModule"/>: the export lifecycle, listed files, ...) claim
/// requests in the classify step and answer them with the core's <see cref="TrackerServices"/>.
/// WireMock.Net does hosting, transport, its admin API and users' own mappings; while users' own
/// mappings exist (or with <see cref="FakeTrackerOptions.AnswerBeforeWireMock"/> off) it matches first,
/// and the catch-all mapping's callback resumes this pipeline for the request as classified.
/// </summary>
internal sealed partial class TrackerPipeline
{
    public const string ScenarioHeader = "X-Fake-Scenario";

    private static readonly HttpAnswer Nothing = new(0, "text/plain", []);

    private readonly FakeTrackerOptions _options;
    private readonly FixtureSet _fixtures;
    private readonly RequestJournal _journal;
    private readonly TrackerServices _services;
    private readonly ScenarioRules _rules;
    private readonly GeneratedFiles _listedFiles;
    private readonly ITrackerModule[] _modules;

    /// <param name="options">The fake's settings.</param>
    /// <param name="fixtures">The endpoints served.</param>
    /// <param name="journal">Where every answered request is recorded.</param>
    /// <param name="services">The core's services, handed to every module.</param>
    /// <param name="rules">Answers chosen by setup.</param>
    /// <param name="listedFiles">Where the files that answers served from samples list are kept (the listed-files module serves them).</param>
    /// <param name="modules">The modules, in the order they are asked to claim a request.</param>
    public TrackerPipeline(FakeTrackerOptions options, FixtureSet fixtures, RequestJournal journal, TrackerServices services, ScenarioRules rules, GeneratedFiles listedFiles, IReadOnlyList<ITrackerModule> modules)
    {
        _options = options;
        _fixtures = fixtures;
        _journal = journal;
        _services = services;
        _rules = rules;
        _listedFiles = listedFiles;
        _modules = [.. modules];
    }

    /// <summary>
    /// Whether mappings of the user's own are registered with WireMock.Net: then every request goes
    /// through WireMock.Net's matching so they can override any answer (set by the fake, cheap to read).
    /// </summary>
    public Func<bool> UserMappingsExist { get; set; } = static () => false;

    /// <summary>The middleware in front of WireMock.Net's matching: the whole way of one request.</summary>
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        // 1. Classify, once: an endpoint of the fixtures, what a module claims, or nothing of the fake's.
        var route = Classify(http);

        // 2. The body, read once before anything else sees it: a broken one is answered here, in the envelope.
        var read = await RequestBody.ReadAsync(http, route.Kind == FakeEndpointKinds.None ? RequestBody.MaxPassThroughBytes : RequestBody.MaxApiBytes).ConfigureAwait(false);
        if (read.Bytes is not { } body)
        {
            await RefuseBodyAsync(http, route, read).ConfigureAwait(false);
            return;
        }

        // WireMock.Net first for what the fake does not serve, and for everything while users' own
        // mappings exist (they may override any answer): its catch-all mapping resumes at step 3.
        if (route.Kind == FakeEndpointKinds.None || !_options.AnswerBeforeWireMock || UserMappingsExist())
        {
            await PassOnAsync(http, route, body, next).ConfigureAwait(false);
            return;
        }

        // 3-8. Scenario header, authenticate, parameters, rules, module or sample (AnswerAsync); journal.
        var (reply, exchange) = await HandleAsync(http, route, body).ConfigureAwait(false);
        if (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        // 9. Write. A clean-but-short body needs chunked framing; with a Content-Length the cut would be a transport error.
        await WriteAsync(http, reply.Answer, chunked: exchange.Fault == FaultKind.TruncatedGzip).ConfigureAwait(false);
    }

    /// <summary>The answer, journaled: steps 3 to 8, for the middleware and for WireMock.Net's catch-all mapping alike.</summary>
    private async ValueTask<(Reply Reply, Exchange Exchange)> HandleAsync(HttpContext http, Route route, byte[] body)
    {
        var exchange = new Exchange(http, body, route, _options.TimeProvider.GetUtcNow(), _journal.NextSequence());
        Reply reply;
        try
        {
            reply = await AnswerAsync(exchange).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug here must still answer in the envelope; the journal keeps what went wrong, the answer shows no exception text.
            exchange.Failed(ex);
            reply = new Reply(Answers.Envelope(500, "Internal Server Error", "The fake tracker failed on this request; its journal has the detail"), 500, FakeOutcome.Invalid);
        }

        // 8. Journal, before a dropped connection is reset: a client that sees the reset and asserts at once must find the entry.
        Journal(exchange, reply);
        if (reply.Drop)
        {
            http.Abort();
        }

        return (reply, exchange);
    }

    /// <summary>Steps 3 to 7: what answers the request, in this order, the first that applies.</summary>
    private ValueTask<Reply> AnswerAsync(Exchange exchange)
    {
        var route = exchange.Route;
        if (exchange.RawTarget.Length > _options.MaxRequestTargetLength)
        {
            exchange.Note($"request target longer than {_options.MaxRequestTargetLength} characters");
            return ValueTask.FromResult(new Reply(Answers.Envelope(414, "URI Too Long", "Request URI too long"), 414, FakeOutcome.Invalid));
        }

        // 3. X-Fake-Scenario: one sample or fault for this one call, without authentication or state.
        if (_options.AllowScenarioHeader && exchange.Http.Request.Headers.TryGetValue(ScenarioHeader, out var scenario) && scenario.Count > 0)
        {
            return ValueTask.FromResult(AnswerScenario(exchange, route.Endpoint, scenario.ToString()));
        }

        // A path of a module's own (a listed file) goes to it as it came; nothing's is the documented 404.
        if (route.Endpoint is not { } endpoint)
        {
            return route.Module is { } owner ? owner.AnswerAsync(exchange, route.Claim, _services) : ValueTask.FromResult(NotFound(exchange));
        }

        // 4. AuthHMAC as sent.
        if (!_services.Authenticate(exchange))
        {
            return ValueTask.FromResult(_services.AccessDenied(endpoint.WithStatus(403)));
        }

        // 5. The parameters against endpoint.json.
        if (endpoint.HasPathParameters)
        {
            exchange.PathValues = endpoint.MatchPath(exchange.Http.Request.Path.Value ?? string.Empty);
        }

        if (ParameterCheck.Problem(exchange.Query, exchange.PathValues, endpoint, exchange.Now) is { } problem)
        {
            return ValueTask.FromResult(_services.InvalidParameter(exchange, endpoint, problem));
        }

        // 6. A setup rule for this endpoint and these parameter values.
        if (_rules.Pick(endpoint, exchange.Query, exchange.PathValues, exchange.Now, advance: !exchange.IsHead) is { } ruled)
        {
            return AnswerSampleAsync(exchange, endpoint, ruled);
        }

        // 7. The module that claimed the endpoint, else the endpoint's default sample.
        return route.Module is { } module
            ? module.AnswerAsync(exchange, route.Claim, _services)
            : AnswerSampleAsync(exchange, endpoint, endpoint.Default ?? endpoint.Ordered.FirstOrDefault());
    }

    /// <summary>The documented 404 for a request nothing claimed; a module says when the path lies where it serves files.</summary>
    private Reply NotFound(Exchange exchange)
    {
        var rawPath = exchange.RawPath;
        string? detail = null;
        foreach (var module in _modules)
        {
            detail ??= module.NotFoundDetail(rawPath);
        }

        return _services.NotFound(exchange, detail ?? "Not found");
    }

    private void Journal(Exchange exchange, Reply reply)
    {
        var record = _journal.Record(exchange, reply);
        _options.OnRequest?.Invoke(new FakeRequest(record));
    }

    /// <summary>A request whose body could not be read: journaled like any other refusal, answered when someone is left to answer.</summary>
    private async Task RefuseBodyAsync(HttpContext http, Route route, RequestBody.Result read)
    {
        var exchange = new Exchange(http, [], route, _options.TimeProvider.GetUtcNow(), _journal.NextSequence());
        exchange.Note(read.Gone ?? "broken request body");
        Journal(exchange, new Reply(read.Problem ?? Nothing, read.Problem?.StatusCode ?? 0, FakeOutcome.Invalid));
        if (read.Problem is { } problem)
        {
            await WriteAsync(http, problem, chunked: false).ConfigureAwait(false);
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

    // The request WireMock.Net is matching: its callbacks only see the request message, and the
    // pipeline needs the request as classified, the raw request line, the connection (to drop it),
    // the body stream (to cut it) and the body as read once. Set before WireMock.Net runs, read in
    // the catch-all mapping's callback: the request is not classified again.
    private static readonly AsyncLocal<PassedOn?> CurrentRequest = new();

    private sealed record PassedOn(HttpContext Http, Route Route, byte[] Body);

    private async Task PassOnAsync(HttpContext http, Route route, byte[] body, RequestDelegate next)
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

        CurrentRequest.Value = new PassedOn(http, route, body);
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !http.Response.HasStarted)
        {
            // WireMock.Net's own handler would answer 500 with the serialized exception (stack trace, build paths).
            await WriteAsync(http, Answers.Envelope(500, "Internal Server Error", "The fake tracker failed on this request"), chunked: false).ConfigureAwait(false);
        }
        finally
        {
            CurrentRequest.Value = null;
        }
    }

    /// <summary>The response of the fake's catch-all WireMock mapping: steps 3 to 8 for the request the middleware classified; WireMock.Net writes it.</summary>
    public IResponseBuilder ForAnyEndpoint() => Response.Create().WithCallback(async request =>
    {
        if (CurrentRequest.Value is not { } passed)
        {
            return Answers.Envelope(500, "Internal Server Error", "The fake tracker's middleware did not run for this request.").ToResponseMessage();
        }

        var (reply, _) = await HandleAsync(passed.Http, passed.Route, passed.Body).ConfigureAwait(false);
        return reply.Answer.ToResponseMessage();
    });
}
