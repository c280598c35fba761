using System.Text;

namespace MyTracker.Fake.Http;

/// <summary>
/// The <c>AuthHMAC</c> baseline exactly as the request arrived: <c>METHOD&amp;enc(scheme://Host + target)&amp;enc(body)</c>,
/// where the target is the request line's, byte for byte. Nothing is normalized first: no dot segments
/// removed, no percent escape decoded or re-cased, no default port dropped. A client that signs what it
/// sends always matches; .NET's <see cref="Uri"/> canonicalizes before sending, and the client's
/// <c>AuthHmac</c> signs that same canonical text, so the two agree. Normalizing here would accept
/// signatures over a URL other than the one sent (and refused raw clients such as <c>curl --path-as-is</c>).
/// </summary>
internal static class SignedText
{
    public static string Baseline(string method, string url, ReadOnlySpan<byte> body)
    {
        var builder = new StringBuilder(method.Length + (url.Length * 2) + (body.Length * 3) + 2);
        builder.Append(method.ToUpperInvariant()).Append('&');
        PercentEncode(builder, Encoding.UTF8.GetBytes(url));
        builder.Append('&');
        PercentEncode(builder, body);
        return builder.ToString();
    }

    // The signing rule of docs/TRACKER-API.md: only A-Z a-z 0-9 - . _ ~ stay, every other byte is %XX in upper-case hex.
    private static void PercentEncode(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        const string Hex = "0123456789ABCDEF";
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }
    }
}
