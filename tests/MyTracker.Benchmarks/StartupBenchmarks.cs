using BenchmarkDotNet.Attributes;
using MyTracker.Fake;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.Benchmarks;

/// <summary>
/// Starting and stopping the in-process fake against raw WireMock.Net on a free loopback port
/// (target: the fake within 1.1x). The load script times the same pair in a plain loop.
/// </summary>
[MemoryDiagnoser]
public class StartupBenchmarks
{
    [Benchmark(Baseline = true)]
    public void RawWireMockServer()
    {
        // An explicit loopback URL: Start() or localhost:0 would bind every interface.
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            MaxRequestLogCount = 0,
            Logger = new WireMockNullLogger(),
        });
        server.Stop();
        server.Dispose();
    }

    [Benchmark]
    public void FakeTracker()
    {
        using var fake = Fake.FakeTracker.Start();
    }
}
