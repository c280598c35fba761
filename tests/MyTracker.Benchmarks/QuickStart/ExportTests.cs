using MyTracker.Client;
using MyTracker.Fake;
using Xunit;

public sealed class ExportTests
{
    [Fact]
    public async Task An_export_is_polled_to_success_and_every_row_is_downloaded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeTracker.StartAsync(cancellationToken: ct); // http://127.0.0.1:<free port>/
        fake.Given(Export.WithId(42).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 1000));

        using var client = fake.CreateClient();                       // the fake's address, user and clock; polls in ms
        var operation = client.SegmentExports.GetOperation(42);
        var outcome = await operation.WaitForCompletionAsync(cancellationToken: ct); // 10%, 64%, then Succeeded
        Assert.IsType<ExportOutcome.Succeeded>(outcome);

        var folder = Directory.CreateTempSubdirectory("exports-").FullName;
        var files = await operation.DownloadAsync(folder, ct); // .csv.gz files, gzip-verified
        var rows = 0;
        await foreach (var row in ExportCsv.ReadRowsAsync(files.Select(f => f.Path), cancellationToken: ct))
        {
            rows++;
        }

        Assert.Equal(2 * 1000, rows);
        fake.Journal.AssertPolled(42, times: 3);                       // and the protocol was kept:
        fake.Journal.AssertNeverPolledAfterCompletion(42);
        fake.Journal.AssertEveryFileDownloadedBeforeExpiry(42, fileCount: 2);
        fake.Journal.AssertNoCredentialsOnDownloads();
        Directory.Delete(folder, recursive: true);
    }
}
