using MyTracker.Client.Tests.Support;
using static MyTracker.Client.Tests.Support.StubExportAdapter;

namespace MyTracker.Client.Tests.Operations;

/// <summary>The generic export runtime on its own: <see cref="ExportOperation{TRequest, TResult}"/> over a stub adapter, no HTTP.</summary>
public sealed class ExportOperationTests
{
    private static readonly ExportFile File1 = new(new Uri("https://tracker.my.com/storage/download/segment/1.1.a.csv.gz"), DateTimeOffset.FromUnixTimeSeconds(1617197992));
    private readonly VirtualClock _time = new();

    private (ExportOperation<StubRequest, ExportState> Operation, StubExportAdapter Service, MyTrackerClientOptions Options) Create(
        params ExportState[] script)
    {
        var options = TestData.Options(_time);
        var service = new StubExportAdapter(_time, script);
        return (new ExportOperation<StubRequest, ExportState>(1, service, options, new StubRequest(7), null), service, options);
    }

    [Fact]
    public async Task Succeeds_with_files_and_reports_progress_only_upwards()
    {
        var (operation, service, _) = Create(InProgress(10), InProgress(64), InProgress(30), InProgress(64), Success(File1));
        var progress = new RecordingProgress<double>();

        var outcome = await _time.RunAsync(operation.WaitForCompletionAsync(progress: progress));

        var success = Assert.IsType<ExportOutcome.Succeeded>(outcome);
        Assert.Equal([File1], success.Files);
        Assert.Equal([10d, 64, 100], progress.Values);
        Assert.Equal(5, service.Polls);
        Assert.True(operation.HasCompleted);
        Assert.True(operation.HasValue);
        Assert.Equal(ExportStatus.Succeeded, operation.Status);
        Assert.Equal([File1], operation.Value);
        Assert.Equal(100, operation.Progress);
    }

    [Fact]
    public async Task Polls_with_bounded_exponential_backoff_on_the_fake_clock()
    {
        var (operation, service, options) = Create(InProgress(1));
        options.Polling.MaxWait = TimeSpan.FromMinutes(10);

        await Assert.ThrowsAsync<TimeoutException>(() => _time.RunAsync(operation.WaitForCompletionAsync()));

        var gaps = service.PollTimes.Zip(service.PollTimes.Skip(1), (a, b) => (b - a).TotalSeconds).ToArray();
        var polling = options.Polling;
        for (var n = 0; n < gaps.Length - 1; n++)
        {
            var nominal = Math.Min(polling.MaxInterval.TotalSeconds, polling.InitialInterval.TotalSeconds * Math.Pow(polling.Multiplier, n));
            Assert.InRange(gaps[n], (nominal * (1 - polling.JitterFactor)) - 0.1, Math.Min(nominal * (1 + polling.JitterFactor), polling.MaxInterval.TotalSeconds) + 0.1);
        }

        Assert.True(gaps.Max() <= polling.MaxInterval.TotalSeconds + 0.1);
        Assert.True(gaps[3] > gaps[0] * 4, "The delays should grow.");
    }

    [Fact]
    public async Task A_fixed_polling_interval_is_honoured()
    {
        var (operation, service, _) = Create(InProgress(1), InProgress(2), InProgress(3), Success(File1));
        await _time.RunAsync(operation.WaitForCompletionAsync(TimeSpan.FromSeconds(5)));
        var gaps = service.PollTimes.Zip(service.PollTimes.Skip(1), (a, b) => b - a).Distinct();
        Assert.Equal(TimeSpan.FromSeconds(5), Assert.Single(gaps));
    }

    [Fact]
    public async Task A_server_that_keeps_answering_in_progress_ends_by_the_maximum_wait()
    {
        var (operation, service, options) = Create(InProgress(50));
        options.Polling.MaxWait = TimeSpan.FromHours(1);
        var started = _time.GetUtcNow();

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => _time.RunAsync(operation.WaitForCompletionAsync()));

