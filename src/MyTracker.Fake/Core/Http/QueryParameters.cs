namespace MyTracker.Fake.Http;

/// <summary>
/// The query string as sent, parsed without merging: repeated names stay visible (a repeated
/// parameter is an error, not "the last one wins") and values are percent-decoded once.
/// </summary>
internal sealed class QueryParameters
{
    private readonly List<(string Name, string Value)> _items;

    private QueryParameters(List<(string Name, string Value)> items, bool malformed)
    {
        _items = items;
        Malformed = malformed;
    }

    public IReadOnlyList<(string Name, string Value)> Items => _items;

    /// <summary>Whether some part could not be decoded (bad percent escapes or invalid UTF-8).</summary>
    public bool Malformed { get; }

    public static QueryParameters Parse(string rawQuery)
    {
        var items = new List<(string, string)>(2);
        var malformed = false;
        for (var start = 0; start < rawQuery.Length;)
        {
            // Names and values cut straight from the query: no array of pairs, no pair strings.
            var end = rawQuery.IndexOf('&', start);
            if (end < 0)
            {
                end = rawQuery.Length;
            }

            if (end == start)
            {
                start++;
                continue;
            }

            var eq = rawQuery.IndexOf('=', start, end - start);
            var name = eq < 0 ? rawQuery[start..end] : rawQuery[start..eq];
            var value = eq < 0 ? string.Empty : rawQuery[(eq + 1)..end];
            start = end + 1;
            if (!TryDecode(name, out var decodedName) || !TryDecode(value, out var decodedValue))
            {
                malformed = true;
                items.Add((name, value));
                continue;
            }

            items.Add((decodedName, decodedValue));
        }

        return new QueryParameters(items, malformed);
    }

    public int Count(string name)
    {
        var count = 0;
        foreach (var (n, _) in _items)
        {
            count += n == name ? 1 : 0;
        }

        return count;
    }

    public string? Get(string name)
    {
        foreach (var (n, v) in _items)
        {
            if (n == name)
            {
                return v;
            }
        }

        return null;
    }

    private static bool TryDecode(string text, out string decoded)
    {
        decoded = text;
        if (text.IndexOfAny(['%', '+']) < 0)
        {
            return true;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%')
            {
                if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
                {
                    return false;
                }

                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c > 0x7F)
            {
                return false;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        try
        {
            decoded = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
            return true;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');
}
