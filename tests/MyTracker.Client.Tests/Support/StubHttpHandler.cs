using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace MyTracker.Client.Tests.Support;

/// <summary>One request as the transport saw it.</summary>
public sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Authorization, byte[] Body, string? UserAgent);

/// <summary>A transport that answers from a function and records every request (no network).</summary>
public sealed class StubHttpHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public StubHttpHandler(Func<HttpRequestMessage, HttpResponseMessage> respond)
        : this((request, _) => Task.FromResult(respond(request)))
    {
    }

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Bytes(byte[] body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new ByteArrayContent(body) };

    public static HttpResponseMessage Redirect(string location, HttpStatusCode status = HttpStatusCode.Found)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Enqueue(new SeenRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.TryGetValues("Authorization", out var auth) ? string.Join(",", auth) : null,
            body,
            request.Headers.TryGetValues("User-Agent", out var ua) ? string.Join(" ", ua) : null));
        var response = await respond(request, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }
}
