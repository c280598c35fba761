using MyTracker.Client.Auth;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerHandler
{
    /// <summary>
    /// Checks the <c>AuthHMAC</c> signature against the URL exactly as sent and the user's secret
    /// (constant-time compare). Sets the authenticated user; never touches any state.
    /// </summary>
    private bool Authenticate(Exchange exchange)
    {
        var headers = exchange.Http.Request.Headers.Authorization;
        if (!_options.RequireAuthentication)
        {
            exchange.ApiUserId = headers.Count == 1 && AuthHmac.TryParseHeader(headers[0], out var claimed, out _) && _users.ContainsKey(claimed)
                ? claimed
                : _options.Users[0].ApiUserId;
            return true;
        }

        if (headers.Count == 0)
        {
            exchange.Detail = "no Authorization header";
            return false;
        }

        if (headers.Count > 1)
        {
            exchange.Detail = "more than one Authorization header";
            return false;
        }

        if (!AuthHmac.TryParseHeader(headers[0], out var apiUserId, out var signature))
        {
            exchange.Detail = "malformed Authorization header (expected 'AuthHMAC <user>:<base64 HMAC-SHA1>')";
            return false;
        }

        if (!_users.TryGetValue(apiUserId, out var user))
        {
            exchange.Detail = $"unknown API user '{apiUserId}'";
            return false;
        }

        var url = exchange.SignedUrl();
        if (url is null)
        {
            exchange.Detail = "request URL cannot be rebuilt";
            return false;
        }

        if (!AuthHmac.Verify(user.Secret, exchange.Method, url, exchange.Body, signature))
        {
            exchange.Detail = $"signature does not match {exchange.Method} {AuthHmac.CanonicalUrl(url)}";
            return false;
        }

        exchange.ApiUserId = apiUserId;
        return true;
    }
}
