using MyTracker.Client;

namespace UsageReports;

// docs/export-operations.md, "An export the generator does not recognize", word for word: begin
/// <summary>What to order: a request type of your own (the default DescribeRequest is its ToString).</summary>
public sealed record UsageReportOrder(long IdProject, string Month);

/// <summary>The usage-report endpoints as the export runtime needs them, over the generated client.</summary>
public sealed class UsageReportAdapter(UsageReportClient api) : ExportAdapter<UsageReportOrder, UsageReportPollResult>
{
    /// <summary>In messages and file names: usage-report-31.001.csv.gz, usage-report-job.json.</summary>
    public override string Name => "usage-report";

    /// <summary>One poll; what is undocumented throws MyTrackerRequestFailedException, retries are the pipeline's.</summary>
    public override Task<UsageReportPollResult> GetStatusAsync(long exportId, CancellationToken cancellationToken) =>
        api.PollAsync(exportId, cancellationToken: cancellationToken);

    /// <summary>Which documented case means what.</summary>
    public override ExportState ReadStatus(UsageReportPollResult result) => result switch
    {
        UsageReportPollResult.Queued => ExportState.InProgress(),
        UsageReportPollResult.Building building => ExportState.InProgress((double)building.Completion.Value),
        UsageReportPollResult.Done done => ExportState.Succeeded(done.Parts.Select(p => new ExportFile(p.Location, p.ValidUntil))),
        UsageReportPollResult.Broken broken => ExportState.Failed(canBeRequestedAgain: true, detail: broken.Cause),
        UsageReportPollResult.NoSuchReport missing => ExportState.NotFound(missing.Response.Problem.Detail),
        UsageReportPollResult.Denied => ExportState.AccessDenied(),
        UsageReportPollResult.Unknown unknown => ExportState.Unrecognized(unknown.RawBody),
    };

    /// <summary>Starts one export: called once per start, never retried once it may have reached the server.</summary>
    public override async Task<ExportStartResult> CreateAsync(UsageReportOrder request, CancellationToken cancellationToken) =>
        await api.OrderAsync(request.IdProject, request.Month, cancellationToken: cancellationToken) switch
        {
            UsageReportOrderResult.Accepted accepted => ExportStartResult.Started(accepted.Response.Report.IdReport),
            UsageReportOrderResult.Invalid invalid => ExportStartResult.Refused(new ExportOutcome.InvalidParameters(invalid.Response.Problem.Detail)),
            UsageReportOrderResult.Denied => ExportStartResult.Refused(new ExportOutcome.AccessDenied()),
            UsageReportOrderResult.Unknown unknown => ExportStartResult.Unrecognized(unknown.StatusCode, unknown.RawBody),
        };
}
// docs/export-operations.md: end
