using System.Diagnostics;
using System.Globalization;
using MyTracker.Fake;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.Benchmarks.Hosting;

/// <summary>
/// Console modes used by load/run-load.sh: <c>serve-fake</c> runs the full fake tracker for wrk,
/// <c>startup</c> times starting the fake against starting raw WireMock.Net.
/// </summary>
internal static class FakeHost
{
    public const long ExportId = 1;

    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        return args[0] switch
        {
            "serve-fake" => await ServeFakeAsync(Port(args, 1), Seconds(args, 2, 3600)),
            "startup" => Startup(Seconds(args, 1, 40)),
            _ => null,
        };
    }

    /// <summary>
    /// The full fake (signatures verified, state kept, journal and defaults as users get them) with
    /// export 1 finished, its links valid for a year, so every poll gets the same answer. Prints the
    /// URL and an Authorization header valid for exactly that URL.
    /// </summary>
    private static async Task<int> ServeFakeAsync(int port, int maxSeconds)
    {
        // FAKE_JOURNAL_CAPACITY compares journal sizes (0 = off); by default the users' default.
        var options = new FakeTrackerOptions { Port = port };
        if (Environment.GetEnvironmentVariable("FAKE_JOURNAL_CAPACITY") is { Length: > 0 } capacity)
        {
            options = options with { JournalCapacity = int.Parse(capacity, CultureInfo.InvariantCulture) };
        }

        await using var fake = await FakeTracker.StartAsync(options);
        fake.Given(Export.WithId(ExportId).Success(files: 2, rowsPerFile: 1000).WithLinkLifetime(TimeSpan.FromDays(365)));
        // Signed for 127.0.0.1 as wrk will send it: with a fixed port WireMock.Net reports its URL as
        // localhost (and listens on both loopback addresses), and the signature covers the Host header.
        var url = new Uri($"http://127.0.0.1:{port}/api/segment/v1/export/get.json?idSegmentExport={ExportId}");
        Console.WriteLine($"URL {url}");
        Console.WriteLine($"AUTH {fake.Sign(HttpMethod.Get, url)}");
        Console.WriteLine("READY");
        using var stop = new CancellationTokenSource();
        var gcReport = ReportGcEverySecondAsync(stop.Token);
        await WaitForStopAsync(TimeSpan.FromSeconds(maxSeconds));
        await stop.CancelAsync();
        await gcReport;
        return 0;
    }

    /// <summary>
    /// One line a second with the process's GC totals, so run-load.sh can tell what the measured
    /// window cost in collections, pauses and allocated bytes per request.
    /// </summary>
    private static async Task ReportGcEverySecondAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"GC gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:0} allocated={GC.GetTotalAllocatedBytes()}"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Starts and stops each server in turn (warm-up first, then alternating so drift hits both
    /// alike) and prints the medians. Raw WireMock.Net gets the fake's own settings minus the mappings.
    /// </summary>
    private static int Startup(int rounds)
    {
        const int Warmup = 5;
        var fake = new List<double>();
        var raw = new List<double>();
        for (var i = 0; i < Warmup + rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            using (var tracker = FakeTracker.Start())
            {
                var fakeMs = clock.Elapsed.TotalMilliseconds;
                if (i >= Warmup)
                {
                    fake.Add(fakeMs);
                }
            }

            clock.Restart();
            var server = WireMockServer.Start(new WireMockServerSettings
            {
                Urls = ["http://127.0.0.1:0"],
                MaxRequestLogCount = 0,
                Logger = new WireMockNullLogger(),
            });
            var rawMs = clock.Elapsed.TotalMilliseconds;
            server.Stop();
            server.Dispose();
            if (i >= Warmup)
            {
                raw.Add(rawMs);
            }
        }

        var fakeMedian = Median(fake);
        var rawMedian = Median(raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"STARTUP rounds={rounds} fake_median_ms={fakeMedian:0.00} raw_wiremock_median_ms={rawMedian:0.00} ratio={fakeMedian / rawMedian:0.00} fake_min_ms={fake.Min():0.00} raw_min_ms={raw.Min():0.00}"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task WaitForStopAsync(TimeSpan lifetime)
    {
        // Bounded even when the script that started it dies.
        using var stop = new CancellationTokenSource(lifetime);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int Port(string[] args, int index) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : throw new ArgumentException("a port is needed");

    private static int Seconds(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
