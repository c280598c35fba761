using Microsoft.Extensions.Time.Testing;
using MyTracker.Client;
using MyTracker.Client.Tests.Support;
using MyTracker.Fake;

namespace MyTracker.IntegrationTests.ClientAgainstFake;

/// <summary>
/// <c>fake.CreateClient()</c>: a client that needs nothing but the fake, signs as its users, shares
/// its clock and polls at a pace suited to a fake (how fast: the QuickStart benchmark, not a timer here).
/// </summary>
public sealed class CreateClientTests
{
    [Fact]
    public async Task The_client_waits_an_export_through_its_progress_to_success_polling_once_per_step()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(42).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 5));
        using var client = fake.CreateClient();
        var seen = new List<double>();

        var outcome = await client.GetSegmentExportOperation(42).WaitForCompletionAsync(progress: new SynchronousProgress(seen.Add));

        Assert.IsType<SegmentExportOutcome.Succeeded>(outcome);
        Assert.Equal([10d, 64d, 100d], seen);
        fake.Journal.AssertPolled(42, times: 3);
    }

    [Fact]
    public void The_options_point_at_the_fake_with_its_default_user_its_clock_and_short_waits()
    {
        var time = new FakeTimeProvider();
        using var fake = FakeTracker.Start(new FakeTrackerOptions { TimeProvider = time });

        var options = fake.CreateClientOptions();

        Assert.Equal(fake.BaseUrl, options.BaseAddress);
        Assert.Equal((fake.DefaultUser.ApiUserId, fake.DefaultUser.Secret), (options.ApiUserId, options.SecretKey));
        Assert.Same(time, options.TimeProvider);
        Assert.True(options.Polling.InitialInterval < TimeSpan.FromSeconds(1), options.Polling.ToString());
        Assert.True(options.Polling.MaxWait < new MyTrackerPollingOptions().MaxWait, options.Polling.ToString());
        options.Validate();
        Assert.NotSame(options, fake.CreateClientOptions());
    }

    [Fact]
    public async Task A_quick_start_with_injected_faults_waits_milliseconds_for_each_retry_and_the_full_Retry_After_of_the_429()
    {
        // On a virtual clock every wait of the client is a timer the clock records and jumps to, so
        // what the client waited is counted, not timed. The bounds (attempt, total, stall) are
        // switched off because on that clock a bound that never fires would be jumped to as well.
        var clock = new VirtualClock();
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { TimeProvider = clock });
        fake.Given(Export.WithId(42).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 1000)
            .WithFault(Fault.ServerError(503).OnPoll(1))
            .WithFault(Fault.DropConnection().OnPoll(3))
            .WithFault(Fault.TooManyRequests().OnPoll(5))
            .WithFault(Fault.DropConnection().OnDownload(attempt: 1, file: 1))
            .WithFault(Fault.TruncatedBody(0.5).OnDownload(attempt: 1, file: 2)));
        using var client = fake.CreateClient(o =>
        {
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Retry.TotalTimeout = Timeout.InfiniteTimeSpan;
            o.DownloadStallTimeout = Timeout.InfiniteTimeSpan;
            o.MaxParallelDownloads = 1;
        });
        var folder = Directory.CreateTempSubdirectory("fake-client-").FullName;
        try
        {
            var started = clock.GetUtcNow();

            var rows = await clock.RunAsync(QuickStartAsync(client, folder));

            Assert.Equal(2 * 1000, rows);
            Assert.Equal(5, fake.Journal.Entries.Count(r => r.Fault is not null));
            fake.Journal.AssertNeverPolledAfterCompletion(42);

            // The 429's Retry-After (1 s, the fake's default) was waited out in full, on the fake's clock...
            var polls = fake.Journal.Entries.Where(r => r.Endpoint.Kind == ExportEndpointKinds.Status).ToList();
            var throttled = polls.FindIndex(r => r.StatusCode == 429);
            Assert.True(polls[throttled + 1].Timestamp - polls[throttled].Timestamp >= TimeSpan.FromSeconds(1));
            Assert.Contains(TimeSpan.FromSeconds(1), clock.Waits);

            // ...and every other wait (polls, retries of the 503 and the drops, the cut download's resume)
            // was one of milliseconds: with the client's own retry delays each would be about a second.
            var others = clock.Waits.Where(w => w != TimeSpan.FromSeconds(1)).ToList();
            Assert.True(others.Count >= 5, string.Join(", ", clock.Waits));
            Assert.All(others, w => Assert.True(w <= TimeSpan.FromMilliseconds(250), $"waited {w}: {string.Join(", ", clock.Waits)}"));
            Assert.True(clock.GetUtcNow() - started < TimeSpan.FromSeconds(2), $"{clock.GetUtcNow() - started} on the clock");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task On_a_virtual_clock_links_are_judged_by_the_fakes_time_so_they_download()
    {
        // The virtual clock stands in the year 2000: by the system clock every link would have expired long ago.
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { TimeProvider = new FakeTimeProvider() });
        fake.Given(Export.WithId(5).Success(files: 1, rowsPerFile: 3));
        using var client = fake.CreateClient();
        var operation = client.GetSegmentExportOperation(5);

        await operation.UpdateStatusAsync();
        var rows = 0;
        await foreach (var row in client.ReadRowsAsync(operation))
        {
            rows++;
        }

        Assert.Equal(3, rows);
        fake.Journal.AssertPolled(5, times: 1);
        fake.Journal.AssertEveryFileDownloadedBeforeExpiry(5, fileCount: 1);
    }

    [Fact]
    public async Task A_client_for_another_user_sees_that_users_exports_only()
    {
        var other = new FakeApiUser("10002", "fake-secret-0002");
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Users = [FakeApiUser.Default, other] });
        fake.Given(Export.WithId(8).ForUser("10002").Success());
        using var owner = fake.CreateClient(other);
        using var stranger = fake.CreateClient();

        var mine = await owner.GetSegmentExportOperation(8).WaitForCompletionAsync();
        var theirs = await stranger.GetSegmentExportOperation(8).WaitForCompletionAsync();

        Assert.IsType<SegmentExportOutcome.Succeeded>(mine);
        Assert.IsType<SegmentExportOutcome.NotFound>(theirs);
    }

    [Fact]
    public async Task Configure_changes_the_options_the_client_takes()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(9).Success());
        using var client = fake.CreateClient(o => o.SecretKey = "not-the-secret");

        var outcome = await client.GetSegmentExportOperation(9).WaitForCompletionAsync();

        Assert.IsType<SegmentExportOutcome.AccessDenied>(outcome);
        Assert.Contains(fake.Journal.Entries, r => r.Outcome == FakeOutcome.Refused);
    }

    /// <summary>README quick start 2: wait, download, count the rows.</summary>
    private static async Task<int> QuickStartAsync(MyTrackerClient client, string folder)
    {
        var operation = client.GetSegmentExportOperation(42);
        Assert.IsType<SegmentExportOutcome.Succeeded>(await operation.WaitForCompletionAsync());
        var files = await client.DownloadFilesAsync(operation, folder);
        var rows = 0;
        await foreach (var row in SegmentExportCsv.ReadRowsAsync(files.Select(f => f.Path)))
        {
            rows++;
        }

        return rows;
    }

    /// <summary>Reports on the calling thread, so the list is complete when the wait returns (Progress&lt;T&gt; posts later).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
