using System.Globalization;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Exports;

internal sealed partial class ExportLifecycle
{
    /// <summary>
    /// A cancel request (parameters already checked by the core): cancels the caller's running export
    /// while its in-progress answer says it can be canceled, and answers the documented refusals
    /// otherwise: the 400 for an export that has ended, the other 400 for one too far on, the 404 for
    /// an id the caller does not own.
    /// </summary>
    public ValueTask<Reply> AnswerCancelAsync(Exchange exchange, ExportFamily family, QueryParameters query)
    {
        if (!TrackerHandler.TryParseInteger(query.Get(family.IdParameter), out var id))
        {
            return ValueTask.FromResult(_core.InvalidParameter(exchange, family.Cancel!, $"Invalid parameter: {family.IdParameter}"));
        }

        exchange.Record.ExportId = id;
        var export = id > 0 ? _store.Find(family.Area, exchange.Record.ApiUserId!, id) : null;
        if (export is null)
        {
            exchange.Record.Detail ??= "export not found";
            return ValueTask.FromResult(family.Cancel!.WithStatus(404) is { } notFound
                ? Render(notFound, new TemplateValues { Parameter = Echo(family, id.ToString(CultureInfo.InvariantCulture)) }, FakeOutcome.NotFound)
                : NotFound(exchange, family, "export not found"));
        }

        var answer = exchange.IsHead ? CancelAnswer.Finished : export.TryCancel(exchange.Now);
        var sample = answer switch
        {
            CancelAnswer.Canceled => family.CancelAccepted,
            CancelAnswer.Finished => family.CancelRefusedFinished,
            _ => family.CancelRefusedRunning,
        };
        exchange.Record.Detail = answer switch
        {
            CancelAnswer.Canceled => null,
            CancelAnswer.Finished => "export has ended",
            _ => "export too far on to be canceled",
        };
        return ValueTask.FromResult(sample is null
            ? _core.InvalidParameter(exchange, family.Cancel!, $"Invalid parameter: {family.IdParameter}")
            : Render(sample, new TemplateValues { Parameter = Echo(family, id.ToString(CultureInfo.InvariantCulture)) }, answer == CancelAnswer.Canceled ? FakeOutcome.Served : FakeOutcome.Invalid));
    }
}
