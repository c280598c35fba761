using System.Net;
using System.Net.Sockets;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.Fake;

public sealed partial class FakeTracker
{
    /// <summary>
    /// Starts WireMock.Net, a taken port reported as <see cref="FakeTrackerPortInUseException"/>: by a probe
    /// first, because WireMock.Net reports a busy port only after its start timeout (~10 s), and by the
    /// socket error in the bind's exception chain when the port is taken between probe and bind.
    /// </summary>
    private static WireMockServer StartServer(WireMockServerSettings settings, string host, int port)
    {
        if (port != 0 && ProbeAddress(host) is { } address)
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { ExclusiveAddressUse = true };
            try
            {
                probe.Bind(new IPEndPoint(address, port));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new FakeTrackerPortInUseException(host, port, e);
            }
        }

        try
        {
            return WireMockServer.Start(settings);
        }
        catch (Exception e) when (port != 0 && AddressInUse(e) is { } cause)
        {
            throw new FakeTrackerPortInUseException(host, port, cause);
        }
    }

    /// <summary>The address to probe: an IP address as given, localhost as 127.0.0.1; null for another host name (its bind decides).</summary>
    private static IPAddress? ProbeAddress(string host) =>
        host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var address) ? address : null;

    /// <summary>The socket error saying the address is in use, anywhere in the chain (Kestrel and WireMock.Net each wrap it).</summary>
    private static SocketException? AddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } socket)
            {
                return socket;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Select(AddressInUse).FirstOrDefault(s => s is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
