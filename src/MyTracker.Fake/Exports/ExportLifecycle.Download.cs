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
        if (exchange.IsHead)
        {
            return new Reply(TrackerHandler.FileResponse(exchange, export.GetContent(file.Number)), 200, FakeOutcome.Served);
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

            var faulted = await _core.ApplyFaultAsync(exchange, fault, () => TrackerHandler.FileResponse(exchange, export.GetContent(file.Number))).ConfigureAwait(false);
            if (faulted is not null)
            {
                return faulted;
            }
        }

        return new Reply(TrackerHandler.FileResponse(exchange, export.GetContent(file.Number)), 200, FakeOutcome.Served);
    }
}
