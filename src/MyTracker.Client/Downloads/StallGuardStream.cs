namespace MyTracker.Client.Downloads;

/// <summary>
/// Fails a read that brings no data within the stall timeout. HttpClient's timeout ends when the
/// headers arrive, so without this a server that sends headers and then nothing would hold a
/// download forever. Timed through the client's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class StallGuardStream(Stream inner, TimeSpan stallTimeout, TimeProvider time, Func<string, Exception> stalled) : ReadOnlyStream
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (stallTimeout == Timeout.InfiniteTimeSpan)
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        // The source's own timer, not a timer calling Cancel(): a timer's callback can still run after
        // the read finished and disposed the source (the timer's disposal does not wait for a callback
        // already under way), and Cancel() on a disposed source throws on the timer's thread; the
        // source's own timer callback is safe after disposal.
        using var stall = new CancellationTokenSource(stallTimeout, time);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
