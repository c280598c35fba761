namespace MyTracker.Client.Operations;

/// <summary>Placeholder until the generated SegmentExportClient is merged into this branch.</summary>
internal sealed class PendingSegmentExportService(HttpClient api) : ISegmentExportService
{
    public HttpClient Api { get; } = api;

    public Task<ExportPoll> GetStatusAsync(long exportId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The generated client is not merged yet.");

    public Task<ExportCreation> CreateAsync(SegmentExportRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The generated client is not merged yet.");
}
