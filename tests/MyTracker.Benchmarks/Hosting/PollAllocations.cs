using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MyTracker.Fake;

namespace MyTracker.Benchmarks.Hosting;

/// <summary>
/// <c>poll-allocations [requests]</c>: the bytes the fake allocates per get.json poll, measured exactly
/// (<c>GC.GetTotalAllocatedBytes(precise: true)</c>) over sequential keep-alive requests on one raw
/// socket, after a warm-up that fills the journal's ring. The client allocates nothing per request
/// (one preformatted request, one receive buffer), so the figure is the server's: far steadier than
/// the totals over a wrk run, where how often an await completes at once depends on the load. It also
/// prints the process's CPU time per request (server and this client together), which other work on
/// the machine disturbs less than requests per second.
/// </summary>
internal static class PollAllocations
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 2, rowsPerFile: 1000).WithLinkLifetime(TimeSpan.FromDays(365)));
        var url = new Uri(fake.BaseUrl, "api/segment/v1/export/get.json?idSegmentExport=1");
        var request = Encoding.ASCII.GetBytes(
            $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nAuthorization: {fake.Sign(HttpMethod.Get, url)}\r\n\r\n");
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(url.Host, url.Port);
        var buffer = new byte[64 * 1024];

        // Past the journal's default capacity (10,000), so the ring has stopped growing.
        for (var i = 0; i < 12_000; i++)
        {
            Exchange(socket, request, buffer);
        }

        var samples = new List<double>();
        var cpu = new List<double>();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var round = 0; round < 5; round++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < requests; i++)
            {
                Exchange(socket, request, buffer);
            }

            samples.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / (double)requests);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMicroseconds / requests);
        }

        samples.Sort();
        cpu.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ALLOC requests={requests} rounds=5 bytes_per_request_median={samples[2]:0.0} min={samples[0]:0.0} max={samples[^1]:0.0} cpu_us_per_request_median={cpu[2]:0.0} min={cpu[0]:0.0} max={cpu[^1]:0.0}"));
        return 0;
    }

    /// <summary>Sends one request and reads its whole answer (headers, then Content-Length bytes).</summary>
    private static void Exchange(Socket socket, byte[] request, byte[] buffer)
    {
        socket.Send(request);
        var read = 0;
        while (true)
        {
            read += socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            var end = IndexOfHeadEnd(buffer, read);
            if (end < 0)
            {
                continue;
            }

            var total = end + 4 + ContentLength(buffer, end);
            while (read < total)
            {
                read += socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            }

            if (buffer[9] != (byte)'2')
            {
                throw new InvalidOperationException("The poll was not answered 2xx.");
            }

            return;
        }
    }

    private static int IndexOfHeadEnd(byte[] buffer, int length) => buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);

    private static int ContentLength(byte[] buffer, int headEnd)
    {
        var head = buffer.AsSpan(0, headEnd);
        var at = head.IndexOf("Content-Length: "u8);
        var value = 0;
        for (var i = at + 16; i < head.Length && head[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            value = (value * 10) + (head[i] - '0');
        }

        return value;
    }
}
