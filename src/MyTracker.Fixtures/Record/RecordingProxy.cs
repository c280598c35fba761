using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MyTracker.Fixtures.Http;
using MyTracker.Fixtures.Record;

namespace MyTracker.Fixtures;

/// <summary>What a <see cref="RecordingProxy"/> forwards to and where it writes.</summary>
public sealed record RecordingOptions
{
    /// <summary>The API root to forward to, e.g. <c>https://tracker.my.com/</c>.</summary>
    public required Uri Upstream { get; init; }

    /// <summary>The fixture folder new samples are written to (created when missing; what is in it stays).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Signs every forwarded request; null forwards them unsigned (a fake without authentication).</summary>
    public ApiCredentials? Credentials { get; init; }

    /// <summary>
    /// The documented fixtures whose endpoint folders and scenario names the recording follows; null uses
    /// what <see cref="OutputDirectory"/> already holds.
    /// </summary>
    public string? FixturesDirectory { get; init; }

    /// <summary>What is replaced before anything is written.</summary>
    public RedactionRules Redaction { get; init; } = RedactionRules.Default;

    /// <summary>The loopback address to listen on: <c>127.0.0.1</c> (default), <c>::1</c> or <c>localhost</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Gets one line per request (never a header, never the secret).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The clock for log lines and the dates in endpoint.json.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The HTTP handler towards the upstream (tests); null uses one that follows no redirects.</summary>
    public HttpMessageHandler? UpstreamHandler { get; init; }
}

/// <summary>
/// A recording proxy on loopback: a client (or curl) calls it instead of the API; it signs each request
/// with the real credentials, forwards it, answers with the upstream's answer, and writes each new
/// (endpoint, status, scenario) as a redacted sample. The client's own <c>Authorization</c> header is
/// dropped; the secret and every signature are kept out of every file and log line.
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    /// <summary>The largest request body forwarded (the Export API takes its parameters in the query).</summary>
    public const int MaxRequestBodyBytes = 1024 * 1024;

    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Host", "Cookie", "Accept-Encoding", "Expect", "Content-Type", "Content-Length",
        "Connection", "Keep-Alive", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    private readonly WebApplication _app;
    private readonly Upstream _upstream;
    private readonly SampleStore _store;
    private readonly RecordingOptions _options;

    private RecordingProxy(WebApplication app, Upstream upstream, SampleStore store, RecordingOptions options, Uri baseUrl)
    {
        _app = app;
        _upstream = upstream;
        _store = store;
        _options = options;
        BaseUrl = baseUrl;
    }

    /// <summary>Where clients send their requests, e.g. <c>http://127.0.0.1:5081/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The upstream requests go to.</summary>
    public Uri Upstream => _upstream.BaseUrl;

    /// <summary>The samples written so far, relative to the output folder (<c>segment-export/get/200.in-progress.json</c>).</summary>
    public IReadOnlyList<string> Written => _store.Written;

    /// <summary>Starts the proxy.</summary>
    /// <param name="options">Upstream, output folder, credentials, rules.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running proxy; dispose it to stop.</returns>
    /// <exception cref="FixturesException">A host that is not loopback, a bad upstream, a fixture folder the generator rejects, or a port in use.</exception>
    public static async Task<RecordingProxy> StartAsync(RecordingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = options.Host switch
        {
            "127.0.0.1" or "localhost" => IPAddress.Loopback,
            "::1" or "[::1]" => IPAddress.IPv6Loopback,
            _ => throw new FixturesException($"the recording proxy listens on loopback only (127.0.0.1, ::1 or localhost), not '{options.Host}'"),
        };

        var documentation = options.FixturesDirectory is { } fixtures
            ? DocumentedApi.Load(fixtures)
            : Directory.Exists(options.OutputDirectory) ? DocumentedApi.From(Folders.FixtureFolder.Load(options.OutputDirectory, allowEmpty: true)) : null;
        var scrubber = new SecretScrubber(options.Credentials);
        var upstream = new Upstream(options.Upstream, options.Credentials, scrubber, options.UpstreamHandler);
        var store = new SampleStore(options.OutputDirectory, documentation, new Redactor(options.Redaction), scrubber, upstream.BaseUrl, options.TimeProvider);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        RecordingProxy? proxy = null;
        app.Run(http => proxy!.HandleAsync(http));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            upstream.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw new FixturesException(string.Create(CultureInfo.InvariantCulture, $"port {options.Port} on {options.Host} is already in use; pick another with --port <n> (0 picks a free one)"), e);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        var host = address.Equals(IPAddress.IPv6Loopback) ? "[::1]" : "127.0.0.1";
        proxy = new RecordingProxy(app, upstream, store, options, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/")));
        return proxy;
    }

    /// <summary>Stops listening.</summary>
    /// <returns>A task that completes once stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw.StartsWith('/') ? raw : request.Path + request.QueryString;
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException)
        {
            Log(request.Method, target, "413 (body too large, not forwarded)");
            await AnswerAsync(http, 413, "Payload Too Large", $"request body larger than {MaxRequestBodyBytes} bytes").ConfigureAwait(false);
            return;
        }

        var headers = request.Headers
            .Where(h => !NotForwarded.Contains(h.Key))
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? string.Empty)))
            .ToList();
        UpstreamAnswer answer;
        try
        {
            answer = await _upstream.SendAsync(request.Method, target, body, request.ContentType, headers, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !http.RequestAborted.IsCancellationRequested))
        {
            Log(request.Method, target, $"502 (upstream unreachable: {e.Message.ReplaceLineEndings(" ")})");
            await AnswerAsync(http, 502, "Bad Gateway", $"the upstream {_upstream.BaseUrl} could not be reached").ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // Recorded and logged before it is answered: once the client has the answer, its sample and log line exist.
        string what;
        try
        {
            var (outcome, file) = _store.Record(request.Method, target, answer.Status, answer.Body);
            what = outcome switch
            {
                RecordOutcome.Written => "wrote " + file,
                RecordOutcome.Known => "already recorded: " + file,
                RecordOutcome.NotJson => "not JSON, not recorded",
                _ => "the path names no <area>/<endpoint> folder, not recorded",
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The client still gets its answer; the recording of it failed, and says why rather than vanish.
            what = "not recorded: " + e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" ");
        }

        Log(request.Method, target, answer.Status.ToString(CultureInfo.InvariantCulture) + " " + what);
        var response = http.Response;
        response.StatusCode = answer.Status;
        foreach (var (name, values) in answer.Headers)
        {
            response.Headers[name] = values;
        }

        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private void Log(string method, string target, string what)
    {
        var time = _options.TimeProvider.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        _options.Log?.Invoke(_upstream.Scrubber.Scrub($"{time} {method} {target} -> {what}"));
    }

    private static async Task AnswerAsync(HttpContext http, int status, string message, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        var envelope = new System.Text.Json.Nodes.JsonObject
        {
            ["code"] = status,
            ["message"] = message,
            ["data"] = new System.Text.Json.Nodes.JsonObject { ["error"] = new System.Text.Json.Nodes.JsonObject { ["detail"] = detail } },
        };
        var body = Encoding.UTF8.GetBytes(envelope.ToJsonString());
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }
}
