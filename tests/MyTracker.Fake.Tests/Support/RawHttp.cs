using System.Net.Sockets;
using System.Text;

namespace MyTracker.Fake.Tests.Support;

/// <summary>Bytes on a socket, for requests no HttpClient would send (broken framing, half-closed bodies).</summary>
internal static class RawHttp
{
    /// <summary>Sends the request, optionally closes the sending side (a body that ends early), and reads the whole answer.</summary>
    public static async Task<RawAnswer> SendAsync(Uri baseUrl, string request, bool endSending = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        if (endSending)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        try
        {
            return new RawAnswer(await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }
        catch (IOException)
        {
            // A reset before any byte: no answer at all.
            return new RawAnswer(string.Empty);
        }
    }
}

/// <summary>One raw HTTP/1.1 answer: status line, headers and body as text.</summary>
internal sealed record RawAnswer(string Text)
{
    public int Status => int.Parse(Text.Split(' ', 3)[1]);

    public string Head => Text[..Math.Max(0, Text.IndexOf("\r\n\r\n", StringComparison.Ordinal))];

    public string Body => Text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0 ? Text[(end + 4)..] : string.Empty;

    public string? Header(string name) =>
        Head.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault();
}
