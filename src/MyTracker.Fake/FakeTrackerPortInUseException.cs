namespace MyTracker.Fake;

/// <summary>
/// The port a <see cref="FakeTracker"/> was told to listen on is taken: thrown by <see cref="FakeTracker.Start"/>
/// and <see cref="FakeTracker.StartAsync"/> at once, without waiting for WireMock.Net's start timeout.
/// </summary>
public sealed class FakeTrackerPortInUseException : IOException
{
    /// <summary>Creates the exception for a host and port.</summary>
    /// <param name="host">The host the fake was to listen on.</param>
    /// <param name="port">The taken port.</param>
    /// <param name="innerException">The socket error that said so.</param>
    public FakeTrackerPortInUseException(string host, int port, Exception? innerException = null)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Port {port} on {host} is already in use."), innerException)
    {
        Host = host;
        Port = port;
    }

    /// <summary>The host the fake was to listen on, as <see cref="FakeTrackerOptions.Host"/> gave it.</summary>
    public string Host { get; }

    /// <summary>The taken port.</summary>
    public int Port { get; }
}
