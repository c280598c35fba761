using BenchmarkDotNet.Attributes;

namespace MyTracker.Benchmarks;

/// <summary>
/// README quick start 2 as a test, timed: <c>QuickStart/ExportTests.cs</c> is the README's
/// <c>ExportTests.cs</c> block byte for byte (ReadmeCodeBlockTests checks it), run here as xunit would
/// call it: start a fake, wait an export through 10%, 64% to success with <c>fake.CreateClient()</c>,
/// download and read 2,000 rows, check the journal, stop the fake. Target: under 0.5 s after warm-up.
/// </summary>
[MemoryDiagnoser]
public class QuickStartBenchmarks
{
    private readonly ExportTests _test = new();

    [Benchmark]
    public Task ReadmeQuickStart2() => _test.An_export_is_polled_to_success_and_every_row_is_downloaded();
}
