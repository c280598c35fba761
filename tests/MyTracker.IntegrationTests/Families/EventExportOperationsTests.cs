using MyTracker.Client;
using MyTracker.Fake;
using MyTracker.IntegrationTests.EventExport;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Families;

/// <summary>
/// The event-export family (this project's own fixtures, names of its own) driven through the
/// EventExportOperations the generator emitted for it, on the export runtime every family shares,
/// against a fake that has no code for it: no adapter, no polling or download code in the test.
/// </summary>
public sealed class EventExportOperationsTests : IAsyncLifetime
{
    private static readonly EventExportCreateRequest Request = new()
    {
        IdApp = 7,
        Event = EventExportCreateEvent.Installs,
        DateFrom = "2026-01-01",
        DateTo = "2026-01-31",
        Columns = ["idDevice", "country"],
    };

    private readonly TempDirectory _directory = new();
    private FakeTracker _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeTracker.StartAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task An_export_is_polled_from_in_progress_to_success_and_every_file_is_downloaded_verified_and_read()
    {
        _fake.Given(Export.WithId(5).In("event-export").InProgress(20, 60).ThenSuccess(files: 3, rowsPerFile: 50).WithFields("idDevice", "country"));
        using var client = FakeTrackerClients.Create(_fake, configure: FakeTrackerClients.FastWaits);
        var operation = new EventExportOperations(client).GetOperation(5);
        var seen = new List<double>();

        var outcome = await operation.WaitForCompletionAsync(progress: new SyncProgress<double>(seen.Add));

        var succeeded = Assert.IsType<ExportOutcome.Succeeded>(outcome);
        Assert.Equal([20, 60, 100], seen);
        Assert.Equal((ExportStatus.Succeeded, "ready"), (operation.Status, operation.RawStatus));
        Assert.IsType<EventExportGetResult.Success>(operation.LastResult);
        Assert.Equal(3, succeeded.Files.Count);

        var files = await operation.DownloadAsync(_directory.Path);

        Assert.Equal(["event-export-5.001.csv.gz", "event-export-5.002.csv.gz", "event-export-5.003.csv.gz"], files.Select(f => Path.GetFileName(f.Path)));
        for (var n = 1; n <= 3; n++)
        {
            Assert.Equal(_fake.GetExpectedCsv(5, n, area: "event-export"), Gzip.FileText(files[n - 1].Path));
        }

        var rows = new List<ExportRow>();
        await foreach (var row in ExportCsv.ReadRowsAsync(files.Select(f => f.Path)))
        {
            rows.Add(row);
        }

        Assert.Equal(150, rows.Count);
        Assert.Equal(["idDevice", "country"], rows[0].Header);
        Assert.Equal("1000000", rows[0]["idDevice"]);
        Assert.Equal("1000149", rows[^1]["idDevice"]);
        Assert.Equal([0, 1, 2], rows.Select(r => r.FileIndex).Distinct());

        // The same rows straight from the links, without the disk.
        var streamed = new List<string>();
        await foreach (var row in operation.ReadRowsAsync())
        {
            streamed.Add(row.ToString());
        }

        Assert.Equal(rows.Select(r => r.ToString()), streamed);
        _fake.Journal.AssertNeverPolledAfterCompletion(5);
        _fake.Journal.AssertEveryFileDownloadedBeforeExpiry(5, fileCount: 3);
        _fake.Journal.AssertNoCredentialsOnDownloads();
    }

    [Fact]
    public async Task The_one_call_job_creates_once_waits_downloads_and_remembers_the_export_in_its_folder()
    {
        using var client = FakeTrackerClients.Create(_fake, configure: FakeTrackerClients.FastWaits);
        var progress = new List<ExportProgress>();

        var result = await new EventExportOperations(client).ExportAsync(Request, _directory.Path, new SyncProgress<ExportProgress>(progress.Add));

        Assert.Equal(2, result.Files.Count);
        Assert.Equal(1, Creates());
        Assert.Equal(result.ExportId, progress[0].ExportId);
        Assert.Equal(ExportStage.Waiting, progress[0].Stage);
        Assert.Equal(new ExportProgress(result.ExportId, ExportStage.Downloading, 100, 2, 2), progress[^1]);
        var job = await File.ReadAllTextAsync(Path.Combine(_directory.Path, "event-export-job.json"));
        Assert.Contains($"\"exportId\": {result.ExportId}", job, StringComparison.Ordinal);
        Assert.Contains("idApp=7\\u0026event=Installs", job, StringComparison.Ordinal);
        Assert.DoesNotContain(_fake.DefaultUser.Secret, job, StringComparison.Ordinal);

        var rows = 0;
        await foreach (var row in ExportCsv.ReadRowsAsync(result.Files.Select(f => f.Path)))
        {
            Assert.Equal(["idDevice", "country"], row.Header);
            rows++;
        }

        Assert.Equal(2 * 1000, rows);

        // Called again for the same folder: nothing is created or downloaded again.
        var again = await new EventExportOperations(client).ExportAsync(Request, _directory.Path);
        Assert.Equal(result.ExportId, again.ExportId);
        Assert.All(again.Files, f => Assert.True(f.Skipped));
        Assert.Equal(1, Creates());
    }

