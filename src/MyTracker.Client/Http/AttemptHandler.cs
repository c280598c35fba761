namespace MyTracker.Client.Http;

/// <summary>
/// Runs inside the retry pipeline, once per attempt: counts the attempt and reads an API answer's
/// body to its end, so that a body cut mid-transfer fails this attempt (and is retried) instead of
/// failing later in the caller, outside the pipeline. File downloads (<see cref="RequestOptionKeys.StreamedBody"/>)
/// keep streaming; the downloader resumes those itself.
/// </summary>
internal sealed class AttemptHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(RequestOptionKeys.Attempts, out var counter))
        {
            counter = new AttemptCounter();
            request.Options.Set(RequestOptionKeys.Attempts, counter);
        }

        counter.Increment();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Options.TryGetValue(RequestOptionKeys.StreamedBody, out var streamed) && streamed)
        {
            return response;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
