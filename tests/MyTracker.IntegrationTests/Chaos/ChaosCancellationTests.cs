using MyTracker.Client;
using MyTracker.Fake;
using MyTracker.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MyTracker.IntegrationTests.Chaos;

/// <summary>
/// Cancels a faulty download again and again at seeded points (counted in response bytes, so
/// anywhere from before the first poll to mid-file), calling operation.DownloadAsync again with the
/// same operation each time. A cancellation is always an OperationCanceledException (never a fault
/// that happened to be on its way); after each one every file under a final name is complete and
/// correct and no temporary file is left; the run that is finally left alone yields every row exactly once.
/// </summary>
public sealed class ChaosCancellationTests(ITestOutputHelper output)
{
    private const long ExportId = 5151;

    public static IEnumerable<object[]> Seeds => Scale.Seeds("MYTRACKER_CHAOS_CANCEL_SEEDS", 7, 8);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Cancelling_at_random_points_leaves_only_complete_files_under_final_names(int seed)
    {
        var fileCount = Scale.Int("MYTRACKER_CHAOS_FILES", 30);
        var rowsPerFile = Scale.Int("MYTRACKER_CHAOS_ROWS", 20);
        var rounds = Scale.Int("MYTRACKER_CHAOS_CANCEL_ROUNDS", 8);
        using var deadline = new CancellationTokenSource(Scale.Deadline("MYTRACKER_CHAOS_DEADLINE_SECONDS", TimeSpan.FromMinutes(2)));
        var export = Export.WithId(ExportId).InProgress(25, 75).ThenSuccess(fileCount, rowsPerFile)
            .WithFields("idProfile", "gaid", "customUserId");
        var expected = await ExpectedRows.FromTwinAsync(export, ExportId, deadline.Token);

        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions
        {
            RandomFaults = new RandomFaults { Seed = seed, Probability = 0.2 },
        });
        fake.Given(export);
        using var cancelling = new CancelAfterBytesHandler();
        using var transport = new HttpClient(cancelling) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = FakeTrackerClients.Create(fake, transport: transport, configure: FakeTrackerClients.FastWaits);
        using var directory = new TempDirectory();

        var random = new Random(seed);

        // One operation for the whole test, as a caller that cancels and tries again would keep it.
        // Each round is one call of the public API; the product retries the faults, the test only cancels.
        var operation = client.SegmentExports.GetOperation(ExportId);
        var cancelled = 0;
        var done = new HashSet<int>();
        for (var round = 0; round < rounds; round++)
        {
            // Spread over what is left to fetch (plus a poll's worth), so every round is cut
            // somewhere in the remaining work rather than after it.
            var left = expected.CompressedSizes.Where((_, i) => !done.Contains(i)).Sum();
            var budget = random.NextInt64(0, (left / 4) + 2048);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            cancelling.Arm(budget, stop);
            try
            {
                await operation.DownloadAsync(directory.Path, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !deadline.IsCancellationRequested)
            {
                cancelled++;
            }
            finally
            {
                cancelling.Disarm();
            }

            Assert.Empty(Directory.EnumerateFiles(directory.Path, "*.partial"));
            done = await AssertOnlyCompleteFilesUnderFinalNamesAsync(directory.Path, expected, deadline.Token);
        }

        var complete = Directory.EnumerateFiles(directory.Path).ToHashSet();
        output.WriteLine($"seed {seed}: {cancelled} of {rounds} rounds cancelled, {complete.Count} of {fileCount} files complete before the last run");
        Assert.True(cancelled > 0, "no round was cancelled: the budgets never bit");

        var files = await operation.DownloadAsync(directory.Path, deadline.Token);
        var actual = await ChaosDownloadTests.ReadRowsAsync(files.Select(f => f.Path), deadline.Token);
        Assert.Equal((0, 0), expected.Compare(actual));
        Assert.Equal(expected.Checksum, ExpectedRows.ChecksumOf(actual));
        Assert.All(files.Where(f => complete.Contains(f.Path)), f => Assert.True(f.Skipped, $"{f.Path} was complete, yet downloaded again"));
        Assert.Equal(fileCount, Directory.EnumerateFiles(directory.Path).Count());
    }

    /// <summary>Every file not under a temporary name passes the gzip check and holds exactly one of the export's files.</summary>
    /// <returns>The positions of the export's files found complete.</returns>
    private static async Task<HashSet<int>> AssertOnlyCompleteFilesUnderFinalNamesAsync(string directory, ExpectedRows expected, CancellationToken cancellationToken)
    {
        var complete = new HashSet<int>();
        var header = "idProfile,gaid,customUserId";
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (path.EndsWith(".partial", StringComparison.Ordinal))
            {
                continue;
            }

            List<string> rows;
            try
            {
                rows = await ChaosDownloadTests.ReadRowsAsync([path], cancellationToken, firstFileHasHeader: false);
            }
            catch (InvalidDataException ex)
            {
                throw new Xunit.Sdk.XunitException($"{Path.GetFileName(path)} is under a final name but is not a complete gzip file: {ex.Message}");
            }

            // Read without header handling, so file 1's header is the first row here.
            var data = rows.Count > 0 && rows[0] == header ? rows.Skip(1).ToList() : rows;
            var position = expected.Files.ToList().FindIndex(f => f.SequenceEqual(data));
            Assert.True(position >= 0, $"{Path.GetFileName(path)} is under a final name but its {data.Count} rows are not one of the export's files");
            Assert.True(complete.Add(position), $"{Path.GetFileName(path)} is a second copy of file {position + 1}");
        }

        return complete;
    }
}
