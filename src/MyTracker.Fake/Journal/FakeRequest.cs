using System.Diagnostics.CodeAnalysis;

namespace MyTracker.Fake;

/// <summary>One request as the fake saw and answered it.</summary>
public sealed record FakeRequest
{
    /// <summary>An entry with every member set by the caller.</summary>
    public FakeRequest()
    {
    }

    /// <summary>The entry a stored journal record describes.</summary>
    [SetsRequiredMembers]
    internal FakeRequest(in JournalRecord record)
    {
        Sequence = record.Sequence;
        Timestamp = record.Timestamp;
        Method = record.Method;
        Target = record.Target;
        Endpoint = record.Endpoint;
        StatusCode = record.StatusCode;
        Outcome = record.Outcome;
        ApiUserId = record.ApiUserId;
        ExportId = record.ExportId;
        ExportStatus = record.ExportStatus;
        ExportFinished = record.ExportFinished;
        Progress = record.Progress;
        HadAuthorizationHeader = record.HadAuthorizationHeader;
        Host = record.Host;
        AuthRequested = record.AuthRequested;
        FileName = record.FileName;
        FileNumber = record.FileNumber;
        LinkExpired = record.LinkExpired;
        Range = record.Range;
        LinksExpireAt = record.LinksExpireAt;
        Fault = record.Fault;
        Scenario = record.Scenario;
        Detail = record.Detail;
    }

    /// <summary>The order of arrival, from 1.</summary>
    public required long Sequence { get; init; }

    /// <summary>When it arrived, on the fake's clock.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path and query exactly as sent on the wire.</summary>
    public required string Target { get; init; }

    /// <summary>
    /// What was addressed: the fixture endpoint, <c>area/endpoint</c> (e.g. <c>raw-export/get</c>; for a
    /// download, the endpoint whose answer listed the file), or none, and the kind of request as the part
    /// of the fake that claimed it reports it (<see cref="FakeEndpointKinds"/>, <see cref="ExportEndpointKinds"/>).
    /// </summary>
    public required FakeEndpoint Endpoint { get; init; }

    /// <summary>The status code answered (0 when the connection was dropped).</summary>
    public required int StatusCode { get; init; }

    /// <summary>How it was answered.</summary>
    public required FakeOutcome Outcome { get; init; }

    /// <summary>The authenticated API user, or null.</summary>
    public string? ApiUserId { get; init; }

    /// <summary>The export addressed (get.json id, the id create.json handed out, or a download's export).</summary>
    public long? ExportId { get; init; }

    /// <summary>The status served by a status poll as its samples write it: for segment export <c>In progress</c>, <c>Error occurred</c> or <c>Success!</c>.</summary>
    public string? ExportStatus { get; init; }

    /// <summary>For a served status poll: whether the export had finished (succeeded or failed).</summary>
    public bool? ExportFinished { get; init; }

    /// <summary>The progress served by an in-progress answer.</summary>
    public int? Progress { get; init; }

    /// <summary>Whether the request carried an <c>Authorization</c> header.</summary>
    public bool HadAuthorizationHeader { get; init; }

    /// <summary>The host the client addressed (the <c>Host</c> header without its port).</summary>
    public string? Host { get; init; }

    /// <summary>For downloads: whether the link asked for authorization with <c>auth=1</c>.</summary>
    public bool AuthRequested { get; init; }

    /// <summary>For downloads: the file name.</summary>
    public string? FileName { get; init; }

    /// <summary>For downloads: the file number (1-based).</summary>
    public int? FileNumber { get; init; }

    /// <summary>For downloads of a known link: whether it had expired when requested.</summary>
    public bool? LinkExpired { get; init; }

    /// <summary>For downloads: the <c>Range</c> header as sent (a resumed transfer), or null.</summary>
    public string? Range { get; init; }

    /// <summary>For a <c>Success!</c> answer: when the listed links expire.</summary>
    public DateTimeOffset? LinksExpireAt { get; init; }

    /// <summary>The fault injected, if any (latency faults still serve the normal answer).</summary>
    public FaultKind? Fault { get; init; }

    /// <summary>The sample answered by name, for an answer served from a sample (picked by the <c>X-Fake-Scenario</c> header, a setup rule, or as the endpoint's default).</summary>
    public string? Scenario { get; init; }

    /// <summary>Why a request was refused or found invalid.</summary>
    public string? Detail { get; init; }

    /// <summary>One line for logs: sequence, method, target, status and outcome.</summary>
    /// <returns>The line.</returns>
    public override string ToString() =>
        $"#{Sequence} {Method} {Target} -> {StatusCode} {Outcome}"
        + (ExportStatus is null ? string.Empty : $" [{ExportStatus}{(Progress is null ? string.Empty : $" {Progress}%")}]")
        + (Fault is null ? string.Empty : $" fault={Fault}")
        + (Detail is null ? string.Empty : $" ({Detail})");
}
