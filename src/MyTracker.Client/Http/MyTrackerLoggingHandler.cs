using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MyTracker.Client.Auth;

namespace MyTracker.Client.Http;

/// <summary>
/// Logs each HTTP exchange: method, URL, status and duration. Headers are never logged (they carry the
/// signature), and the query of a non-API URL is masked, because storage links may carry their own tokens.
/// </summary>
public sealed partial class MyTrackerLoggingHandler : DelegatingHandler
{
    private readonly ILogger _logger;
    private readonly Uri _apiBaseAddress;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the handler.</summary>
    /// <param name="logger">Where entries go.</param>
    /// <param name="apiBaseAddress">The API root; URLs on other origins have their query masked.</param>
    /// <param name="timeProvider">Measures durations; null for the system clock.</param>
    public MyTrackerLoggingHandler(ILogger logger, Uri apiBaseAddress, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(apiBaseAddress);
        _logger = logger;
        _apiBaseAddress = apiBaseAddress;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The URL as it may appear in a log: the query of a non-API URL is replaced by <c>?***</c>.</summary>
    /// <param name="apiBaseAddress">The API root.</param>
    /// <param name="url">The request URL.</param>
    /// <returns>A URL text without secrets.</returns>
    public static string RedactUrl(Uri apiBaseAddress, Uri? url)
    {
        if (url is null)
        {
            return string.Empty;
        }

        if (!url.IsAbsoluteUri)
        {
            return url.OriginalString;
        }

        // UserInfo is dropped everywhere: a URL with user:password@ must not leak into logs.
        var withoutQuery = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        if (string.IsNullOrEmpty(url.Query))
        {
            return withoutQuery;
        }

        return AuthHmacHandler.IsApiOrigin(apiBaseAddress, url) ? withoutQuery + url.Query : withoutQuery + "?***";
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = RedactUrl(_apiBaseAddress, request.RequestUri);
        var started = _timeProvider.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            LogResponse(_logger, request.Method.Method, url, (int)response.StatusCode, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(_logger, request.Method.Method, url, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception ex)
        {
            // Only the exception type: transport messages can echo URLs of other hosts verbatim.
            LogFailed(_logger, request.Method.Method, url, _timeProvider.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(EventId = 1, EventName = "MyTrackerHttpResponse", Level = LogLevel.Information,
        Message = "HTTP {Method} {Url} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogResponse(ILogger logger, string method, string url, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "MyTrackerHttpFailed", Level = LogLevel.Warning,
        Message = "HTTP {Method} {Url} failed after {ElapsedMilliseconds:0.0} ms: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string method, string url, double elapsedMilliseconds, string exceptionType);

    [LoggerMessage(EventId = 3, EventName = "MyTrackerHttpCancelled", Level = LogLevel.Debug,
        Message = "HTTP {Method} {Url} cancelled after {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogCancelled(ILogger logger, string method, string url, double elapsedMilliseconds);
}
