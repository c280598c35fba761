using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MyTracker.Fake.Http;

/// <summary>
/// One request being answered: what arrived on the wire, and the facts the journal will record about
/// it. Facts are told through the methods below (each says what it records); the journal reads them
/// once, with the reply, in <see cref="RequestJournal.Record"/>. What an answer served (a status,
/// a progress) belongs to the reply, so an answer a fault replaces leaves nothing behind.
/// </summary>
internal sealed class Exchange
{
    private readonly int _question;
    private QueryParameters? _query;

    public Exchange(HttpContext http, byte[] body, in Route route, DateTimeOffset now, long sequence)
    {
        Http = http;
        Body = body;
        Route = route;
        Now = now;
        Sequence = sequence;
        Method = http.Request.Method;

        // The request line exactly as sent: the only form a signature can be checked against
        // (WireMock's AbsoluteUrl is unescaped, its RawQuery re-escaped).
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString);
        var (origin, target) = Split(raw);
        AbsoluteOrigin = origin;
        RawTarget = target;
        _question = target.IndexOf('?');
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

    /// <summary>What the request was classified as, once, before anything else.</summary>
    public Route Route { get; }

    /// <summary>When it arrived, on the fake's clock.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The order of arrival (the journal's sequence).</summary>
    public long Sequence { get; }

    public string Method { get; }

    /// <summary>A HEAD request: answered as GET would be, but it changes no state and counts no attempt.</summary>
    public bool IsHead => HttpMethods.IsHead(Method);

    /// <summary>The path and query as sent (for an absolute-form target, the part after the authority).</summary>
    public string RawTarget { get; }

    /// <summary>The <c>scheme://authority</c> of an absolute-form request target, or null.</summary>
    public string? AbsoluteOrigin { get; }

    // Cut on demand: most requests need only one of the two.
    public string RawPath => _question < 0 ? RawTarget : RawTarget[.._question];

    public string RawQuery => _question < 0 ? string.Empty : RawTarget[(_question + 1)..];

    /// <summary>The query parameters as sent, parsed once on first use.</summary>
    public QueryParameters Query => _query ??= QueryParameters.Parse(RawQuery);

    /// <summary>The values of the routed endpoint's <c>{name}</c> path segments, or null.</summary>
    public Dictionary<string, string>? PathValues { get; set; }

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

    // The journal's facts about this request, each told once through the method named after it.
    public string? ApiUserId { get; private set; }

    public long? ExportId { get; private set; }

    public string? FileName { get; private set; }

    public int? FileNumber { get; private set; }

    public bool AuthRequested { get; private set; }

    public bool? LinkExpired { get; private set; }

    public string? Range { get; private set; }

    public FaultKind? Fault { get; private set; }

    public string? Scenario { get; private set; }

    public string? Detail { get; private set; }

    /// <summary>The API user the request is answered for (authenticated, or assumed with authentication off).</summary>
    public void Authenticated(string apiUserId) => ApiUserId = apiUserId;

    /// <summary>Why the request is refused or invalid: the first reason given is kept.</summary>
    public void Note(string detail) => Detail ??= detail;

    /// <summary>What went wrong inside the fake (its answer is a 500 in the envelope, without this text).</summary>
    public void Failed(Exception exception) => Detail = exception.GetType().Name + ": " + exception.Message;

    /// <summary>The export the request addresses (an id asked for, handed out, or a file's export).</summary>
    public void ForExport(long exportId) => ExportId = exportId;

    /// <summary>The listed file the request downloads, and whether its link asked for a signature (<c>auth=1</c>).</summary>
    public void ForFile(string name, int number, bool authRequested = false)
    {
        FileName = name;
        FileNumber = number;
        AuthRequested = authRequested;
    }

    /// <summary>Whether the listed link had expired when it was requested.</summary>
    public void LinkExpiredWhenAsked(bool expired) => LinkExpired = expired;

    /// <summary>The <c>Range</c> header of a download, as sent.</summary>
    public void Ranged(string? range) => Range = range;

    /// <summary>The sample answered by scenario name.</summary>
    public void Answering(string scenario) => Scenario = scenario;

    /// <summary>The fault injected into this request's answer.</summary>
    public void Faulted(FaultKind kind) => Fault = kind;
}

/// <summary>An answer and what the journal records about it.</summary>
/// <param name="Answer">The response to write.</param>
/// <param name="Status">The status the journal records (0 for a dropped connection).</param>
/// <param name="Outcome">The journal's classification.</param>
/// <param name="Drop">Reset the connection instead of answering, once the journal has the entry.</param>
internal sealed record Reply(HttpAnswer Answer, int Status, FakeOutcome Outcome, bool Drop = false)
{
    /// <summary>The export status this answer serves (a status poll's), or null: part of the answer, so a reply that replaces it carries none.</summary>
    public ServedStatus? Served { get; init; }
}

/// <summary>What a status answer served, as the journal records it.</summary>
/// <param name="Status">The status as the family's samples write it (<c>In progress</c>, <c>Success!</c>).</param>
/// <param name="Finished">Whether the export had finished (succeeded or failed).</param>
/// <param name="Progress">The progress of an in-progress answer.</param>
/// <param name="LinksExpireAt">When the listed links expire.</param>
internal readonly record struct ServedStatus(string Status, bool Finished, int? Progress, DateTimeOffset? LinksExpireAt);
