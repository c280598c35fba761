using System.Net.Http.Headers;

namespace MyTracker.Client.Auth;

/// <summary>
/// Signs requests with <c>AuthHMAC</c>, but only those whose scheme, host and port are the API's.
/// A request to any other host (an object-storage download link, a redirect target) leaves without
/// credentials, and an <c>AuthHMAC</c> header someone else put on it is removed.
/// </summary>
public sealed class AuthHmacHandler : DelegatingHandler
{
    private readonly Uri _apiBaseAddress;
    private readonly string _apiUserId;
    private readonly string _secretKey;

    /// <summary>Creates a handler that signs for one API origin.</summary>
    /// <param name="apiBaseAddress">The API root; its scheme, host and port decide what is signed.</param>
    /// <param name="apiUserId">The API user id.</param>
    /// <param name="secretKey">The secret key.</param>
    public AuthHmacHandler(Uri apiBaseAddress, string apiUserId, string secretKey)
    {
        ArgumentNullException.ThrowIfNull(apiBaseAddress);
        ArgumentException.ThrowIfNullOrEmpty(apiUserId);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        if (!apiBaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The API base address must be absolute.", nameof(apiBaseAddress));
        }

        _apiBaseAddress = apiBaseAddress;
        _apiUserId = apiUserId;
        _secretKey = secretKey;
    }

    /// <summary>Creates a handler from client options.</summary>
    /// <param name="options">Base address and credentials.</param>
    public AuthHmacHandler(MyTrackerClientOptions options)
        : this(NotNull(options).BaseAddress, options.ApiUserId, options.SecretKey)
    {
    }

    /// <summary>Whether <paramref name="url"/> is on the API origin (same scheme, host and port).</summary>
    /// <param name="apiBaseAddress">The API root.</param>
    /// <param name="url">The URL to check.</param>
    /// <returns>True only for the same origin.</returns>
    public static bool IsApiOrigin(Uri apiBaseAddress, Uri? url) =>
        url is { IsAbsoluteUri: true } &&
        string.Equals(url.Scheme, apiBaseAddress.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(url.IdnHost, apiBaseAddress.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        url.Port == apiBaseAddress.Port;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Prepare(request))
        {
            var body = request.Content is null
                ? []
                : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            Sign(request, body);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Prepare(request))
        {
            if (request.Content is not null and not ByteArrayContent)
            {
                // Reading an arbitrary stream synchronously would consume it; API calls never need that.
                throw new NotSupportedException("Synchronous signing supports only buffered (ByteArrayContent) bodies; use SendAsync.");
            }

            using var buffer = new MemoryStream();
            request.Content?.ReadAsStream(cancellationToken).CopyTo(buffer);
            Sign(request, buffer.ToArray());
        }

        return base.Send(request, cancellationToken);
    }

    private static MyTrackerClientOptions NotNull(MyTrackerClientOptions options) =>
        options ?? throw new ArgumentNullException(nameof(options));

    private bool Prepare(HttpRequestMessage request)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } url)
        {
            throw new InvalidOperationException("AuthHmacHandler needs an absolute request URL (set HttpClient.BaseAddress).");
        }

        if (IsApiOrigin(_apiBaseAddress, url))
        {
            return true;
        }

        if (request.Headers.Authorization?.Scheme == AuthHmac.Scheme)
        {
            request.Headers.Authorization = null;
        }

        return false;
    }

    private void Sign(HttpRequestMessage request, byte[] body)
    {
        var header = AuthHmac.CreateHeaderValue(_apiUserId, _secretKey, request.Method.Method, request.RequestUri!, body);
        request.Headers.Authorization = new AuthenticationHeaderValue(AuthHmac.Scheme, header[(AuthHmac.Scheme.Length + 1)..]);
    }
}
