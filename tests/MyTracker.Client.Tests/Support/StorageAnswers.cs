using System.Net;
using System.Net.Http.Headers;

namespace MyTracker.Client.Tests.Support;

/// <summary>Answers of a file storage for download tests: ranges, entity tags, bodies cut short.</summary>
internal static class StorageAnswers
{
    /// <summary>
    /// The file as storage with range support serves it: whole, or from the asked offset when the
    /// If-Range tag matches (or is absent). <paramref name="breakAfter"/> ends the body with an I/O error after that many bytes.
    /// </summary>
    public static HttpResponseMessage Serve(HttpRequestMessage request, byte[] content, bool ranges = true, string etag = "\"v1\"", int? breakAfter = null)
    {
        var from = 0L;
        var partial = ranges && request.Headers.Range?.Ranges.Single().From is not null &&
            (request.Headers.IfRange is null || request.Headers.IfRange.EntityTag?.Tag == etag);
        if (partial)
        {
            from = request.Headers.Range!.Ranges.Single().From!.Value;
        }

        var body = content[(int)from..];
        var response = new HttpResponseMessage(partial ? HttpStatusCode.PartialContent : HttpStatusCode.OK)
        {
            Content = breakAfter is { } cut ? new StreamContent(new BreakingStream(body[..cut])) : new ByteArrayContent(body),
        };
        response.Content.Headers.ContentLength = body.Length;
        response.Headers.ETag = EntityTagHeaderValue.Parse(etag);
        if (ranges)
        {
            response.Headers.AcceptRanges.Add("bytes");
        }

        if (partial)
        {
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(from, content.Length - 1, content.Length);
        }

        return response;
    }

    /// <summary>The answer with only its first <paramref name="keep"/> bytes, still announcing the whole length: a body that ends early without an error.</summary>
    public static HttpResponseMessage Short(HttpResponseMessage response, int keep)
    {
        var bytes = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var length = response.Content.Headers.ContentLength;
        response.Content = new StreamContent(new MemoryStream(bytes[..keep]));
        response.Content.Headers.ContentLength = length;
        return response;
    }
}