        Assert.Contains("Segment export 1", timeout.Message);
        Assert.Equal(TimeSpan.FromHours(1), service.PollTimes[^1] - started);
        // Between 3600 s / 30 s (every delay at the cap) and 3600 s / 24 s (at the cap less 20 % jitter), plus the ramp-up.
        Assert.InRange(service.Polls, 120, 160);
        Assert.False(operation.HasCompleted);
        Assert.Equal(50, operation.Progress);
    }

    [Fact]
    public async Task Error_occurred_is_a_failure_that_can_be_requested_again_and_restart_does_it()
    {
        var (operation, service, _) = Create(InProgress(20), ExportState.Failed(canBeRequestedAgain: true, rawStatus: "Error occurred"));

        var outcome = await _time.RunAsync(operation.WaitForCompletionAsync());

        Assert.True(Assert.IsType<ExportOutcome.Failed>(outcome).CanBeRequestedAgain);
        var failure = Assert.Throws<ExportFailedException>(() => operation.Value);
        Assert.True(failure.CanBeRequestedAgain);
        Assert.Equal(1, failure.ExportId);
        Assert.Contains("can be requested again", failure.Message);

        service.OnCreate = _ => ExportStartResult.Started(99);
        var again = await operation.RestartAsync();
        Assert.Equal(99, again.Id);
        Assert.Equal(operation.Request, Assert.Single(service.Created));
        Assert.Equal(ExportStatus.NotStarted, again.Status);
    }

    [Fact]
    public async Task Restart_needs_the_original_request()
    {
        var service = new StubExportAdapter(_time, InProgress(0));
        var resumed = new ExportOperation<StubRequest, ExportState>(5, service, TestData.Options(_time), null, null);
        await Assert.ThrowsAsync<InvalidOperationException>(() => resumed.RestartAsync());
        Assert.Empty(service.Created);
    }

    [Fact]
    public async Task Not_found_and_access_denied_are_typed_failures()
    {
        var (notFound, _, _) = Create(ExportState.NotFound("Segment export request not found"));
        Assert.Equal("Segment export request not found", Assert.IsType<ExportOutcome.NotFound>(await notFound.WaitForCompletionAsync()).Detail);
        Assert.False(Assert.Throws<ExportFailedException>(() => notFound.Value).CanBeRequestedAgain);

        var (denied, _, _) = Create(ExportState.AccessDenied());
        Assert.IsType<ExportOutcome.AccessDenied>(await denied.WaitForCompletionAsync());
        Assert.Contains("access denied", Assert.Throws<ExportFailedException>(() => denied.Value).Message);
    }

    [Fact]
    public async Task An_unknown_status_neither_crashes_nor_loops_forever()
    {
        var (operation, service, options) = Create(ExportState.Unrecognized("Queued"));

        var outcome = await _time.RunAsync(operation.WaitForCompletionAsync());

        Assert.Equal("Queued", Assert.IsType<ExportOutcome.UnrecognizedStatus>(outcome).RawStatus);
        Assert.Equal(options.Polling.MaxUnrecognizedStatusPolls, service.Polls);
        Assert.Equal("Queued", operation.RawStatus);
    }

    [Fact]
    public async Task An_unknown_status_between_known_ones_is_waited_through()
    {
        var queued = ExportState.Unrecognized("Queued");
        var (operation, _, _) = Create(queued, queued, queued, queued, InProgress(5), queued, queued, queued, queued, Success(File1));
        Assert.IsType<ExportOutcome.Succeeded>(await _time.RunAsync(operation.WaitForCompletionAsync()));
    }

    [Fact]
    public async Task Cancellation_while_waiting_between_polls_stops_without_another_poll()
    {
        var (operation, service, _) = Create(InProgress(1));
        using var cts = new CancellationTokenSource();
        var wait = operation.WaitForCompletionAsync(TimeSpan.FromSeconds(10), cancellationToken: cts.Token);
        Assert.Equal(TimeSpan.FromSeconds(10), await _time.NextWaitAsync());
        _time.Advance(TimeSpan.FromSeconds(10));
        await _time.NextWaitAsync();
        Assert.Equal(2, service.Polls);

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, service.Polls);
    }

    [Fact]
    public async Task Cancellation_during_a_poll_reaches_the_request()
    {
        var (operation, service, _) = Create();
        var seen = new TaskCompletionSource<CancellationToken>();
        service.OnPoll = async (_, ct) =>
        {
            seen.SetResult(ct);
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };
        using var cts = new CancellationTokenSource();
        var wait = operation.WaitForCompletionAsync(cancellationToken: cts.Token);
        await seen.Task;
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task An_already_cancelled_token_polls_nothing()
    {
        var (operation, service, _) = Create(InProgress(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => operation.WaitForCompletionAsync(cancellationToken: new CancellationToken(true)));
        Assert.Equal(0, service.Polls);
    }

    [Fact]
    public async Task Transient_poll_failures_are_waited_through_with_backoff()
    {
        var (operation, service, _) = Create();
        service.OnPoll = (_, _) => service.Polls switch
        {
            1 => throw new MyTrackerRequestFailedException(503, "GET", new Uri("https://tracker.my.com/x"), "<html>", "undocumented status"),
            2 => throw new MyTrackerRequestFailedException(0, "GET", new Uri("https://tracker.my.com/x"), null, "the request failed"),
            3 => Task.FromResult(InProgress(40)),
            4 => throw new MyTrackerRequestFailedException(200, "GET", new Uri("https://tracker.my.com/x"), "{\"code\":20", "the body is not the documented JSON"),
            _ => Task.FromResult(Success(File1)),
        };
        var progress = new RecordingProgress<double>();

        var outcome = await _time.RunAsync(operation.WaitForCompletionAsync(progress: progress));

        Assert.IsType<ExportOutcome.Succeeded>(outcome);
        Assert.Equal(5, service.Polls);
        Assert.Equal([40d, 100], progress.Values);
        var gaps = service.PollTimes.Zip(service.PollTimes.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromSeconds(1.6), $"polled again after {gap}"));
    }

    [Fact]
    public async Task When_the_poll_failure_budget_is_spent_one_exception_says_attempts_last_status_and_export()
    {
        var (operation, service, options) = Create();
        options.Polling.MaxConsecutivePollFailures = 3;
        var failures = 0;
        service.OnPoll = (_, _) => throw new MyTrackerRequestFailedException(
            ++failures == 4 ? 502 : 503, "GET", new Uri("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1"), "<html>", "undocumented status");

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => _time.RunAsync(operation.WaitForCompletionAsync()));

        Assert.Equal(4, service.Polls);
        Assert.Equal(502, error.Status);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(1, error.ExportId);
        Assert.Equal("GET", error.Method);
        Assert.Contains("4 polls in a row failed", error.Reason);
        Assert.Contains("export 1", error.Message);
        Assert.IsType<MyTrackerRequestFailedException>(error.InnerException);
        Assert.False(operation.HasCompleted);
    }

    [Fact]
    public async Task An_answer_retrying_cannot_fix_ends_the_wait_at_once()
    {
        var (operation, service, _) = Create();
        service.OnPoll = (_, _) => throw new MyTrackerRequestFailedException(400, "GET", new Uri("https://tracker.my.com/x"), "{}", "undocumented status");
        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => operation.WaitForCompletionAsync());
        Assert.Equal(400, error.Status);
        Assert.Equal(1, service.Polls);
    }

    [Fact]
    public async Task Update_status_is_one_poll_and_none_after_completion()
    {
        var (operation, service, _) = Create(InProgress(33), Success(File1));
        Assert.Throws<InvalidOperationException>(() => operation.Value);
        Assert.Equal(ExportStatus.InProgress, await operation.UpdateStatusAsync());
        Assert.Equal(33, operation.Progress);
        Assert.False(operation.HasCompleted);
        Assert.Equal(ExportStatus.Succeeded, await operation.UpdateStatusAsync());
        Assert.Equal(ExportStatus.Succeeded, await operation.UpdateStatusAsync());
        Assert.Equal(2, service.Polls);
    }

    [Fact]
    public async Task Refreshing_links_polls_again_and_replaces_the_files()
    {
        var fresh = File1 with { Link = new Uri("https://tracker.my.com/storage/download/segment/1.1.fresh.csv.gz"), ExpiresAt = File1.ExpiresAt.AddHours(1) };
        var (operation, _, _) = Create(Success(File1), Success(fresh));
        await operation.WaitForCompletionAsync();
        Assert.Equal([fresh], await operation.RefreshLinksAsync());
        Assert.Equal([fresh], operation.Value);
    }

    [Fact]
    public async Task Refreshing_links_of_an_export_that_is_gone_is_a_typed_failure()
    {
        var (operation, _, _) = Create(Success(File1), ExportState.NotFound("gone"));
        await operation.WaitForCompletionAsync();
        var failure = await Assert.ThrowsAsync<ExportFailedException>(() => operation.RefreshLinksAsync());
        Assert.IsType<ExportOutcome.NotFound>(failure.Outcome);
    }

    [Fact]
    public async Task Start_returns_an_operation_or_a_typed_refusal_and_validates_before_sending()
    {
        var service = new StubExportAdapter(_time, InProgress(0)) { OnCreate = _ => ExportStartResult.Started(42) };
        var options = TestData.Options(_time);
        var started = await ExportOperation<StubRequest, ExportState>.StartAsync(service, options, new StubRequest(7), null, default);
        Assert.Equal(42, started.Id);

        service.OnCreate = _ => ExportStartResult.Refused(new ExportOutcome.InvalidParameters("Invalid parameter: idSegment"));
        var refused = await Assert.ThrowsAsync<ExportFailedException>(() => ExportOperation<StubRequest, ExportState>.StartAsync(service, options, new StubRequest(7), null, default));
        Assert.Null(refused.ExportId);
        Assert.Contains("Invalid parameter: idSegment", refused.Message);

        service.OnCreate = _ => ExportStartResult.Refused(new ExportOutcome.AccessDenied());
        Assert.IsType<ExportOutcome.AccessDenied>((await Assert.ThrowsAsync<ExportFailedException>(() => ExportOperation<StubRequest, ExportState>.StartAsync(service, options, new StubRequest(7), null, default))).Outcome);

        Assert.Equal(3, service.Created.Count);
    }
}
