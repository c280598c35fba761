using System.Net.Http.Headers;

namespace MyTracker.Fake.Http;

/// <summary>
/// What a file download answers to its <c>Range</c> and <c>If-Range</c> headers (RFC 9110 §14), as
/// object storage does for one range: the whole file (no range, a range the server may ignore, or an
/// <c>If-Range</c> that no longer matches), one slice (206), or nothing (416).
/// </summary>
/// <param name="Kind">Which of the three answers.</param>
/// <param name="Start">The first byte of the slice (for <see cref="ByteRangeKind.Partial"/>).</param>
/// <param name="End">The last byte of the slice, inclusive.</param>
internal readonly record struct ByteRange(ByteRangeKind Kind, long Start = 0, long End = 0)
{
    public long Length => End - Start + 1;

    /// <summary>Decides the answer for a file of <paramref name="length"/> bytes whose strong entity tag is <paramref name="entityTag"/>.</summary>
    /// <param name="range">The <c>Range</c> header as sent, or null.</param>
    /// <param name="ifRange">The <c>If-Range</c> header as sent, or null.</param>
    /// <param name="entityTag">The file's current strong <c>ETag</c>, quotes included.</param>
    /// <param name="length">The file's length in bytes.</param>
    public static ByteRange Decide(string? range, string? ifRange, string entityTag, long length)
    {
        // Anything the server may ignore gets the whole file: no range, another unit, a syntax error,
        // several ranges (storage commonly answers those in full rather than as multipart).
        if (string.IsNullOrEmpty(range) ||
            !RangeHeaderValue.TryParse(range, out var parsed) ||
            !string.Equals(parsed.Unit, "bytes", StringComparison.OrdinalIgnoreCase) ||
            parsed.Ranges.Count != 1)
        {
            return new ByteRange(ByteRangeKind.Full);
        }

        // If-Range asks for the slice only if the file is still the one the client began: a strong
        // validator compared exactly (a weak tag or a date never matches: the fake has no Last-Modified).
        if (ifRange is not null && !string.Equals(ifRange.Trim(), entityTag, StringComparison.Ordinal))
        {
            return new ByteRange(ByteRangeKind.Full);
        }

        var item = parsed.Ranges.First();
        if (item.From is { } from)
        {
            if (from >= length)
            {
                return new ByteRange(ByteRangeKind.Unsatisfiable);
            }

            var to = item.To is { } last && last < length ? last : length - 1;
            return new ByteRange(ByteRangeKind.Partial, from, to);
        }

        // A suffix range (bytes=-n): the last n bytes, or the whole file when it is shorter.
        var suffix = item.To ?? 0;
        if (suffix <= 0 || length == 0)
        {
            return new ByteRange(ByteRangeKind.Unsatisfiable);
        }

        return new ByteRange(ByteRangeKind.Partial, Math.Max(0, length - suffix), length - 1);
    }
}

/// <summary>The three answers a download can give to a range request.</summary>
internal enum ByteRangeKind
{
    /// <summary>200 with the whole file.</summary>
    Full,

    /// <summary>206 with one slice and its <c>Content-Range</c>.</summary>
    Partial,

    /// <summary>416 with <c>Content-Range: bytes */length</c>.</summary>
    Unsatisfiable,
}
