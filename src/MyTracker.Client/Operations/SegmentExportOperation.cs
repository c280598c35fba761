using MyTracker.Client.Operations;

namespace MyTracker.Client;

/// <summary>
/// A segment export running on the server, shaped like the Azure SDK's <c>Operation&lt;T&gt;</c>:
/// an <see cref="Id"/> to keep and resume from, <see cref="UpdateStatusAsync"/> for one poll and
/// <see cref="WaitForCompletionAsync"/> to poll until the export ends. All waiting goes through the
/// client's <see cref="TimeProvider"/>. An instance is not meant to be used from several threads at once.
/// </summary>
public class SegmentExportOperation
{
    private readonly ISegmentExportService _service = null!;
    private readonly MyTrackerClientOptions _options = null!;
    private int _unrecognizedInARow;

    /// <summary>For mocking only.</summary>
    protected SegmentExportOperation()
    {
    }

    /// <summary>Resumes an export started earlier (for example before a restart) from its id.</summary>
    /// <param name="id">The <c>idSegmentExport</c> create.json returned.</param>
    /// <param name="client">The client to poll with.</param>
    /// <param name="request">The original request, if known; needed only by <see cref="RestartAsync"/>.</param>
    public SegmentExportOperation(long id, MyTrackerClient client, SegmentExportRequest? request = null)
        : this(id, (client ?? throw new ArgumentNullException(nameof(client))).ExportService, client.Options, request)
    {
    }

