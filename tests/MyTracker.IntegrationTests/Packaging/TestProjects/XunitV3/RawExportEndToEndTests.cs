using MyTracker.Client;
using MyTracker.Fake;
using MyTracker.Fake.Xunit;
using Xunit;

// A consumer with no fixtures of its own: raw data export is built into both packages.
public sealed class RawExportEndToEndTests(FakeTrackerFixture tracker)
{
    private static RawExportCreateRequest Request() => new()
    {
        Event = RawExportCreateEvent.Installs,
        Selectors = ["idApp", "tsEvent", "gaid"],
        DateFrom = "2024-01-01",
        DateTo = "2024-01-31",
        IdApp = ["1", "454"],
    };

    [Fact]
    public async Task The_whole_job_downloads_files_whose_columns_are_the_selectors_and_whose_rows_read_back()
    {
        using var client = tracker.Fake.CreateClient();
        var folder = Directory.CreateTempSubdirectory("raw-export-").FullName;
        try
        {
            var result = await client.RawExports.ExportAsync(Request(), folder, TestContext.Current.CancellationToken);

            Assert.NotEmpty(result.Files);
            var rows = 0;
            await foreach (var row in ExportCsv.ReadRowsAsync(result.Files.Select(f => f.Path), cancellationToken: TestContext.Current.CancellationToken))
            {
                Assert.Equal(["idApp", "tsEvent", "gaid"], row.Header);
                Assert.True(long.TryParse(row["tsEvent"], out _), row["tsEvent"]);
                rows++;
            }

            Assert.True(rows > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Step_by_step_an_export_canceled_mid_way_ends_canceled_and_is_not_requested_again()
    {
        using var client = tracker.Fake.CreateClient();
        var operation = await client.RawExports.StartAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal(ExportStatus.InProgress, await operation.UpdateStatusAsync(TestContext.Current.CancellationToken));
        var canceled = await operation.CancelAsync(TestContext.Current.CancellationToken);
        Assert.IsType<ExportCancelResult.Canceled>(canceled);
        Assert.Equal(ExportStatus.Canceled, operation.Status);
        var outcome = await operation.WaitForCompletionAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.IsType<ExportOutcome.Canceled>(outcome);
        var failure = Assert.Throws<ExportFailedException>(() => operation.Value);
        Assert.False(failure.CanBeRequestedAgain);
        Assert.IsType<RawExportCancelResult.Completed>(await client.RawExports.CancelAsync(operation.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Rows_stream_from_the_links_of_a_finished_export()
    {
        using var client = tracker.Fake.CreateClient();
        var operation = await client.RawExports.StartAsync(Request(), TestContext.Current.CancellationToken);
        Assert.IsType<ExportOutcome.Succeeded>(await operation.WaitForCompletionAsync(cancellationToken: TestContext.Current.CancellationToken));

        var rows = 0;
        await foreach (var row in operation.ReadRowsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Equal(3, row.Values.Count);
            rows++;
        }

        Assert.True(rows > 0);
    }
}
