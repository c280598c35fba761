using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Http.Resilience;
using MyTracker.Client.Auth;
using MyTracker.Client.Downloads;
using MyTracker.Client.Http;

namespace MyTracker.Client;

/// <summary>
/// The entry point to myTracker's Export API: signs every API request with <c>AuthHMAC</c> (and
/// nothing else), starts, resumes and cancels segment and raw data exports, downloads and reads their files.
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
        RawExport = new RawExportClient(_api);
        ReportFile = new ReportFileClient(_api);
        ExportDownloader = new ExportDownloader(_api, Options);
        _segmentExports = new(() => new SegmentExportOperations(this, new SegmentExportOperations.Adapter(SegmentExport)));
        _rawExports = new(() => new RawExportOperations(this, new RawExportOperations.Adapter(RawExport)));
        _reportFiles = new(() => new ReportFileOperations(this, new ReportFileOperations.Adapter(ReportFile)));
    }

    private readonly Lazy<SegmentExportOperations> _segmentExports = null!;
    private readonly Lazy<RawExportOperations> _rawExports = null!;
    private readonly Lazy<ReportFileOperations> _reportFiles = null!;

    /// <summary>A copy of the options this client runs with.</summary>
    internal MyTrackerClientOptions Options { get; } = null!;

    /// <summary>The downloads of every export family: parallel, resumable, verified, atomic.</summary>
    internal ExportDownloader ExportDownloader { get; } = null!;

    /// <summary>
    /// Segment exports, generated from fixtures/segment-export like every other family: the whole job to a
    /// folder in one call (<see cref="ExportOperations{TRequest, TResult}.ExportAsync(TRequest, string, CancellationToken)"/>),
    /// step by step (<see cref="ExportOperations{TRequest, TResult}.StartAsync"/>), resumed by id
    /// (<see cref="ExportOperations{TRequest, TResult}.GetOperation"/>), rows streamed at constant memory
    /// (<see cref="ExportOperation{TRequest, TResult}.ReadRowsAsync"/>).
    /// </summary>
    public virtual SegmentExportOperations SegmentExports => _segmentExports.Value;

    /// <summary>
    /// Raw data exports (events between two dates, the columns chosen by <c>selectors</c>), generated from
    /// fixtures/raw-export: the same operations as <see cref="SegmentExports"/>, and
    /// <see cref="RawExportOperations.CancelAsync"/> with the documented refusals as result cases.
    /// </summary>
    public virtual RawExportOperations RawExports => _rawExports.Value;

    /// <summary>
    /// Report files (one <c>.csv</c> or <c>.xlsx</c> per report: its date intervals, dimension filters, dimensions
    /// and metrics in the nested <c>settings</c>), generated from fixtures/report-file: the same operations as
    /// <see cref="SegmentExports"/>; <c>Error occurred</c> is final here. A workbook downloads like any
    /// file (verified as a zip package); its rows are read with a spreadsheet library (docs/export-operations.md).
    /// </summary>
    public virtual ReportFileOperations ReportFiles => _reportFiles.Value;

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

    /// <summary>
    /// The generated client for the raw-export endpoints (create, get, cancel), sending through this
    /// client's signed pipeline: each documented answer is a result case to pattern-match.
    /// </summary>
    public virtual RawExportClient RawExport { get; } = null!;

    /// <summary>
    /// The generated client for the report-file endpoints (create with nested settings, get), sending through
    /// this client's signed pipeline: each documented answer is a result case to pattern-match.
    /// </summary>
    public virtual ReportFileClient ReportFile { get; } = null!;

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
