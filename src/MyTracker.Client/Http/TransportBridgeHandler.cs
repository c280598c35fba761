namespace MyTracker.Client.Http;

/// <summary>
/// Lets a caller's <see cref="HttpClient"/> act as the transport under the client's own handlers.
/// An <see cref="HttpRequestMessage"/> may go through only one <see cref="HttpClient"/>, so each request
/// is copied (method, URL, headers, the same content) before it is handed over.
/// </summary>
internal sealed class TransportBridgeHandler(HttpClient transport) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A cancelled request must not reach the wire: create.json could otherwise start an export nobody waits for.
        cancellationToken.ThrowIfCancellationRequested();
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Content = request.Content,
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return transport.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        // The transport belongs to whoever passed it in (often IHttpClientFactory): never dispose it here.
        base.Dispose(disposing);
    }
}
