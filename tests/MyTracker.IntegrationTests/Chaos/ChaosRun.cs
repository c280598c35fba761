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
    private readonly Func<int, string> _firstColumn;

    private ChaosRun(FakeTracker fake, ExpectedRows expected, int fileCount, int rowsPerFile, int seed, Func<int, string> firstColumn)
    {
        _firstColumn = firstColumn;
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

    /// <param name="area">The export family (null: segment export; else e.g. <c>event-export</c>, with columns of its own).</param>
    public static async Task<ChaosRun> StartAsync(
        int seed, int fileCount, int rowsPerFile, double probability, CancellationToken cancellationToken, bool downloadRanges = true, string? area = null)
    {
        var export = area is null
            ? Export.WithId(ExportId).InProgress(10, 40, 80).ThenSuccess(fileCount, rowsPerFile).WithFields("idProfile", "gaid", "customUserId")
            : Export.WithId(ExportId).In(area).InProgress(10, 40, 80).ThenSuccess(fileCount, rowsPerFile).WithFields("idDevice", "country", "revenue");
        var expected = await ExpectedRows.FromTwinAsync(export, ExportId, cancellationToken, area);
        var fake = await FakeTracker.StartAsync(new FakeTrackerOptions
        {
            RandomFaults = new RandomFaults { Seed = seed, Probability = probability },
            JournalCapacity = 100_000,
            DownloadRanges = downloadRanges,

            // Renewed links must never carry the account's credentials to the storage host, whatever the faults.
            LinkHost = "localhost",
        }, cancellationToken);
        fake.Given(export);

        // Independent of the fake's generator, as its documentation states the values: segment export's
        // idProfile and another family's idDevice are both device ids, an integer 1,000,000 + the row number.
        Func<int, string> firstColumn = row => (1_000_000 + row).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ChaosRun(fake, expected, fileCount, rowsPerFile, seed, firstColumn);
    }

    /// <summary>Every row exactly once, in order, from exactly one complete file per export file; and the protocol held.</summary>
    public Task AssertEveryRowExactlyOnceAsync(IReadOnlyList<DownloadedExportFile> files, ITestOutputHelper output, CancellationToken cancellationToken) =>
        AssertEveryRowExactlyOnceAsync([.. files.Select(f => f.Path)], output, cancellationToken);

    /// <summary>Every row exactly once, in order, from exactly one complete file per export file; and the protocol held.</summary>
    public async Task AssertEveryRowExactlyOnceAsync(IReadOnlyList<string> files, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var actual = await ChaosDownloadTests.ReadRowsAsync(files, cancellationToken);
        var (lost, extra) = Expected.Compare(actual);
        var journal = Fake.Journal.Entries;
        var faults = journal.Where(e => e.Fault is not null).GroupBy(e => e.Fault!.Value).ToDictionary(g => g.Key, g => g.Count());
        var ranged = journal.Count(e => e.Range is not null);
        output.WriteLine($"seed {Seed}: {FileCount} files x {RowsPerFile} rows, {journal.Count} requests ({ranged} ranged), " +
            $"faults: {string.Join(", ", faults.Select(f => $"{f.Key} x{f.Value}"))}");

        Assert.Equal((0, 0), (lost, extra));
        Assert.Equal(Expected.Rows.Count, actual.Count);
        Assert.Equal(Expected.Checksum, ExpectedRows.ChecksumOf(actual));

        Assert.Equal(Enumerable.Range(0, FileCount * RowsPerFile).Select(_firstColumn), actual.Select(r => r.Split(',')[0]));

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
