using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Http;
using MyTracker.Fake.Exports;
using MyTracker.Fake.Files;
using MyTracker.Fake.Rules;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.Fake;

/// <summary>
/// An in-process fake of myTracker's Export API on a loopback port: documented answers from the
/// embedded fixtures, per-export state, real <c>AuthHMAC</c> checking, downloadable <c>.csv.gz</c>
/// files, faults on demand and a request journal. Setup (<c>FakeTracker.Setup.cs</c>), signing
/// helpers (<c>FakeTracker.Signing.cs</c>) and the WireMock mapping export
/// (<c>FakeTracker.Mappings.cs</c>) live in their own files.
/// </summary>
/// <example>
/// <code>
/// await using var fake = await FakeTracker.StartAsync();
/// fake.Given(Export.WithId(42).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 1000));
/// // point the client at fake.BaseUrl with fake.DefaultUser's credentials
/// </code>
/// </example>
public sealed partial class FakeTracker : IAsyncDisposable, IDisposable
{
    // Below users' own mappings (default priority 0, lower wins), so Server.Given(...) can override any answer.
    private const int EndpointPriority = 1_000;

    private readonly WireMockServer _server;
    private readonly FixtureSet _fixtures;
    private readonly ExportStore _store;
    private readonly FaultPlan _faults;
    private readonly ScenarioRules _rules;
    private readonly TrackerServices _services;
    private readonly ExportLifecycle _exports;
    private readonly ITrackerModule[] _modules;
    private readonly TrackerPipeline _pipeline;
    private int _disposed;

    /// <summary>Builds the fake from its parts: the core's services, the modules (the export lifecycle, listed files, then <paramref name="modules"/>), the pipeline over them.</summary>
    private FakeTracker(FakeTrackerOptions options, IReadOnlyList<ITrackerModule> modules)
    {
        if (options.Users.Count == 0)
        {
            throw new ArgumentException("At least one API user is needed.", nameof(options));
        }

        Options = options;
        _fixtures = options.FixturesDirectory is null ? FixtureSet.Default() : FixtureSet.LoadDirectory(options.FixturesDirectory);
        _store = new ExportStore(options.FirstCreatedExportId);
        _faults = new FaultPlan(options.RandomFaults);
        _rules = new ScenarioRules();
        Journal = new RequestJournal(options.JournalCapacity);
        _services = new TrackerServices(options, _fixtures, _faults);
        _exports = new ExportLifecycle(options, ExportFamily.Detect(_fixtures), _store);
        var listedFiles = new GeneratedFiles(options);
        _modules = [_exports, listedFiles, .. modules];
        _pipeline = new TrackerPipeline(WithDashboardFeed(options), _fixtures, Journal, _services, _rules, listedFiles, _modules);

        var settings = new WireMockServerSettings
        {
            Urls = [ListenUrl(options.Host, options.Port)],
            MaxRequestLogCount = options.WireMockLogCapacity,
            Logger = new WireMockNullLogger(),
            // Parsing JSON bodies costs every request; only the admin API (POST /__admin/mappings) needs it.
            DisableJsonBodyParsing = !options.StartAdminInterface,
            DisableRequestBodyDecompressing = true,
            StartAdminInterface = options.StartAdminInterface,
            AdminUsername = options.AdminUsername,
            AdminPassword = options.AdminPassword,
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(_pipeline.InvokeAsync),
            AdditionalServiceRegistration = SilenceAspNetCoreLogging,
        };
        _server = StartServer(settings, options.Host, options.Port);
        // The address asked for, not WireMock.Net's report of it (which says localhost for 127.0.0.1).
        BaseUrl = new UriBuilder(Uri.UriSchemeHttp, options.Host, _server.Ports[0]).Uri;
        LinkBaseUrl = options.LinkHost is null ? BaseUrl : new UriBuilder(BaseUrl) { Host = options.LinkHost }.Uri;
        Journal.LinkHost = options.LinkHost;
        _services.LinkBase = LinkBaseUrl.ToString();
        Map();
        _pipeline.UserMappingsExist = UserMappingsWatch(_server);
        StartDashboard();
    }

    /// <summary>The settings this fake was started with.</summary>
    public FakeTrackerOptions Options { get; }

    /// <summary>The API root, e.g. <c>http://127.0.0.1:41234/</c> (with a trailing slash, ready for <see cref="HttpClient.BaseAddress"/>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// The root of download links: <see cref="BaseUrl"/>, or the same port on <see cref="FakeTrackerOptions.LinkHost"/>
    /// when that names a separate storage host (e.g. <c>http://localhost:41234/</c>).
    /// </summary>
    public Uri LinkBaseUrl { get; }

    /// <summary>The user that owns exports given without <see cref="ExportBuilder.ForUser(string)"/> (the first of <see cref="FakeTrackerOptions.Users"/>).</summary>
    public FakeApiUser DefaultUser => Options.Users[0];

    /// <summary>Every API user this fake accepts.</summary>
    public IReadOnlyList<FakeApiUser> Users => Options.Users;

    /// <summary>The requests answered so far, with protocol assertions.</summary>
    public RequestJournal Journal { get; }

