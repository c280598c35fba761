using MyTracker.Client.Downloads;

namespace MyTracker.Client.Tests.Support;

// The bodies derive from the runtime's own ReadOnlyStream, which answers the members they share.

/// <summary>Gives some bytes, then signals and waits until the read is cancelled (a body that stops arriving).</summary>
internal sealed class StallingStream(byte[] head, TaskCompletionSource midway) : ReadOnlyStream
{
    private int _position;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < head.Length)
        {
            var n = Math.Min(buffer.Length, head.Length - _position);
            head.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        midway.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Gives some bytes, then fails as a connection reset mid-body does.</summary>
internal sealed class BreakingStream(byte[] head) : ReadOnlyStream
{
    private int _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= head.Length)
        {
            throw new IOException("Unable to read data from the transport connection: Connection reset by peer.");
        }

        var n = Math.Min(count, head.Length - _position);
        Array.Copy(head, _position, buffer, offset, n);
        _position += n;
        return n;
    }
}

/// <summary>Holds its bytes back until released, then says when it has been read to the end.</summary>
internal sealed class GatedStream(byte[] content, Task release, Action done) : ReadOnlyStream
{
    private readonly MemoryStream _inner = new(content);
    private bool _done;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await release.WaitAsync(cancellationToken);
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        if (read == 0 && !_done)
        {
            _done = true;
            done();
        }

        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
}

/// <summary>A download answer whose first body stalls after a few bytes and whose later ones are whole.</summary>
internal sealed class StallOnce(byte[] content)
{
    private int _attempts;

    public TaskCompletionSource Midway { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    public HttpResponseMessage Respond() => new(System.Net.HttpStatusCode.OK)
    {
        Content = Interlocked.Increment(ref _attempts) == 1 ? new StreamContent(new StallingStream(content[..10], Midway)) : new ByteArrayContent(content),
    };
}
