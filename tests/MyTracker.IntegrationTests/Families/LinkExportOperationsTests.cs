using MyTracker.Client;
using MyTracker.Fake;
using MyTracker.IntegrationTests.EventExport;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Families;

/// <summary>
/// A third family in this project's fixtures (<c>fixtures/link-export</c>) with the looser shapes the
/// generator recognizes: its start answers the id as a JSON number, its success lists plain links with
/// no expiry, its phases are running/finished/broken. Generated <c>LinkExportOperations</c>, a fake with
/// no code for it, and nothing else: the whole job end to end.
/// </summary>
public sealed class LinkExportOperationsTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeTracker _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeTracker.StartAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_family_of_plain_links_is_started_polled_downloaded_and_read_through_its_generated_operations()
    {
        // What start.json creates is the fake's default lifecycle (FakeTrackerOptions.CreatedExports):
        // in progress 10%, 64%, then 2 files of 1,000 rows.
        using var client = FakeTrackerClients.Create(_fake, configure: FakeTrackerClients.FastWaits);
        var progress = new List<ExportProgress>();

        var result = await new LinkExportOperations(client).ExportAsync(new LinkExportStartRequest { IdThing = 4 }, _directory.Path, new SyncProgress<ExportProgress>(progress.Add));

        Assert.Equal(1000, result.ExportId);
        Assert.Equal(["link-export-1000.001.csv.gz", "link-export-1000.002.csv.gz"], result.Files.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal([10.0, 64.0, 100.0], progress.Where(p => p.Stage == ExportStage.Waiting && p.Percent > 0).Select(p => p.Percent).Distinct());
        Assert.Equal(_fake.GetExpectedCsv(1000, 1, area: "link-export"), Gzip.FileText(result.Files[0].Path));
        var rows = 0;
        await foreach (var row in ExportCsv.ReadRowsAsync(result.Files.Select(f => f.Path)))
        {
            rows++;
        }

        Assert.Equal(2 * 1000, rows);
        _fake.Journal.AssertNeverPolledAfterCompletion(1000);
        _fake.Journal.AssertNoCredentialsOnDownloads();
    }

    [Fact]
    public async Task A_broken_export_whose_meaning_is_not_documented_is_a_failure_that_is_not_requested_again()
    {
        _fake.Given(Export.WithId(8).In("link-export").ErrorOccurred());
        using var client = FakeTrackerClients.Create(_fake, configure: FakeTrackerClients.FastWaits);

        var outcome = await new LinkExportOperations(client).GetOperation(8).WaitForCompletionAsync();

        // link-export's manifest states no meaning for 'broken' (MTG0015 at build time): a new export is the user's call.
        var failed = Assert.IsType<ExportOutcome.Failed>(outcome);
        Assert.False(failed.CanBeRequestedAgain);
    }
}