    [Fact]
    public async Task A_failed_export_is_a_value_that_can_be_requested_again_and_the_one_call_job_does()
    {
        // The first export the fake creates fails after one poll in progress; the next one succeeds.
        _fake.Given(Scenario.For("event-export/get").WithParameter("idEventExport", 1000).Answer("in-progress").Then("error"));
        using var client = FakeTrackerClients.Create(_fake, configure: FakeTrackerClients.FastWaits);
        var operations = new EventExportOperations(client);

        var first = await operations.StartAsync(Request);
        var failed = Assert.IsType<ExportOutcome.Failed>(await first.WaitForCompletionAsync());

        Assert.Equal(1000, first.Id);
        Assert.True(failed.CanBeRequestedAgain);
        Assert.Equal("The data source was unavailable; request the export again.", failed.Detail);
        Assert.Equal((ExportStatus.Failed, "failed"), (first.Status, first.RawStatus));
        var thrown = await Assert.ThrowsAsync<ExportFailedException>(() => first.DownloadAsync(_directory.Path));
        Assert.True(thrown.CanBeRequestedAgain);
        Assert.Equal(("event-export", 1000L), (thrown.ExportName, thrown.ExportId));
        Assert.StartsWith("Event export 1000 failed on the server", thrown.Message, StringComparison.Ordinal);

        var restarted = await first.RestartAsync();
        Assert.Equal(1001, restarted.Id);
        Assert.IsType<ExportOutcome.Succeeded>(await restarted.WaitForCompletionAsync());

        // The one-call job does the same by itself: export 1002 fails, 1003 is downloaded.
        _fake.Given(Scenario.For("event-export/get").WithParameter("idEventExport", 1002).Answer("error"));
        var result = await operations.ExportAsync(Request, _directory.Path);

        Assert.Equal(1003, result.ExportId);
        Assert.Equal(["event-export-1003.001.csv.gz", "event-export-1003.002.csv.gz"], result.Files.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(4, Creates());
    }

    [Fact]
    public async Task Unknown_ids_refusals_and_access_denied_are_documented_outcomes()
    {
        using var client = FakeTrackerClients.Create(_fake, configure: FakeTrackerClients.FastWaits);
        using var stranger = FakeTrackerClients.Create(_fake, secret: "wrong", configure: FakeTrackerClients.FastWaits);

        var missing = Assert.IsType<ExportOutcome.NotFound>(await new EventExportOperations(client).GetOperation(123_456).WaitForCompletionAsync());
        Assert.Equal("Event export request not found", missing.Detail);
        Assert.IsType<ExportOutcome.AccessDenied>(await new EventExportOperations(stranger).GetOperation(5).WaitForCompletionAsync());

        var refused = await Assert.ThrowsAsync<ExportFailedException>(() => new EventExportOperations(client).StartAsync(Request with { Columns = ["nope"] }));
        Assert.Equal(new ExportOutcome.InvalidParameters("Invalid parameter: columns"), refused.Outcome);
        Assert.Null(refused.ExportId);
    }

    [Fact]
    public async Task A_job_cut_off_in_the_middle_resumes_in_a_new_process_from_its_folder_without_a_second_export()
    {
        using var cut = new CancellationTokenSource();
        using (var crashing = FakeTrackerClients.Create(_fake, configure: o =>
        {
            FakeTrackerClients.FastWaits(o);
            o.MaxParallelDownloads = 1;
        }))
        {
            // The "process" dies as soon as its first file is complete.
            var progress = new SyncProgress<ExportProgress>(p =>
            {
                if (p.FilesCompleted == 1)
                {
                    cut.Cancel();
                }
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new EventExportOperations(crashing).ExportAsync(Request, _directory.Path, progress, cut.Token));
        }

        Assert.Equal(["event-export-1000.001.csv.gz"], Directory.EnumerateFiles(_directory.Path, "*.csv.gz").Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFiles(_directory.Path, "*.partial"));

        // A fresh client and operations, as a restarted process has: the folder says which export it was.
        using var restarted = FakeTrackerClients.Create(_fake, configure: FakeTrackerClients.FastWaits);
        var result = await new EventExportOperations(restarted).ExportAsync(Request, _directory.Path);

        Assert.Equal(1000, result.ExportId);
        Assert.Equal([true, false], result.Files.Select(f => f.Skipped));
        Assert.Equal(1, Creates());
        Assert.Equal(1, _fake.Journal.DownloadsOf(1000).Count(d => d.FileNumber == 1));
        for (var n = 1; n <= 2; n++)
        {
            Assert.Equal(_fake.GetExpectedCsv(1000, n, area: "event-export"), Gzip.FileText(result.Files[n - 1].Path));
        }
    }

    [Fact]
    public async Task A_download_given_up_on_resumes_from_the_saved_id_with_a_fresh_client()
    {
        _fake.Given(Export.WithId(8).In("event-export").Success(files: 3, rowsPerFile: 10)
            .WithFault(Fault.DropConnection().OnDownload(attempt: 1, file: 3)));
        using (var impatient = FakeTrackerClients.Create(_fake, configure: o =>
        {
            FakeTrackerClients.FastWaits(o);
            o.Retry.MaxRetries = 0;
            o.MaxDownloadAttempts = 1;
            o.MaxParallelDownloads = 1;
        }))
        {
            var failure = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => new EventExportOperations(impatient).GetOperation(8).DownloadAsync(_directory.Path));
            Assert.Equal(("event-export-8.003.csv.gz", 8L), (failure.FileName, failure.ExportId));
        }

        using var client = FakeTrackerClients.Create(_fake, configure: FakeTrackerClients.FastWaits);
        var files = await new EventExportOperations(client).GetOperation(8).DownloadAsync(_directory.Path);

        Assert.Equal([true, true, false], files.Select(f => f.Skipped));
        Assert.Equal(_fake.GetExpectedCsv(8, 3, area: "event-export"), Gzip.FileText(files[2].Path));
    }

    private int Creates() => _fake.Journal.Entries.Count(e => e.Endpoint.Key == "event-export/create");
}
