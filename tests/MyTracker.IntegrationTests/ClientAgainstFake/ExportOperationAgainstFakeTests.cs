using System.IO.Compression;
using Microsoft.Extensions.Time.Testing;
using MyTracker.Client;
using MyTracker.Client.Operations;
using MyTracker.Fake;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.ClientAgainstFake;

/// <summary>
/// The whole journey a team integrating myTracker writes: create -> poll -> download -> read rows,
/// through <see cref="MyTrackerClient"/> against the fake tracker over loopback HTTP.
/// Polls are driven one by one with UpdateStatusAsync, so nothing waits on a clock.
/// </summary>
public sealed class ExportOperationAgainstFakeTests : IAsyncLifetime
{
    private FakeTracker _fake = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeTracker.StartAsync();
        _directory = Directory.CreateTempSubdirectory("mytracker-it-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private MyTrackerClient CreateClient() => FakeTrackerClients.Create(_fake);

    private static async Task<ExportOperation<SegmentExportCreateRequest, SegmentExportGetResult>> PollToCompletionAsync(ExportOperation<SegmentExportCreateRequest, SegmentExportGetResult> operation)
    {
        for (var poll = 0; poll < 20 && !operation.HasCompleted; poll++)
        {
            await operation.UpdateStatusAsync();
        }

        Assert.True(operation.HasCompleted, "the export did not complete within 20 polls");
        return operation;
    }

    [Fact]
    public async Task A_created_export_is_polled_to_success_and_every_row_of_every_file_is_read_once()
    {
        using var client = CreateClient();
        var operation = await client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 7,
            RequestFields = ["gaid", "idfa"],
            IncludeHeaderLine = true,
        });
        await PollToCompletionAsync(operation);

        Assert.IsType<ExportOutcome.Succeeded>(operation.Outcome);
        var snapshot = _fake.GetExport(operation.Id)!;
        var rows = new List<ExportRow>();
        await foreach (var row in operation.ReadRowsAsync())
        {
            rows.Add(row);
        }

        Assert.Equal(snapshot.FileCount * snapshot.RowsPerFile, rows.Count);
        Assert.All(rows, r => Assert.Equal(["gaid", "idfa"], r.Header));
        Assert.Equal(rows.Count, rows.Select(r => r.ToString()).Distinct().Count());
        _fake.Journal.AssertNeverPolledAfterCompletion(operation.Id);
    }

    [Fact]
    public async Task Links_on_another_host_are_downloaded_without_the_accounts_credentials()
    {
        // The API answers on 127.0.0.1 while its links name localhost: the same machine, another host.
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { LinkHost = "localhost" });
        fake.Given(Export.WithId(33).Success(files: 2, rowsPerFile: 10));
        using var client = FakeTrackerClients.Create(fake);
        var operation = await PollToCompletionAsync(client.SegmentExports.GetOperation(33));
        Assert.All(operation.Value, f => Assert.Equal("localhost", f.Link.Host));

        var files = await operation.DownloadAsync(_directory);

        Assert.Equal(2, files.Count);
        Assert.Equal(2, fake.Journal.DownloadsOf(33).Count);
        Assert.All(fake.Journal.PollsOf(33), p => Assert.True(p.HadAuthorizationHeader));
        fake.Journal.AssertNoCredentialsOnDownloads();
    }

    [Fact]
    public async Task Downloaded_files_are_complete_gzip_files_under_their_final_names()
    {
        _fake.Given(Export.WithId(31).Success(files: 3, rowsPerFile: 20).WithFields("gaid").WithHeaderLine(true));
        using var client = CreateClient();
        var operation = await PollToCompletionAsync(client.SegmentExports.GetOperation(31));

        var files = await operation.DownloadAsync(_directory);

        Assert.Equal(3, files.Count);
        var lines = 0;
        foreach (var file in files)
        {
            await using var gzip = new GZipStream(File.OpenRead(file.Path), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            while (await reader.ReadLineAsync() is not null)
            {
                lines++;
            }
        }

        Assert.Equal(3 * 20 + 1, lines); // the header line only in the first file
        Assert.Equal(3, Directory.GetFiles(_directory).Length);
        _fake.Journal.AssertEveryFileDownloadedBeforeExpiry(31, fileCount: 3);
    }

    [Fact]
    public async Task Downloading_again_skips_files_that_are_already_complete()
    {
        _fake.Given(Export.WithId(32).Success(files: 2, rowsPerFile: 10));
        using var client = CreateClient();
        var operation = await PollToCompletionAsync(client.SegmentExports.GetOperation(32));

        await operation.DownloadAsync(_directory);
        var downloadsAfterFirst = _fake.Journal.DownloadsOf(32).Count;
        await operation.DownloadAsync(_directory);
        var downloadsAfterSecond = _fake.Journal.DownloadsOf(32).Count;

        Assert.Equal(2, downloadsAfterFirst);
        Assert.Equal(downloadsAfterFirst, downloadsAfterSecond);
    }

    [Fact]
    public async Task A_restarted_process_resumes_into_the_same_folder_after_the_links_were_renewed_without_downloading_again()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { TimeProvider = time });
        fake.Given(Export.WithId(51).Success(files: 3, rowsPerFile: 5).WithLinkLifetime(TimeSpan.FromMinutes(10)));
        MyTrackerClient NewProcess() => FakeTrackerClients.Create(fake, time: time);

        using (var first = NewProcess())
        {
            var operation = await PollToCompletionAsync(first.SegmentExports.GetOperation(51));
            var downloaded = await operation.DownloadAsync(_directory);
            Assert.All(downloaded, f => Assert.False(f.Skipped));
        }

        var firstLinks = fake.Journal.DownloadsOf(51).Select(d => d.FileName).ToHashSet();
        Assert.Equal(3, firstLinks.Count(name => name is not null));
        time.Advance(TimeSpan.FromHours(1)); // every link has expired; the next poll lists renamed ones

        using var second = NewProcess();
        var resumed = await PollToCompletionAsync(second.SegmentExports.GetOperation(51));
        Assert.DoesNotContain(resumed.Value, f => firstLinks.Contains(Path.GetFileName(f.Link.AbsolutePath)));
        var again = await resumed.DownloadAsync(_directory);

        Assert.All(again, f => Assert.True(f.Skipped, $"{f.Path} was downloaded again"));
        Assert.Equal(3, fake.Journal.DownloadsOf(51).Count);
        Assert.Equal(
            ["segment-export-51.001.csv.gz", "segment-export-51.002.csv.gz", "segment-export-51.003.csv.gz"],
            Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Error_occurred_and_not_found_end_the_operation_as_typed_outcomes()
    {
        _fake.Given(Export.WithId(8).ErrorOccurred());
        using var client = CreateClient();

        var failed = await PollToCompletionAsync(client.SegmentExports.GetOperation(8));
        var error = Assert.IsType<ExportOutcome.Failed>(failed.Outcome);
        Assert.True(error.CanBeRequestedAgain);

        var missing = await PollToCompletionAsync(client.SegmentExports.GetOperation(999_999));
        Assert.IsType<ExportOutcome.NotFound>(missing.Outcome);
    }

    [Fact]
    public async Task Wrong_credentials_end_the_operation_as_access_denied()
    {
        _fake.Given(Export.WithId(9).Success());
        using var client = FakeTrackerClients.Create(_fake, secret: "wrong-secret");

        var operation = await PollToCompletionAsync(client.SegmentExports.GetOperation(9));

        Assert.IsType<ExportOutcome.AccessDenied>(operation.Outcome);
        Assert.Equal(0, _fake.GetExport(9)!.PollsServed);
    }
}
