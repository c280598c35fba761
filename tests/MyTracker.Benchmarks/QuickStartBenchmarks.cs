using BenchmarkDotNet.Attributes;
using MyTracker.Client;
using MyTracker.Fake;

namespace MyTracker.Benchmarks;

/// <summary>
/// README quick start 2 as a test, timed: <c>QuickStart/ExportTests.cs</c> is docs/testing-with-the-fake.md's
/// <c>ExportTests.cs</c> block byte for byte (ReadmeCodeBlockTests checks it), run here as xunit would
/// call it: start a fake, wait an export through 10%, 64% to success with <c>fake.CreateClient()</c>,
/// download and read 2,000 rows, check the journal, stop the fake. Target: under 0.5 s after warm-up.
/// The same export with faults injected (a 503 and a dropped connection on polls, a drop and a cut
/// transfer on downloads) shows what the fake client's retry delays save against the client's own.
/// </summary>
[MemoryDiagnoser]
public class QuickStartBenchmarks
{
    private readonly ExportTests _test = new();

    [Benchmark]
    public Task ReadmeQuickStart2() => _test.An_export_is_polled_to_success_and_every_row_is_downloaded();

    [Benchmark]
    public Task QuickStart2WithFaults() => RunWithFaultsAsync(configure: null);

    /// <summary>The same, with the retry delays <see cref="MyTrackerClientOptions"/> has against the real API (1 s doubling).</summary>
    [Benchmark]
    public Task QuickStart2WithFaults_ApiRetryDelays() => RunWithFaultsAsync(o => o.Retry = new MyTrackerRetryOptions());

    private static async Task RunWithFaultsAsync(Action<MyTrackerClientOptions>? configure)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(42).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 1000)
            .WithFault(Fault.ServerError(503).OnPoll(1))
            .WithFault(Fault.DropConnection().OnPoll(3))
            .WithFault(Fault.DropConnection().OnDownload(attempt: 1, file: 1))
            .WithFault(Fault.TruncatedBody(0.5).OnDownload(attempt: 1, file: 2)));
        using var client = fake.CreateClient(configure);
        var operation = client.SegmentExports.GetOperation(42);
        if (await operation.WaitForCompletionAsync() is not ExportOutcome.Succeeded)
        {
            throw new InvalidOperationException("The export did not succeed.");
        }

        var folder = Directory.CreateTempSubdirectory("bench-faults-").FullName;
        try
        {
            var files = await operation.DownloadAsync(folder);
            var rows = 0;
            await foreach (var row in ExportCsv.ReadRowsAsync(files.Select(f => f.Path)))
            {
                rows++;
            }

            if (rows != 2000 || fake.Journal.Entries.Count(r => r.Fault is not null) != 4)
            {
                throw new InvalidOperationException($"{rows} rows, {fake.Journal.Entries.Count(r => r.Fault is not null)} faults served.");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
