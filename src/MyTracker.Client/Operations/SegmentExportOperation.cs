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
    private readonly Downloads.SegmentExportDownloader? _downloader;
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
        : this(id, (client ?? throw new ArgumentNullException(nameof(client))).ExportService, client.Options, request, client.Downloader)
    {
    }

    internal SegmentExportOperation(
        long id, ISegmentExportService service, MyTrackerClientOptions options, SegmentExportRequest? request, Downloads.SegmentExportDownloader? downloader = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        Id = id;
        _service = service;
        _options = options;
        _downloader = downloader;
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
    /// most <see cref="MyTrackerPollingOptions.MaxWait"/>. Transient poll failures (no answer, 5xx, 429,
    /// a cut body) do not end the wait, up to <see cref="MyTrackerPollingOptions.MaxConsecutivePollFailures"/> in a row.
    /// </summary>
    /// <param name="pollingInterval">A fixed delay between polls; null for backoff.</param>
    /// <param name="progress">Receives the percentage, only when it rises; 100 on success.</param>
    /// <param name="cancellationToken">Cancels the wait (the export goes on on the server).</param>
    /// <returns>How the export ended; failures are values, not exceptions.</returns>
    /// <exception cref="TimeoutException">The maximum wait passed first; the operation can be resumed by <see cref="Id"/>.</exception>
    /// <exception cref="MyTrackerRequestFailedException">
    /// Polling failed for good: more polls in a row than <see cref="MyTrackerPollingOptions.MaxConsecutivePollFailures"/>
    /// failed transiently (each already retried), or one failed in a way retrying cannot fix. It carries
    /// the attempts, the last status and <see cref="MyTrackerRequestFailedException.ExportId"/>.
    /// </exception>
    public virtual async Task<SegmentExportOutcome> WaitForCompletionAsync(
        TimeSpan? pollingInterval = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (pollingInterval is { } fixedInterval && fixedInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollingInterval), "The polling interval must be positive.");
        }

        await PollingLoop.WaitAsync(
            async ct =>
            {
                await UpdateStatusAsync(ct).ConfigureAwait(false);
                return new PollStep(HasCompleted, Progress);
            },
            Id,
            $"Segment export {Id}",
            _options.Polling,
            _options.TimeProvider,
            pollingInterval,
            progress,
            cancellationToken).ConfigureAwait(false);
        return Outcome!;
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

        return StartAsync(_service, _options, Request, cancellationToken, _downloader);
    }

    /// <summary>
    /// The whole rest of the job in one call: waits for the export to end (as
    /// <see cref="WaitForCompletionAsync"/>), then downloads every file into <paramref name="directory"/>
    /// (as <see cref="MyTrackerClient.DownloadFilesAsync(SegmentExportOperation, string, CancellationToken)"/>:
    /// in parallel, resumed, verified, named by export and position) and returns them. Called again
    /// after a crash, also from a new process with a new operation for the same id, it skips the files
    /// already complete in the folder.
    /// </summary>
    /// <param name="directory">Target folder, created if missing.</param>
    /// <param name="cancellationToken">Cancels waiting and downloading; finished files stay, unfinished ones are removed.</param>
    /// <returns>The files on disk, in the export's order.</returns>
    /// <exception cref="SegmentExportFailedException">The export ended without files (<see cref="SegmentExportFailedException.CanBeRequestedAgain"/> says whether <see cref="RestartAsync"/> may help).</exception>
    /// <exception cref="MyTrackerRequestFailedException">Polling or a file's download failed for good, retries spent.</exception>
    /// <exception cref="TimeoutException">The export was still running after <see cref="MyTrackerPollingOptions.MaxWait"/>.</exception>
    public virtual Task<IReadOnlyList<DownloadedFile>> DownloadAsync(string directory, CancellationToken cancellationToken = default) =>
        DownloadAsync(directory, progress: null, cancellationToken);

    /// <summary>The whole rest of the job in one call, reporting its progress (see <see cref="DownloadAsync(string, CancellationToken)"/>).</summary>
    /// <param name="directory">Target folder, created if missing.</param>
    /// <param name="progress">Receives the server's progress while waiting, then the files completed.</param>
    /// <param name="cancellationToken">Cancels waiting and downloading; finished files stay, unfinished ones are removed.</param>
    /// <returns>The files on disk, in the export's order.</returns>
    public virtual async Task<IReadOnlyList<DownloadedFile>> DownloadAsync(
        string directory, IProgress<SegmentExportProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (_downloader is null)
        {
            throw new InvalidOperationException($"Segment export {Id}'s operation was not made by a MyTrackerClient, so it cannot download; use new SegmentExportOperation(id, client).");
        }

        if (!HasCompleted)
        {
            var waiting = progress is null ? null : new InlineProgress<double>(p => progress.Report(new SegmentExportProgress(Id, SegmentExportStage.Waiting, p, 0, 0)));
            await WaitForCompletionAsync(progress: waiting, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var files = Value;
        progress?.Report(new SegmentExportProgress(Id, SegmentExportStage.Downloading, 100, 0, files.Count));
        return await _downloader.DownloadAsync(
            files,
            directory,
            RefreshLinksAsync,
            cancellationToken,
            Downloads.SegmentExportDownloader.PositionalNames(Id, files.Count),
            Id,
            progress is null ? null : done => progress.Report(new SegmentExportProgress(Id, SegmentExportStage.Downloading, 100, done, files.Count))).ConfigureAwait(false);
    }

    internal static async Task<SegmentExportOperation> StartAsync(
        ISegmentExportService service, MyTrackerClientOptions options, SegmentExportRequest request, CancellationToken cancellationToken,
        Downloads.SegmentExportDownloader? downloader = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var created = await service.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        if (created.ExportId is { } id)
        {
            return new SegmentExportOperation(id, service, options, request, downloader);
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
