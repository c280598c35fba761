using System.Text.Json;

namespace MyTracker.Client.Operations;

/// <summary>Maps the generated client's result cases onto the operation's small status records.</summary>
internal sealed class GeneratedSegmentExportService(SegmentExportClient client) : ISegmentExportService
{
    public async Task<ExportPoll> GetStatusAsync(long exportId, CancellationToken cancellationToken)
    {
        var result = await client.GetAsync(exportId, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            SegmentExportGetResult.InProgress p => new ExportPoll(
                SegmentExportStatus.InProgress,
                (double)p.Progress.Value,
                RawStatus: p.Response.Data.StatusText),
            SegmentExportGetResult.Success s => new ExportPoll(
                SegmentExportStatus.Succeeded,
                Files: [.. s.Files.Select(f => new SegmentExportFile(f.Link, f.TimestampExpires))],
                RawStatus: s.Response.Data.StatusText),
            SegmentExportGetResult.ErrorOccurred e => new ExportPoll(SegmentExportStatus.ErrorOccurred, RawStatus: e.Response.Data.StatusText),
            SegmentExportGetResult.NotFound nf => new ExportPoll(SegmentExportStatus.NotFound, Detail: nf.Response.Data.Error.Detail),
            SegmentExportGetResult.AccessDenied => new ExportPoll(SegmentExportStatus.AccessDenied),
            SegmentExportGetResult.Unknown u => new ExportPoll(SegmentExportStatus.Unrecognized, RawStatus: StatusTextOf(u.RawBody) ?? $"HTTP {u.StatusCode}"),
        };
    }

    public async Task<ExportCreation> CreateAsync(SegmentExportRequest request, CancellationToken cancellationToken)
    {
        var result = await client.CreateAsync(
            request.SegmentId,
            request.Fields.Count > 0 ? request.Fields : null,
            request.IncludeHeaderLine,
            request.LetterCase,
            request.Hashing,
            request.MaxFileSizeMegabytes,
            cancellationToken).ConfigureAwait(false);
        return result switch
        {
            SegmentExportCreateResult.Created c => new ExportCreation(c.Response.Data.IdSegmentExport),
            SegmentExportCreateResult.InvalidParameters ip => new ExportCreation(null, new SegmentExportOutcome.InvalidParameters(ip.Response.Data.Error.Detail)),
            SegmentExportCreateResult.AccessDenied => new ExportCreation(null, new SegmentExportOutcome.AccessDenied()),
            SegmentExportCreateResult.Unknown u => throw new MyTrackerRequestFailedException(u.StatusCode, "POST", null, u.RawBody, "create.json answered a value nobody documented"),
        };
    }

    private static string? StatusTextOf(string rawBody)
    {
        try
        {
            return SegmentExportGetResponse.FromJson(rawBody).Data.StatusText;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
