namespace MyTracker.IntegrationTests.Chaos;

/// <summary>A transport that counts the response-body bytes the client actually read for file downloads.</summary>
internal sealed class CountingTransport : DelegatingHandler
{
    private long _downloadBytes;

    public CountingTransport()
        : base(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
    }

    public long DownloadBytes => Interlocked.Read(ref _downloadBytes);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        return request.RequestUri?.AbsolutePath.StartsWith("/storage/download/", StringComparison.Ordinal) == true
            ? await CountedBody.WrapAsync(response, read => Interlocked.Add(ref _downloadBytes, read), cancellationToken)
            : response;
    }
}
