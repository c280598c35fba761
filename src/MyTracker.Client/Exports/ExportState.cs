namespace MyTracker.Client;

/// <summary>
/// What one status answer of an export says, reduced to what the runtime needs: still running (and
/// how far), done with files, or ended otherwise. An <see cref="ExportAdapter{TRequest, TResult}"/>
/// builds one per answer with the factory methods.
/// </summary>
public sealed class ExportState
{
    private ExportState(ExportStatus status, double? percent, IReadOnlyList<ExportFile>? files, string? detail, bool canBeRequestedAgain, string? rawStatus)
    {
        Status = status;
        Percent = percent;
        Files = files;
        Detail = detail;
        CanBeRequestedAgain = canBeRequestedAgain;
        RawStatus = rawStatus;
    }

    /// <summary>Which state it is.</summary>
    public ExportStatus Status { get; }

    /// <summary>The server's progress in percent while in progress, if it says.</summary>
    public double? Percent { get; }

    /// <summary>The files, when <see cref="ExportStatus.Succeeded"/>.</summary>
    public IReadOnlyList<ExportFile>? Files { get; }

    /// <summary>What the server said about a failure, if anything.</summary>
    public string? Detail { get; }

    /// <summary>For <see cref="ExportStatus.Failed"/>: whether requesting the export again may help.</summary>
    public bool CanBeRequestedAgain { get; }

    /// <summary>The status as the server sent it (e.g. <c>processing</c>), for messages and <see cref="ExportOperation{TRequest, TResult}.RawStatus"/>.</summary>
    public string? RawStatus { get; }

    /// <summary>The export is still running.</summary>
    /// <param name="percent">The server's progress in percent, if it says.</param>
    /// <param name="rawStatus">The status as sent.</param>
    public static ExportState InProgress(double? percent = null, string? rawStatus = null) =>
        new(ExportStatus.InProgress, percent, null, null, false, rawStatus);

    /// <summary>The export is done; its files can be downloaded.</summary>
    /// <param name="files">The files in the export's order (each a link and until when it works).</param>
    /// <param name="rawStatus">The status as sent.</param>
    public static ExportState Succeeded(IEnumerable<ExportFile> files, string? rawStatus = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new(ExportStatus.Succeeded, 100, [.. files], null, false, rawStatus);
    }

    /// <summary>The server reports the export as failed.</summary>
    /// <param name="canBeRequestedAgain">Whether requesting it again may help (the one-call job then does, up to <see cref="MyTrackerClientOptions.MaxExportRestarts"/> times).</param>
    /// <param name="detail">What the server said, if anything.</param>
    /// <param name="rawStatus">The status as sent.</param>
    public static ExportState Failed(bool canBeRequestedAgain, string? detail = null, string? rawStatus = null) =>
        new(ExportStatus.Failed, null, null, detail, canBeRequestedAgain, rawStatus);

    /// <summary>
    /// The export was canceled (by its owner, through the API or the interface): it will never produce
    /// files, and requesting it again is the owner's decision, never the runtime's.
    /// </summary>
    /// <param name="detail">What the server said, if anything.</param>
    /// <param name="rawStatus">The status as sent.</param>
    public static ExportState Canceled(string? detail = null, string? rawStatus = null) =>
        new(ExportStatus.Canceled, null, null, detail, false, rawStatus);

    /// <summary>The export id is unknown or no longer available.</summary>
    /// <param name="detail">What the server said, if anything.</param>
    public static ExportState NotFound(string? detail = null) => new(ExportStatus.NotFound, null, null, detail, false, null);

    /// <summary>The credentials are wrong or lack the permission.</summary>
    public static ExportState AccessDenied() => new(ExportStatus.AccessDenied, null, null, null, false, null);

    /// <summary>
    /// An answer no documented case describes (a new status text): polling goes on, and the export
    /// ends as <see cref="ExportOutcome.UnrecognizedStatus"/> after <see cref="MyTrackerPollingOptions.MaxUnrecognizedStatusPolls"/> in a row.
    /// </summary>
    /// <param name="rawStatus">The status (or body) as sent.</param>
    public static ExportState Unrecognized(string rawStatus) => new(ExportStatus.Unrecognized, null, null, null, false, rawStatus);

    /// <inheritdoc />
    public override string ToString() => RawStatus is null ? Status.ToString() : $"{Status} ({RawStatus})";

    /// <summary>How the export ended, or null while it runs (or the state is not recognized).</summary>
    internal ExportOutcome? ToOutcome() => Status switch
    {
        ExportStatus.Succeeded => new ExportOutcome.Succeeded(Files ?? []),
        ExportStatus.Failed => new ExportOutcome.Failed(Detail, CanBeRequestedAgain),
        ExportStatus.Canceled => new ExportOutcome.Canceled(Detail),
        ExportStatus.NotFound => new ExportOutcome.NotFound(Detail),
        ExportStatus.AccessDenied => new ExportOutcome.AccessDenied(),
        _ => null,
    };
}

/// <summary>What the request that starts an export answered: the new export's id, or a documented refusal.</summary>
public sealed class ExportStartResult
{
    private ExportStartResult(long? exportId, ExportOutcome? refusal, int status, string? rawBody)
    {
        ExportId = exportId;
        Refusal = refusal;
        StatusCode = status;
        RawBody = rawBody;
    }

    /// <summary>The new export's id, when it was started.</summary>
    public long? ExportId { get; }

    /// <summary>The documented refusal (<see cref="ExportOutcome.InvalidParameters"/>, <see cref="ExportOutcome.AccessDenied"/>, ...), when it was not.</summary>
    public ExportOutcome? Refusal { get; }

    /// <summary>The HTTP status of an answer no documented case describes (0 otherwise).</summary>
    public int StatusCode { get; }

    /// <summary>The body of an answer no documented case describes.</summary>
    public string? RawBody { get; }

    /// <summary>The export was started.</summary>
    /// <param name="exportId">Its id, which the status endpoint takes.</param>
    public static ExportStartResult Started(long exportId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exportId);
        return new(exportId, null, 0, null);
    }

    /// <summary>The request was refused, as documented.</summary>
    /// <param name="refusal">Why, as an outcome.</param>
    public static ExportStartResult Refused(ExportOutcome refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new(null, refusal, 0, null);
    }

    /// <summary>An answer no documented case describes; starting fails with <see cref="MyTrackerRequestFailedException"/>.</summary>
    /// <param name="statusCode">Its HTTP status.</param>
    /// <param name="rawBody">Its body.</param>
    public static ExportStartResult Unrecognized(int statusCode, string rawBody) => new(null, null, statusCode, rawBody);
}
