using MyTracker.Client;
using MyTracker.Fake;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.ClientAgainstFake;

/// <summary>
/// The runtime's <see cref="ExportOperation{TRequest, TResult}.CancelAsync"/> on the built-in raw export
/// against the fake over loopback: canceled mid-way, and each documented refusal as its typed result.
/// Polls are driven one by one, so nothing waits on a clock.
/// </summary>
public sealed class RawExportCancelAgainstFakeTests : IAsyncLifetime
{
    private FakeTracker _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeTracker.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private int CancelCalls(long id) =>
        _fake.Journal.Entries.Count(e => e.Target.StartsWith("/api/raw/v1/export/cancel.json?idRawExport=" + id, StringComparison.Ordinal));

    [Fact]
    public async Task An_export_canceled_mid_way_is_canceled_on_the_server_and_in_the_operation_and_a_wait_ends_at_once()
    {
        using var client = FakeTrackerClients.Create(_fake);
        var operation = await client.RawExports.StartAsync(new RawExportCreateRequest
        {
            Event = RawExportCreateEvent.Installs,
            Selectors = ["idApp", "tsEvent", "gaid"],
            DateFrom = "2024-01-01",
            DateTo = "2024-01-31",
        });
        Assert.Equal(ExportStatus.InProgress, await operation.UpdateStatusAsync());
        Assert.True(operation.CanCancel);

        var result = await operation.CancelAsync();

        Assert.Equal(new ExportCancelResult.Canceled("Canceled"), result);
        Assert.Equal(ExportStatus.Canceled, operation.Status);
        var polls = _fake.Journal.PollsOf(operation.Id).Count;
        Assert.Equal(new ExportOutcome.Canceled("Canceled"), await operation.WaitForCompletionAsync());
        Assert.Equal(polls, _fake.Journal.PollsOf(operation.Id).Count);
        var seenAfresh = client.RawExports.GetOperation(operation.Id);
        Assert.Equal((ExportStatus.Canceled, "Canceled by user"), (await seenAfresh.UpdateStatusAsync(), seenAfresh.RawStatus));

        // Asked again, the operation knows the export has ended and sends nothing.
        Assert.IsType<ExportOutcome.Canceled>(Assert.IsType<ExportCancelResult.AlreadyCompleted>(await operation.CancelAsync()).Outcome);
        Assert.Equal(1, CancelCalls(operation.Id));

        // A fresh operation asks the server, which refuses as documented; the status endpoint says the export has ended.
        var refused = Assert.IsType<ExportCancelResult.AlreadyCompleted>(await client.RawExports.GetOperation(operation.Id).CancelAsync());
        Assert.Equal("This RawExport can not be cancel (it's completed)", refused.Detail);
        Assert.IsType<ExportOutcome.Canceled>(refused.Outcome);
    }

    [Fact]
    public async Task Past_the_point_of_canceling_the_refusal_is_not_cancellable_and_the_export_still_succeeds()
    {
        _fake.Given(Export.WithId(5).In("raw-export").InProgress(20, 95, 97).ThenSuccess(files: 1, rowsPerFile: 3));
        using var client = FakeTrackerClients.Create(_fake);
        var operation = client.RawExports.GetOperation(5);
        await operation.UpdateStatusAsync();
        await operation.UpdateStatusAsync(); // 95%: the fake judges a cancel on the answer its owner last saw

        var result = await operation.CancelAsync();

        Assert.Equal(new ExportCancelResult.NotCancellable("This RawExport can not be cancel"), result);
        Assert.Equal((ExportStatus.InProgress, 97d), (operation.Status, operation.Progress)); // the poll that told the refusals apart
        for (var poll = 0; poll < 5 && !operation.HasCompleted; poll++)
        {
            await operation.UpdateStatusAsync();
        }

        Assert.True(operation.HasValue);
    }

    [Fact]
    public async Task A_finished_export_resumed_by_id_is_already_completed_with_its_files()
    {
        _fake.Given(Export.WithId(6).In("raw-export").Success(files: 2, rowsPerFile: 3));
        using var client = FakeTrackerClients.Create(_fake);
        var operation = client.RawExports.GetOperation(6);

        var completed = Assert.IsType<ExportCancelResult.AlreadyCompleted>(await operation.CancelAsync());

        Assert.Equal(2, Assert.IsType<ExportOutcome.Succeeded>(completed.Outcome).Files.Count);
        Assert.True(operation.HasValue);
        Assert.Equal(1, CancelCalls(6));
    }

    [Fact]
    public async Task An_unknown_export_is_not_found()
    {
        using var client = FakeTrackerClients.Create(_fake);
        var operation = client.RawExports.GetOperation(999);

        Assert.Equal(new ExportCancelResult.NotFound("Raw export request not found"), await operation.CancelAsync());
        Assert.Equal(ExportStatus.NotFound, operation.Status);
    }

    [Fact]
    public async Task Segment_export_documents_no_cancel_so_its_operation_says_so()
    {
        using var client = FakeTrackerClients.Create(_fake);
        var operation = client.SegmentExports.GetOperation(7);

        Assert.False(operation.CanCancel);
        await Assert.ThrowsAsync<NotSupportedException>(() => operation.CancelAsync());
    }
}
