using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MyTracker.Client.Auth;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerServices
{
    private const int MaxRememberedSignatures = 10_000;
    private readonly ConcurrentDictionary<SignedRequest, byte[]> _expectedSignatures = new();

    /// <summary>
    /// Checks the <c>AuthHMAC</c> signature against the URL exactly as sent (<see cref="SignedText"/>) and the user's secret
    /// (constant-time compare). Sets the authenticated user; never touches any state.
    /// </summary>
    public bool Authenticate(Exchange exchange)
    {
        var headers = exchange.Http.Request.Headers.Authorization;
        if (!_options.RequireAuthentication)
        {
            exchange.Authenticated(headers.Count == 1 && AuthHmac.TryParseHeader(headers[0], out var claimed, out _) && _users.TryGetValue(claimed, out var known)
                ? known.ApiUserId
                : _options.Users[0].ApiUserId);
            return true;
        }

        if (headers.Count == 0)
        {
            exchange.Note("no Authorization header");
            return false;
        }

        if (headers.Count > 1)
        {
            exchange.Note("more than one Authorization header");
            return false;
        }

        if (!AuthHmac.TryParseHeader(headers[0], out var apiUserId, out var signature))
        {
            exchange.Note("malformed Authorization header (expected 'AuthHMAC <user>:<base64 HMAC-SHA1>')");
            return false;
        }

        if (!_users.TryGetValue(apiUserId, out var user))
        {
            exchange.Note($"unknown API user '{apiUserId}'");
            return false;
        }

        var expected = ExpectedSignature(exchange, user);

        // TryParseHeader accepted it as base64 of 20 bytes: short ASCII, so the stack holds it (a
        // longer one cannot equal the 28 expected bytes anyway).
        Span<byte> presented = stackalloc byte[128];
        if (signature.Length > presented.Length
            || !CryptographicOperations.FixedTimeEquals(expected, presented[..Encoding.ASCII.GetBytes(signature, presented)]))
        {
            exchange.Note($"signature does not match {exchange.Method} {exchange.SignedUrl()} (signed as sent, nothing normalized)");
            return false;
        }

        // The configured user's own string, not the header's copy: the journal keeps it.
        exchange.Authenticated(user.ApiUserId);
        return true;
    }

    /// <summary>
    /// The signature the request must carry. AuthHMAC has no nonce or timestamp, so the same user,
    /// method and URL always sign to the same value: it is computed once per (user, method, URL) and
    /// remembered (bodies are rare and not cached), which took HMAC and URL parsing off the polling
    /// path (measured ~25 us of ~75 us CPU per request). The compare stays constant-time.
    /// </summary>
    private byte[] ExpectedSignature(Exchange exchange, FakeApiUser user)
    {
        SignedRequest? key = null;
        if (exchange.Body.Length == 0)
        {
            key = new SignedRequest(user.ApiUserId, exchange.Method, exchange.AbsoluteOrigin ?? exchange.Http.Request.Host.Value ?? string.Empty, exchange.RawTarget);
            if (_expectedSignatures.TryGetValue(key.Value, out var known))
            {
                return known;
            }
        }

        var expected = Encoding.ASCII.GetBytes(AuthHmac.ComputeSignature(user.Secret, SignedText.Baseline(exchange.Method, exchange.SignedUrl(), exchange.Body)));
        if (key is { } signed)
        {
            if (_expectedSignatures.Count >= MaxRememberedSignatures)
            {
                _expectedSignatures.Clear();
            }

            _expectedSignatures[signed] = expected;
        }

        return expected;
    }

    /// <summary>What a body-less signature covers; a struct key, so a cache hit allocates nothing.</summary>
    private readonly record struct SignedRequest(string ApiUserId, string Method, string Authority, string Target);
}
