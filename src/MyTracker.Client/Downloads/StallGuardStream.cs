namespace MyTracker.Client.Downloads;

/// <summary>
/// Fails a read that brings no data within the stall timeout. HttpClient's timeout ends when the
/// headers arrive, so without this a server that sends headers and then nothing would hold a
/// download forever. Timed through the client's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class StallGuardStream(Stream inner, TimeSpan stallTimeout, TimeProvider time, Func<string, Exception> stalled) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (stallTimeout == Timeout.InfiniteTimeSpan)
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var timer = time.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), read, stallTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            return await inner.ReadAsync(buffer, read.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw stalled($"no data arrived for {stallTimeout}");
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads cannot be timed out portably; they go straight through.
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
