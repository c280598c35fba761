using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MyTracker.Fake.Http;

/// <summary>
/// Reads a request body once, before anything else sees it, so a broken body (bad chunk framing, a
/// body shorter than its Content-Length, one larger than the fake accepts) becomes a 4xx in the
/// documented envelope on every path. Left to WireMock.Net, Kestrel's <see cref="BadHttpRequestException"/>
/// surfaced as a 500 carrying the serialized exception, stack trace and build paths included.
/// </summary>
internal static class RequestBody
{
    /// <summary>The largest body an API call may carry (parameters travel in the query string).</summary>
    public const int MaxApiBytes = 64 * 1024;

    /// <summary>The largest body passed on to WireMock.Net (the admin API's mapping imports, users' own mappings).</summary>
    public const int MaxPassThroughBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The body; or the answer that replaces the request's; or, when the client closed the connection
    /// before its body ended (nobody is left to answer), what the journal says about it.
    /// </summary>
    public readonly record struct Result(byte[]? Bytes, HttpAnswer? Problem, string? Gone = null);

    public static bool CanHaveBody(HttpContext http) =>
        http.Features.Get<IHttpRequestBodyDetectionFeature>() is { } detection
            ? detection.CanHaveBody
            : http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0;

    public static async ValueTask<Result> ReadAsync(HttpContext http, int limit)
    {
        if (!CanHaveBody(http))
        {
            return new Result([], null);
        }

        if (http.Request.ContentLength > limit)
        {
            return new Result(null, TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[8192];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return new Result(null, TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }

            return new Result(buffer.ToArray(), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new Result(null, TooLarge(limit));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return new Result(null, Answers.Envelope(408, "Request Timeout", "The request body did not arrive in time"));
        }
        catch (BadHttpRequestException) when (http.Request.ContentLength is null)
        {
            // Kestrel's own words are not shown: they are an implementation's, and a later version may put more in them.
            return new Result(null, Answers.Envelope(400, "Bad Request", "Request body is not valid chunked transfer coding"));
        }
        catch (Exception ex) when (ex is BadHttpRequestException or OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // A body shorter than its Content-Length can only end by the client closing its side,
            // and Kestrel then ends the request: it can be recorded, never answered.
            return new Result(null, null, EndedEarly(http));
        }
    }

    // What arrived before the close depends on timing; the announced length does not.
    private static string EndedEarly(HttpContext http) =>
        http.Request.ContentLength is { } length
            ? string.Create(CultureInfo.InvariantCulture, $"the connection closed before the {length} body bytes its Content-Length announced had arrived")
            : "the connection closed inside a chunked body";

    private static HttpAnswer TooLarge(int limit) =>
        Answers.Envelope(413, "Payload Too Large", string.Create(CultureInfo.InvariantCulture, $"Request body larger than {limit} bytes"));
}
