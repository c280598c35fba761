using Microsoft.Extensions.Time.Testing;
using MyTracker.Client;
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

    /// <summary>Reports on the calling thread, so the list is complete when the wait returns (Progress&lt;T&gt; posts later).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
