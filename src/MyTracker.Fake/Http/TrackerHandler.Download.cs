using System.Text.RegularExpressions;

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
        if (exchange.IsHead)
        {
            return new Reply(FileResponse(exchange, export.GetContent(file.Number)), 200, FakeOutcome.Served);
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
                var expired = Expired(exchange);
                return expired with { Outcome = FakeOutcome.Faulted };
            }

            var faulted = await ApplyFaultAsync(exchange, fault, () => FileResponse(exchange, export.GetContent(file.Number))).ConfigureAwait(false);
            if (faulted is not null)
            {
                return faulted;
            }
        }

        return new Reply(FileResponse(exchange, export.GetContent(file.Number)), 200, FakeOutcome.Served);
    }

    private static HttpAnswer FileResponse(Exchange exchange, byte[] content) =>
        new HttpAnswer(200, "application/gzip", content).WithHeader("Content-Disposition", $"attachment; filename=\"{exchange.Record.FileName}\"");

    private static Reply Expired(Exchange exchange)
    {
        exchange.Record.Detail ??= "link expired";
        return new Reply(Envelope(410, "Gone", "Download link expired"), 410, FakeOutcome.Expired);
    }
}
