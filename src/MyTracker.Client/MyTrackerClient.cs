using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Http.Resilience;
using MyTracker.Client.Auth;
using MyTracker.Client.Downloads;
using MyTracker.Client.Http;
using MyTracker.Client.Operations;

namespace MyTracker.Client;

/// <summary>
/// The entry point to myTracker's Export API: signs every API request with <c>AuthHMAC</c> (and
/// nothing else), starts and resumes segment exports, downloads and reads their files.
/// </summary>
/// <remarks>
/// Every constructor builds the same pipeline. Requests pass through, outermost first: one exception
/// type for failures, redirect following (each hop decided afresh), the resilience pipeline (total
/// budget, retries with backoff and jitter honouring <c>Retry-After</c>, a timeout per attempt),
/// AuthHMAC signing for the API origin only, logging of each attempt, then the transport (the
/// <see cref="HttpClient"/> given to the constructor, or a default one that does not follow redirects
/// by itself). Do not add another retry handler to a transport you pass in: requests would be retried twice over.
/// </remarks>
public class MyTrackerClient : IDisposable
{
    private readonly HttpClient _api = null!;
    private readonly HttpMessageHandler? _pipeline;
    private readonly HttpClient? _ownedTransport;

    /// <summary>For mocking only.</summary>
    protected MyTrackerClient()
    {
    }

    /// <summary>Creates a client for https://tracker.my.com with default settings.</summary>
    /// <param name="apiUserId">The account's API User ID.</param>
    /// <param name="secretKey">The account's secret key.</param>
    public MyTrackerClient(string apiUserId, string secretKey)
        : this(new MyTrackerClientOptions { ApiUserId = apiUserId, SecretKey = secretKey })
    {
    }

    /// <summary>Creates a client with its own connection pool.</summary>
    /// <param name="options">Base address, credentials and settings; copied, so later changes do not apply.</param>
    public MyTrackerClient(MyTrackerClientOptions options)
        : this(options, null)
    {
    }

    /// <summary>Creates a client with its own connection pool and logging.</summary>
    /// <param name="options">Base address, credentials and settings; copied, so later changes do not apply.</param>
    /// <param name="loggerFactory">Where HTTP exchanges are logged; null for nowhere.</param>
    public MyTrackerClient(MyTrackerClientOptions options, ILoggerFactory? loggerFactory)
        : this(CreateDefaultTransport(), options, loggerFactory, ownsTransport: true)
    {
    }

    /// <summary>
    /// Creates a client that sends through <paramref name="httpClient"/> (for example one from
    /// <c>IHttpClientFactory</c>); the client adds signing and logging on top of it. If that client
    /// follows redirects by itself, .NET drops the <c>Authorization</c> header on every redirect.
    /// </summary>
    /// <param name="httpClient">The transport; not disposed by this client.</param>
    /// <param name="options">Base address, credentials and settings; copied, so later changes do not apply.</param>
    /// <param name="loggerFactory">Where HTTP exchanges are logged; null for nowhere.</param>
    public MyTrackerClient(HttpClient httpClient, MyTrackerClientOptions options, ILoggerFactory? loggerFactory = null)
        : this(httpClient, options, loggerFactory, ownsTransport: false)
    {
    }

    private MyTrackerClient(HttpClient transport, MyTrackerClientOptions options, ILoggerFactory? loggerFactory, bool ownsTransport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Clone();
        Options.Validate();
        _ownedTransport = ownsTransport ? transport : null;

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("MyTracker.Client.Http");
        var pipeline = new RequestFailureHandler(Options.BaseAddress)
        {
            InnerHandler = new SafeRedirectHandler
            {
                InnerHandler = new ResilienceHandler(MyTrackerResilience.Build(Options))
                {
                    InnerHandler = new AttemptHandler
                    {
                        InnerHandler = new AuthHmacHandler(Options)
                        {
                            InnerHandler = new MyTrackerLoggingHandler(logger, Options.BaseAddress, Options.TimeProvider)
                            {
                                InnerHandler = new TransportBridgeHandler(transport),
                            },
                        },
                    },
                },
            },
        };

        _pipeline = pipeline;
        _api = NewHttpClient(pipeline, Options);
        SegmentExport = new SegmentExportClient(_api);
        ExportService = new GeneratedSegmentExportService(SegmentExport);
        ExportDownloader = new ExportDownloader(_api, Options);
        Downloader = new SegmentExportDownloader(ExportDownloader);
        SegmentExports = new ExportOperations<SegmentExportRequest, ExportPoll>(new SegmentExportAdapter(ExportService), Options, ExportDownloader);
    }

    /// <summary>A copy of the options this client runs with.</summary>
    internal MyTrackerClientOptions Options { get; } = null!;

    internal ISegmentExportService ExportService { get; } = null!;

    internal SegmentExportDownloader Downloader { get; } = null!;

