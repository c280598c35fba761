using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MyTracker.Client.Json;

/// <summary>Picks the documented result for an HTTP status and body, or returns null for an undocumented status.</summary>
/// <typeparam name="TResult">The endpoint's result type.</typeparam>
/// <param name="statusCode">The HTTP status.</param>
/// <param name="utf8Body">The response body.</param>
public delegate TResult? ResponseParser<out TResult>(int statusCode, ReadOnlySpan<byte> utf8Body)
    where TResult : class;

/// <summary>
/// Sends the requests of the generated clients and turns every undocumented answer into
/// <see cref="MyTrackerRequestFailedException"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ClientSupport
{
    /// <summary>Sends a request and parses the documented answer.</summary>
    /// <typeparam name="TResult">The endpoint's result type.</typeparam>
    /// <param name="httpClient">The client; its BaseAddress is the API root.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativeUri">Path and query relative to the API root, already encoded.</param>
    /// <param name="parse">The endpoint's <c>FromResponse</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="MyTrackerRequestFailedException">An undocumented status, a body that is not the documented JSON, or a transport failure.</exception>
    public static async Task<TResult> SendAsync<TResult>(HttpClient httpClient, HttpMethod method, string relativeUri, ResponseParser<TResult> parse, CancellationToken cancellationToken)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        using var request = new HttpRequestMessage(method, new Uri(relativeUri, UriKind.Relative));
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Failed(0, request, Resolve(httpClient, request), null, "the request failed: " + ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout of a caller's own client: still no answer, still the one exception.
            throw Failed(0, request, Resolve(httpClient, request), null, "no answer in time", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var requestUri = response.RequestMessage?.RequestUri ?? Resolve(httpClient, request);
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw Failed(status, request, requestUri, null, "the response body could not be read: " + ex.Message, ex);
            }

            TResult? result;
            try
            {
                result = parse(status, body);
            }
            catch (JsonException ex)
            {
                throw Failed(status, request, requestUri, Decode(body), "the body is not the documented JSON: " + ex.Message, ex);
            }

            return result ?? throw Failed(status, request, requestUri, Decode(body), "undocumented status " + status.ToString(CultureInfo.InvariantCulture), null);
        }
    }

    // The attempts the client's retry pipeline made (kept in the request's options) go into the exception.
    private static MyTrackerRequestFailedException Failed(int status, HttpRequestMessage request, Uri? requestUri, string? body, string reason, Exception? inner) =>
        new(status, request.Method.Method, requestUri, body, reason, inner, Http.RequestOptionKeys.AttemptsOf(request), exportId: null, fileName: null);

    private static Uri? Resolve(HttpClient httpClient, HttpRequestMessage request)
        => request.RequestUri is { IsAbsoluteUri: false } relative && httpClient.BaseAddress is not null ? new Uri(httpClient.BaseAddress, relative) : request.RequestUri;

    private static string Decode(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4 * MyTrackerRequestFailedException.MaxBodyExcerptLength));
}

/// <summary>
/// Builds a query string the way the generated clients send it: names and values escaped with
/// <see cref="Uri.EscapeDataString(string)"/>, list items escaped one by one and joined with ','.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class QueryBuilder
{
    private readonly StringBuilder _builder = new();

    /// <summary>Adds a text value.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, string value)
    {
        _builder.Append(_builder.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }

    /// <summary>Adds an integer.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, long value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a number in invariant culture.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, double value) => Add(name, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Adds a flag as 1 or 0, the API's booleans.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, bool value) => Add(name, value ? "1" : "0");

    /// <summary>Adds a comma-separated list; each item is escaped, the commas are not.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="values">The items.</param>
    public void AddList(string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _builder.Append(_builder.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=');
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                _builder.Append(',');
            }

            _builder.Append(Uri.EscapeDataString(value));
            first = false;
        }
    }

    /// <summary>Adds a list array-style, one <c>name[]=item</c> per item (the spelling some parameters take, e.g. raw export's <c>eventName[]</c>).</summary>
    /// <param name="name">The parameter name, without the brackets.</param>
    /// <param name="values">The items.</param>
    public void AddArray(string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var key = Uri.EscapeDataString(name + "[]");
        foreach (var value in values)
        {
            _builder.Append(_builder.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    /// <summary>The query string with its leading '?', or empty.</summary>
    public override string ToString() => _builder.ToString();
}
