using System.Net;

namespace MyTracker.Client.Http;

/// <summary>
/// Follows redirects itself (the transport below must not), so that every hop goes back through the
/// signing handler beneath it: a hop to the API origin is signed for its own URL, a hop anywhere else
/// carries no credentials. Only GET and HEAD are followed (a redirected create.json is returned
/// as is, never replayed), and https is never downgraded to http.
/// </summary>
internal sealed class SafeRedirectHandler : DelegatingHandler
{
    public const int MaxRedirects = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var current = request;
        for (var hop = 0; hop < MaxRedirects && NextHop(current, response) is { } next; hop++)
        {
            response.Dispose();
            current = next;
            response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private static HttpRequestMessage? NextHop(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect) ||
            (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head) ||
            response.Headers.Location is not { } location ||
            request.RequestUri is null)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri, location);
        if ((target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp) ||
            (request.RequestUri.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp))
        {
            return null;
        }

        var next = new HttpRequestMessage(request.Method, target) { Version = request.Version, VersionPolicy = request.VersionPolicy };

        // A file download stays a streamed download on its next hop (storage often redirects).
        if (request.Options.TryGetValue(RequestOptionKeys.StreamedBody, out var streamed))
        {
            next.Options.Set(RequestOptionKeys.StreamedBody, streamed);
        }

        foreach (var header in request.Headers)
        {
            // The credential is per URL and per origin: the signing handler below decides afresh.
            if (!string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase) &&
                !string.Equals(header.Key, "Cookie", StringComparison.OrdinalIgnoreCase))
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return next;
    }
}
