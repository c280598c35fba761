namespace MyTracker.Client.Http;

/// <summary>What the client's handlers tell each other about a request, in <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class RequestOptionKeys
{
    /// <summary>
    /// Set by the downloader: the body is a file to stream, not an API answer to read whole inside
    /// the retry pipeline.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> StreamedBody = new("MyTracker.StreamedBody");

    /// <summary>Counts the attempts the retry pipeline made for one request, so failures can say how many.</summary>
    public static readonly HttpRequestOptionsKey<AttemptCounter> Attempts = new("MyTracker.Attempts");

    /// <summary>The attempts made for <paramref name="request"/> so far (1 when it went through no counting pipeline).</summary>
    public static int AttemptsOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Attempts, out var counter) ? Math.Max(1, counter.Count) : 1;
}

/// <summary>A mutable count kept in a request's options (the same message object is sent again on every retry).</summary>
internal sealed class AttemptCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
