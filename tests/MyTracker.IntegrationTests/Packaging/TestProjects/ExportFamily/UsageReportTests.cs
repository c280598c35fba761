using System.IO.Compression;
using System.Text;
using MyTracker.Client;
using MyTracker.Fake;
using Xunit;

namespace UsageReports;

/// <summary>
/// This project's own export endpoint (fixtures/usage-report/: order, poll, parts on a CDN), which no
/// code of the toolkit or its fake names, driven end to end from the packages against the packaged
/// fake serving these very fixtures: through the generated UsageReportOperations (no adapter), and
/// through a hand-written adapter, the fallback for a family the generator does not recognize.
/// </summary>
public sealed class UsageReportTests : IAsyncLifetime
{
    private const string Area = "usage-report";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "usage-report-" + Guid.NewGuid().ToString("N"));
    private FakeTracker _fake = null!;

    public async ValueTask InitializeAsync() => _fake = await FakeTracker.StartAsync(new FakeTrackerOptions
    {
        // The parts on another host than the API (the API lists them on its CDN): no credential may go there.
        LinkHost = "localhost",
        CreatedExports = Export.Create().InProgress(10, 55).ThenSuccess(files: 3, rowsPerFile: 25),
    });

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void The_packaged_fake_serves_this_projects_family_from_the_copy_its_build_made()
    {
        var family = Assert.Single(_fake.ExportFamilies, f => f.Area == Area);

        Assert.Equal(("usage-report/order", "usage-report/poll", "idReport", "/monthly/2026-01/"), (family.CreateEndpoint.Key, family.StatusEndpoint.Key, family.IdParameter, family.FileDirectory));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "mytracker-fixtures", "usage-report", "poll", "200.done.json")));
    }

    [Fact]
    public async Task The_whole_job_orders_waits_downloads_every_part_verified_and_reads_the_rows()
    {
        using var client = _fake.CreateClient();
        var directory = _directory;
        var cancellationToken = TestContext.Current.CancellationToken;

        // docs/export-operations.md, "The whole job for a second export family", word for word: begin
        var reports = new UsageReportOperations(client);                 // generated from fixtures/usage-report/
        var request = new UsageReportOrderRequest { IdProject = 7, Month = "2026-01", Metrics = ["day", "sessions"] };
        var progress = new Progress<ExportProgress>(p => Console.WriteLine($"report {p.ExportId}: {p.Stage} {p.Percent}% {p.FilesCompleted}/{p.FileCount}"));
        var result = await reports.ExportAsync(request, directory, progress, cancellationToken);   // order, poll, download; again: resume

        var rows = 0;
        await foreach (var row in ExportCsv.ReadRowsAsync(result.Files.Select(f => f.Path), cancellationToken: cancellationToken))
        {
            Console.WriteLine($"{row["day"]}: {row["sessions"]} sessions");   // columns named by the first part's header
            rows++;
        }
        // docs/export-operations.md: end

        Assert.Equal(1000, result.ExportId);
        Assert.Equal(["usage-report-1000.001.csv.gz", "usage-report-1000.002.csv.gz", "usage-report-1000.003.csv.gz"], result.Files.Select(f => Path.GetFileName(f.Path)));
        for (var n = 1; n <= 3; n++)
        {
            Assert.Equal(_fake.GetExpectedCsv(1000, n, area: Area), Gunzip(result.Files[n - 1].Path));
        }

        Assert.Equal(3 * 25, rows);
        Assert.StartsWith("day,sessions\n", _fake.GetExpectedCsv(1000, 1, area: Area), StringComparison.Ordinal);
        Assert.Equal(1, _fake.Journal.Entries.Count(e => e.Endpoint.Key == "usage-report/order"));
        Assert.True(File.Exists(Path.Combine(directory, "usage-report-job.json")));
        _fake.Journal.AssertNeverPolledAfterCompletion(1000);
        _fake.Journal.AssertEveryFileDownloadedBeforeExpiry(1000, fileCount: 3);
        _fake.Journal.AssertNoCredentialsOnDownloads();

        // Called again for the same request and folder: nothing is ordered or downloaded again.
        var again = await reports.ExportAsync(request, directory, cancellationToken);
        Assert.Equal(1000, again.ExportId);
        Assert.Equal([true, true, true], again.Files.Select(f => f.Skipped));
        Assert.Equal(1, _fake.Journal.Entries.Count(e => e.Endpoint.Key == "usage-report/order"));
    }

    [Fact]
    public async Task A_report_is_polled_from_queued_through_building_to_done_and_its_parts_read_from_the_links()
    {
        _fake.Given(Export.WithId(31).In(Area).InProgress(20, 60).ThenSuccess(files: 2, rowsPerFile: 10));
        using var client = _fake.CreateClient();
        var operation = new UsageReportOperations(client).GetOperation(31);
        var seen = new List<double>();

        var outcome = await operation.WaitForCompletionAsync(progress: new SyncProgress<double>(seen.Add), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, Assert.IsType<ExportOutcome.Succeeded>(outcome).Files.Count);
        Assert.Equal([20, 60, 100], seen);
        Assert.Equal((ExportStatus.Succeeded, "done"), (operation.Status, operation.RawStatus));
        var done = Assert.IsType<UsageReportPollResult.Done>(operation.LastResult);
        Assert.All(done.Parts, p => Assert.Equal("localhost", p.Location.Host));

        var files = await operation.DownloadAsync(_directory, TestContext.Current.CancellationToken);
        var streamed = new List<string>();
        await foreach (var row in operation.ReadRowsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            streamed.Add(row.ToString());
        }

        Assert.Equal([_fake.GetExpectedCsv(31, 1, area: Area), _fake.GetExpectedCsv(31, 2, area: Area)], files.Select(f => Gunzip(f.Path)));
        Assert.Equal(20, streamed.Count);
        _fake.Journal.AssertNoCredentialsOnDownloads();
    }

    [Fact]
    public async Task A_broken_report_is_ordered_again_by_the_one_call_job()
    {
        _fake.Given(Scenario.For("usage-report/poll").WithParameter("idReport", 1000).Answer("building").Then("broken"));
        using var client = _fake.CreateClient();
        var reports = new UsageReportOperations(client);

        var first = await reports.StartAsync(new UsageReportOrderRequest { IdProject = 7, Month = "2026-01" }, TestContext.Current.CancellationToken);
        var broken = Assert.IsType<ExportOutcome.Failed>(await first.WaitForCompletionAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((true, "The usage store timed out; order the report again."), (broken.CanBeRequestedAgain, broken.Detail));

        _fake.Given(Scenario.For("usage-report/poll").WithParameter("idReport", 1001).Answer("broken"));
        var result = await reports.ExportAsync(new UsageReportOrderRequest { IdProject = 7, Month = "2026-02" }, _directory, TestContext.Current.CancellationToken);

        Assert.Equal(1002, result.ExportId);
        Assert.Equal(3, result.Files.Count);
    }

    [Fact]
    public async Task The_same_family_runs_through_a_hand_written_adapter_as_a_family_the_generator_does_not_recognize_would()
    {
        using var client = _fake.CreateClient();

        var reports = new ExportOperations<UsageReportOrder, UsageReportPollResult>(client, new UsageReportAdapter(new UsageReportClient(client.CreateHttpClient())));
        var result = await reports.ExportAsync(new UsageReportOrder(IdProject: 7, Month: "2026-01"), _directory, TestContext.Current.CancellationToken);

        Assert.Equal(["usage-report-1000.001.csv.gz", "usage-report-1000.002.csv.gz", "usage-report-1000.003.csv.gz"], result.Files.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(_fake.GetExpectedCsv(1000, 3, area: Area), Gunzip(result.Files[2].Path));
        // The documented range (idProject at least 1) is checked by the generated client before anything is sent.
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reports.StartAsync(new UsageReportOrder(IdProject: 0, Month: "2026-01"), TestContext.Current.CancellationToken));
        Assert.Equal("idProject", refused.ParamName);
    }

    private static string Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
