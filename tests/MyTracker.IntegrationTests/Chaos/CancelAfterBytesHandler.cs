namespace MyTracker.IntegrationTests.Chaos;

/// <summary>
/// A transport handler that cancels a token once a chosen number of response-body bytes has been
/// read (or at the next request when the budget is already spent), so a seeded budget lands the
/// cancellation anywhere: before a poll, mid-file, between the last byte and the rename.
/// </summary>
internal sealed class CancelAfterBytesHandler : DelegatingHandler
{
    private long _remaining = long.MaxValue;
    private CancellationTokenSource? _target;

    public CancelAfterBytesHandler()
        : base(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
    }

    public void Arm(long bytes, CancellationTokenSource target)
    {
        Volatile.Write(ref _target, target);
        Interlocked.Exchange(ref _remaining, bytes);
    }

    public void Disarm()
    {
        Interlocked.Exchange(ref _remaining, long.MaxValue);
        Volatile.Write(ref _target, null);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Interlocked.Read(ref _remaining) <= 0)
        {
            await CancelTargetAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var response = await base.SendAsync(request, cancellationToken);
        var original = response.Content;
        var counted = new StreamContent(new CountingStream(await original.ReadAsStreamAsync(cancellationToken), this));
        foreach (var header in original.Headers)
        {
            counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = counted;
        return response;
    }

    private void Consumed(int bytes)
    {
        if (bytes > 0 && Interlocked.Add(ref _remaining, -bytes) <= 0)
        {
            // Not awaited on purpose: the read that crossed the budget still returns its bytes, and
            // the cancellation hits whatever the client does next, as a user's Cancel() would.
            _ = CancelTargetAsync();
        }
    }

    private Task CancelTargetAsync() => Volatile.Read(ref _target)?.CancelAsync() ?? Task.CompletedTask;

    private sealed class CountingStream(Stream inner, CancelAfterBytesHandler owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            owner.Consumed(read);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            owner.Consumed(read);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
}
