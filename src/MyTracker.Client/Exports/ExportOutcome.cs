namespace MyTracker.Client;

/// <summary>
/// How an export of any family ended, as a value to pattern-match: documented answers are cases
/// here; only undocumented responses raise <see cref="MyTrackerRequestFailedException"/>.
/// </summary>
public abstract record ExportOutcome
{
    private ExportOutcome()
    {
    }

    /// <summary>Whether the export produced files.</summary>
    public virtual bool IsSuccess => false;

    /// <summary>The export finished; its files are ready to download until their links expire.</summary>
    /// <param name="Files">One or more <c>.csv.gz</c> files, in order.</param>
    public sealed record Succeeded(IReadOnlyList<ExportFile> Files) : ExportOutcome
    {
        /// <inheritdoc />
        public override bool IsSuccess => true;
    }

    /// <summary>The server reported the export as failed.</summary>
    /// <param name="Detail">What the server said about it, if anything.</param>
    /// <param name="CanBeRequestedAgain">
    /// Whether the documentation says requesting the same export again may help (<see cref="ExportOperation{TRequest, TResult}.RestartAsync"/>);
    /// false both for a failure documented as final and for one whose meaning is not documented.
    /// </param>
    public sealed record Failed(string? Detail, bool CanBeRequestedAgain) : ExportOutcome;

    /// <summary>The export was canceled; it will never produce files, and is not requested again automatically.</summary>
    /// <param name="Detail">What the server said, if anything.</param>
    public sealed record Canceled(string? Detail) : ExportOutcome;

    /// <summary>The export id is unknown or no longer available.</summary>
    /// <param name="Detail">What the server said, if anything.</param>
    public sealed record NotFound(string? Detail) : ExportOutcome;

    /// <summary>The credentials are wrong or lack the permission.</summary>
    public sealed record AccessDenied : ExportOutcome;

    /// <summary>The request to start the export was refused for its parameters.</summary>
    /// <param name="Detail">What the server said, if anything.</param>
    public sealed record InvalidParameters(string? Detail) : ExportOutcome;

    /// <summary>
    /// The server kept answering a status this client does not know, for
    /// <see cref="MyTrackerPollingOptions.MaxUnrecognizedStatusPolls"/> polls in a row.
    /// </summary>
    /// <param name="RawStatus">The status as the server sent it.</param>
    public sealed record UnrecognizedStatus(string RawStatus) : ExportOutcome;
}

/// <summary>One file of a finished export, as any export family lists it.</summary>
/// <param name="Link">Where to download it (the API host or another storage host).</param>
/// <param name="ExpiresAt">Until when the link works.</param>
public sealed record ExportFile(Uri Link, DateTimeOffset ExpiresAt)
{
    /// <summary>The format the link's extension says (<c>.csv.gz</c>, <c>.csv</c>, <c>.xlsx</c>), or null when it says none (a download then goes by the answer's content type).</summary>
    public ExportFileFormat? Format => ExportFileFormats.FromLink(Link);
}

/// <summary>Where an export of any family stands after the last poll.</summary>
public enum ExportStatus
{
    /// <summary>Not polled yet.</summary>
    NotStarted,

    /// <summary>Still running on the server.</summary>
    InProgress,

    /// <summary>Files are ready.</summary>
    Succeeded,

    /// <summary>The server reported the export as failed.</summary>
    Failed,

    /// <summary>The export was canceled.</summary>
    Canceled,

    /// <summary>Unknown id.</summary>
    NotFound,

    /// <summary>Wrong credentials or no permission.</summary>
    AccessDenied,

    /// <summary>A status this client does not know (polling goes on for a bounded number of polls).</summary>
    Unrecognized,
}

/// <summary>Thrown when the value of an export that did not succeed is asked for, or when the request to start one is refused.</summary>
public sealed class ExportFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="exportName">The family, e.g. <c>raw-export</c> (see <see cref="ExportAdapter{TRequest, TResult}.Name"/>).</param>
    /// <param name="exportId">The export id, or null when no export was created.</param>
    /// <param name="outcome">The failure.</param>
    /// <param name="timesRequestedAgain">How often the one-call job already requested the export again before it gave up (<see cref="MyTrackerClientOptions.MaxExportRestarts"/>).</param>
    public ExportFailedException(string exportName, long? exportId, ExportOutcome outcome, int timesRequestedAgain = 0)
        : base(Describe(exportName, exportId, outcome, timesRequestedAgain))
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ExportName = exportName;
        ExportId = exportId;
        Outcome = outcome;
        TimesRequestedAgain = timesRequestedAgain;
    }

    /// <summary>How often the one-call job requested the export again before it gave up; 0 outside the job.</summary>
    public int TimesRequestedAgain { get; }

    /// <summary>The family the export belongs to, e.g. <c>raw-export</c>.</summary>
    public string ExportName { get; }

    /// <summary>The export id, or null when the request to start it was refused.</summary>
    public long? ExportId { get; }

    /// <summary>The failure as a value.</summary>
    public ExportOutcome Outcome { get; }

    /// <summary>Whether requesting the export again may help.</summary>
    public bool CanBeRequestedAgain => Outcome is ExportOutcome.Failed { CanBeRequestedAgain: true };

    private static string Describe(string name, long? id, ExportOutcome outcome, int timesRequestedAgain)
    {
        var what = id is { } value ? $"{ExportNames.Display(name)} {value}" : $"{ExportNames.Display(name)} request";
        return outcome switch
        {
            // After the job's restarts "it can be requested again" would read as advice the job did not take.
            ExportOutcome.Failed { CanBeRequestedAgain: true } f when timesRequestedAgain > 0 => $"{what} failed on the server ({f.Detail ?? "no detail"}); it was requested again {timesRequestedAgain} time(s), as many as MaxExportRestarts allows, and failed each time.",
            ExportOutcome.Failed { CanBeRequestedAgain: true } f => $"{what} failed on the server ({f.Detail ?? "no detail"}); it can be requested again.",
            ExportOutcome.Failed f => $"{what} failed on the server ({f.Detail ?? "no detail"}); it is not requested again, because the documentation does not say that asking again under the same conditions helps.",
            ExportOutcome.Canceled c => $"{what} was canceled{(c.Detail is null ? string.Empty : " (" + c.Detail + ")")}; a canceled export is not requested again automatically.",
            ExportOutcome.NotFound nf => $"{what} was not found: {nf.Detail ?? "no detail"}.",
            ExportOutcome.AccessDenied => $"{what}: access denied (check the API user id, secret key and the export permission).",
            ExportOutcome.InvalidParameters ip => $"{what}: invalid parameters: {ip.Detail ?? "no detail"}.",
            ExportOutcome.UnrecognizedStatus us => $"{what} kept answering an unrecognized status '{us.RawStatus}'.",
            _ => $"{what} did not succeed ({outcome.GetType().Name}).",
        };
    }
}

/// <summary>How a family's name reads in messages and file names.</summary>
internal static class ExportNames
{
    /// <summary><c>raw-export</c> -> <c>Raw export</c>.</summary>
    public static string Display(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "Export";
        }

        var text = name.Replace('-', ' ').Replace('_', ' ');
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary><c>raw-export</c> -> <c>raw export</c>, for the middle of a sentence.</summary>
    public static string Inline(string name)
    {
        var display = Display(name);
        return char.ToLowerInvariant(display[0]) + display[1..];
    }
}
