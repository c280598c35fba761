using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace MyTracker.Fake.Http;

/// <summary>
/// A response as the fake writes it: immutable, so an answer that repeats (a finished export polled
/// again and again) is built once and served as is. It becomes a WireMock.Net
/// <see cref="ResponseMessage"/> only on the path that answers through a WireMock mapping.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Body">The body bytes.</param>
internal sealed record HttpAnswer(int StatusCode, string ContentType, byte[] Body)
{
    /// <summary>Headers besides Content-Type (and the Content-Length the server adds).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private init; } = [];

    public HttpAnswer WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    /// <summary>Writes status and headers; the body is the caller's, which may frame or cut it.</summary>
    public void WriteHead(HttpResponse response)
    {
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }
    }

    public ResponseMessage ToResponseMessage()
    {
        var message = new ResponseMessage
        {
            StatusCode = StatusCode,
            BodyData = new BodyData { BodyAsBytes = Body, DetectedBodyType = BodyType.Bytes },
        };
        message.AddHeader("Content-Type", ContentType);
        foreach (var (name, value) in Headers)
        {
            message.AddHeader(name, value);
        }

        return message;
    }
}
