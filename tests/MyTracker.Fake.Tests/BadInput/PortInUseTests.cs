using System.Net;
using System.Net.Sockets;

namespace MyTracker.Fake.Tests.BadInput;

/// <summary>A taken port is a typed error naming host and port, at once, for an IP address and for localhost.</summary>
public sealed class PortInUseTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_taken_port_is_a_FakeTrackerPortInUseException_with_host_and_port(string host)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<FakeTrackerPortInUseException>(() => FakeTracker.StartAsync(new FakeTrackerOptions { Host = host, Port = port }));

        Assert.Equal((host, port), (error.Host, error.Port));
        Assert.IsType<SocketException>(error.InnerException);
    }
}
