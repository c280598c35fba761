namespace MyTracker.Client;

/// <summary>
/// How a segment export ended, as a value to pattern-match. Documented answers are cases here;
/// only undocumented responses raise <see cref="MyTrackerRequestFailedException"/>.
/// </summary>
public abstract record SegmentExportOutcome
{
    private SegmentExportOutcome()
    {
    }

    /// <summary>Whether the export produced files.</summary>
    public virtual bool IsSuccess => false;

    /// <summary>The export finished; its files are ready to download until their links expire.</summary>
    /// <param name="Files">One or more <c>.csv.gz</c> files, in order.</param>
    public sealed record Succeeded(IReadOnlyList<SegmentExportFile> Files) : SegmentExportOutcome
    {
        /// <inheritdoc />
        public override bool IsSuccess => true;
    }

    /// <summary>
    /// The server answered <c>Error occurred</c>: the export was interrupted. The documentation says the
    /// request can be repeated; <see cref="SegmentExportOperation.RestartAsync"/> does that.
    /// </summary>
    public sealed record ErrorOccurred : SegmentExportOutcome
    {
        /// <summary>Always true: an interrupted export can be requested again.</summary>
        public bool CanBeRequestedAgain => true;
    }

    /// <summary>The export id is unknown or no longer available (HTTP 404).</summary>
    /// <param name="Detail">The server's <c>data.error.detail</c>, if any.</param>
    public sealed record NotFound(string? Detail) : SegmentExportOutcome;

    /// <summary>The credentials are wrong or lack the export permission (HTTP 403).</summary>
    public sealed record AccessDenied : SegmentExportOutcome;

    /// <summary>create.json refused the parameters (HTTP 400).</summary>
    /// <param name="Detail">The server's <c>data.error.detail</c>, if any.</param>
    public sealed record InvalidParameters(string? Detail) : SegmentExportOutcome;

    /// <summary>
    /// The server kept answering a status this client does not know, for
    /// <see cref="MyTrackerPollingOptions.MaxUnrecognizedStatusPolls"/> polls in a row.
    /// </summary>
    /// <param name="RawStatus">The status text as the server sent it.</param>
    public sealed record UnrecognizedStatus(string RawStatus) : SegmentExportOutcome;
}

/// <summary>One file of a finished export.</summary>
/// <param name="Link">Where to download it (the API host or another storage host).</param>
/// <param name="ExpiresAt">Until when the link works (<c>timestampExpires</c>).</param>
public sealed record SegmentExportFile(Uri Link, DateTimeOffset ExpiresAt);

/// <summary>Where an export stands after the last poll.</summary>
public enum SegmentExportStatus
{
    /// <summary>Not polled yet.</summary>
    NotStarted,

    /// <summary>Still running on the server.</summary>
    InProgress,

    /// <summary>Files are ready.</summary>
    Succeeded,

    /// <summary>The server interrupted the export; it can be requested again.</summary>
    ErrorOccurred,

    /// <summary>Unknown id.</summary>
    NotFound,

    /// <summary>Wrong credentials or no permission.</summary>
    AccessDenied,

    /// <summary>A status this client does not know (polling goes on for a bounded number of polls).</summary>
    Unrecognized,
}

/// <summary>Thrown when the value of an export that did not succeed is asked for, or when create.json refuses a request.</summary>
public sealed class SegmentExportFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="exportId">The export id, or null when no export was created.</param>
    /// <param name="outcome">The failure.</param>
    public SegmentExportFailedException(long? exportId, SegmentExportOutcome outcome)
        : base(Describe(exportId, outcome))
    {
        ExportId = exportId;
        Outcome = outcome;
    }

    /// <summary>The export id, or null when create.json refused the request.</summary>
    public long? ExportId { get; }

    /// <summary>The failure as a value.</summary>
    public SegmentExportOutcome Outcome { get; }

    /// <summary>Whether requesting the export again may help (true for <c>Error occurred</c>).</summary>
    public bool CanBeRequestedAgain => Outcome is SegmentExportOutcome.ErrorOccurred;

    private static string Describe(long? id, SegmentExportOutcome outcome)
    {
        var what = id is { } value ? $"Segment export {value}" : "Segment export request";
        return outcome switch
        {
            SegmentExportOutcome.ErrorOccurred => $"{what} was interrupted by the server (Error occurred); it can be requested again.",
            SegmentExportOutcome.NotFound nf => $"{what} was not found: {nf.Detail ?? "no detail"}.",
            SegmentExportOutcome.AccessDenied => $"{what}: access denied (check the API user id, secret key and the export permission).",
            SegmentExportOutcome.InvalidParameters ip => $"{what}: invalid parameters: {ip.Detail ?? "no detail"}.",
            SegmentExportOutcome.UnrecognizedStatus us => $"{what} kept answering an unrecognized status '{us.RawStatus}'.",
            _ => $"{what} did not succeed ({outcome.GetType().Name}).",
        };
    }
}