    /// <summary>The downloads of every export family: parallel, resumable, verified, atomic.</summary>
    internal ExportDownloader ExportDownloader { get; } = null!;

    /// <summary>The segment export as a family of the shared export runtime (the one-call job runs on it).</summary>
    internal ExportOperations<SegmentExportRequest, ExportPoll> SegmentExports { get; } = null!;

    /// <summary>
    /// An <see cref="System.Net.Http.HttpClient"/> that sends through this client's pipeline: AuthHMAC
    /// for the API origin only, redirects decided hop by hop, retries with backoff and <c>Retry-After</c>,
    /// timeouts per attempt and per request, one exception type, a log line per attempt. Its
    /// <see cref="System.Net.Http.HttpClient.BaseAddress"/> is <see cref="MyTrackerClientOptions.BaseAddress"/>.
    /// Pass it to a generated area client of your own fixtures (<c>new ReportExportClient(client.CreateHttpClient())</c>);
    /// a generated <c>&lt;Area&gt;Operations</c> takes this client and calls it itself. Disposing it
    /// leaves the pipeline alone; disposing this client ends it.
    /// </summary>
    /// <returns>A new HttpClient over the shared pipeline.</returns>
    /// <exception cref="InvalidOperationException">The client was made with the protected constructor (for mocking).</exception>
    public virtual HttpClient CreateHttpClient() =>
        _pipeline is null
            ? throw new InvalidOperationException("This MyTrackerClient was created for mocking; it has no pipeline to send through.")
            : NewHttpClient(_pipeline, Options, disposeHandler: false);

    /// <summary>
    /// The generated client for the segment-export endpoints, sending through this client's signed
    /// pipeline: each documented answer is a result case to pattern-match.
    /// </summary>
    public virtual SegmentExportClient SegmentExport { get; } = null!;

    /// <summary>Sends create.json and returns the operation of the new export.</summary>
    /// <param name="request">What to export.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The running export.</returns>
    /// <exception cref="SegmentExportFailedException">create.json refused the request (invalid parameters, access denied).</exception>
    /// <exception cref="MyTrackerRequestFailedException">
    /// The server answered something undocumented, or no answer came. create.json is not retried once
    /// it may have reached the server, because a retry could start a second export; it is retried only
    /// when the connection could not be opened at all. The export may then exist or not: the one-call
    /// <see cref="ExportSegmentAsync(SegmentExportRequest, string, IProgress{SegmentExportProgress}?, CancellationToken)"/> remembers what it started in its folder.
    /// </exception>
    public virtual Task<SegmentExportOperation> StartSegmentExportAsync(SegmentExportRequest request, CancellationToken cancellationToken = default) =>
        SegmentExportOperation.StartAsync(ExportService, Options, request, cancellationToken, Downloader);

    /// <summary>
    /// The whole job in one call: starts the export, waits for it, requests it again after
    /// <c>Error occurred</c> (at most <see cref="MyTrackerClientOptions.MaxExportRestarts"/> times), and
    /// downloads every file into <paramref name="directory"/> (in parallel, resumed, verified, each under
    /// its final name only once complete). The folder remembers the export (a small job file, no link or
    /// credential in it): called again for the same request and folder, after a crash or from another
    /// process, it resumes that export and skips the files already complete instead of starting a second export.
    /// </summary>
    /// <param name="request">What to export.</param>
    /// <param name="directory">The job's folder, created if missing; one job per folder.</param>
    /// <param name="progress">Receives the export id, the server's progress, then the files completed.</param>
    /// <param name="cancellationToken">Cancels the job (the export goes on on the server; call again to resume).</param>
    /// <returns>The export id and its files on disk, in order.</returns>
    /// <exception cref="SegmentExportFailedException">create.json refused the request, or the export failed for good.</exception>
    /// <exception cref="MyTrackerRequestFailedException">A request failed for good, retries spent.</exception>
    /// <exception cref="InvalidOperationException">The folder holds the job of another request.</exception>
    public virtual Task<SegmentExportResult> ExportSegmentAsync(
        SegmentExportRequest request, string directory, IProgress<SegmentExportProgress>? progress, CancellationToken cancellationToken = default) =>
        SegmentExportJob.RunAsync(SegmentExports, request, directory, progress, cancellationToken);

    /// <summary>The whole job in one call (see the overload with progress).</summary>
    /// <param name="request">What to export.</param>
    /// <param name="directory">The job's folder, created if missing; one job per folder.</param>
    /// <param name="cancellationToken">Cancels the job (the export goes on on the server; call again to resume).</param>
    /// <returns>The export id and its files on disk, in order.</returns>
    public virtual Task<SegmentExportResult> ExportSegmentAsync(SegmentExportRequest request, string directory, CancellationToken cancellationToken = default) =>
        ExportSegmentAsync(request, directory, progress: null, cancellationToken);

