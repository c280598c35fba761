using System.Globalization;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Exports;

internal sealed partial class ExportLifecycle
{
    /// <summary>The listed file at exactly this raw path, or null: there is no file system behind it, so no path can escape.</summary>
    public ExportFile? FindFile(string rawPath) => _store.FindFile(rawPath);

    /// <summary>A download of a listed file: no signature unless the link asks for one with <c>auth=1</c>; 410 once expired.</summary>
    public async ValueTask<Reply> AnswerDownloadAsync(Exchange exchange, ExportFile file, QueryParameters query)
    {
        exchange.Record.AuthRequested = query.Get("auth") == "1";
        exchange.Record.FileName = file.Name;
        exchange.Record.FileNumber = file.Number;
        exchange.Record.ExportId = file.Export.Id;
        exchange.Record.EndpointKey = file.Export.Family.Status.Key;
        if (exchange.Record.AuthRequested)
        {
            if (!_core.Authenticate(exchange))
            {
                return AccessDenied(file.Export.Family.StatusDenied);
            }

            if (exchange.Record.ApiUserId != file.Export.ApiUserId)
            {
                exchange.Record.Detail = $"API user '{exchange.Record.ApiUserId}' does not own export {file.Export.Id}";
                return AccessDenied(file.Export.Family.StatusDenied);
            }
        }

        var export = file.Export;
        if (export.IsExpired(file, exchange.Now))
        {
            exchange.Record.LinkExpired = true;
            return TrackerHandler.Expired(exchange);
        }

        exchange.Record.LinkExpired = false;
        var range = exchange.Http.Request.Headers.Range.ToString();
        exchange.Record.Range = range.Length == 0 ? null : range;
        if (exchange.IsHead)
        {
            return FileAnswer(exchange, export, file.Number);
        }

        var attempt = export.NextDownloadAttempt(file.Number);
        var fault = _faults.Pick(FaultTarget.Download, export, attempt, file.Number);
        if (fault is not null)
        {
            if (fault.Kind == FaultKind.ExpiredLink)
            {
                export.ExpireNow(file, exchange.Now);
                exchange.Record.Fault = FaultKind.ExpiredLink;
                exchange.Record.LinkExpired = true;
                var expired = TrackerHandler.Expired(exchange);
                return expired with { Outcome = FakeOutcome.Faulted };
            }

            // Cuts apply to what this request would get, a slice included: a resumed transfer can be cut again.
            var faulted = await _core.ApplyFaultAsync(exchange, fault, () => FileAnswer(exchange, export, file.Number).Answer).ConfigureAwait(false);
            if (faulted is not null)
            {
                return faulted;
            }
        }

        return FileAnswer(exchange, export, file.Number);
    }

    /// <summary>
    /// The file, whole or the slice its <c>Range</c> asks for. With <see cref="FakeTrackerOptions.DownloadRanges"/>
    /// off it answers as storage without range support: always the whole file, no <c>Accept-Ranges</c>.
    /// </summary>
    private Reply FileAnswer(Exchange exchange, ExportState export, int fileNumber)
    {
        var content = export.GetContent(fileNumber);
        var entityTag = export.GetEntityTag(fileNumber);
        var headers = exchange.Http.Request.Headers;
        var range = _options.DownloadRanges
            ? ByteRange.Decide(exchange.Record.Range, headers.IfRange.Count > 0 ? headers.IfRange.ToString() : null, entityTag, content.Length)
            : new ByteRange(ByteRangeKind.Full);
        switch (range.Kind)
        {
            case ByteRangeKind.Unsatisfiable:
                exchange.Record.Detail ??= $"range {exchange.Record.Range} not satisfiable for {content.Length} bytes";
                var refused = TrackerHandler.Envelope(416, "Range Not Satisfiable", "Requested range not satisfiable")
                    .WithHeader("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes */{content.Length}"));
                return new Reply(WithFileHeaders(refused, entityTag), 416, FakeOutcome.Invalid);
            case ByteRangeKind.Partial:
                var slice = new HttpAnswer(206, "application/gzip", content[(int)range.Start..(int)(range.End + 1)])
                    .WithHeader("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.End}/{content.Length}"));
                return new Reply(WithFileHeaders(slice, entityTag).WithHeader("Content-Disposition", $"attachment; filename=\"{exchange.Record.FileName}\""), 206, FakeOutcome.Served);
            default:
                return new Reply(WithFileHeaders(TrackerHandler.WholeFile(exchange.Record.FileName!, content), entityTag), 200, FakeOutcome.Served);
        }
    }

    private HttpAnswer WithFileHeaders(HttpAnswer answer, string entityTag)
    {
        // The validator is sent either way (plain storage has one too); only range support is switched.
        answer = answer.WithHeader("ETag", entityTag);
        return _options.DownloadRanges ? answer.WithHeader("Accept-Ranges", "bytes") : answer;
    }
}
