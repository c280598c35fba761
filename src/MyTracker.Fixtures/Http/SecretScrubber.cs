using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace MyTracker.Fixtures.Http;

/// <summary>
/// The last guard before anything is written (a sample, a manifest, a log line): the secret key, every
/// signature made with it and any <c>AuthHMAC</c> header value are replaced, even if an upstream echoed
/// them back, and in whatever encoding it used. Redaction rules decide what a sample should look like;
/// this decides what it must never hold.
/// </summary>
/// <remarks>
/// Encodings: each character may be written raw, URL-encoded (<c>%2B</c> or <c>%2b</c>) or JSON-escaped
/// (<c>\u002b</c>, <c>\/</c>), mixed freely, so the text is searched in a decoded view whose every
/// character remembers the span it came from (<see cref="DecodedView"/>). Base64 of a value, or of any text
/// holding it, always contains one of three cores (one per alignment); each core of the value's raw,
/// URL-encoded and JSON-escaped forms, in the standard and the URL-safe alphabet, is searched too.
/// </remarks>
internal sealed partial class SecretScrubber
{
    private const string Hidden = "[hidden]";
    private const int KeptSignatures = 4096;

    /// <summary>Base64 cores shorter than this are not searched: they would match ordinary text.</summary>
    private const int MinimumCoreLength = 12;

    private readonly string[] _secretForms;
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentDictionary<string, string[]> _signatures = new(StringComparer.Ordinal);

    public SecretScrubber(ApiCredentials? credentials) =>
        _secretForms = credentials is null || credentials.SecretKey.Length == 0 ? [] : Needles(credentials.SecretKey);

    /// <summary>Remembers a signature this process made, to scrub it wherever it turns up.</summary>
    public void Remember(string authorization)
    {
        var signature = authorization[(authorization.LastIndexOf(':') + 1)..];
        if (signature.Length > 0 && _signatures.TryAdd(signature, Needles(signature)))
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
        var view = new DecodedView(text);
        var spans = new List<(int Start, int End)>();
        view.FindAll(_secretForms, spans);
        foreach (var needles in _signatures.Values)
        {
            view.FindAll(needles, spans);
        }

        return AuthorizationValue().Replace(Replace(text, spans), "AuthHMAC " + Hidden);
    }

    /// <summary>What is searched for one value: the value itself, then the base64 cores of its forms.</summary>
    private static string[] Needles(string value)
    {
        var url = Uri.EscapeDataString(value);
        var forms = new List<string> { value, url, PercentHex().Replace(url, m => m.Value.ToLowerInvariant()), value.Replace("/", "\\/", StringComparison.Ordinal) };
        foreach (var upper in new[] { false, true })
        {
            foreach (var slash in new[] { "/", "\\/", upper ? "\\u002F" : "\\u002f" })
            {
                forms.Add(JsonEscaped(value, upper, slash));
            }
        }

        var needles = new List<string> { value };
        foreach (var form in forms.Distinct(StringComparer.Ordinal))
        {
            foreach (var core in Base64Cores(form))
            {
                needles.Add(core);
                needles.Add(core.Replace('+', '-').Replace('/', '_'));
            }
        }

        return [.. needles.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The value as a JSON encoder may write it: every character but letters, digits, <c>- _ . ~</c> and
    /// <c>/</c> as <c>\uXXXX</c> (lower or upper case hex), <c>/</c> as given (raw, <c>\/</c> or <c>\u002f</c>).
    /// </summary>
    private static string JsonEscaped(string value, bool upper, string slash)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' ? c.ToString()
                : c == '/' ? slash
                : "\\u" + ((int)c).ToString(upper ? "X4" : "x4", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>The base64 characters fixed by the value alone when it starts at byte 0, 1 or 2 of a longer text.</summary>
    private static IEnumerable<string> Base64Cores(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        for (var shift = 0; shift < 3; shift++)
        {
            var padded = new byte[shift + bytes.Length];
            bytes.CopyTo(padded, shift);
            var encoded = Convert.ToBase64String(padded);
            var first = ((shift * 4) + 2) / 3;
            var last = padded.Length * 4 / 3;
            if (last - first >= MinimumCoreLength)
            {
                yield return encoded[first..last];
            }
        }
    }

    private static string Replace(string text, List<(int Start, int End)> spans)
    {
        if (spans.Count == 0)
        {
            return text;
        }

        spans.Sort();
        var result = new StringBuilder(text.Length);
        var at = 0;
        var index = 0;
        while (index < spans.Count)
        {
            var (start, end) = spans[index++];
            while (index < spans.Count && spans[index].Start <= end)
            {
                end = Math.Max(end, spans[index++].End);
            }

            result.Append(text, at, start - at).Append(Hidden);
            at = end;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    [GeneratedRegex(@"AuthHMAC(?:\s|%20|\+|\\u0020)+[^\s""',;&]+", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex("%[0-9A-F]{2}")]
    private static partial Regex PercentHex();

    /// <summary>
    /// The text with every <c>%XX</c>, <c>\uXXXX</c> and <c>\/</c> decoded to the character it stands for,
    /// each decoded character knowing where in the text it started and ended.
    /// </summary>
    private readonly struct DecodedView
    {
        private readonly string _decoded;
        private readonly int[] _starts;
        private readonly int[] _ends;

        public DecodedView(string text)
        {
            var decoded = new StringBuilder(text.Length);
            var starts = new List<int>(text.Length);
            var ends = new List<int>(text.Length);
            for (var i = 0; i < text.Length;)
            {
                var (c, length) = DecodeAt(text, i);
                decoded.Append(c);
                starts.Add(i);
                ends.Add(i + length);
                i += length;
            }

            _decoded = decoded.ToString();
            _starts = [.. starts];
            _ends = [.. ends];
        }

        /// <summary>Adds the span in the original text of every occurrence of every needle.</summary>
        public void FindAll(string[] needles, List<(int Start, int End)> spans)
        {
            foreach (var needle in needles)
            {
                for (var at = _decoded.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = _decoded.IndexOf(needle, at + 1, StringComparison.Ordinal))
                {
                    spans.Add((_starts[at], _ends[at + needle.Length - 1]));
                }
            }
        }

        private static (char Char, int Length) DecodeAt(string text, int i)
        {
            if (text[i] == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                return ((char)Convert.ToInt32(text.Substring(i + 1, 2), 16), 3);
            }

            if (text[i] == '\\' && i + 1 < text.Length)
            {
                if (text[i + 1] == '/')
                {
                    return ('/', 2);
                }

                if (text[i + 1] == 'u' && i + 5 < text.Length && text.AsSpan(i + 2, 4).ContainsAnyExcept(HexDigits) is false)
                {
                    return ((char)Convert.ToInt32(text.Substring(i + 2, 4), 16), 6);
                }
            }

            return (text[i], 1);
        }

        private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
    }
}