    /// <summary>Returns the operation of an export started earlier, to poll or download it again.</summary>
    /// <param name="exportId">The <c>idSegmentExport</c>.</param>
    /// <param name="request">The original request, if known (enables <see cref="SegmentExportOperation.RestartAsync"/>).</param>
    /// <returns>An operation that has not polled yet.</returns>
    public virtual SegmentExportOperation GetSegmentExportOperation(long exportId, SegmentExportRequest? request = null) =>
        new(exportId, ExportService, Options, request, Downloader);

    /// <summary>
    /// Downloads every file of a successful export into <paramref name="directory"/>, up to
    /// <see cref="MyTrackerClientOptions.MaxParallelDownloads"/> at a time: files already complete
    /// there are skipped, a cut transfer resumes (<c>Range</c>) or starts over, expired or refused links
    /// are renewed through the operation. <see cref="SegmentExportOperation.DownloadAsync(string, CancellationToken)"/> also waits first.
    /// </summary>
    /// <remarks>
    /// Files are named by export and position (<c>segment-export-42.001.csv.gz</c>), not by their link:
    /// the server renames links when it renews them, so only a positional name lets a download
    /// resumed later, even from another process with a fresh operation, find what it finished before.
    /// </remarks>
    /// <param name="operation">A completed, successful export.</param>
    /// <param name="directory">Target folder, created if missing.</param>
    /// <param name="cancellationToken">Cancels the download; finished files stay, the unfinished one is removed.</param>
    /// <returns>The files on disk, in the export's order.</returns>
    /// <exception cref="SegmentExportFailedException">The export did not succeed.</exception>
    /// <exception cref="MyTrackerRequestFailedException">
    /// A file could not be downloaded within <see cref="MyTrackerClientOptions.MaxDownloadAttempts"/>
    /// (each a dropped or cut transfer, a file that is not complete gzip, a refused or expired link);
    /// it names the export, the file and the redacted link.
    /// </exception>
    public virtual async Task<IReadOnlyList<DownloadedFile>> DownloadFilesAsync(
        SegmentExportOperation operation, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var files = operation.Value;
        var names = SegmentExportDownloader.PositionalNames(operation.Id, files.Count);
        return await Downloader.DownloadAsync(files, directory, operation.RefreshLinksAsync, cancellationToken, names, operation.Id).ConfigureAwait(false);
    }

    /// <summary>Downloads the given files into <paramref name="directory"/> (see the operation overload).</summary>
    /// <param name="files">The export's files, in order.</param>
    /// <param name="directory">Target folder, created if missing.</param>
    /// <param name="refreshLinks">Returns fresh links for the same files (e.g. by polling get.json again); null when none can be had.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The files on disk, in order.</returns>
    public virtual Task<IReadOnlyList<DownloadedFile>> DownloadFilesAsync(
        IReadOnlyList<SegmentExportFile> files,
        string directory,
        Func<CancellationToken, Task<IReadOnlyList<SegmentExportFile>>>? refreshLinks = null,
        CancellationToken cancellationToken = default) =>
        Downloader.DownloadAsync(files, directory, refreshLinks, cancellationToken);

    /// <summary>
    /// Streams the rows of a successful export straight from its links, without touching the disk.
    /// </summary>
    /// <param name="operation">A completed, successful export.</param>
    /// <param name="firstFileHasHeader">Whether the first file has a header line; null to take it from the request (default: yes).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The rows of all files, in order.</returns>
    public virtual IAsyncEnumerable<SegmentExportRow> ReadRowsAsync(
        SegmentExportOperation operation, bool? firstFileHasHeader = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var count = operation.Value.Count;
        var openers = Enumerable.Range(0, count).Select(index =>
            (Func<CancellationToken, Task<Stream>>)(ct => Downloader.OpenAsync(index, () => operation.Value, operation.RefreshLinksAsync, ct)));
        return SegmentExportCsv.ReadRowsAsync(openers, firstFileHasHeader ?? operation.Request?.IncludeHeaderLine ?? true, cancellationToken);
    }

    /// <summary>Releases the connections this client created (a transport passed in is left alone).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _api?.Dispose();
            _ownedTransport?.Dispose();
        }
    }

    // The pipeline times each attempt and the whole; HttpClient's own timeout would cut across it.
    private static HttpClient NewHttpClient(HttpMessageHandler pipeline, MyTrackerClientOptions options, bool disposeHandler = true)
    {
        var http = new HttpClient(pipeline, disposeHandler)
        {
            BaseAddress = options.NormalizedBaseAddress,
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.TryParseAdd(options.UserAgent);
        return http;
    }

    internal static HttpClient CreateDefaultTransport() =>
        new(CreatePrimaryHandler(), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    /// <summary>
    /// The handler under everything: redirects are left to <see cref="SafeRedirectHandler"/> so that no
    /// credential crosses to another host, connections are recycled so DNS changes are seen.
    /// </summary>
    internal static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };

}
