using MyTracker.Client.Downloads;
using MyTracker.Client.Operations;

namespace MyTracker.Client;

/// <summary>
/// An export of any family running on the server, shaped like the Azure SDK's <c>Operation&lt;T&gt;</c>:
/// an <see cref="Id"/> to keep and resume from, <see cref="UpdateStatusAsync"/> for one poll,
/// <see cref="WaitForCompletionAsync"/> to poll until the export ends, and <see cref="DownloadAsync(string, CancellationToken)"/>
/// for the rest of the job. The family is told apart by its <see cref="ExportAdapter{TRequest, TResult}"/>
/// (generated for the families the generator recognizes); everything else is the same for all of them.
/// All waiting goes through the client's <see cref="TimeProvider"/>. An instance is not meant to be used
/// from several threads at once.
/// </summary>
/// <typeparam name="TRequest">What starting the export took.</typeparam>
/// <typeparam name="TResult">What one status call answers.</typeparam>
public class ExportOperation<TRequest, TResult>
    where TRequest : class
    where TResult : class
{
    private readonly ExportAdapter<TRequest, TResult> _adapter = null!;
    private readonly MyTrackerClientOptions _options = null!;
    private readonly ExportDownloader? _downloader;
    private int _unrecognizedInARow;

    /// <summary>For mocking only.</summary>
    protected ExportOperation()
    {
    }

    /// <summary>Resumes an export started earlier (for example before a restart) from its id.</summary>
    /// <param name="id">The id the create call returned.</param>
    /// <param name="adapter">The family's adapter.</param>
    /// <param name="client">The client whose pipeline (signing, retries, logging) and options polls and downloads use.</param>
    /// <param name="request">The original request, if known; needed only by <see cref="RestartAsync"/>.</param>
    public ExportOperation(long id, ExportAdapter<TRequest, TResult> adapter, MyTrackerClient client, TRequest? request = null)
        : this(id, adapter, (client ?? throw new ArgumentNullException(nameof(client))).Options, request, client.ExportDownloader)
    {
    }

    internal ExportOperation(long id, ExportAdapter<TRequest, TResult> adapter, MyTrackerClientOptions options, TRequest? request, ExportDownloader? downloader)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        ArgumentNullException.ThrowIfNull(adapter);
        Id = id;
        _adapter = adapter;
        _options = options;
        _downloader = downloader;
        Request = request;
    }

    /// <summary>The export id; keep it to resume after a restart.</summary>
    public virtual long Id { get; }

    /// <summary>The family, e.g. <c>raw-export</c>.</summary>
    public virtual string Name => _adapter.Name;

    /// <summary>The request that started the export, when this operation started it or was given it.</summary>
    public virtual TRequest? Request { get; }

    /// <summary>Where the export stood at the last poll.</summary>
    public virtual ExportStatus Status { get; private set; } = ExportStatus.NotStarted;

    /// <summary>The status of the last poll exactly as the server sent it (useful when unrecognized).</summary>
    public virtual string? RawStatus { get; private set; }

    /// <summary>The highest progress seen so far, in percent (0..100); never goes backwards.</summary>
    public virtual double? Progress { get; private set; }

    /// <summary>The last status answer as the status endpoint gave it (a generated result case to pattern-match), or null before the first poll.</summary>
    public virtual TResult? LastResult { get; private set; }

    /// <summary>Whether the export has ended, successfully or not.</summary>
    public virtual bool HasCompleted => Outcome is not null;

    /// <summary>Whether the export ended with files.</summary>
    public virtual bool HasValue => Outcome is ExportOutcome.Succeeded;

    /// <summary>How the export ended; null while it runs.</summary>
    public virtual ExportOutcome? Outcome { get; private set; }

    /// <summary>The files of a successful export (links refreshed by <see cref="RefreshLinksAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">The export has not completed yet.</exception>
    /// <exception cref="ExportFailedException">The export ended without files.</exception>
    public virtual IReadOnlyList<ExportFile> Value => Outcome switch
    {
        ExportOutcome.Succeeded s => s.Files,
        null => throw new InvalidOperationException($"{_adapter.DisplayName} {Id} has not completed yet; call WaitForCompletionAsync first."),
        var failure => throw new ExportFailedException(Name, Id, failure),
    };

    /// <summary>Polls the status endpoint once, unless the export has already ended.</summary>
    /// <param name="cancellationToken">Cancels the poll.</param>
    /// <returns>The status after the poll.</returns>
    /// <exception cref="MyTrackerRequestFailedException">The server answered something undocumented.</exception>
    public virtual async Task<ExportStatus> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!HasCompleted)
        {
            Apply(await PollAsync(cancellationToken).ConfigureAwait(false));
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
    public virtual async Task<ExportOutcome> WaitForCompletionAsync(
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
            $"{_adapter.DisplayName} {Id}",
            _options.Polling,
            _options.TimeProvider,
            pollingInterval,
            progress,
            cancellationToken).ConfigureAwait(false);
        return Outcome!;
    }

    /// <summary>
    /// Polls the status endpoint again for fresh download links (they expire); used by the downloads
    /// when a link has expired or was refused.
    /// </summary>
    /// <param name="cancellationToken">Cancels the poll.</param>
    /// <returns>The files with fresh links.</returns>
    /// <exception cref="ExportFailedException">The server no longer reports the export as successful.</exception>
    public virtual async Task<IReadOnlyList<ExportFile>> RefreshLinksAsync(CancellationToken cancellationToken = default)
    {
        var state = await PollAsync(cancellationToken).ConfigureAwait(false);
        if (state.Status == ExportStatus.Succeeded)
        {
            Apply(state, force: true);
            return Value;
        }

        throw new ExportFailedException(Name, Id, state.ToOutcome() ?? new ExportOutcome.UnrecognizedStatus(state.RawStatus ?? state.Status.ToString()));
    }

    /// <summary>Requests the same export again (the remedy for a failure that can be requested again) and returns the new operation.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A new operation with a new id.</returns>
    /// <exception cref="InvalidOperationException">The original request is not known (resumed by id without it).</exception>
    /// <exception cref="ExportFailedException">The create call refused the request.</exception>
    public virtual Task<ExportOperation<TRequest, TResult>> RestartAsync(CancellationToken cancellationToken = default)
    {
        if (Request is null)
        {
            throw new InvalidOperationException($"{_adapter.DisplayName} {Id} was resumed without its request; pass the request to the constructor or start a new export.");
        }

        return StartAsync(_adapter, _options, Request, _downloader, cancellationToken);
    }

    /// <summary>Whether the family documents a cancel endpoint, so that <see cref="CancelAsync"/> can be called.</summary>
    public virtual bool CanCancel => _adapter.CanCancel;

    /// <summary>
    /// Asks the server to cancel the export, through the family's documented cancel endpoint (one call,
    /// never retried once it may have reached the server). After <see cref="ExportCancelResult.Canceled"/>
    /// the operation's <see cref="Status"/> is <see cref="ExportStatus.Canceled"/> and its
    /// <see cref="Outcome"/> <see cref="ExportOutcome.Canceled"/>, so a wait or a job in progress ends
    /// without requesting the export again. A documented refusal is a value: the export had already
    /// ended (<see cref="ExportCancelResult.AlreadyCompleted"/>), or it runs past the point where it
    /// can be canceled (<see cref="ExportCancelResult.NotCancellable"/>). Which of the two is read
    /// from one more poll of the status endpoint, whose scenarios say what they mean, not from the
    /// refusal's wording. An export the operation already saw end is not sent a cancel at all.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call (not the export).</param>
    /// <returns>How the cancel ended.</returns>
    /// <exception cref="NotSupportedException">The family documents no cancel endpoint (<see cref="CanCancel"/> is false).</exception>
    /// <exception cref="MyTrackerRequestFailedException">The server answered something undocumented, or the poll after a refusal failed.</exception>
    public virtual async Task<ExportCancelResult> CancelAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_adapter.CanCancel)
        {
            throw new NotSupportedException($"{_adapter.DisplayName} {Id} cannot be canceled: the {ExportNames.Inline(Name)} family documents no cancel endpoint.");
        }

        if (Outcome is { } ended)
        {
            return Ended(ended, detail: null);
        }

        var answer = await _adapter.CancelAsync(Id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The {_adapter.Name} adapter's CancelAsync returned null.");
        switch (answer.Kind)
        {
            case ExportCancelAnswerKind.Canceled:
                Apply(ExportState.Canceled(answer.Detail, RawStatus));
                return new ExportCancelResult.Canceled(answer.Detail);
            case ExportCancelAnswerKind.Refused:
                // The refusal's text is the server's; whether the export has ended is the status endpoint's to say.
                Apply(await PollAsync(cancellationToken).ConfigureAwait(false));
                return Outcome is { } outcome ? Ended(outcome, answer.Detail) : new ExportCancelResult.NotCancellable(answer.Detail);
            case ExportCancelAnswerKind.NotFound:
                Apply(ExportState.NotFound(answer.Detail));
                return new ExportCancelResult.NotFound(answer.Detail);
            case ExportCancelAnswerKind.AccessDenied:
                return new ExportCancelResult.AccessDenied();
            default:
                throw new MyTrackerRequestFailedException(
                    answer.StatusCode, answer.Method ?? "GET", null, answer.RawBody, $"the {_adapter.Name} cancel call for export {Id} answered a value nobody documented", null, 1, Id, null);
        }
    }

    /// <summary>
    /// The whole rest of the job in one call: waits for the export to end (as
    /// <see cref="WaitForCompletionAsync"/>), then downloads every file into <paramref name="directory"/>
    /// (up to <see cref="MyTrackerClientOptions.MaxParallelDownloads"/> at a time, a cut transfer resumed
    /// with <c>Range</c>, each verified as a complete file of its format (gzip, a zip workbook, or by
    /// length for plain CSV: <see cref="ExportFileFormat"/>) and under its final name only once complete,
    /// expired or refused links renewed) and returns them. Files are named by family, export, position and
    /// format (<c>raw-export-17.001.csv.gz</c>, <c>report-file-2.001.xlsx</c>), so called again after a crash, also from a new process with
    /// a new operation for the same id, it skips the files already complete in the folder.
    /// </summary>
    /// <param name="directory">Target folder, created if missing.</param>
    /// <param name="cancellationToken">Cancels waiting and downloading; finished files stay, unfinished ones are removed.</param>
    /// <returns>The files on disk, in the export's order.</returns>
    /// <exception cref="ExportFailedException">The export ended without files (<see cref="ExportFailedException.CanBeRequestedAgain"/> says whether <see cref="RestartAsync"/> may help).</exception>
    /// <exception cref="MyTrackerRequestFailedException">Polling or a file's download failed for good, retries spent.</exception>
    /// <exception cref="TimeoutException">The export was still running after <see cref="MyTrackerPollingOptions.MaxWait"/>.</exception>
    public virtual Task<IReadOnlyList<DownloadedExportFile>> DownloadAsync(string directory, CancellationToken cancellationToken = default) =>
        DownloadAsync(directory, progress: null, cancellationToken);

    /// <summary>The whole rest of the job in one call, reporting its progress (see <see cref="DownloadAsync(string, CancellationToken)"/>).</summary>
    /// <param name="directory">Target folder, created if missing.</param>
    /// <param name="progress">Receives the server's progress while waiting, then the files completed.</param>
    /// <param name="cancellationToken">Cancels waiting and downloading; finished files stay, unfinished ones are removed.</param>
    /// <returns>The files on disk, in the export's order.</returns>
    public virtual async Task<IReadOnlyList<DownloadedExportFile>> DownloadAsync(
        string directory, IProgress<ExportProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var downloader = Downloader();
        if (!HasCompleted)
        {
            var waiting = progress is null ? null : new InlineProgress<double>(p => progress.Report(new ExportProgress(Id, ExportStage.Waiting, p, 0, 0)));
            await WaitForCompletionAsync(progress: waiting, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var files = Value;
        progress?.Report(new ExportProgress(Id, ExportStage.Downloading, 100, 0, files.Count));
        return await downloader.DownloadAsync(
            files,
            directory,
            RefreshLinksAsync,
            cancellationToken,
            ExportDownloader.PositionalNames(Name, Id, files),
            Id,
            progress is null ? null : done => progress.Report(new ExportProgress(Id, ExportStage.Downloading, 100, done, files.Count))).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams the rows of a successful export straight from its links, without touching the disk
    /// (links renewed, a broken transfer resumed where the server allows it). Download first for the
    /// full guarantee: rows already yielded cannot be taken back when a transfer cannot be resumed.
    /// </summary>
    /// <param name="firstFileHasHeader">Whether the first file has a header line; null to ask the adapter (default: yes).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The rows of all files, in order.</returns>
    /// <exception cref="InvalidOperationException">The export has not completed yet.</exception>
    /// <exception cref="ExportFailedException">The export ended without files.</exception>
    /// <exception cref="NotSupportedException">A file is an <c>.xlsx</c> workbook (a report file with <c>fileType=xlsx</c>): download it and read it with a spreadsheet library.</exception>
    public virtual IAsyncEnumerable<ExportRow> ReadRowsAsync(bool? firstFileHasHeader = null, CancellationToken cancellationToken = default)
    {
        var downloader = Downloader();

        // Each file is decoded by its link's format (gzip or plain CSV); a workbook is refused before any request.
        var formats = Value.Select(file => ExportCsv.RowFormat(file.Format, $"{_adapter.DisplayName} {Id}'s file {file.Link.Segments[^1]}")).ToArray();
        var openers = Enumerable.Range(0, Value.Count).Select(index => ExportCsv.Decoded(
            ct => downloader.OpenAsync(index, () => Value, RefreshLinksAsync, ct), formats[index]));
        return ExportCsv.ReadRowsAsync(openers, firstFileHasHeader ?? _adapter.FirstFileHasHeader(Request), static row => row, cancellationToken);
    }

    internal static async Task<ExportOperation<TRequest, TResult>> StartAsync(
        ExportAdapter<TRequest, TResult> adapter, MyTrackerClientOptions options, TRequest request, ExportDownloader? downloader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var started = await adapter.CreateAsync(request, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The {adapter.Name} adapter's CreateAsync returned null.");
        if (started.ExportId is { } id)
        {
            return new ExportOperation<TRequest, TResult>(id, adapter, options, request, downloader);
        }

        if (started.Refusal is { } refusal)
        {
            throw new ExportFailedException(adapter.Name, null, refusal);
        }

        throw new MyTrackerRequestFailedException(started.StatusCode, "POST", null, started.RawBody, $"the {adapter.Name} create call answered a value nobody documented");
    }

    private static ExportCancelResult Ended(ExportOutcome outcome, string? detail) => outcome switch
    {
        ExportOutcome.NotFound notFound => new ExportCancelResult.NotFound(detail ?? notFound.Detail),
        ExportOutcome.AccessDenied => new ExportCancelResult.AccessDenied(),
        _ => new ExportCancelResult.AlreadyCompleted(outcome, detail),
    };

    private ExportDownloader Downloader() => _downloader
        ?? throw new InvalidOperationException($"{_adapter.DisplayName} {Id}'s operation was not made with a MyTrackerClient, so it cannot download; use new ExportOperation(id, adapter, client).");

    private async Task<ExportState> PollAsync(CancellationToken cancellationToken)
    {
        var result = await _adapter.GetStatusAsync(Id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The {_adapter.Name} adapter's GetStatusAsync returned null.");
        var state = _adapter.ReadStatus(result)
            ?? throw new InvalidOperationException($"The {_adapter.Name} adapter's ReadStatus returned null for {result}.");
        LastResult = result;
        return state;
    }

    private void Apply(ExportState state, bool force = false)
    {
        if (HasCompleted && !force)
        {
            return;
        }

        Status = state.Status;
        RawStatus = state.RawStatus;
        if (state.Status == ExportStatus.Unrecognized)
        {
            _unrecognizedInARow++;
            if (_unrecognizedInARow >= _options.Polling.MaxUnrecognizedStatusPolls)
            {
                Outcome = new ExportOutcome.UnrecognizedStatus(state.RawStatus ?? string.Empty);
            }

            return;
        }

        _unrecognizedInARow = 0;
        if (state.Status == ExportStatus.InProgress)
        {
            if (state.Percent is { } percent && double.IsFinite(percent))
            {
                Progress = Math.Max(Progress ?? 0, Math.Clamp(percent, 0, 100));
            }

            return;
        }

        if (state.Status == ExportStatus.Succeeded)
        {
            Progress = 100;
        }

        Outcome = state.ToOutcome();
    }
}
