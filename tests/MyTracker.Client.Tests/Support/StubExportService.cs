using MyTracker.Client.Operations;

namespace MyTracker.Client.Tests.Support;

/// <summary>Answers polls from a script (the last answer repeats) and records when each poll happened.</summary>
internal sealed class StubExportService(TimeProvider time, params ExportPoll[] script) : ISegmentExportService
{
    private int _polls;

    public List<DateTimeOffset> PollTimes { get; } = [];

    public List<SegmentExportRequest> Created { get; } = [];

    public Func<long, CancellationToken, Task<ExportPoll>>? OnPoll { get; set; }

    public Func<SegmentExportRequest, ExportCreation> OnCreate { get; set; } = _ => new ExportCreation(2);

    public int Polls => _polls;

    public Task<ExportPoll> GetStatusAsync(long exportId, CancellationToken cancellationToken)
    {
        PollTimes.Add(time.GetUtcNow());
        var index = _polls++;
        if (OnPoll is not null)
        {
            return OnPoll(exportId, cancellationToken);
        }

        return Task.FromResult(script[Math.Min(index, script.Length - 1)]);
    }

    public Task<ExportCreation> CreateAsync(SegmentExportRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Created.Add(request);
        return Task.FromResult(OnCreate(request));
    }

    public static ExportPoll InProgress(double percent) => new(SegmentExportStatus.InProgress, percent, RawStatus: "In progress");

    public static ExportPoll Success(params SegmentExportFile[] files) => new(SegmentExportStatus.Succeeded, Files: files, RawStatus: "Success!");
}

