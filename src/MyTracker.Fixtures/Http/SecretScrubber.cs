using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace MyTracker.Fixtures.Http;

/// <summary>
/// The last guard before anything is written (a sample, a manifest, a log line): the secret key, every
/// signature made with it and any <c>AuthHMAC</c> header value are replaced, even if an upstream echoed
/// them back. Redaction rules decide what a sample should look like; this decides what it must never hold.
/// </summary>
internal sealed partial class SecretScrubber
{
    private const string Hidden = "[hidden]";
    private const int KeptSignatures = 4096;

    private readonly string? _secret;
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentDictionary<string, byte> _signatures = new(StringComparer.Ordinal);

    public SecretScrubber(ApiCredentials? credentials) => _secret = credentials?.SecretKey;

    /// <summary>Remembers a signature this process made, to scrub it wherever it turns up.</summary>
    public void Remember(string authorization)
    {
        var signature = authorization[(authorization.LastIndexOf(':') + 1)..];
        if (signature.Length > 0 && _signatures.TryAdd(signature, 0))
        {
            _order.Enqueue(signature);
            while (_signatures.Count > KeptSignatures && _order.TryDequeue(out var oldest))
            {
                _signatures.TryRemove(oldest, out _);
            }
        }
    }

    public string Scrub(string text)
    {
        if (_secret is not null)
        {
            text = text.Replace(_secret, Hidden, StringComparison.Ordinal);
        }

        foreach (var signature in _signatures.Keys)
        {
            text = text.Replace(signature, Hidden, StringComparison.Ordinal);
        }

        return AuthorizationValue().Replace(text, "AuthHMAC " + Hidden);
    }

    [GeneratedRegex(@"AuthHMAC\s+[^\s""',;]+", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationValue();
}
