namespace MyTracker.Client.Operations;

/// <summary>
/// The segment export's public types (kept as they were before every export family shared one
/// runtime) to and from the types of that runtime. Pure conversions, no behaviour.
/// </summary>
internal static class SegmentExportMapping
{
    public static ExportFile[] ToExport(IReadOnlyList<SegmentExportFile> files) =>
        files.Select(f => new ExportFile(f.Link, f.ExpiresAt)).ToArray();

    public static Func<CancellationToken, Task<IReadOnlyList<ExportFile>>>? ToExport(Func<CancellationToken, Task<IReadOnlyList<SegmentExportFile>>>? refresh) =>
        refresh is null ? null : async ct => ToExport(await refresh(ct).ConfigureAwait(false));

    public static SegmentExportFile ToSegment(ExportFile file) => new(file.Link, file.ExpiresAt);

    public static DownloadedFile ToSegment(DownloadedExportFile file) => new(ToSegment(file.Source), file.Path, file.Length, file.Skipped);

    public static SegmentExportProgress ToSegment(ExportProgress progress) => new(
        progress.ExportId,
        progress.Stage == ExportStage.Waiting ? SegmentExportStage.Waiting : SegmentExportStage.Downloading,
        progress.Percent,
        progress.FilesCompleted,
        progress.FileCount);

    public static SegmentExportStatus ToSegment(ExportStatus status) => status switch
    {
        ExportStatus.NotStarted => SegmentExportStatus.NotStarted,
        ExportStatus.InProgress => SegmentExportStatus.InProgress,
        ExportStatus.Succeeded => SegmentExportStatus.Succeeded,
        ExportStatus.Failed => SegmentExportStatus.ErrorOccurred,
        ExportStatus.NotFound => SegmentExportStatus.NotFound,
        ExportStatus.AccessDenied => SegmentExportStatus.AccessDenied,
        _ => SegmentExportStatus.Unrecognized,
    };

    public static SegmentExportOutcome ToSegment(ExportOutcome outcome) => outcome switch
    {
        ExportOutcome.Succeeded s => new SegmentExportOutcome.Succeeded(s.Files.Select(ToSegment).ToArray()),
        ExportOutcome.Failed => new SegmentExportOutcome.ErrorOccurred(),
        ExportOutcome.NotFound nf => new SegmentExportOutcome.NotFound(nf.Detail),
        ExportOutcome.AccessDenied => new SegmentExportOutcome.AccessDenied(),
        ExportOutcome.InvalidParameters ip => new SegmentExportOutcome.InvalidParameters(ip.Detail),
        ExportOutcome.UnrecognizedStatus us => new SegmentExportOutcome.UnrecognizedStatus(us.RawStatus),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An outcome of no segment export case."),
    };

    public static ExportOutcome ToExport(SegmentExportOutcome outcome) => outcome switch
    {
        SegmentExportOutcome.Succeeded s => new ExportOutcome.Succeeded(ToExport(s.Files)),
        SegmentExportOutcome.ErrorOccurred => new ExportOutcome.Failed(null, CanBeRequestedAgain: true),
        SegmentExportOutcome.NotFound nf => new ExportOutcome.NotFound(nf.Detail),
        SegmentExportOutcome.AccessDenied => new ExportOutcome.AccessDenied(),
        SegmentExportOutcome.InvalidParameters ip => new ExportOutcome.InvalidParameters(ip.Detail),
        SegmentExportOutcome.UnrecognizedStatus us => new ExportOutcome.UnrecognizedStatus(us.RawStatus),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An unknown segment export outcome."),
    };

    public static SegmentExportFailedException ToSegment(ExportFailedException failure) => new(failure.ExportId, ToSegment(failure.Outcome));
}
