using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Dashboard;

/// <summary>
/// The dashboard's requests, on its own port. Reads: the page and its embedded assets, the event stream
/// and signed curl lines. Writes (POST, JSON): next answer, ending, fault, reset. Guarded so a page of
/// another site can neither read nor change anything:
/// <list type="bullet">
/// <item>the Host header must name the dashboard itself (a DNS-rebinding page names its own host);</item>
/// <item>a write needs the per-process token in <see cref="TokenHeader"/> (a custom header: a form or a
/// simple cross-site request cannot send one, and a preflight is never granted), a JSON content type,
/// and an <c>Origin</c>/<c>Sec-Fetch-Site</c>, when sent, of the dashboard's own origin;</item>
/// <item>off loopback, every request needs the admin credentials as basic auth.</item>
/// </list>
/// </summary>
internal sealed class DashboardHttp(FakeTracker fake, DashboardFeed feed, string token, bool loopback, Func<FakeDashboard> dashboard)
{
    public const string TokenHeader = "X-Fake-Dashboard-Token";

    private const int MaxBody = 4096;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The dashboard's own <c>host:port</c>, set once it listens.</summary>
    public string Authority { get; set; } = string.Empty;

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";

        if (!loopback && !AdminAccess.Presents(request, fake.Options))
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"fake-tracker dashboard\", charset=\"UTF-8\"";
            await ProblemAsync(http, 401, "the dashboard off loopback needs the admin credentials (basic auth)").ConfigureAwait(false);
            return;
        }

        if (!IsOwnHost(request.Host.Value))
        {
            await ProblemAsync(http, 403, "the Host header does not name this dashboard").ConfigureAwait(false);
            return;
        }

        var path = request.Path.Value ?? "/";
        if (HttpMethods.IsPost(request.Method))
        {
            await WriteAsync(http, path).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.Headers.Allow = "GET, HEAD, POST";
            await ProblemAsync(http, 405, "the dashboard answers GET and POST only").ConfigureAwait(false);
            return;
        }

        switch (path)
        {
            case "/" or "/_dashboard":
                response.StatusCode = 302;
                response.Headers.Location = FakeDashboard.PathBase;
                return;
            case FakeDashboard.PathBase:
                await AssetAsync(http, "index.html").ConfigureAwait(false);
                return;
            case FakeDashboard.PathBase + "dashboard.js":
                await AssetAsync(http, "dashboard.js").ConfigureAwait(false);
                return;
            case FakeDashboard.PathBase + "dashboard.css":
                await AssetAsync(http, "dashboard.css").ConfigureAwait(false);
                return;
            case FakeDashboard.PathBase + "events":
                await EventsAsync(http).ConfigureAwait(false);
                return;
            case FakeDashboard.PathBase + "api/curl":
                await CurlAsync(http).ConfigureAwait(false);
                return;
            default:
                await ProblemAsync(http, 404, "not a dashboard path").ConfigureAwait(false);
                return;
        }
    }

    private bool IsOwnHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        if (string.Equals(host, Authority, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // On loopback the same port under the other loopback spellings; off loopback basic auth guards.
        var port = Authority[(Authority.LastIndexOf(':') + 1)..];
        return !loopback
            || host.Equals("127.0.0.1:" + port, StringComparison.Ordinal)
            || host.Equals("localhost:" + port, StringComparison.OrdinalIgnoreCase)
            || host.Equals("[::1]:" + port, StringComparison.Ordinal);
    }

    private async Task WriteAsync(HttpContext http, string path)
    {
        var request = http.Request;
        if (CrossSite(request) is { } refusal)
        {
            await ProblemAsync(http, 403, refusal).ConfigureAwait(false);
            return;
        }

        JsonElement body;
        try
        {
            body = await ReadJsonAsync(request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            await ProblemAsync(http, 400, "the body must be one JSON object of at most 4 KB").ConfigureAwait(false);
            return;
        }

        string message;
        try
        {
            message = path switch
            {
                FakeDashboard.PathBase + "api/next-answer" => DashboardControls.NextAnswer(fake, body),
                FakeDashboard.PathBase + "api/ending" => DashboardControls.Ending(fake, body),
                FakeDashboard.PathBase + "api/fault" => DashboardControls.ArmFault(fake, body),
                FakeDashboard.PathBase + "api/reset" => Reset(),
                _ => throw new DashboardProblem("not a dashboard control"),
            };
        }
        catch (DashboardProblem problem)
        {
            await ProblemAsync(http, 400, problem.Message).ConfigureAwait(false);
            return;
        }

        feed.Changed();
        await JsonAsync(http, 200, json => json.WriteString("message", message)).ConfigureAwait(false);
    }

    private string Reset()
    {
        fake.Reset();
        dashboard().AfterReset?.Invoke(fake);
        feed.Changed(reset: true);
        return "Reset: exports, rules, faults and the journal start over.";
    }

    /// <summary>Why a write is refused as possibly cross-site, or null.</summary>
    private string? CrossSite(HttpRequest request)
    {
        var presented = request.Headers[TokenHeader];
        if (presented.Count != 1
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented[0] ?? string.Empty), Encoding.ASCII.GetBytes(token)))
        {
            return $"a dashboard control needs the page's {TokenHeader} header";
        }

        if (request.Headers.Origin is { Count: > 0 } origin && !string.Equals(origin[0], "http://" + request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return "the Origin is not this dashboard";
        }

        if (request.Headers["Sec-Fetch-Site"] is { Count: > 0 } site && site[0] is not ("same-origin" or "none"))
        {
            return "the request does not come from this dashboard's page";
        }

        return request.ContentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            ? null
            : "a dashboard control takes application/json";
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBody)
        {
            throw new InvalidDataException();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBody)
            {
                throw new InvalidDataException();
            }
        }

        using var document = JsonDocument.Parse(buffer.Length == 0 ? "{}"u8.ToArray() : buffer.ToArray());
        return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : throw new InvalidDataException();
    }

    private async Task CurlAsync(HttpContext http)
    {
        var query = http.Request.Query;
        try
        {
            var (curl, method, url) = DashboardControls.Curl(fake, query["endpoint"].ToString(), query["user"].ToString(), query["target"].ToString());
            await JsonAsync(http, 200, json =>
            {
                json.WriteString("curl", curl);
                json.WriteString("method", method);
                json.WriteString("url", url);
            }).ConfigureAwait(false);
        }
        catch (DashboardProblem problem)
        {
            await ProblemAsync(http, 400, problem.Message).ConfigureAwait(false);
        }
    }

    private async Task EventsAsync(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var page = feed.Subscribe();
        try
        {
            // A retry hint for EventSource, then every message as one "state" event.
            await response.WriteAsync("retry: 1000\n\n", http.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            while (!http.RequestAborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                wait.CancelAfter(KeepAlive);
                string? message = null;
                try
                {
                    if (!await page.Messages.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    {
                        break;
                    }

                    page.Messages.TryRead(out message);
                }
                catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                {
                    // Quiet for a while: a comment keeps proxies and the browser from timing out.
                }

                await response.WriteAsync(message is null ? ": keep-alive\n\n" : "event: state\ndata: " + message + "\n\n", http.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The page went away.
        }
        finally
        {
            feed.Unsubscribe(page);
        }
    }

    private async Task AssetAsync(HttpContext http, string name)
    {
        var (bytes, type) = DashboardAssets.Get(name, token);
        var response = http.Response;
        response.ContentType = type;

        // Scripts and styles from this origin only, no inline script, no framing, calls to itself only.
        response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Task ProblemAsync(HttpContext http, int status, string detail) =>
        JsonAsync(http, status, json => json.WriteString("error", detail));

    private static async Task JsonAsync(HttpContext http, int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>The page's files, embedded in the assembly (no CDN, works offline); the page gets the token in a meta tag.</summary>
internal static class DashboardAssets
{
    private static readonly Dictionary<string, byte[]> Cache = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static (byte[] Bytes, string ContentType) Get(string name, string token)
    {
        var raw = Load(name);
        return name switch
        {
            "index.html" => (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(raw).Replace("{{TOKEN}}", token, StringComparison.Ordinal)), "text/html; charset=utf-8"),
            _ when name.EndsWith(".js", StringComparison.Ordinal) => (raw, "text/javascript; charset=utf-8"),
            _ => (raw, "text/css; charset=utf-8"),
        };
    }

    private static byte[] Load(string name)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(name, out var bytes))
            {
                using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("dashboard/" + name)
                    ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The dashboard asset {name} is not embedded."));
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
                Cache[name] = bytes;
            }

            return bytes;
        }
    }
}
