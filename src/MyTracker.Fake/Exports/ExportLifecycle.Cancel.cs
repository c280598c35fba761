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
    private ValueTask<Reply> AnswerCancelAsync(Exchange exchange, ExportFamily family, TrackerServices services)
    {
        var cancel = family.Cancel!;
        if (!Answers.TryParseInteger(exchange.Query.Get(family.IdParameter), out var id))
        {
            return ValueTask.FromResult(services.InvalidParameter(exchange, cancel, $"Invalid parameter: {family.IdParameter}"));
        }

        exchange.ForExport(id);
        var echo = new TemplateValues { Parameter = Echo(family, id.ToString(CultureInfo.InvariantCulture)) };
        var export = id > 0 ? _store.Find(family.Area, exchange.ApiUserId!, id) : null;
        if (export is null)
        {
            exchange.Note("export not found");
            return ValueTask.FromResult(cancel.WithStatus(404) is { } notFound
                ? services.Fixture(notFound, echo, FakeOutcome.NotFound)
                : NotFound(exchange, family, "export not found", services));
        }

        var answer = exchange.IsHead ? CancelAnswer.Finished : export.TryCancel(exchange.Now);
        var sample = answer switch
        {
            CancelAnswer.Canceled => family.CancelAccepted,
            CancelAnswer.Finished => family.CancelRefusedFinished,
            _ => family.CancelRefusedRunning,
        };
        if (answer != CancelAnswer.Canceled)
        {
            exchange.Note(answer == CancelAnswer.Finished ? "export has ended" : "export too far on to be canceled");
        }

        return ValueTask.FromResult(sample is null
            ? services.InvalidParameter(exchange, cancel, $"Invalid parameter: {family.IdParameter}")
            : services.Fixture(sample, echo, answer == CancelAnswer.Canceled ? FakeOutcome.Served : FakeOutcome.Invalid));
    }
}
