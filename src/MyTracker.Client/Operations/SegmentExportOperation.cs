using MyTracker.Client.Operations;

namespace MyTracker.Client;

/// <summary>
/// A segment export running on the server, shaped like the Azure SDK's <c>Operation&lt;T&gt;</c>:
/// an <see cref="Id"/> to keep and resume from, <see cref="UpdateStatusAsync"/> for one poll and
/// <see cref="WaitForCompletionAsync"/> to poll until the export ends. All waiting goes through the
/// client's <see cref="TimeProvider"/>. An instance is not meant to be used from several threads at once.
/// </summary>
/// <remarks>
/// The segment export is one family of the runtime every export shares: this type keeps its own
/// names (<see cref="SegmentExportOutcome"/>, <see cref="SegmentExportFile"/>, ...) over an
/// <see cref="ExportOperation{TRequest, TResult}"/>, which polls, and the downloader of every family.
/// </remarks>
public class SegmentExportOperation
{
    private readonly ExportOperation<SegmentExportRequest, ExportPoll> _core = null!;
    private readonly Downloads.SegmentExportDownloader? _downloader;
    private ExportOutcome? _mappedFrom;
    private SegmentExportOutcome? _mapped;

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
        : this(new ExportOperation<SegmentExportRequest, ExportPoll>(id, new SegmentExportAdapter(service), options, request, downloader?.Inner), downloader)
    {
    }

    private SegmentExportOperation(ExportOperation<SegmentExportRequest, ExportPoll> core, Downloads.SegmentExportDownloader? downloader)
    {
        _core = core;
        _downloader = downloader;
    }

    /// <summary>The export id (<c>idSegmentExport</c>); keep it to resume after a restart.</summary>
    public virtual long Id => _core.Id;

    /// <summary>The create.json parameters, when this operation started the export or was given them.</summary>
    public virtual SegmentExportRequest? Request => _core.Request;

    /// <summary>Where the export stood at the last poll.</summary>
    public virtual SegmentExportStatus Status => SegmentExportMapping.ToSegment(_core.Status);

    /// <summary>The status text of the last poll exactly as the server sent it (useful when unrecognized).</summary>
    public virtual string? RawStatus => _core.RawStatus;

    /// <summary>The highest progress seen so far, in percent (0..100); never goes backwards.</summary>
    public virtual double? Progress => _core.Progress;

    /// <summary>Whether the export has ended, successfully or not.</summary>
    public virtual bool HasCompleted => Outcome is not null;

    /// <summary>Whether the export ended with files.</summary>
    public virtual bool HasValue => Outcome is SegmentExportOutcome.Succeeded;

    /// <summary>How the export ended; null while it runs.</summary>
    public virtual SegmentExportOutcome? Outcome
    {
        get
        {
            // Mapped once per outcome the shared operation reached, so repeated reads give the same object.
            var outcome = _core.Outcome;
            if (!ReferenceEquals(outcome, _mappedFrom))
            {
                _mapped = outcome is null ? null : SegmentExportMapping.ToSegment(outcome);
                _mappedFrom = outcome;
            }

            return _mapped;
        }
    }

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
        await _core.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
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
        await _core.WaitForCompletionAsync(pollingInterval, progress, cancellationToken).ConfigureAwait(false);
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
        try
        {
            await _core.RefreshLinksAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ExportFailedException ex)
        {
            throw SegmentExportMapping.ToSegment(ex);
        }

        return Value;
    }

    /// <summary>
    /// Requests the same export again (the documented remedy for <c>Error occurred</c>) and returns the new operation.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A new operation with a new id.</returns>
    /// <exception cref="InvalidOperationException">The original request is not known (resumed by id without it).</exception>
    /// <exception cref="SegmentExportFailedException">create.json refused the request.</exception>
    public virtual async Task<SegmentExportOperation> RestartAsync(CancellationToken cancellationToken = default)
    {
        if (Request is null)
        {
            throw new InvalidOperationException($"Segment export {Id} was resumed without its request; pass the request to the constructor or start a new export.");
        }

        Request.Validate();
        try
        {
            return new SegmentExportOperation(await _core.RestartAsync(cancellationToken).ConfigureAwait(false), _downloader);
        }
        catch (ExportFailedException ex)
        {
            throw SegmentExportMapping.ToSegment(ex);
        }
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

        // Composed from this type's own virtual members, so a subclass that overrides waiting or the
        // links is honoured; the transfers themselves are the shared downloader's.
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
        try
        {
            var core = await ExportOperation<SegmentExportRequest, ExportPoll>.StartAsync(
                new SegmentExportAdapter(service), options, request, downloader?.Inner, cancellationToken).ConfigureAwait(false);
            return new SegmentExportOperation(core, downloader);
        }
        catch (ExportFailedException ex)
        {
            throw SegmentExportMapping.ToSegment(ex);
        }
    }
}
