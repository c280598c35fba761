namespace MyTracker.Client;

/// <summary>
/// What a family's cancel endpoint answered, reduced to what the runtime needs. An
/// <see cref="ExportAdapter{TRequest, TResult}"/> builds one per answer with the factory methods; the
/// runtime turns it into an <see cref="ExportCancelResult"/>.
/// </summary>
public sealed class ExportCancelAnswer
{
    private ExportCancelAnswer(ExportCancelAnswerKind kind, string? detail, int statusCode = 0, string? rawBody = null, string? method = null)
    {
        Kind = kind;
        Detail = detail;
        StatusCode = statusCode;
        RawBody = rawBody;
        Method = method;
    }

    /// <summary>Which answer it is.</summary>
    public ExportCancelAnswerKind Kind { get; }

    /// <summary>What the server said, if anything.</summary>
    public string? Detail { get; }

    /// <summary>The HTTP status of an answer no documented case describes (0 otherwise).</summary>
    public int StatusCode { get; }

    /// <summary>The body of an answer no documented case describes.</summary>
    public string? RawBody { get; }

    /// <summary>The HTTP method of the cancel endpoint, for the message of an answer no documented case describes.</summary>
    public string? Method { get; }

    /// <summary>The server canceled the export.</summary>
    /// <param name="detail">What it said, if anything.</param>
    public static ExportCancelAnswer Canceled(string? detail = null) => new(ExportCancelAnswerKind.Canceled, detail);

    /// <summary>
    /// The server refused to cancel, as documented (raw export: already complete, or running past the
    /// point where it can be canceled). The runtime tells the two apart by the status endpoint, whose
    /// scenarios say what they mean, not by the refusal's text.
    /// </summary>
    /// <param name="detail">What it said, if anything.</param>
    public static ExportCancelAnswer Refused(string? detail = null) => new(ExportCancelAnswerKind.Refused, detail);

    /// <summary>The export id is unknown or no longer available.</summary>
    /// <param name="detail">What the server said, if anything.</param>
    public static ExportCancelAnswer NotFound(string? detail = null) => new(ExportCancelAnswerKind.NotFound, detail);

    /// <summary>The credentials are wrong or lack the permission.</summary>
    public static ExportCancelAnswer AccessDenied() => new(ExportCancelAnswerKind.AccessDenied, null);

    /// <summary>An answer no documented case describes; the cancel fails with <see cref="MyTrackerRequestFailedException"/>.</summary>
    /// <param name="statusCode">Its HTTP status.</param>
    /// <param name="rawBody">Its body.</param>
    /// <param name="method">The cancel endpoint's HTTP method.</param>
    public static ExportCancelAnswer Unrecognized(int statusCode, string rawBody, string method = "GET") => new(ExportCancelAnswerKind.Unrecognized, null, statusCode, rawBody, method);

    /// <inheritdoc />
    public override string ToString() => Detail is null ? Kind.ToString() : $"{Kind} ({Detail})";
}

/// <summary>The kinds of <see cref="ExportCancelAnswer"/>.</summary>
public enum ExportCancelAnswerKind
{
    /// <summary>Canceled.</summary>
    Canceled,

    /// <summary>A documented refusal.</summary>
    Refused,

    /// <summary>Unknown id.</summary>
    NotFound,

    /// <summary>Wrong credentials or no permission.</summary>
    AccessDenied,

    /// <summary>An answer no documented case describes.</summary>
    Unrecognized,
}

/// <summary>
/// How a cancel of an export ended (<see cref="ExportOperation{TRequest, TResult}.CancelAsync"/>), as a
/// value to pattern-match: the documented refusals are cases here; only undocumented answers raise
/// <see cref="MyTrackerRequestFailedException"/>.
/// </summary>
public abstract record ExportCancelResult
{
    private ExportCancelResult()
    {
    }

    /// <summary>The export is canceled: it will never produce files, and nothing requests it again.</summary>
    /// <param name="Detail">What the server said, if anything.</param>
    public sealed record Canceled(string? Detail) : ExportCancelResult;

    /// <summary>The export had already ended, so there was nothing to cancel; <paramref name="Outcome"/> says how it ended.</summary>
    /// <param name="Outcome">How it ended (with files, failed, or canceled before).</param>
    /// <param name="Detail">What the server said when refusing, or null when the operation already knew the export had ended and sent nothing.</param>
    public sealed record AlreadyCompleted(ExportOutcome Outcome, string? Detail) : ExportCancelResult;

    /// <summary>The export still runs, but past the point where the server lets it be canceled; it will end by itself.</summary>
    /// <param name="Detail">What the server said.</param>
    public sealed record NotCancellable(string? Detail) : ExportCancelResult;

    /// <summary>The export id is unknown or no longer available.</summary>
    /// <param name="Detail">What the server said, if anything.</param>
    public sealed record NotFound(string? Detail) : ExportCancelResult;

    /// <summary>The credentials are wrong or lack the permission.</summary>
    public sealed record AccessDenied : ExportCancelResult;
}
