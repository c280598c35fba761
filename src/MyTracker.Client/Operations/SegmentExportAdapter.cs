using System.Globalization;

namespace MyTracker.Client.Operations;

/// <summary>
/// The segment export as one export family of the shared runtime: its two calls through
/// <see cref="ISegmentExportService"/> (the generated client, or a stub in tests) and what each of its
/// documented answers means. Hand-written, through the same public <see cref="ExportAdapter{TRequest, TResult}"/>
/// a user writes for a shape the generator does not recognize.
/// </summary>
internal sealed class SegmentExportAdapter(ISegmentExportService service) : ExportAdapter<SegmentExportRequest, ExportPoll>
{
    public override string Name => Downloads.SegmentExportDownloader.Name;

    public override Task<ExportPoll> GetStatusAsync(long exportId, CancellationToken cancellationToken) =>
        service.GetStatusAsync(exportId, cancellationToken);

    public override ExportState ReadStatus(ExportPoll result) => result.Status switch
    {
        SegmentExportStatus.InProgress => ExportState.InProgress(result.ProgressPercent, result.RawStatus),
        SegmentExportStatus.Succeeded => ExportState.Succeeded(SegmentExportMapping.ToExport(result.Files ?? []), result.RawStatus),

        // Documented: an interrupted export may be requested again.
        SegmentExportStatus.ErrorOccurred => ExportState.Failed(canBeRequestedAgain: true, rawStatus: result.RawStatus),
        SegmentExportStatus.NotFound => ExportState.NotFound(result.Detail),
        SegmentExportStatus.AccessDenied => ExportState.AccessDenied(),
        _ => ExportState.Unrecognized(result.RawStatus ?? string.Empty),
    };

    public override async Task<ExportStartResult> CreateAsync(SegmentExportRequest request, CancellationToken cancellationToken)
    {
        request.Validate();
        var created = await service.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        return created.ExportId is { } id
            ? ExportStartResult.Started(id)
            : ExportStartResult.Refused(SegmentExportMapping.ToExport(created.Refusal ?? new SegmentExportOutcome.InvalidParameters(null)));
    }

    /// <summary>What create.json would be asked, as the job files written before this runtime was shared already hold it.</summary>
    public override string DescribeRequest(SegmentExportRequest request) => string.Create(CultureInfo.InvariantCulture,
        $"idSegment={request.SegmentId}&requestFields={string.Join(",", request.Fields)}&includeHeaderLine={request.IncludeHeaderLine}&registerType={request.LetterCase}&hashType={request.Hashing}&maxBatchFileSize={request.MaxFileSizeMegabytes}");

    public override bool FirstFileHasHeader(SegmentExportRequest? request) => request?.IncludeHeaderLine ?? true;
}
