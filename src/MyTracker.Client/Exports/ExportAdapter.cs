namespace MyTracker.Client;

/// <summary>
/// What the export runtime needs to know about one export family (an endpoint that starts an
/// export, and a status endpoint that reports it in progress, done with files, or failed): how to
/// call the two endpoints, and which of the status answer's cases means what. The generator
/// writes one for every family it recognizes in the fixtures (<c>&lt;Area&gt;Operations.Adapter</c>);
/// for another shape, derive from this class: a few lines, see docs/export-operations.md.
/// </summary>
/// <typeparam name="TRequest">What starting an export takes (the parameters of its create endpoint).</typeparam>
/// <typeparam name="TResult">What one status call answers (the generated result of the status endpoint).</typeparam>
/// <remarks>
/// Everything above the adapter (polling with backoff, progress that never goes backwards, retries,
/// parallel and resumable downloads, the one-call job that resumes into its folder) is the same for
/// every family: <see cref="ExportOperation{TRequest, TResult}"/> and <see cref="ExportOperations{TRequest, TResult}"/>.
/// </remarks>
public abstract class ExportAdapter<TRequest, TResult>
    where TRequest : class
    where TResult : class
{
    /// <summary>
    /// The family's name, e.g. <c>raw-export</c> (the fixture area): in messages, in the names of
    /// downloaded files (<c>raw-export-17.001.csv.gz</c>) and of the one-call job's file
    /// (<c>raw-export-job.json</c>). Letters, digits, '-' and '_' only.
    /// </summary>
    public abstract string Name { get; }

    /// <summary>The name as it reads at the start of a message: <c>raw-export</c> -> <c>Raw export</c>.</summary>
    public virtual string DisplayName => ExportNames.Display(Name);

    /// <summary>One call of the status endpoint for an export. Undocumented answers throw <see cref="MyTrackerRequestFailedException"/>.</summary>
    /// <param name="exportId">The export.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The documented answer.</returns>
    public abstract Task<TResult> GetStatusAsync(long exportId, CancellationToken cancellationToken);

    /// <summary>Which case a status answer is: in progress (and how far), succeeded (and its files), failed, not found, ...</summary>
    /// <param name="result">One answer of <see cref="GetStatusAsync"/>.</param>
    /// <returns>Its state.</returns>
    public abstract ExportState ReadStatus(TResult result);

    /// <summary>
    /// One call of the endpoint that starts an export. Called once per start: the client's pipeline
    /// never retries a POST that may have reached the server, so a second export is not started by accident.
    /// </summary>
    /// <param name="request">What to export.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new export's id, or the documented refusal.</returns>
    /// <exception cref="NotSupportedException">This family's adapter does not start exports (only resumes them by id).</exception>
    public virtual Task<ExportStartResult> CreateAsync(TRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {Name} adapter does not start exports; resume one by its id, or override CreateAsync.");

    /// <summary>
    /// Whether the family documents a cancel endpoint, so that <see cref="CancelAsync"/> works. Generated
    /// adapters say yes for a family with an endpoint named <c>cancel</c> that takes the export id (raw export's cancel.json).
    /// </summary>
    public virtual bool CanCancel => false;

    /// <summary>
    /// One call of the family's cancel endpoint. Called once per cancel and never retried once it may
    /// have reached the server. Undocumented answers are <see cref="ExportCancelAnswer.Unrecognized"/>.
    /// </summary>
    /// <param name="exportId">The export.</param>
    /// <param name="cancellationToken">Cancels the call (not the export).</param>
    /// <returns>The documented answer.</returns>
    /// <exception cref="NotSupportedException">The family documents no cancel endpoint (<see cref="CanCancel"/> is false).</exception>
    public virtual Task<ExportCancelAnswer> CancelAsync(long exportId, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {Name} adapter documents no cancel endpoint; override CanCancel and CancelAsync to add one.");

    /// <summary>
    /// A canonical text of a request, kept in the one-call job's file to tell the folder's job from
    /// another request's. Equal requests must give equal texts. The default is <see cref="object.ToString"/>.
    /// </summary>
    /// <param name="request">A request.</param>
    /// <returns>Its text; no secret belongs in it.</returns>
    public virtual string DescribeRequest(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ToString() ?? string.Empty;
    }

    /// <summary>Whether the first file of an export starts with a header line (later files never do). The default: yes.</summary>
    /// <param name="request">The export's request, when known.</param>
    /// <returns>True when the first line of the first file names the columns.</returns>
    public virtual bool FirstFileHasHeader(TRequest? request) => true;
}
