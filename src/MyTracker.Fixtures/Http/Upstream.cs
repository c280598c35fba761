using System.Net;
using System.Net.Http.Headers;
using MyTracker.Client.Auth;

namespace MyTracker.Fixtures.Http;

/// <summary>What an upstream answered: status, content type, body and the headers worth passing on.</summary>
internal sealed record UpstreamAnswer(int Status, string? ContentType, byte[] Body, IReadOnlyList<KeyValuePair<string, string[]>> Headers);

/// <summary>
/// Calls the real API (or a fake standing in for it), signed as the client signs: <c>AuthHMAC</c> over the
/// exact URL sent. Shared by the recording proxy and the drift check, so both reach the upstream alike.
/// Redirects are not followed (a 3xx is an answer to pass on, and the signature is for one host).
/// </summary>
internal sealed class Upstream : IDisposable
{
    private readonly HttpClient _http;
    private readonly ApiCredentials? _credentials;

    public Upstream(Uri baseUrl, ApiCredentials? credentials, SecretScrubber scrubber, HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new FixturesException($"upstream '{baseUrl}' is not an http(s) URL");
        }

        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _credentials = credentials;
        Scrubber = scrubber;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        }, disposeHandler: handler is null)
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
        };
    }

    public Uri BaseUrl { get; }

    public SecretScrubber Scrubber { get; }

    /// <summary>The absolute URL of a request target (path and query, as the client sent it) below the upstream's base.</summary>
    public Uri UrlOf(string target) => new(BaseUrl.AbsoluteUri + target.TrimStart('/'));

    /// <summary>Sends one request and reads the whole answer.</summary>
    /// <exception cref="HttpRequestException">The upstream could not be reached.</exception>
    public async Task<UpstreamAnswer> SendAsync(
        string method, string target, byte[] body, string? contentType, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var url = UrlOf(target);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body.Length > 0 || method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var type))
            {
                request.Content.Headers.ContentType = type;
            }
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (_credentials is not null)
        {
            var authorization = AuthHmac.CreateHeaderValue(_credentials.ApiUserId, _credentials.SecretKey, method, url, body);
            Scrubber.Remember(authorization);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var passed = response.Headers.Concat(response.Content.Headers)
            .Where(h => !HopByHop.Contains(h.Key))
            .Select(h => new KeyValuePair<string, string[]>(h.Key, [.. h.Value]))
            .ToList();
        return new UpstreamAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), bytes, passed);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Headers that belong to one connection, or that the body as read (decompressed, whole) no longer matches.</summary>
    internal static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
        "Content-Length", "Content-Encoding",
    };
}
