using System.Security.Cryptography;
using System.Text;

namespace MyTracker.Client.Auth;

/// <summary>
/// The myTracker <c>AuthHMAC</c> request signature: HMAC-SHA1 over
/// <c>METHOD&amp;enc(url)&amp;enc(body)</c>, sent as <c>Authorization: AuthHMAC &lt;user&gt;:&lt;base64&gt;</c>.
/// Shared by the client (to sign) and the fake tracker (to verify), so both agree by construction.
/// </summary>
public static class AuthHmac
{
    /// <summary>The scheme word of the <c>Authorization</c> header.</summary>
    public const string Scheme = "AuthHMAC";

    /// <summary>
    /// The URL exactly as it is signed: scheme, host, non-default port, path and query, escaped as
    /// it travels on the wire (so the server, which sees the escaped form, rebuilds the same text).
    /// </summary>
    /// <param name="url">An absolute request URL.</param>
    /// <returns>The canonical URL text.</returns>
    public static string CanonicalUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The URL to sign must be absolute.", nameof(url));
        }

        // The host goes in its IDN (punycode) form: that is what travels in the Host header, so a
        // server rebuilding the URL from the wire gets the same text. GetComponents keeps Unicode hosts.
        var port = url.IsDefaultPort ? string.Empty : ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var host = url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost;
        return string.Concat(url.Scheme, "://", host, port, url.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped));
    }

    /// <summary>Builds the signature baseline <c>METHOD&amp;enc(url)&amp;enc(body)</c>.</summary>
    /// <param name="method">The HTTP method, e.g. <c>GET</c>.</param>
    /// <param name="url">The absolute request URL.</param>
    /// <param name="body">The request body bytes; empty when there is none.</param>
    /// <returns>The baseline string that is signed.</returns>
    public static string BuildBaseline(string method, Uri url, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var builder = new StringBuilder(method.Length + 128 + (body.Length * 3));
        builder.Append(method.ToUpperInvariant()).Append('&');
        AppendPercentEncoded(builder, Encoding.UTF8.GetBytes(CanonicalUrl(url)));
        builder.Append('&');
        AppendPercentEncoded(builder, body);
        return builder.ToString();
    }

    /// <summary>Computes <c>Base64(HMAC-SHA1(secret, baseline))</c>.</summary>
    /// <param name="secret">The account's secret key.</param>
    /// <param name="baseline">The baseline from <see cref="BuildBaseline"/>.</param>
    /// <returns>The Base64 signature.</returns>
    public static string ComputeSignature(string secret, string baseline)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(baseline);
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(baseline));
        return Convert.ToBase64String(mac);
    }

    /// <summary>Builds the complete <c>Authorization</c> header value for one request.</summary>
    /// <param name="apiUserId">The API user id.</param>
    /// <param name="secret">The account's secret key.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">The absolute request URL.</param>
    /// <param name="body">The request body bytes; empty when there is none.</param>
    /// <returns><c>AuthHMAC &lt;apiUserId&gt;:&lt;signature&gt;</c>.</returns>
    public static string CreateHeaderValue(string apiUserId, string secret, string method, Uri url, ReadOnlySpan<byte> body = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiUserId);
        var signature = ComputeSignature(secret, BuildBaseline(method, url, body));
        return $"{Scheme} {apiUserId}:{signature}";
    }

    /// <summary>
    /// Splits an <c>Authorization</c> header value into user id and signature. Returns false for
    /// another scheme, a missing colon, an empty part, or a signature that is not Base64.
    /// </summary>
    /// <param name="headerValue">The raw header value.</param>
    /// <param name="apiUserId">The user id when parsing succeeds.</param>
    /// <param name="signature">The Base64 signature when parsing succeeds.</param>
    /// <returns>Whether the value is a well-formed AuthHMAC credential.</returns>
    public static bool TryParseHeader(string? headerValue, out string apiUserId, out string signature)
    {
        apiUserId = string.Empty;
        signature = string.Empty;
        if (string.IsNullOrEmpty(headerValue) ||
            !headerValue.StartsWith(Scheme + " ", StringComparison.Ordinal))
        {
            return false;
        }

        var credential = headerValue.AsSpan(Scheme.Length + 1).Trim();
        var colon = credential.IndexOf(':');
        if (colon <= 0 || colon == credential.Length - 1)
        {
            return false;
        }

        var sig = credential[(colon + 1)..];
        Span<byte> decoded = stackalloc byte[64];
        if (!Convert.TryFromBase64Chars(sig, decoded, out var written) || written != 20)
        {
            return false;
        }

        apiUserId = credential[..colon].ToString();
        signature = sig.ToString();
        return true;
    }

    /// <summary>
    /// Checks a presented signature against the expected one in constant time, so response timing
    /// leaks nothing about how many leading bytes were right.
    /// </summary>
    /// <param name="secret">The secret of the user the request claims to be.</param>
    /// <param name="method">The HTTP method of the request.</param>
    /// <param name="url">The absolute URL the request was sent to.</param>
    /// <param name="body">The request body bytes.</param>
    /// <param name="presentedSignature">The Base64 signature from the header.</param>
    /// <returns>Whether the signature is right for this request.</returns>
    public static bool Verify(string secret, string method, Uri url, ReadOnlySpan<byte> body, string presentedSignature)
    {
        var expected = Encoding.ASCII.GetBytes(ComputeSignature(secret, BuildBaseline(method, url, body)));
        var presented = Encoding.ASCII.GetBytes(presentedSignature ?? string.Empty);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private static void AppendPercentEncoded(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        const string Hex = "0123456789ABCDEF";
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';
}
