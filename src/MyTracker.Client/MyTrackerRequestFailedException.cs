using System.Net;

namespace MyTracker.Client;

/// <summary>
/// The one exception for a response the documentation does not describe: an undocumented status
/// (5xx, 429, ...), a body that is not the documented JSON (HTML, truncated, empty), or a transport
/// failure. Documented answers (404, 403, error statuses) are result values, never this exception.
/// </summary>
public sealed class MyTrackerRequestFailedException : Exception
{
    /// <summary>The longest body excerpt kept, in characters.</summary>
    public const int MaxBodyExcerptLength = 512;

    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status code, or 0 when no response arrived.</param>
    /// <param name="method">The HTTP method of the request.</param>
    /// <param name="requestUri">The request URL (it never carries credentials: AuthHMAC travels in a header).</param>
    /// <param name="body">The response body, if any; only an excerpt is kept.</param>
    /// <param name="reason">Why the response was not accepted.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public MyTrackerRequestFailedException(int status, string method, Uri? requestUri, string? body, string reason, Exception? innerException = null)
        : base(BuildMessage(status, method, requestUri, Excerpt(body), reason), innerException)
    {
        Status = status;
        Method = method;
        RequestUri = requestUri;
        BodyExcerpt = Excerpt(body);
        Reason = reason;
    }

    /// <summary>The HTTP status code, or 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>The HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>The URL of the failed request.</summary>
    public Uri? RequestUri { get; }

    /// <summary>At most <see cref="MaxBodyExcerptLength"/> characters of the response body.</summary>
    public string BodyExcerpt { get; }

    /// <summary>Why the response was not accepted (e.g. "undocumented status", "malformed JSON").</summary>
    public string Reason { get; }

    private static string Excerpt(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return string.Empty;
        }

        return body.Length <= MaxBodyExcerptLength ? body : string.Concat(body.AsSpan(0, MaxBodyExcerptLength), "…");
    }

    private static string BuildMessage(int status, string method, Uri? requestUri, string excerpt, string reason)
    {
        var statusText = status == 0 ? "no response" : $"{status} ({(HttpStatusCode)status})";
        var body = excerpt.Length == 0 ? "empty body" : $"body: {excerpt}";
        return $"myTracker answered {statusText} to {method} {requestUri}: {reason}; {body}";
    }
}