    /// <summary>
    /// The WireMock.Net server underneath, for anything the fake does not cover: mappings added here
    /// (default priority 0) take precedence over the fake's own answers, for the API's paths too.
    /// </summary>
    public WireMockServer Server => _server;

    /// <summary>Starts a fake tracker on a free loopback port.</summary>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <returns>The running fake; dispose it to stop it.</returns>
    /// <exception cref="FakeTrackerPortInUseException">When the configured port is in use.</exception>
    public static FakeTracker Start(FakeTrackerOptions? options = null) => new(options ?? new FakeTrackerOptions(), []);

    /// <summary>Starts a fake tracker with modules of its own after the built-in ones (asked in order, after the export lifecycle and listed files).</summary>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <param name="modules">The extra modules.</param>
    /// <returns>The running fake.</returns>
    internal static FakeTracker StartWithModules(FakeTrackerOptions? options, IReadOnlyList<ITrackerModule> modules) => new(options ?? new FakeTrackerOptions(), modules);

    /// <summary>Starts a fake tracker on a free loopback port without blocking the calling thread.</summary>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the wait (the server may still start and is then stopped).</param>
    /// <returns>The running fake; dispose it to stop it.</returns>
    /// <exception cref="FakeTrackerPortInUseException">When the configured port is in use.</exception>
    public static async Task<FakeTracker> StartAsync(FakeTrackerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fake = await Task.Run(() => Start(options), cancellationToken).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            await fake.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return fake;
    }

    /// <summary>
    /// Forgets every export, setup rule (<see cref="Given(ScenarioBuilder)"/>), listed file, fault,
    /// journal entry and counter (users and options stay), so one fake can serve test after test.
    /// Mappings added through <see cref="Server"/> are kept.
    /// </summary>
    public void Reset()
    {
        foreach (var module in _modules)
        {
            module.Reset();
        }

        _rules.Clear();
        _faults.Clear();
        _faults.Random = Options.RandomFaults;
        Journal.Clear();
        _feed?.Changed(reset: true);
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Dashboard?.Dispose();
            _server.Stop();
            _server.Dispose();
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A completed task once the server is stopped.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The URL WireMock.Net is told to listen on. With a fixed port it turns <c>127.0.0.1</c> (and
    /// <c>localhost</c>) into Kestrel's <c>ListenLocalhost</c>, which also binds <c>[::1]</c>; any other
    /// spelling of an IP address is bound as that address only, so 127.0.0.1 goes in a form its
    /// check does not recognise (<c>127.0.0.01</c>, the same address). Port 0 is bound as given.
    /// <c>localhost</c> keeps both loopback addresses, as its name promises.
    /// </summary>
    private static string ListenUrl(string host, int port)
    {
        var listen = port != 0 && host == "127.0.0.1" ? "127.0.0.01"
            : System.Net.IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]"
            : host;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://{listen}:{port}");
    }

    /// <summary>
    /// WireMock.Net forwards ASP.NET Core's logs from Warning up to its own logger, which the fake sets
    /// to a null logger. That forwarding still counts as "logging enabled" to ASP.NET Core's hosting,
    /// which then starts an <see cref="System.Diagnostics.Activity"/> and a log scope for every
    /// request (measured: a few hundred bytes and about 1 us each) only for them to be dropped. With
    /// ASP.NET Core's categories filtered out, hosting creates activities only when something really
    /// listens (a test's OpenTelemetry, say).
    /// </summary>
    private static void SilenceAspNetCoreLogging(IServiceCollection services) =>
        services.Configure<LoggerFilterOptions>(filters =>
            filters.Rules.Add(new LoggerFilterRule(providerName: null, categoryName: "Microsoft.AspNetCore", LogLevel.None, filter: null)));

    /// <summary>
    /// Whether mappings other than the fake's own (and the admin API's) are registered, read on every
    /// request: WireMock.Net keeps them in a ConcurrentDictionary behind its options, which it does not
    /// expose without copying it (<see cref="WireMockServer.Mappings"/> copies on every read). Its count
    /// is read through one reflected reference, taken once; should a later WireMock.Net move it, every
    /// request goes through WireMock.Net (correct, only slower).
    /// </summary>
    private static Func<bool> UserMappingsWatch(WireMockServer server)
    {
        var options = typeof(WireMockServer).GetField("_options", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)?.GetValue(server);
        if (options?.GetType().GetProperty("Mappings")?.GetValue(options) is not System.Collections.Concurrent.ConcurrentDictionary<Guid, WireMock.IMapping> mappings)
        {
            return static () => true;
        }

        var own = mappings.Count;
        return () => mappings.Count != own;
    }

    private void Map()
    {
        // One catch-all mapping, answered by the pipeline for the request as the middleware classified it: WireMock.Net
        // evaluates every mapping for every request, and each extra mapping measurably costs
        // throughput. Users' own mappings (default priority 0) still win over this one.
        _server.Given(Request.Create().UsingAnyMethod())
            .AtPriority(EndpointPriority)
            .RespondWith(_pipeline.ForAnyEndpoint());
    }
}
