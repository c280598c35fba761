using Microsoft.AspNetCore.Http;

namespace MyTracker.Fake.Http;

/// <summary>
/// Wraps the response body so only the first <c>limit</c> bytes reach the client; then either resets
/// the connection (a transfer cut mid-body) or swallows the rest so the response ends cleanly but
/// short (a truncated gzip stream inside a well-formed HTTP answer).
/// </summary>
internal sealed class CuttingStream(Stream inner, long limit, HttpContext context, bool resetAfter) : Stream
{
    private long _written;
    private bool _cut;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _cut ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_cut)
        {
            return;
        }

        var room = (int)Math.Min(buffer.Length, limit - _written);
        if (room > 0)
        {
            await inner.WriteAsync(buffer[..room], cancellationToken).ConfigureAwait(false);
            _written += room;
        }

        if (_written >= limit && room < buffer.Length)
        {
            _cut = true;
            if (resetAfter)
            {
                await inner.FlushAsync(cancellationToken).ConfigureAwait(false);

                // Kestrel drops output still queued when a connection is aborted; give the partial
                // body a moment to reach the socket so the client sees headers and some bytes first.
                await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None).ConfigureAwait(false);
                context.Abort();
            }
        }
    }
}
