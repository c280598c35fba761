namespace MyTracker.Fake;

/// <summary>Settings of one <see cref="FakeTracker"/>. Every setting has a default that works at once.</summary>
public sealed record FakeTrackerOptions
{
    /// <summary>
    /// The address to listen on, and only there: an IP address (<c>127.0.0.1</c> by default, so the fake is
    /// never reachable from outside; <c>::1</c> for IPv6 loopback) or <c>localhost</c> (both loopback addresses).
    /// </summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The API users accepted; the default holds <see cref="FakeApiUser.Default"/> only. The first is the default owner.</summary>
    public IReadOnlyList<FakeApiUser> Users { get; init; } = [FakeApiUser.Default];

    /// <summary>Whether get.json, create.json and <c>auth=1</c> downloads need a valid <c>AuthHMAC</c> signature (default true).</summary>
    public bool RequireAuthentication { get; init; } = true;

    /// <summary>
    /// Serves the documented bytes exactly (the in-progress sample keeps its trailing comma) instead of
    /// the same fields, order and values as strict JSON (the default).
    /// </summary>
    public bool ServeDocumentedBytes { get; init; }

    /// <summary>The clock for virtual-time lifecycles and link expiry; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The lifecycle of exports that create.json starts; the default goes 10%, 64%, then success with 2
    /// files of 1,000 rows (a report file: its one file, of the format and columns its request asks for).
    /// </summary>
    public ExportBuilder CreatedExports { get; init; } = Export.Create().InProgress(10, 64).ThenSuccess(rowsPerFile: 1000);

    /// <summary>The first id create.json hands out (ids already given are skipped).</summary>
    public long FirstCreatedExportId { get; init; } = 1000;

    /// <summary>
    /// The host written into download links instead of the API's, standing in for a separate storage
    /// host (the real API lists links on an object-storage host too): e.g. <c>localhost</c> while the API
    /// is <c>127.0.0.1</c>, so a test can check that a client never sends its credentials to another
    /// host (<see cref="RequestJournal.AssertNoCredentialsOnDownloads"/>). It must reach this fake (same
    /// port); null (the default) keeps the API's own host.
    /// </summary>
    public string? LinkHost { get; init; }

    /// <summary>
    /// Whether file downloads support byte ranges (default true): <c>Accept-Ranges: bytes</c>, one
    /// <c>Range</c> answered with 206 and <c>Content-Range</c> (416 when it starts past the end), and
    /// <c>If-Range</c> against the file's strong <c>ETag</c>. Off, downloads answer like storage without
    /// range support: always 200 with the whole file and no <c>Accept-Ranges</c> (the <c>ETag</c> stays).
    /// </summary>
    public bool DownloadRanges { get; init; } = true;

    /// <summary>Whether the <c>X-Fake-Scenario</c> request header may pick a documented answer for one call (default true).</summary>
    public bool AllowScenarioHeader { get; init; } = true;

    /// <summary>How many requests the journal keeps (oldest dropped first); default 10,000.</summary>
    public int JournalCapacity { get; init; } = 10_000;

    /// <summary>
    /// How many requests WireMock.Net's own log keeps; default 0, because it holds ~2.7 KB per request
    /// and the fake's <see cref="FakeTracker.Journal"/> already records what tests assert on.
    /// </summary>
    public int WireMockLogCapacity { get; init; }

    /// <summary>Called after every request with its journal entry (e.g. console logging in the standalone tool); must be thread-safe.</summary>
    public Action<FakeRequest>? OnRequest { get; init; }

    /// <summary>Seeded random faults for chaos tests; null (the default) injects none.</summary>
    public RandomFaults? RandomFaults { get; init; }

    /// <summary>
    /// Another fixture folder (same layout as the repository's <c>fixtures/</c>), served instead of the
    /// built-in fixtures; null (the default) serves the embedded ones together with the test project's own
    /// (copied beside the test assembly by the package's build, see the README).
    /// </summary>
    public string? FixturesDirectory { get; init; }

    /// <summary>Starts WireMock.Net's admin API (at <c>/__admin</c>), for the standalone tool; off by default.</summary>
    public bool StartAdminInterface { get; init; }

    /// <summary>The admin API's basic-auth user name; both it and <see cref="AdminPassword"/> must be set to protect it.</summary>
    public string? AdminUsername { get; init; }

    /// <summary>The admin API's basic-auth password.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>
    /// Answers the fixtures' endpoints and files in a middleware in front of WireMock.Net's request
    /// matching while no mapping of your own is registered (default true): same answers, about a quarter
    /// of the CPU per request, because WireMock.Net's per-request mapping and logging pipeline is
    /// skipped. As soon as you add a mapping (<see cref="FakeTracker.Server"/>, the admin API) every
    /// request goes through WireMock.Net, so your mappings win for the API's paths too. False always
    /// goes through WireMock.Net.
    /// </summary>
    public bool AnswerBeforeWireMock { get; init; } = true;

    /// <summary>
    /// The CSV text of a file that an answer served from a sample lists (outside the export lifecycle,
    /// whose exports generate their own rows): called once per file, gzip-compressed for a <c>.gz</c> link.
    /// Null (the default) writes a header line <c>row,value</c> and 100 rows that name the file.
    /// </summary>
    public Func<DocumentedFile, string>? FileContent { get; init; }

    /// <summary>How long a link listed by an answer served from a sample stays valid on the fake's clock (default 1 hour).</summary>
    public TimeSpan LinkLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The longest request target (path and query) answered; longer ones get 414 in the error envelope.</summary>
    public int MaxRequestTargetLength { get; init; } = 4096;

    /// <summary>
    /// Serves the live dashboard (<see cref="FakeTracker.Dashboard"/>) at <c>/_dashboard/</c> on a second port of
    /// <see cref="Host"/>: exports, the journal with each refusal's reason, armed faults, and controls. Off by
    /// default in-process (the standalone tool switches it on). On an address other than loopback it needs
    /// <see cref="AdminUsername"/> and <see cref="AdminPassword"/>, and asks every request for them.
    /// </summary>
    public bool Dashboard { get; init; }

    /// <summary>The dashboard's port (with <see cref="Dashboard"/>); 0 (the default) picks a free one.</summary>
    public int DashboardPort { get; init; }
}
