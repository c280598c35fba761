namespace MyTracker.Fake;

/// <summary>What an injected fault does to one request.</summary>
public enum FaultKind
{
    /// <summary>The normal answer, after a delay.</summary>
    Latency,

    /// <summary>An undocumented status instead of the answer: a 5xx with an HTML body, or a 429 with <c>Retry-After</c>.</summary>
    Status,

    /// <summary>The connection is reset before any response byte is sent.</summary>
    DropConnection,

    /// <summary>Headers and part of the body are sent, then the connection is reset.</summary>
    TruncatedBody,

    /// <summary>The response ends cleanly but early, so the body (a gzip stream for downloads) is cut off.</summary>
    TruncatedGzip,

    /// <summary>A 200 whose JSON body stops in the middle.</summary>
    MalformedJson,

    /// <summary>A download link is expired at once (the download gets 410; the next poll lists fresh links).</summary>
    ExpiredLink,
}
