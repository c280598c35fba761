namespace MyTracker.Client.Tests.Support;

/// <summary>What the stub family starts an export with.</summary>
internal sealed record StubRequest(long Segment);

/// <summary>
/// An export family with no HTTP at all, for the runtime's own tests: each poll answers the next state of
/// a script (the last one repeats), creates answer <see cref="OnCreate"/>, and every call is recorded.
/// </summary>
internal sealed class StubExportAdapter(TimeProvider time, params ExportState[] script) : ExportAdapter<StubRequest, ExportState>
{
    private int _polls;

    public override string Name => "segment-export";

    public List<DateTimeOffset> PollTimes { get; } = [];

    public List<StubRequest> Created { get; } = [];

    public Func<long, CancellationToken, Task<ExportState>>? OnPoll { get; set; }

    public Func<StubRequest, ExportStartResult> OnCreate { get; set; } = _ => ExportStartResult.Started(2);

    public int Polls => _polls;

    /// <summary>What the cancel endpoint answers; null for a family that documents none.</summary>
    public Func<long, ExportCancelAnswer>? OnCancel { get; set; }

    public List<long> Cancels { get; } = [];

    public override bool CanCancel => OnCancel is not null;

    public override Task<ExportCancelAnswer> CancelAsync(long exportId, CancellationToken cancellationToken)
    {
        if (OnCancel is null)
        {
            return base.CancelAsync(exportId, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        Cancels.Add(exportId);
        return Task.FromResult(OnCancel(exportId));
    }

    public override Task<ExportState> GetStatusAsync(long exportId, CancellationToken cancellationToken)
    {
        PollTimes.Add(time.GetUtcNow());
        var index = _polls++;
        return OnPoll is not null ? OnPoll(exportId, cancellationToken) : Task.FromResult(script[Math.Min(index, script.Length - 1)]);
    }

    public override ExportState ReadStatus(ExportState result) => result;

    public override Task<ExportStartResult> CreateAsync(StubRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Created.Add(request);
        return Task.FromResult(OnCreate(request));
    }

    public static ExportState InProgress(double percent) => ExportState.InProgress(percent, "In progress");

    public static ExportState Success(params ExportFile[] files) => ExportState.Succeeded(files, "Success!");
}