    internal SegmentExportOperation(long id, ISegmentExportService service, MyTrackerClientOptions options, SegmentExportRequest? request)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        Id = id;
        _service = service;
        _options = options;
        Request = request;
    }

    /// <summary>The export id (<c>idSegmentExport</c>); keep it to resume after a restart.</summary>
    public virtual long Id { get; }

    /// <summary>The create.json parameters, when this operation started the export or was given them.</summary>
    public virtual SegmentExportRequest? Request { get; }

    /// <summary>Where the export stood at the last poll.</summary>
    public virtual SegmentExportStatus Status { get; private set; } = SegmentExportStatus.NotStarted;

    /// <summary>The status text of the last poll exactly as the server sent it (useful when unrecognized).</summary>
    public virtual string? RawStatus { get; private set; }

    /// <summary>The highest progress seen so far, in percent (0..100); never goes backwards.</summary>
    public virtual double? Progress { get; private set; }

    /// <summary>Whether the export has ended, successfully or not.</summary>
    public virtual bool HasCompleted => Outcome is not null;

    /// <summary>Whether the export ended with files.</summary>
    public virtual bool HasValue => Outcome is SegmentExportOutcome.Succeeded;

    /// <summary>How the export ended; null while it runs.</summary>
    public virtual SegmentExportOutcome? Outcome { get; private set; }

    /// <summary>The files of a successful export (links refreshed by <see cref="RefreshLinksAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">The export has not completed yet.</exception>
    /// <exception cref="SegmentExportFailedException">The export ended without files.</exception>
    public virtual IReadOnlyList<SegmentExportFile> Value => Outcome switch
    {
        SegmentExportOutcome.Succeeded s => s.Files,
        null => throw new InvalidOperationException($"Segment export {Id} has not completed yet; call WaitForCompletionAsync first."),
        var failure => throw new SegmentExportFailedException(Id, failure),
    };

    /// <summary>Polls get.json once, unless the export has already ended.</summary>
    /// <param name="cancellationToken">Cancels the poll.</param>
    /// <returns>The status after the poll.</returns>
    /// <exception cref="MyTrackerRequestFailedException">The server answered something undocumented.</exception>
    public virtual async Task<SegmentExportStatus> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!HasCompleted)
        {
            Apply(await _service.GetStatusAsync(Id, cancellationToken).ConfigureAwait(false));
        }

        return Status;
    }

    /// <summary>
    /// Polls until the export ends: a fixed <paramref name="pollingInterval"/> if given, otherwise
    /// bounded exponential backoff with jitter (<see cref="MyTrackerClientOptions.Polling"/>), for at
    /// most <see cref="MyTrackerPollingOptions.MaxWait"/>.
    /// </summary>
    /// <param name="pollingInterval">A fixed delay between polls; null for backoff.</param>
    /// <param name="progress">Receives the percentage, only when it rises; 100 on success.</param>
    /// <param name="cancellationToken">Cancels the wait (the export goes on on the server).</param>
    /// <returns>How the export ended; failures are values, not exceptions.</returns>
    /// <exception cref="TimeoutException">The maximum wait passed first; the operation can be resumed by <see cref="Id"/>.</exception>
    /// <exception cref="MyTrackerRequestFailedException">The server answered something undocumented.</exception>
    public virtual async Task<SegmentExportOutcome> WaitForCompletionAsync(
        TimeSpan? pollingInterval = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (pollingInterval is { } fixedInterval && fixedInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollingInterval), "The polling interval must be positive.");
        }

        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        var backoff = ExponentialBackoff.From(_options.Polling);
        double? reported = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            if (progress is not null && Progress is { } current && (reported is null || current > reported))
            {
                reported = current;
                progress.Report(current);
            }

            if (Outcome is { } outcome)
            {
                return outcome;
            }

            var remaining = _options.Polling.MaxWait - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"Segment export {Id} was still {Status} ({Progress?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "?"}%) after waiting {_options.Polling.MaxWait}; resume it later by its id.");
            }

            var delay = pollingInterval ?? backoff.Next();
            await Task.Delay(delay < remaining ? delay : remaining, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Polls get.json again for fresh download links (they expire); used by the downloader when a link
    /// has expired or was refused.
    /// </summary>
    /// <param name="cancellationToken">Cancels the poll.</param>
    /// <returns>The files with fresh links.</returns>
    /// <exception cref="SegmentExportFailedException">The server no longer reports the export as successful.</exception>
    public virtual async Task<IReadOnlyList<SegmentExportFile>> RefreshLinksAsync(CancellationToken cancellationToken = default)
    {
        var poll = await _service.GetStatusAsync(Id, cancellationToken).ConfigureAwait(false);
        if (poll.Status == SegmentExportStatus.Succeeded)
        {
            Apply(poll, force: true);
            return Value;
        }

        throw new SegmentExportFailedException(Id, ToOutcome(poll) ?? new SegmentExportOutcome.UnrecognizedStatus(poll.RawStatus ?? poll.Status.ToString()));
    }

    /// <summary>
    /// Requests the same export again (the documented remedy for <c>Error occurred</c>) and returns the new operation.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A new operation with a new id.</returns>
    /// <exception cref="InvalidOperationException">The original request is not known (resumed by id without it).</exception>
    /// <exception cref="SegmentExportFailedException">create.json refused the request.</exception>
    public virtual Task<SegmentExportOperation> RestartAsync(CancellationToken cancellationToken = default)
    {
        if (Request is null)
        {
            throw new InvalidOperationException($"Segment export {Id} was resumed without its request; pass the request to the constructor or start a new export.");
        }

        return StartAsync(_service, _options, Request, cancellationToken);
    }

    internal static async Task<SegmentExportOperation> StartAsync(
        ISegmentExportService service, MyTrackerClientOptions options, SegmentExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var created = await service.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        if (created.ExportId is { } id)
        {
            return new SegmentExportOperation(id, service, options, request);
        }

        throw new SegmentExportFailedException(null, created.Refusal ?? new SegmentExportOutcome.InvalidParameters(null));
    }

    private void Apply(ExportPoll poll, bool force = false)
    {
        if (HasCompleted && !force)
        {
            return;
        }

        Status = poll.Status;
        RawStatus = poll.RawStatus;
        if (poll.Status == SegmentExportStatus.Unrecognized)
        {
            _unrecognizedInARow++;
            if (_unrecognizedInARow >= _options.Polling.MaxUnrecognizedStatusPolls)
            {
                Outcome = ToOutcome(poll) ?? new SegmentExportOutcome.UnrecognizedStatus(poll.RawStatus ?? string.Empty);
            }

            return;
        }

        _unrecognizedInARow = 0;
        if (poll.Status == SegmentExportStatus.InProgress)
        {
            if (poll.ProgressPercent is { } percent && double.IsFinite(percent))
            {
                Progress = Math.Max(Progress ?? 0, Math.Clamp(percent, 0, 100));
            }

            return;
        }

        if (poll.Status == SegmentExportStatus.Succeeded)
        {
            Progress = 100;
        }

        Outcome = ToOutcome(poll);
    }

    private static SegmentExportOutcome? ToOutcome(ExportPoll poll) => poll.Status switch
    {
        SegmentExportStatus.Succeeded => new SegmentExportOutcome.Succeeded(poll.Files ?? []),
        SegmentExportStatus.ErrorOccurred => new SegmentExportOutcome.ErrorOccurred(),
        SegmentExportStatus.NotFound => new SegmentExportOutcome.NotFound(poll.Detail),
        SegmentExportStatus.AccessDenied => new SegmentExportOutcome.AccessDenied(),
        SegmentExportStatus.Unrecognized => new SegmentExportOutcome.UnrecognizedStatus(poll.RawStatus ?? string.Empty),
        _ => null,
    };
}
