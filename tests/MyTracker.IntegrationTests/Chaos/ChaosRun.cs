using MyTracker.Client;
using MyTracker.Fake;
using MyTracker.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MyTracker.IntegrationTests.Chaos;

/// <summary>
/// One chaos run: a fake with seeded random faults on polls and downloads, links on another host
/// than the API (as object storage would be), the export's expected rows from a fault-free twin, and
/// the oracles every chaos test applies to what the client produced.
/// </summary>
internal sealed class ChaosRun : IAsyncDisposable
{
    public const long ExportId = 4242;

    private readonly TempDirectory _directory = new();

    private ChaosRun(FakeTracker fake, ExpectedRows expected, int fileCount, int rowsPerFile, int seed)
    {
        Fake = fake;
        Expected = expected;
        FileCount = fileCount;
        RowsPerFile = rowsPerFile;
        Seed = seed;
    }

    public FakeTracker Fake { get; }

    public ExpectedRows Expected { get; }

    public int FileCount { get; }

    public int RowsPerFile { get; }

    public int Seed { get; }

    public string Directory => _directory.Path;

    public static async Task<ChaosRun> StartAsync(
        int seed, int fileCount, int rowsPerFile, double probability, CancellationToken cancellationToken, bool downloadRanges = true)
    {
        var export = Export.WithId(ExportId).InProgress(10, 40, 80).ThenSuccess(fileCount, rowsPerFile)
            .WithFields("idProfile", "gaid", "customUserId");
        var expected = await ExpectedRows.FromTwinAsync(export, ExportId, cancellationToken);
        var fake = await FakeTracker.StartAsync(new FakeTrackerOptions
        {
            RandomFaults = new RandomFaults { Seed = seed, Probability = probability },
            JournalCapacity = 100_000,
            DownloadRanges = downloadRanges,

            // Renewed links must never carry the account's credentials to the storage host, whatever the faults.
            LinkHost = "localhost",
        }, cancellationToken);
        fake.Given(export);
        return new ChaosRun(fake, expected, fileCount, rowsPerFile, seed);
    }

    /// <summary>Every row exactly once, in order, from exactly one complete file per export file; and the protocol held.</summary>
    public async Task AssertEveryRowExactlyOnceAsync(IReadOnlyList<DownloadedFile> files, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var actual = await ChaosDownloadTests.ReadRowsAsync(files.Select(f => f.Path), cancellationToken);
        var (lost, extra) = Expected.Compare(actual);
        var journal = Fake.Journal.Entries;
        var faults = journal.Where(e => e.Fault is not null).GroupBy(e => e.Fault!.Value).ToDictionary(g => g.Key, g => g.Count());
        var ranged = journal.Count(e => e.Range is not null);
        output.WriteLine($"seed {Seed}: {FileCount} files x {RowsPerFile} rows, {journal.Count} requests ({ranged} ranged), " +
            $"faults: {string.Join(", ", faults.Select(f => $"{f.Key} x{f.Value}"))}");

        Assert.Equal((0, 0), (lost, extra));
        Assert.Equal(Expected.Rows.Count, actual.Count);
        Assert.Equal(Expected.Checksum, ExpectedRows.ChecksumOf(actual));

        // Independent of the fake's generator: idProfile is 1,000,000 + the row number, in order.
        Assert.Equal(
            Enumerable.Range(1_000_000, FileCount * RowsPerFile).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            actual.Select(r => r.Split(',')[0]));

        // The run was really faulty, and the protocol held up under it.
        Assert.True(faults.Values.Sum() >= 5, $"expected faults to be injected, saw {faults.Values.Sum()}");
        Fake.Journal.AssertNoCredentialsOnDownloads();
        Fake.Journal.AssertEveryFileDownloadedBeforeExpiry(ExportId, FileCount);

        // The folder holds the export's files and nothing else: no leftovers, no second copies.
        Assert.Equal(FileCount, files.Count);
        Assert.Empty(System.IO.Directory.EnumerateFiles(Directory, "*.partial"));
        Assert.Equal(FileCount, System.IO.Directory.EnumerateFiles(Directory).Count());
    }

    public async ValueTask DisposeAsync()
    {
        await Fake.DisposeAsync();
        _directory.Dispose();
    }
}
