using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MyTracker.Client.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (loopback only), to observe what a real SocketsHttpHandler
/// puts on the wire. One request per connection.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<string, byte[]> _respond;

    public LoopbackHttpServer(Func<string, string> respond)
        : this(head => Encoding.UTF8.GetBytes(respond(head)))
    {
    }

    public LoopbackHttpServer(Func<string, byte[]> respond)
    {
        _respond = respond;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Raw request heads (request line + headers) as received.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static string Response(int status, string reason, string body = "", params string[] headers) =>
        $"HTTP/1.1 {status} {reason}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n" +
        string.Concat(headers.Select(h => h + "\r\n")) + "\r\n" + body;

    public static byte[] BinaryResponse(byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), .. body];

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = socket.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, _stop.Token) == 1)
            {
                head.Append((char)buffer[0]);
            }

            var request = head.ToString();
            Requests.Enqueue(request);
            await stream.WriteAsync(_respond(request), _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
    }
}
