using System.Net;
using System.Net.Sockets;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Lifecycle;

public sealed class PortTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_busy_port_is_a_FakeTrackerPortInUseException_naming_host_and_port(string host)
    {
        await using var first = await FakeTracker.StartAsync();

        var error = await Assert.ThrowsAsync<FakeTrackerPortInUseException>(() => FakeTracker.StartAsync(new FakeTrackerOptions { Host = host, Port = first.BaseUrl.Port }));

        Assert.Equal((host, first.BaseUrl.Port), (error.Host, error.Port));
        Assert.Contains(first.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Contains("in use", error.Message);
        Assert.IsType<SocketException>(error.InnerException);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task It_listens_only_on_127_0_0_1_and_its_links_say_so_with_a_fixed_port_or_a_free_one(bool fixedPort)
    {
        var port = fixedPort ? FreePort() : 0;
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Port = port });
        fake.Given(Export.WithId(1).Success(files: 1));
        using var http = Wire.Client(fake);

        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;

        Assert.Equal("127.0.0.1", fake.BaseUrl.Host);
        Assert.Equal(fake.BaseUrl, fake.LinkBaseUrl);
        Assert.Equal(fake.BaseUrl.Authority, link.Authority);
        if (Socket.OSSupportsIPv6)
        {
            using var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            var refused = await Assert.ThrowsAsync<SocketException>(() => v6.ConnectAsync(IPAddress.IPv6Loopback, fake.BaseUrl.Port));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    [Fact]
    public async Task A_link_host_names_a_separate_storage_host_on_the_same_port()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { LinkHost = "localhost" });
        fake.Given(Export.WithId(1).Success(files: 1, rowsPerFile: 3));
        using var http = Wire.Client(fake);

        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;
        using var download = await http.GetAsync(link);

        Assert.Equal(new Uri($"http://localhost:{fake.BaseUrl.Port}/"), fake.LinkBaseUrl);
        Assert.Equal("localhost", link.Host);
        Assert.Equal(200, (int)download.StatusCode);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
