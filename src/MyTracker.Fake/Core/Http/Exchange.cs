using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MyTracker.Fake.Http;

/// <summary>One request being answered: what arrived on the wire, and what the journal will record.</summary>
internal sealed class Exchange
{
    private readonly int _question;

    public Exchange(HttpContext http, byte[] body, in Route route, DateTimeOffset now)
    {
        Http = http;
        Body = body;

        // The request line exactly as sent: the only form a signature can be checked against
        // (WireMock's AbsoluteUrl is unescaped, its RawQuery re-escaped).
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString);
        var (origin, target) = Split(raw);
        AbsoluteOrigin = origin;
        _question = target.IndexOf('?');
        Record = new JournalRecord
        {
            Timestamp = now,
            Method = http.Request.Method,
            Target = target,
            Endpoint = route.Kind,
            EndpointKey = route.Endpoint?.Key,
            HadAuthorizationHeader = http.Request.Headers.Authorization.Count > 0,
            Host = http.Request.Host.Host,
        };
    }

    /// <summary>The path and query of a request target; an absolute-form one loses its <c>scheme://authority</c>.</summary>
    public static string OriginForm(string raw) => Split(raw).Target;

    /// <summary>
    /// An absolute-form target (GET http://host/path HTTP/1.1) is signed as written; its origin part is
    /// split off so paths are always looked up from their first slash.
    /// </summary>
    private static (string? Origin, string Target) Split(string raw)
    {
        if (raw.StartsWith('/') || raw.IndexOf("://", StringComparison.Ordinal) is not (var scheme and > 0))
        {
            return (null, raw);
        }

        var slash = raw.IndexOfAny(['/', '?'], scheme + 3);
        var origin = slash < 0 ? raw : raw[..slash];
        var target = slash < 0 ? "/" : raw[slash] == '?' ? "/" + raw[slash..] : raw[slash..];
        return (origin.Length == 0 ? null : origin, target);
    }

    public HttpContext Http { get; }

    /// <summary>The request body as received (signed together with the URL).</summary>
    public byte[] Body { get; }

    // What arrived is kept once, in the record the journal will copy.
    public FakeEndpoint Endpoint => Record.Endpoint;

    public DateTimeOffset Now => Record.Timestamp;

    public string Method => Record.Method;

    /// <summary>A HEAD request: answered as GET would be, but it changes no state and counts no attempt.</summary>
    public bool IsHead => HttpMethods.IsHead(Record.Method);

    /// <summary>The path and query as sent (for an absolute-form target, the part after the authority).</summary>
    public string RawTarget => Record.Target;

    /// <summary>The <c>scheme://authority</c> of an absolute-form request target, or null.</summary>
    public string? AbsoluteOrigin { get; }

    // Cut on demand: most requests need only one of the two.
    public string RawPath => _question < 0 ? RawTarget : RawTarget[.._question];

    public string RawQuery => _question < 0 ? string.Empty : RawTarget[(_question + 1)..];

    /// <summary>
    /// What the journal records, filled in while answering (a field, so handlers set its members
    /// in place); the journal copies it into its ring.
    /// </summary>
    public JournalRecord Record;

    /// <summary>The URL as it arrived, the text a signature covers: scheme, the Host header as sent, then the raw target.</summary>
    public string SignedUrl()
    {
        if (AbsoluteOrigin is not null)
        {
            return AbsoluteOrigin + RawTarget;
        }

        var host = Http.Request.Host.HasValue ? Http.Request.Host.Value : $"{Http.Connection.LocalIpAddress}:{Http.Connection.LocalPort}";
        return string.Concat(Http.Request.Scheme, "://", host, RawTarget);
    }

    /// <summary>The finished record, with the answer's sequence, status and outcome.</summary>
    public JournalRecord ToJournal(long sequence, int status, FakeOutcome outcome)
    {
        var record = Record;
        record.Sequence = sequence;
        record.StatusCode = status;
        record.Outcome = outcome;
        return record;
    }
}

/// <summary>An answer and how the journal classifies it.</summary>
/// <param name="Answer">The response to write.</param>
/// <param name="Status">The status the journal records (0 for a dropped connection).</param>
/// <param name="Outcome">The journal's classification.</param>
/// <param name="Drop">Reset the connection instead of answering, once the journal has the entry.</param>
internal sealed record Reply(HttpAnswer Answer, int Status, FakeOutcome Outcome, bool Drop = false);
