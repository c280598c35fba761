using System.Text;

namespace MyTracker.Fake.Exports;

/// <summary>
/// The in-progress answer's cancellable flag (raw export's <c>isCancellable</c>) set to what the export's
/// progress says: true while cancel would succeed, false near the end. The documented sample shows one
/// value; the flag's text is swapped in the rendered body, which is rendered once per change of progress.
/// </summary>
internal static class Cancellation
{
    public static byte[] WithFlag(byte[] body, string field, bool cancellable)
    {
        var text = Encoding.UTF8.GetString(body);
        var name = "\"" + field + "\"";
        var at = text.IndexOf(name, StringComparison.Ordinal);
        if (at < 0)
        {
            return body;
        }

        var colon = text.IndexOf(':', at + name.Length);
        var start = colon + 1;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var length = text.AsSpan(start).StartsWith("true", StringComparison.Ordinal) ? 4
            : text.AsSpan(start).StartsWith("false", StringComparison.Ordinal) ? 5
            : 0;
        return length == 0 ? body : Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, start), cancellable ? "true" : "false", text.AsSpan(start + length)));
    }
}
