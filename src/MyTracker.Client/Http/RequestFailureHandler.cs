using Polly.Timeout;

namespace MyTracker.Client.Http;

/// <summary>
/// The outermost handler: whatever went wrong on the way (a refused or dropped connection, an
/// attempt or the whole budget timed out), once the retries are spent the caller gets the one
/// exception type, <see cref="MyTrackerRequestFailedException"/>, with the method, the redacted URL,
/// the number of attempts and the original failure inside. The caller's own cancellation stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class RequestFailureHandler(Uri apiBaseAddress) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutRejectedException or OperationCanceledException)
        {
            throw Wrap(apiBaseAddress, request, ex);
        }
    }

    /// <summary>The failure of a request that got no usable answer.</summary>
    public static MyTrackerRequestFailedException Wrap(Uri apiBaseAddress, HttpRequestMessage request, Exception failure, int status = 0, string? why = null)
    {
        var reason = why ?? failure switch
        {
            TimeoutRejectedException timeout => $"no answer in time ({timeout.Timeout})",
            OperationCanceledException => "the request was cancelled by a timeout",
            _ => "the request failed: " + failure.Message,
        };
        return new MyTrackerRequestFailedException(
            status, request.Method.Method, Redact(apiBaseAddress, request.RequestUri), null, reason, failure,
            RequestOptionKeys.AttemptsOf(request), exportId: null, fileName: null);
    }

    /// <summary>The URL as an exception may show it: the query of a non-API URL (a storage token) masked.</summary>
    public static Uri? Redact(Uri apiBaseAddress, Uri? url) =>
        url is null ? null : new Uri(MyTrackerLoggingHandler.RedactUrl(apiBaseAddress, url), UriKind.RelativeOrAbsolute);
}
