using System.Globalization;
using MyTracker.Client;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Exports;

internal sealed partial class ExportLifecycle
{
    /// <summary>A download of a listed file: no signature unless the link asks for one with <c>auth=1</c>; 410 once expired.</summary>
    private async ValueTask<Reply> AnswerDownloadAsync(Exchange exchange, ExportFile file, TrackerServices services)
    {
        var authRequested = exchange.Query.Get("auth") == "1";
        var export = file.Export;
        exchange.ForFile(file.Name, file.Number, authRequested);
        exchange.ForExport(export.Id);
        if (authRequested)
        {
            if (!services.Authenticate(exchange))
            {
                return services.AccessDenied(export.Family.StatusDenied);
            }

            if (exchange.ApiUserId != export.ApiUserId)
            {
                exchange.Note($"API user '{exchange.ApiUserId}' does not own export {export.Id}");
                return services.AccessDenied(export.Family.StatusDenied);
            }
        }

        if (export.IsExpired(file, exchange.Now))
        {
            exchange.LinkExpiredWhenAsked(true);
            return Answers.Expired(exchange);
        }

        exchange.LinkExpiredWhenAsked(false);
        var range = exchange.Http.Request.Headers.Range.ToString();
        exchange.Ranged(range.Length == 0 ? null : range);
        if (exchange.IsHead)
        {
            return FileAnswer(exchange, file);
        }

        var attempt = export.NextDownloadAttempt(file.Number);
        var fault = services.Faults.Pick(FaultTarget.Download, new FaultSubject(export.Spec.Faults, export.ApiUserId, export.Id), attempt, file.Number);
        if (fault is not null)
        {
            if (fault.Kind == FaultKind.ExpiredLink)
            {
                export.ExpireNow(file, exchange.Now);
                exchange.Faulted(FaultKind.ExpiredLink);
                exchange.LinkExpiredWhenAsked(true);
                return Answers.Expired(exchange) with { Outcome = FakeOutcome.Faulted };
            }

            // Cuts apply to what this request would get, a slice included: a resumed transfer can be cut again.
            var faulted = await services.ApplyFaultAsync(exchange, fault, () => FileAnswer(exchange, file).Answer).ConfigureAwait(false);
            if (faulted is not null)
            {
                return faulted;
            }
        }

        return FileAnswer(exchange, file);
    }

    /// <summary>
    /// The file, whole or the slice its <c>Range</c> asks for. With <see cref="FakeTrackerOptions.DownloadRanges"/>
    /// off it answers as storage without range support: always the whole file, no <c>Accept-Ranges</c>.
    /// </summary>
    private Reply FileAnswer(Exchange exchange, ExportFile file)
    {
        var export = file.Export;
        var fileNumber = file.Number;
        var content = export.GetContent(fileNumber);
        var entityTag = export.GetEntityTag(fileNumber);
        var headers = exchange.Http.Request.Headers;
        var range = _options.DownloadRanges
            ? ByteRange.Decide(exchange.Range, headers.IfRange.Count > 0 ? headers.IfRange.ToString() : null, entityTag, content.Length)
            : new ByteRange(ByteRangeKind.Full);
        switch (range.Kind)
        {
            case ByteRangeKind.Unsatisfiable:
                exchange.Note($"range {exchange.Range} not satisfiable for {content.Length} bytes");
                var refused = Answers.Envelope(416, "Range Not Satisfiable", "Requested range not satisfiable")
                    .WithHeader("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes */{content.Length}"));
                return new Reply(WithFileHeaders(refused, entityTag), 416, FakeOutcome.Invalid);
            case ByteRangeKind.Partial:
                var slice = new HttpAnswer(206, ExportFileFormats.ContentType(export.Format), content[(int)range.Start..(int)(range.End + 1)])
                    .WithHeader("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.End}/{content.Length}"));
                return new Reply(WithFileHeaders(slice, entityTag).WithHeader("Content-Disposition", $"attachment; filename=\"{file.Name}\""), 206, FakeOutcome.Served);
            default:
                return new Reply(WithFileHeaders(Answers.WholeFile(file.Name, content, ExportFileFormats.ContentType(export.Format)), entityTag), 200, FakeOutcome.Served);
        }
    }

    private HttpAnswer WithFileHeaders(HttpAnswer answer, string entityTag)
    {
        // The validator is sent either way (plain storage has one too); only range support is switched.
        answer = answer.WithHeader("ETag", entityTag);
        return _options.DownloadRanges ? answer.WithHeader("Accept-Ranges", "bytes") : answer;
    }
}
