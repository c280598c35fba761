using MyTracker.Client;
using MyTracker.Fake;
using MyTracker.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MyTracker.IntegrationTests.Chaos;

/// <summary>
/// The client downloads an export of many small files while the fake injects seeded random faults
/// (drops, 5xx/429, cut-off bodies, truncated gzip, expired links, malformed JSON, latency). Every
/// row must arrive exactly once. CI runs a few seeds of a small export; the long run scales the same
/// test through MYTRACKER_CHAOS_* variables.
/// </summary>
public sealed class ChaosDownloadTests(ITestOutputHelper output)
{
    private const long ExportId = 4242;

    public static IEnumerable<object[]> Seeds => Scale.Seeds("MYTRACKER_CHAOS_SEEDS", 11, 22, 33);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_row_arrives_exactly_once_under_random_faults(int seed)
    {
        var fileCount = Scale.Int("MYTRACKER_CHAOS_FILES", 30);
        var rowsPerFile = Scale.Int("MYTRACKER_CHAOS_ROWS", 20);
        var probability = Scale.Double("MYTRACKER_CHAOS_PROBABILITY", 0.3);
        using var deadline = new CancellationTokenSource(Scale.Deadline("MYTRACKER_CHAOS_DEADLINE_SECONDS", TimeSpan.FromMinutes(2)));
        var export = Export.WithId(ExportId).InProgress(10, 40, 80).ThenSuccess(fileCount, rowsPerFile)
            .WithFields("idProfile", "gaid", "customUserId");
        var expected = await ExpectedRows.FromTwinAsync(export, ExportId, deadline.Token);

        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions
        {
            RandomFaults = new RandomFaults { Seed = seed, Probability = probability },
            JournalCapacity = 100_000,

            // Links on another host than the API (as object storage would be): renewed links must
            // never carry the account's credentials there, whatever the faults.
            LinkHost = "localhost",
        });
        fake.Given(export);
        using var client = FakeTrackerClients.Create(fake);
        using var directory = new TempDirectory();

        // Each poll or file can be faulted at most MaxConsecutive (2) times in a row; a refresh poll
        // can add one more failure per file: generous, yet finite.
        var maxAttempts = 10 * (fileCount + 4) + 20;
        var result = await ResilientDownload.RunAsync(client, ExportId, directory.Path, maxAttempts, deadline.Token);

        var actual = await ReadRowsAsync(result.Files.Select(f => f.Path), deadline.Token);
        var (lost, extra) = expected.Compare(actual);
        var faults = fake.Journal.Entries.Where(e => e.Fault is not null).GroupBy(e => e.Fault!.Value).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"seed {seed}: {fileCount} files x {rowsPerFile} rows, {result.Attempts} calls, " +
            $"faults: {string.Join(", ", faults.Select(f => $"{f.Key} x{f.Value}"))}; client saw: {string.Join(", ", result.Failures.GroupBy(f => f).Select(g => $"{g.Key} x{g.Count()}"))}");

        Assert.Equal((0, 0), (lost, extra));
        Assert.Equal(expected.Rows.Count, actual.Count);
        Assert.Equal(expected.Checksum, ExpectedRows.ChecksumOf(actual));

        // Independent of the fake's generator: idProfile is 1,000,000 + the row number, in order.
        Assert.Equal(Enumerable.Range(1_000_000, fileCount * rowsPerFile).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            actual.Select(r => r.Split(',')[0]));

        // The run was really faulty, and the protocol held up under it.
        Assert.True(faults.Values.Sum() >= 5, $"expected faults to be injected, saw {faults.Values.Sum()}");
        fake.Journal.AssertNoCredentialsOnDownloads();
        fake.Journal.AssertEveryFileDownloadedBeforeExpiry(ExportId, fileCount);

        // The folder holds the export's files and nothing else: no leftovers, no second copies.
        Assert.Empty(Directory.EnumerateFiles(directory.Path, "*.partial"));
        Assert.Equal(fileCount, Directory.EnumerateFiles(directory.Path).Count());
    }

    [Fact]
    public async Task A_download_resumed_after_its_links_were_renewed_skips_the_files_it_completed()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var fake = await FakeTracker.StartAsync();

        // File 2's link dies (the next poll lists every file under a new name), then file 3's
        // connection drops: the first call ends with files 1 and 2 on disk.
        fake.Given(Export.WithId(ExportId).Success(files: 3, rowsPerFile: 5)
            .WithFault(Fault.ExpiredLink().OnDownload(attempt: 1, file: 2))
            .WithFault(Fault.DropConnection().OnDownload(attempt: 1, file: 3)));
        using var client = FakeTrackerClients.Create(fake);
        using var directory = new TempDirectory();
        var operation = client.GetSegmentExportOperation(ExportId);
        await operation.UpdateStatusAsync(deadline.Token);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.DownloadFilesAsync(operation, directory.Path, deadline.Token));
        var resumed = await client.DownloadFilesAsync(operation, directory.Path, deadline.Token);

        Assert.Equal([true, true, false], resumed.Select(f => f.Skipped));
        Assert.Equal(3, Directory.EnumerateFiles(directory.Path).Count());
        Assert.Equal(2, fake.Journal.DownloadsOf(ExportId).Count(d => d.FileNumber == 1 || (d.FileNumber == 2 && d.Outcome == FakeOutcome.Served)));
    }

    internal static async Task<List<string>> ReadRowsAsync(IEnumerable<string> paths, CancellationToken cancellationToken, bool firstFileHasHeader = true)
    {
        var rows = new List<string>();
        await foreach (var row in SegmentExportCsv.ReadRowsAsync(paths, firstFileHasHeader, cancellationToken))
        {
            rows.Add(row.ToString());
        }

        return rows;
    }
}
