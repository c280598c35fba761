using System.Globalization;
using System.Text.RegularExpressions;
using MyTracker.Fake.State;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerHandler
{
    /// <summary>A link's file name as the fake writes it: <c>&lt;export&gt;.&lt;file&gt;.&lt;32 hex&gt;.csv.gz</c>. Nothing else is ever looked up.</summary>
    [GeneratedRegex("^[0-9]{1,19}\\.[0-9]{1,9}\\.[0-9a-f]{32}\\.csv\\.gz$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();

    private async ValueTask<Reply> AnswerDownloadAsync(Exchange exchange)
    {
        var query = QueryParameters.Parse(exchange.RawQuery);
        exchange.Record.AuthRequested = query.Get("auth") == "1";

        // The raw path is matched as a whole against the name pattern and then looked up in the
        // fake's own table: there is no file system behind it, so no path can escape.
        var name = exchange.RawPath.StartsWith(DownloadPrefix, StringComparison.Ordinal) ? exchange.RawPath[DownloadPrefix.Length..] : string.Empty;
        var file = FileNamePattern().IsMatch(name) ? _store.FindFile(name) : null;
        if (file is null)
        {
            return NotFound(exchange, "File not found");
        }

        exchange.Record.FileName = file.Name;
        exchange.Record.FileNumber = file.Number;
        exchange.Record.ExportId = file.Export.Id;
        if (exchange.Record.AuthRequested)
        {
            if (!Authenticate(exchange))
            {
                return AccessDenied(_get);
            }

            if (exchange.Record.ApiUserId != file.Export.ApiUserId)
            {
                exchange.Record.Detail = $"API user '{exchange.Record.ApiUserId}' does not own export {file.Export.Id}";
                return AccessDenied(_get);
            }
        }

        var export = file.Export;
        if (export.IsExpired(file, exchange.Now))
        {
            exchange.Record.LinkExpired = true;
            return Expired(exchange);
        }

        exchange.Record.LinkExpired = false;
        var range = exchange.Http.Request.Headers.Range.ToString();
        exchange.Record.Range = range.Length == 0 ? null : range;
        var attempt = export.NextDownloadAttempt(file.Number);
        var fault = _faults.Pick(FaultTarget.Download, export, attempt, file.Number);
        if (fault is not null)
        {
            if (fault.Kind == FaultKind.ExpiredLink)
            {
                export.ExpireNow(file, exchange.Now);
                exchange.Record.Fault = FaultKind.ExpiredLink;
                exchange.Record.LinkExpired = true;
                var expired = Expired(exchange);
                return expired with { Outcome = FakeOutcome.Faulted };
            }

            // Cuts apply to what this request would get, a slice included: a resumed transfer can be cut again.
            var faulted = await ApplyFaultAsync(exchange, fault, () => FileAnswer(exchange, export, file.Number).Answer).ConfigureAwait(false);
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
                var refused = Envelope(416, "Range Not Satisfiable", "Requested range not satisfiable")
                    .WithHeader("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes */{content.Length}"));
                return new Reply(WithFileHeaders(refused, entityTag), 416, FakeOutcome.Invalid);
            case ByteRangeKind.Partial:
                var slice = new HttpAnswer(206, "application/gzip", content[(int)range.Start..(int)(range.End + 1)])
                    .WithHeader("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.End}/{content.Length}"));
                return new Reply(WithFileHeaders(slice, entityTag).WithHeader("Content-Disposition", Disposition(exchange)), 206, FakeOutcome.Served);
            default:
                return new Reply(WithFileHeaders(WholeFile(exchange.Record.FileName!, content), entityTag), 200, FakeOutcome.Served);
        }
    }

    private HttpAnswer WithFileHeaders(HttpAnswer answer, string entityTag)
    {
        // The validator is sent either way (plain storage has one too); only range support is switched.
        answer = answer.WithHeader("ETag", entityTag);
        return _options.DownloadRanges ? answer.WithHeader("Accept-Ranges", "bytes") : answer;
    }

    private static string Disposition(Exchange exchange) => $"attachment; filename=\"{exchange.Record.FileName}\"";

    /// <summary>A whole file as storage without range support answers it (also what the WireMock mapping export serves).</summary>
    private static HttpAnswer WholeFile(string name, byte[] content) =>
        new HttpAnswer(200, "application/gzip", content).WithHeader("Content-Disposition", $"attachment; filename=\"{name}\"");

    private static Reply Expired(Exchange exchange)
    {
        exchange.Record.Detail ??= "link expired";
        return new Reply(Envelope(410, "Gone", "Download link expired"), 410, FakeOutcome.Expired);
    }
}
