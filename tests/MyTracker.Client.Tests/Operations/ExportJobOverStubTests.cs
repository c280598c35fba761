using MyTracker.Client.Tests.Support;
using static MyTracker.Client.Tests.Support.StubExportAdapter;

namespace MyTracker.Client.Tests.Operations;

/// <summary>
/// The one-call job over a stub adapter: what each kind of ending makes it do. Only a failure the
/// documentation calls repeatable is requested again; a final failure, one whose meaning is not
/// documented, and a canceled export take exactly one create, and the exception says why.
/// </summary>
public sealed class ExportJobOverStubTests : IDisposable
{
    private readonly VirtualClock _time = new();
    private readonly string _directory = TestData.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (ExportOperations<StubRequest, ExportState> Operations, StubExportAdapter Adapter) Create(ExportState ending)
    {
        var adapter = new StubExportAdapter(_time, InProgress(10), ending);
        var polls = 0;
        adapter.OnPoll = (_, _) => Task.FromResult(polls++ % 2 == 0 ? InProgress(10) : ending);
        var next = 0L;
        adapter.OnCreate = _ => ExportStartResult.Started(++next);
        return (new ExportOperations<StubRequest, ExportState>(adapter, TestData.Options(_time), null), adapter);
    }

    [Fact]
    public async Task A_repeatable_failure_is_requested_again_up_to_the_restart_limit()
    {
        var (operations, adapter) = Create(ExportState.Failed(canBeRequestedAgain: true, detail: null, rawStatus: "Error occurred"));

        var failure = await Assert.ThrowsAsync<ExportFailedException>(() => _time.RunAsync(operations.ExportAsync(new StubRequest(7), _directory)));

        Assert.Equal(1 + TestData.Options(_time).MaxExportRestarts, adapter.Created.Count);
        Assert.True(failure.CanBeRequestedAgain);
        Assert.Equal(TestData.Options(_time).MaxExportRestarts, failure.TimesRequestedAgain);
        Assert.Contains("requested again 2 time(s), as many as MaxExportRestarts allows", failure.Message);
        Assert.DoesNotContain("can be requested again", failure.Message);
    }

    [Fact]
    public async Task A_final_failure_takes_exactly_one_create_and_says_why_it_is_not_retried()
    {
        var (operations, adapter) = Create(ExportState.Failed(canBeRequestedAgain: false, detail: "Too many lines in export", rawStatus: "User error occurred"));

        var failure = await Assert.ThrowsAsync<ExportFailedException>(() => _time.RunAsync(operations.ExportAsync(new StubRequest(7), _directory)));

        Assert.Single(adapter.Created);
        Assert.False(failure.CanBeRequestedAgain);
        Assert.Equal("Too many lines in export", Assert.IsType<ExportOutcome.Failed>(failure.Outcome).Detail);
        Assert.Contains("Too many lines in export", failure.Message);
        Assert.Contains("not requested again", failure.Message);
    }

    [Fact]
    public async Task A_canceled_export_takes_exactly_one_create_and_says_why_it_is_not_retried()
    {
        var (operations, adapter) = Create(ExportState.Canceled(rawStatus: "Canceled by user"));

        var failure = await Assert.ThrowsAsync<ExportFailedException>(() => _time.RunAsync(operations.ExportAsync(new StubRequest(7), _directory)));

        Assert.Single(adapter.Created);
        Assert.IsType<ExportOutcome.Canceled>(failure.Outcome);
        Assert.False(failure.CanBeRequestedAgain);
        Assert.Contains("was canceled", failure.Message);
        Assert.Contains("not requested again", failure.Message);
    }

    [Fact]
    public async Task The_job_file_is_written_right_after_the_create_so_a_second_call_resumes_instead_of_creating()
    {
        var (operations, adapter) = Create(ExportState.Failed(canBeRequestedAgain: false, detail: "x"));
        await Assert.ThrowsAsync<ExportFailedException>(() => _time.RunAsync(operations.ExportAsync(new StubRequest(7), _directory)));
        Assert.True(File.Exists(Path.Combine(_directory, "segment-export-job.json")));

        await Assert.ThrowsAsync<ExportFailedException>(() => _time.RunAsync(operations.ExportAsync(new StubRequest(7), _directory)));

        Assert.Single(adapter.Created);
    }
}
