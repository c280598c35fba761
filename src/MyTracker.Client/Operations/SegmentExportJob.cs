namespace MyTracker.Client.Operations;

/// <summary>
/// <see cref="MyTrackerClient.ExportSegmentAsync(SegmentExportRequest, string, IProgress{SegmentExportProgress}?, CancellationToken)"/>:
/// the one-call job every export family shares (<see cref="ExportOperations{TRequest, TResult}.ExportAsync(TRequest, string, IProgress{ExportProgress}?, CancellationToken)"/>),
/// in the segment export's own types. Its folder memory is <c>segment-export-job.json</c>, as written before the job was shared.
/// </summary>
internal static class SegmentExportJob
{
    /// <summary>The job file's name in the target folder.</summary>
    public static readonly string ManifestName = ExportJob<SegmentExportRequest, ExportPoll>.ManifestNameOf(Downloads.SegmentExportDownloader.Name);

    public static async Task<SegmentExportResult> RunAsync(
        ExportOperations<SegmentExportRequest, ExportPoll> exports,
        SegmentExportRequest request,
        string directory,
        IProgress<SegmentExportProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        request.Validate();
        var shared = progress is null ? null : new InlineProgress<ExportProgress>(p => progress.Report(SegmentExportMapping.ToSegment(p)));
        try
        {
            var result = await exports.ExportAsync(request, directory, shared, cancellationToken).ConfigureAwait(false);
            return new SegmentExportResult(result.ExportId, result.Files.Select(SegmentExportMapping.ToSegment).ToArray());
        }
        catch (ExportFailedException ex)
        {
            throw SegmentExportMapping.ToSegment(ex);
        }
    }
}
