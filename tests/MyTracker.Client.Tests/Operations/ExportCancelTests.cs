using MyTracker.Client.Tests.Support;
using static MyTracker.Client.Tests.Support.StubExportAdapter;

namespace MyTracker.Client.Tests.Operations;

/// <summary><see cref="ExportOperation{TRequest, TResult}.CancelAsync"/> over a stub adapter: each documented answer of a cancel endpoint as a typed result.</summary>
public sealed class ExportCancelTests
{
    private static readonly ExportFile File1 = new(new Uri("https://tracker.my.com/storage/download/raw/1.a.0.csv.gz"), DateTimeOffset.FromUnixTimeSeconds(1617197992));
    private readonly VirtualClock _time = new();

    private (ExportOperation<StubRequest, ExportState> Operation, StubExportAdapter Adapter) Create(Func<long, ExportCancelAnswer>? onCancel, params ExportState[] script)
    {
        var adapter = new StubExportAdapter(_time, script) { OnCancel = onCancel };
        return (new ExportOperation<StubRequest, ExportState>(1, adapter, TestData.Options(_time), new StubRequest(7), null), adapter);
    }

    [Fact]
    public async Task Canceled_mid_way_the_operation_is_canceled_and_a_wait_ends_without_another_poll()
    {
        var (operation, adapter) = Create(_ => ExportCancelAnswer.Canceled("Canceled"), InProgress(10), InProgress(20));
        Assert.True(operation.CanCancel);
        await operation.UpdateStatusAsync();

        var result = await operation.CancelAsync();

        Assert.Equal(new ExportCancelResult.Canceled("Canceled"), result);
        Assert.Equal([1L], adapter.Cancels);
        Assert.Equal(ExportStatus.Canceled, operation.Status);
        Assert.Equal(new ExportOutcome.Canceled("Canceled"), operation.Outcome);
        Assert.True(operation.HasCompleted);
        Assert.False(operation.HasValue);
        Assert.Equal(new ExportOutcome.Canceled("Canceled"), await _time.RunAsync(operation.WaitForCompletionAsync()));
        Assert.Equal(1, adapter.Polls);
        var failure = Assert.Throws<ExportFailedException>(() => operation.Value);
        Assert.False(failure.CanBeRequestedAgain);
        Assert.Contains("was canceled", failure.Message);
    }

    [Fact]
    public async Task A_refusal_for_an_export_that_has_ended_is_already_completed_with_the_outcome_the_status_endpoint_gives()
    {
        var (operation, adapter) = Create(_ => ExportCancelAnswer.Refused("This RawExport can not be cancel (it's completed)"), InProgress(50), Success(File1));
        await operation.UpdateStatusAsync();

        var result = await operation.CancelAsync();

        var completed = Assert.IsType<ExportCancelResult.AlreadyCompleted>(result);
        Assert.Equal("This RawExport can not be cancel (it's completed)", completed.Detail);
        Assert.Equal([File1], Assert.IsType<ExportOutcome.Succeeded>(completed.Outcome).Files);
        Assert.Equal(2, adapter.Polls);
        Assert.True(operation.HasValue);
        Assert.Equal(ExportStatus.Succeeded, operation.Status);
    }

    [Fact]
    public async Task A_refusal_for_an_export_that_still_runs_is_not_cancellable_and_leaves_it_running()
    {
        var (operation, adapter) = Create(_ => ExportCancelAnswer.Refused("This RawExport can not be cancel"), InProgress(92), InProgress(95), Success(File1));
        await operation.UpdateStatusAsync();

        var result = await operation.CancelAsync();

        Assert.Equal(new ExportCancelResult.NotCancellable("This RawExport can not be cancel"), result);
        Assert.Equal(ExportStatus.InProgress, operation.Status);
        Assert.False(operation.HasCompleted);
        Assert.Equal(95, operation.Progress);
        Assert.IsType<ExportOutcome.Succeeded>(await _time.RunAsync(operation.WaitForCompletionAsync()));
        Assert.Equal(3, adapter.Polls);
    }

    [Fact]
    public async Task An_unknown_id_is_not_found_and_ends_the_operation()
    {
        var (operation, _) = Create(_ => ExportCancelAnswer.NotFound("Raw export request not found"), InProgress(10));

        var result = await operation.CancelAsync();

        Assert.Equal(new ExportCancelResult.NotFound("Raw export request not found"), result);
        Assert.Equal(ExportStatus.NotFound, operation.Status);
        Assert.IsType<ExportOutcome.NotFound>(operation.Outcome);
    }

    [Fact]
    public async Task Access_denied_is_a_value_and_changes_nothing()
    {
        var (operation, adapter) = Create(_ => ExportCancelAnswer.AccessDenied(), InProgress(10));
        await operation.UpdateStatusAsync();

        Assert.IsType<ExportCancelResult.AccessDenied>(await operation.CancelAsync());

        Assert.Equal(ExportStatus.InProgress, operation.Status);
        Assert.False(operation.HasCompleted);
        Assert.Equal(1, adapter.Polls);
    }

    [Fact]
    public async Task An_export_the_operation_saw_end_is_sent_no_cancel()
    {
        var (operation, adapter) = Create(_ => ExportCancelAnswer.Canceled(), Success(File1));
        await operation.UpdateStatusAsync();

        var result = await operation.CancelAsync();

        var completed = Assert.IsType<ExportCancelResult.AlreadyCompleted>(result);
        Assert.IsType<ExportOutcome.Succeeded>(completed.Outcome);
        Assert.Null(completed.Detail);
        Assert.Empty(adapter.Cancels);
    }

    [Fact]
    public async Task A_second_cancel_after_a_cancel_is_already_completed_as_canceled_without_a_call()
    {
        var (operation, adapter) = Create(_ => ExportCancelAnswer.Canceled(), InProgress(10));

        await operation.CancelAsync();
        var again = await operation.CancelAsync();

        Assert.IsType<ExportOutcome.Canceled>(Assert.IsType<ExportCancelResult.AlreadyCompleted>(again).Outcome);
        Assert.Single(adapter.Cancels);
    }

    [Fact]
    public async Task An_undocumented_answer_raises_the_request_failure_with_the_export_and_the_body()
    {
        var (operation, _) = Create(_ => ExportCancelAnswer.Unrecognized(500, "{\"oops\":1}"), InProgress(10));

        var failure = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => operation.CancelAsync());

        Assert.Equal(500, failure.Status);
        Assert.Equal(1, failure.ExportId);
        Assert.Contains("cancel call for export 1 answered a value nobody documented", failure.Message);
        Assert.Contains("oops", failure.Message);
        Assert.False(operation.HasCompleted);
    }

    [Fact]
    public async Task A_family_without_a_cancel_endpoint_says_so_and_sends_nothing()
    {
        var (operation, adapter) = Create(onCancel: null, InProgress(10));

        Assert.False(operation.CanCancel);
        var failure = await Assert.ThrowsAsync<NotSupportedException>(() => operation.CancelAsync());

        Assert.Equal("Segment export 1 cannot be canceled: the segment export family documents no cancel endpoint.", failure.Message);
        Assert.Empty(adapter.Cancels);
        Assert.Equal(0, adapter.Polls);
    }

    [Fact]
    public async Task A_cancel_already_canceled_by_the_caller_sends_nothing()
    {
        var (operation, adapter) = Create(_ => ExportCancelAnswer.Canceled(), InProgress(10));
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => operation.CancelAsync(canceled.Token));

        Assert.Empty(adapter.Cancels);
    }
}
