using System.Diagnostics;
using System.Globalization;
using System.Net;
using MyTracker.Fake;
using MyTracker.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MyTracker.IntegrationTests.Soak;

/// <summary>Memory is measured for the whole process, so nothing else may run meanwhile.</summary>
[CollectionDefinition(nameof(SoakCollection), DisableParallelization = true)]
public sealed class SoakCollection;

/// <summary>
/// Many requests against one fake: every answer must be right, and memory after the run must be
/// within 10% of memory after warm-up. CI checks the managed heap after a full collection (RSS moves
/// with the GC's mood); the long run (run-soak-chaos.sh, a million requests) also asserts RSS.
/// </summary>
[Collection(nameof(SoakCollection))]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const long SuccessId = 1;
    private const long RunningId = 2;
    private const long UnknownId = 999;
    private const int Workers = 8;

    [Fact]
    public async Task Answers_stay_right_and_memory_flat_over_many_requests_against_one_fake()
    {
        var total = Scale.Int("MYTRACKER_SOAK_REQUESTS", 20_000);
        var warmup = Scale.Int("MYTRACKER_SOAK_WARMUP", Math.Max(total / 5, 4_000));
        var journal = Scale.Int("MYTRACKER_SOAK_JOURNAL", 1_000);
        var assertRss = Scale.Flag("MYTRACKER_SOAK_ASSERT_RSS");
        using var deadline = new CancellationTokenSource(Scale.Deadline("MYTRACKER_SOAK_DEADLINE_SECONDS", TimeSpan.FromMinutes(2)));

        // The journal is capped (WireMock's own log is off by default); warm-up fills it, so growth
        // after warm-up is growth nobody bounded.
        Assert.True(warmup >= 2 * journal, "warm-up must fill the journal");
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { JournalCapacity = journal });
        fake.Given(Export.WithId(SuccessId).Success(files: 1, rowsPerFile: 50).WithLinkLifetime(TimeSpan.FromDays(30)))
            .Given(Export.WithId(RunningId).InProgress(42).ThenStaysInProgress());

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        var kinds = await LearnAnswersAsync(fake, http, deadline.Token);

        var warm = await RunAsync(http, kinds, warmup, deadline.Token);
        var (heapAfterWarmup, rssAfterWarmup) = Measure();
        var measured = await RunAsync(http, kinds, total, deadline.Token);
        var (heapAtEnd, rssAtEnd) = Measure();

        var report = string.Create(CultureInfo.InvariantCulture,
            $"soak: {warmup} warm-up + {total} requests, {Workers} connections, {measured.Rate:0} req/s; " +
            $"managed heap {heapAfterWarmup / 1024.0 / 1024:0.0} -> {heapAtEnd / 1024.0 / 1024:0.0} MiB ({Change(heapAfterWarmup, heapAtEnd):+0.0;-0.0}%), " +
            $"RSS {rssAfterWarmup / 1024.0 / 1024:0.0} -> {rssAtEnd / 1024.0 / 1024:0.0} MiB ({Change(rssAfterWarmup, rssAtEnd):+0.0;-0.0}%); " +
            $"wrong answers {warm.Wrong + measured.Wrong}");
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("MYTRACKER_SOAK_REPORT") is { Length: > 0 } reportPath)
        {
            await File.AppendAllTextAsync(reportPath, report + Environment.NewLine, CancellationToken.None);
        }

        Assert.Equal(0, warm.Wrong + measured.Wrong);
        Assert.Equal(total, measured.Count);
        Assert.True(heapAtEnd <= heapAfterWarmup * 1.10, report);
        if (assertRss)
        {
            Assert.True(rssAtEnd <= rssAfterWarmup * 1.10, report);
        }
    }

    private static double Change(long before, long after) => (after - before) * 100.0 / before;

    private static (long Heap, long Rss) Measure()
    {
        // Twice, with finalizers in between, so objects freed by finalizers are gone too.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }

    /// <summary>The mix: mostly polls of a finished export, plus a running one, a download, a 404 and a 403.</summary>
    private static async Task<Kind[]> LearnAnswersAsync(FakeTracker fake, HttpClient http, CancellationToken cancellationToken)
    {
        var success = fake.GetExportUrl(SuccessId);
        var running = fake.GetExportUrl(RunningId);
        var unknown = fake.GetExportUrl(UnknownId);
        var signedForOther = fake.Sign(HttpMethod.Get, fake.GetExportUrl(SuccessId + 100));
        using var first = await http.SendAsync(Request(success, fake.Sign(HttpMethod.Get, success)), cancellationToken);
        var listing = System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync(cancellationToken));
        var link = new Uri(listing.RootElement.GetProperty("data").GetProperty("files")[0].GetProperty("link").GetString()!);

        Kind[] kinds =
        [
            new(success, fake.Sign(HttpMethod.Get, success), HttpStatusCode.OK),
            new(running, fake.Sign(HttpMethod.Get, running), HttpStatusCode.OK),
            new(link, null, HttpStatusCode.OK),
            new(unknown, fake.Sign(HttpMethod.Get, unknown), HttpStatusCode.NotFound),
            new(success, signedForOther, HttpStatusCode.Forbidden),
        ];
        foreach (var kind in kinds)
        {
            using var answer = await http.SendAsync(Request(kind.Url, kind.Authorization), cancellationToken);
            Assert.Equal(kind.Status, answer.StatusCode);
            kind.Body = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        // Five polls of the finished export per round of the others.
        return [kinds[0], kinds[0], kinds[0], kinds[0], kinds[0], kinds[1], kinds[2], kinds[3], kinds[4]];
    }

    private static async Task<Outcome> RunAsync(HttpClient http, Kind[] mix, int count, CancellationToken cancellationToken)
    {
        var next = -1;
        var wrong = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var kind = mix[i % mix.Length];
                using var answer = await http.SendAsync(Request(kind.Url, kind.Authorization), cancellationToken);
                var body = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
                if (answer.StatusCode != kind.Status || !body.AsSpan().SequenceEqual(kind.Body))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        return new Outcome(Math.Min(count, next), wrong, count / clock.Elapsed.TotalSeconds);
    }

    private static HttpRequestMessage Request(Uri url, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private sealed class Kind(Uri url, string? authorization, HttpStatusCode status)
    {
        public Uri Url { get; } = url;

        public string? Authorization { get; } = authorization;

        public HttpStatusCode Status { get; } = status;

        public byte[] Body { get; set; } = [];
    }

    private sealed record Outcome(int Count, int Wrong, double Rate);
}
