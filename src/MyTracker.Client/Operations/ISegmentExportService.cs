namespace MyTracker.Client.Operations;

/// <summary>
/// The two calls an export operation needs, reduced to the toolkit's own small types, so the polling
/// logic does not depend on the shape of the generated client and is tested with a stub.
/// </summary>
internal interface ISegmentExportService
{
    /// <summary>One get.json poll. Undocumented answers throw <see cref="MyTrackerRequestFailedException"/>.</summary>
    Task<ExportPoll> GetStatusAsync(long exportId, CancellationToken cancellationToken);

    /// <summary>One create.json call; never retried by the transport.</summary>
    Task<ExportCreation> CreateAsync(SegmentExportRequest request, CancellationToken cancellationToken);
}

/// <summary>What one get.json poll said.</summary>
internal sealed record ExportPoll(
    SegmentExportStatus Status,
    double? ProgressPercent = null,
    IReadOnlyList<SegmentExportFile>? Files = null,
    string? RawStatus = null,
    string? Detail = null);

/// <summary>What create.json said: an id, or a documented refusal.</summary>
internal sealed record ExportCreation(long? ExportId, SegmentExportOutcome? Refusal = null);
