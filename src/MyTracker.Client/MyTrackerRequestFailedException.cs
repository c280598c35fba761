using System.Globalization;
using System.Net;

namespace MyTracker.Client;

/// <summary>
/// The one exception for a response the documentation does not describe: an undocumented status
/// (5xx, 429, ...), a body that is not the documented JSON (HTML, truncated, empty), or a transport
/// failure (no answer, a dropped connection, a timeout). Documented answers (404, 403, error
/// statuses) are result values, never this exception. Transient failures have already been retried
/// when it is thrown: <see cref="Attempts"/> says how many requests were sent.
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
        : this(status, method, requestUri, body, reason, innerException, attempts: 1, exportId: null, fileName: null)
    {
    }

    internal MyTrackerRequestFailedException(
        int status, string method, Uri? requestUri, string? body, string reason, Exception? innerException, int attempts, long? exportId, string? fileName)
        : base(BuildMessage(status, method, requestUri, Excerpt(body), reason, attempts, exportId, fileName), innerException)
    {
        Status = status;
        Method = method;
        RequestUri = requestUri;
        BodyExcerpt = Excerpt(body);
        Reason = reason;
        Attempts = Math.Max(1, attempts);
        ExportId = exportId;
        FileName = fileName;
    }

    /// <summary>The HTTP status code of the last attempt, or 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>The HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>The URL of the failed request; the query of a storage link is masked (<c>?***</c>), as it may carry a token.</summary>
    public Uri? RequestUri { get; }

    /// <summary>At most <see cref="MaxBodyExcerptLength"/> characters of the response body.</summary>
    public string BodyExcerpt { get; }

    /// <summary>Why the response was not accepted (e.g. "undocumented status", "malformed JSON").</summary>
    public string Reason { get; }

    /// <summary>How many HTTP requests were sent before giving up, retries included (1 when nothing was retried).</summary>
    public int Attempts { get; }

    /// <summary>The export the failure belongs to, when it happened while waiting for or downloading one.</summary>
    public long? ExportId { get; }

    /// <summary>The local file name of the download that failed (e.g. <c>segment-export-42.003.csv.gz</c>), or null.</summary>
    public string? FileName { get; }

    /// <summary>Whether retrying later may help: no answer, 408, 429, 5xx, or a 2xx whose body was cut or garbled.</summary>
    internal bool IsTransient => IsTransientStatus(Status);

    internal static bool IsTransientStatus(int status) => status is 0 or 408 or 429 or >= 500 or (>= 200 and < 300);

    /// <summary>The same failure, as the last of several attempts made for a larger task.</summary>
    internal MyTrackerRequestFailedException GaveUp(string reason, int attempts, long? exportId, string? fileName = null) =>
        new(Status, Method, RequestUri, BodyExcerpt, reason, this, attempts, exportId ?? ExportId, fileName ?? FileName);

    private static string Excerpt(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return string.Empty;
        }

        return body.Length <= MaxBodyExcerptLength ? body : string.Concat(body.AsSpan(0, MaxBodyExcerptLength), "…");
    }

    private static string BuildMessage(int status, string method, Uri? requestUri, string excerpt, string reason, int attempts, long? exportId, string? fileName)
    {
        var statusText = status == 0 ? "no response" : $"{status} ({(HttpStatusCode)status})";
        var body = excerpt.Length == 0 ? "empty body" : $"body: {excerpt}";
        var context = new List<string>(3);
        if (exportId is { } id)
        {
            context.Add(string.Create(CultureInfo.InvariantCulture, $"export {id}"));
        }

        if (fileName is not null)
        {
            context.Add("file " + fileName);
        }

        if (attempts > 1)
        {
            context.Add(string.Create(CultureInfo.InvariantCulture, $"{attempts} attempts"));
        }

        var where = context.Count == 0 ? string.Empty : $" ({string.Join(", ", context)})";
        return $"myTracker answered {statusText} to {method} {requestUri}: {reason}{where}; {body}";
    }
}
