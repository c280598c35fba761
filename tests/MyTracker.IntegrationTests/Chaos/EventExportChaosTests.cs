using MyTracker.IntegrationTests.EventExport;
using MyTracker.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MyTracker.IntegrationTests.Chaos;

/// <summary>
/// The chaos run of <see cref="ChaosDownloadTests"/>, for the event-export family through the
/// EventExportOperations the generator emitted: the same seeds, faults and oracles (every row exactly
/// once, in order, checksum and multiset against a fault-free twin, one file per export file, no
/// .partial left, no credentials to the storage host), with one call of the public API and no retry
/// of the test's own. What segment export gets from the runtime, every export family gets.
/// </summary>
public sealed class EventExportChaosTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ChaosDownloadTests.Seeds), MemberType = typeof(ChaosDownloadTests))]
    public async Task Every_row_of_another_family_arrives_exactly_once_under_random_faults(int seed)
    {
        var fileCount = Scale.Int("MYTRACKER_CHAOS_FILES", 30);
        var rowsPerFile = Scale.Int("MYTRACKER_CHAOS_ROWS", 20);
        using var deadline = new CancellationTokenSource(Scale.Deadline("MYTRACKER_CHAOS_DEADLINE_SECONDS", TimeSpan.FromMinutes(2)));
        await using var run = await ChaosRun.StartAsync(seed, fileCount, rowsPerFile, Scale.Double("MYTRACKER_CHAOS_PROBABILITY", 0.3), deadline.Token, area: "event-export");

        using var client = FakeTrackerClients.Create(run.Fake, configure: Scale.Flag("MYTRACKER_CHAOS_DEFAULT_WAITS") ? null : FakeTrackerClients.FastWaits);
        var files = await new EventExportOperations(client).GetOperation(ChaosRun.ExportId).DownloadAsync(run.Directory, deadline.Token);

        Assert.All(files, f => Assert.StartsWith("event-export-4242.", Path.GetFileName(f.Path), StringComparison.Ordinal));
        await run.AssertEveryRowExactlyOnceAsync([.. files.Select(f => f.Path)], output, deadline.Token);
    }
}
