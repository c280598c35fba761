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
        return await CountedBody.WrapAsync(response, Consumed, cancellationToken);
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
}
