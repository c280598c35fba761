using MyTracker.Client.Downloads;

namespace MyTracker.Client;

/// <summary>
/// The exports of one family, through a <see cref="MyTrackerClient"/>'s signed, resilient pipeline:
/// start one (<see cref="StartAsync"/>), resume one by id (<see cref="GetOperation"/>), or run the
/// whole job in one call (<see cref="ExportAsync(TRequest, string, IProgress{ExportProgress}?, CancellationToken)"/>).
/// The generator derives one per family it recognizes (<c>&lt;Area&gt;Operations</c>); for another
/// shape, construct it with an adapter of your own.
/// </summary>
/// <typeparam name="TRequest">What starting an export takes.</typeparam>
/// <typeparam name="TResult">What one status call answers.</typeparam>
public class ExportOperations<TRequest, TResult>
    where TRequest : class
    where TResult : class
{
    private readonly MyTrackerClientOptions _options = null!;
    private readonly ExportDownloader? _downloader;

    /// <summary>For mocking only.</summary>
    protected ExportOperations()
    {
        ExportAdapter = null!;
    }

    /// <summary>The exports of the family <paramref name="adapter"/> describes, sent through <paramref name="client"/>.</summary>
    /// <param name="client">Its pipeline (signing only the API origin, retries, logging) and options (polling, downloads) are used.</param>
    /// <param name="adapter">The family's adapter.</param>
    public ExportOperations(MyTrackerClient client, ExportAdapter<TRequest, TResult> adapter)
        : this(adapter, (client ?? throw new ArgumentNullException(nameof(client))).Options, client.ExportDownloader)
    {
    }

    internal ExportOperations(ExportAdapter<TRequest, TResult> adapter, MyTrackerClientOptions options, ExportDownloader? downloader)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ExportAdapter = adapter;
        _options = options;
        _downloader = downloader;
    }

    /// <summary>The family's adapter (generated families: <c>&lt;Area&gt;Operations.Adapter</c>).</summary>
    public ExportAdapter<TRequest, TResult> ExportAdapter { get; }

    /// <summary>Calls the create endpoint once and returns the operation of the new export.</summary>
    /// <param name="request">What to export.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The running export.</returns>
    /// <exception cref="ExportFailedException">The create call refused the request (invalid parameters, access denied).</exception>
    /// <exception cref="MyTrackerRequestFailedException">
    /// The server answered something undocumented, or no answer came. The create call (a POST) is not
    /// retried once it may have reached the server, because a retry could start a second export. The
    /// one-call <see cref="ExportAsync(TRequest, string, IProgress{ExportProgress}?, CancellationToken)"/> remembers what it started in its folder.
    /// </exception>
    public virtual Task<ExportOperation<TRequest, TResult>> StartAsync(TRequest request, CancellationToken cancellationToken = default) =>
        ExportOperation<TRequest, TResult>.StartAsync(ExportAdapter, _options, request, _downloader, cancellationToken);

    /// <summary>Returns the operation of an export started earlier, to poll or download it again (also from another process).</summary>
    /// <param name="exportId">The id the create call returned.</param>
    /// <param name="request">The original request, if known (enables <see cref="ExportOperation{TRequest, TResult}.RestartAsync"/>).</param>
    /// <returns>An operation that has not polled yet.</returns>
    public virtual ExportOperation<TRequest, TResult> GetOperation(long exportId, TRequest? request = null) =>
        new(exportId, ExportAdapter, _options, request, _downloader);

    /// <summary>
    /// The whole job in one call: starts the export, waits for it, requests it again after a failure
    /// that can be requested again (at most <see cref="MyTrackerClientOptions.MaxExportRestarts"/> times),
    /// and downloads every file into <paramref name="directory"/> (in parallel, resumed, verified, each
    /// under its final name only once complete). The folder remembers the export in
    /// <c>&lt;name&gt;-job.json</c> (the export id, the request's <see cref="ExportAdapter{TRequest, TResult}.DescribeRequest"/>
    /// text and the file count; no link, no credential): called again for the same request and folder,
    /// after a crash or from another process, it resumes that export and skips the files already
    /// complete instead of starting a second export.
    /// </summary>
    /// <param name="request">What to export.</param>
    /// <param name="directory">The job's folder, created if missing; one job per folder.</param>
    /// <param name="progress">Receives the export id, the server's progress, then the files completed.</param>
    /// <param name="cancellationToken">Cancels the job (the export goes on on the server; call again to resume).</param>
    /// <returns>The export id and its files on disk, in order.</returns>
    /// <exception cref="ExportFailedException">The create call refused the request, or the export failed for good.</exception>
    /// <exception cref="MyTrackerRequestFailedException">A request failed for good, retries spent.</exception>
    /// <exception cref="InvalidOperationException">The folder holds the job of another request.</exception>
    public virtual Task<ExportResult> ExportAsync(TRequest request, string directory, IProgress<ExportProgress>? progress, CancellationToken cancellationToken = default) =>
        new ExportJob<TRequest, TResult>(this, _options).RunAsync(request, directory, progress, cancellationToken);

    /// <summary>The whole job in one call (see the overload with progress).</summary>
    /// <param name="request">What to export.</param>
    /// <param name="directory">The job's folder, created if missing; one job per folder.</param>
    /// <param name="cancellationToken">Cancels the job (the export goes on on the server; call again to resume).</param>
    /// <returns>The export id and its files on disk, in order.</returns>
    public virtual Task<ExportResult> ExportAsync(TRequest request, string directory, CancellationToken cancellationToken = default) =>
        ExportAsync(request, directory, progress: null, cancellationToken);
}
