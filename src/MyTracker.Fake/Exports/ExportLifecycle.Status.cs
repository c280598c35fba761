using System.Globalization;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Exports;

internal sealed partial class ExportLifecycle
{
    /// <summary>A poll of the status endpoint: the export's current answer, one lifecycle step further per served poll.</summary>
    public ValueTask<Reply> AnswerStatusAsync(Exchange exchange, ExportFamily family, QueryParameters query)
    {
        if (!TrackerHandler.TryParseInteger(query.Get(family.IdParameter), out var id))
        {
            return ValueTask.FromResult(_core.InvalidParameter(exchange, family.Status, $"Invalid parameter: {family.IdParameter}"));
        }

        exchange.Record.ExportId = id;
        var export = id > 0 ? _store.Find(family.Area, exchange.Record.ApiUserId!, id) : null;
        if (export is null)
        {
            return ValueTask.FromResult(NotFound(exchange, family, "export not found"));
        }

        if (exchange.IsHead)
        {
            return ValueTask.FromResult(RenderPoll(exchange, export, export.Poll(exchange.Now, advance: false, _store)));
        }

        var attempt = export.NextPollAttempt();
        var fault = _faults.Pick(FaultTarget.Poll, export, attempt, null);
        return fault is null
            ? ValueTask.FromResult(RenderPoll(exchange, export, export.Poll(exchange.Now, advance: true, _store)))
            : AnswerFaultedPollAsync(exchange, export, fault);
    }

    // Apart from the hot path: a lambda capturing the exchange there would allocate its closure on every poll.
    private async ValueTask<Reply> AnswerFaultedPollAsync(Exchange exchange, ExportState export, FaultBuilder fault)
    {
        var faulted = await _core.ApplyFaultAsync(exchange, fault, () => RenderPoll(exchange, export, export.Poll(exchange.Now, advance: false, _store)).Answer).ConfigureAwait(false);
        if (faulted is null)
        {
            return RenderPoll(exchange, export, export.Poll(exchange.Now, advance: true, _store));
        }

        exchange.Record.ExportStatus = null;
        exchange.Record.ExportFinished = null;
        exchange.Record.Progress = null;
        exchange.Record.LinksExpireAt = null;
        return faulted;
    }

    private Reply RenderPoll(Exchange exchange, ExportState export, ExportAnswer answer)
    {
        var family = export.Family;
        exchange.Record.ExportStatus = answer.Status switch
        {
            ExportStatus.InProgress => family.InProgressText,
            ExportStatus.ErrorOccurred => family.ErrorText,
            ExportStatus.Ended => family.TextOf(export.EndingSample!),
            _ => family.SuccessText,
        };
        exchange.Record.ExportFinished = answer.Status != ExportStatus.InProgress;
        exchange.Record.Progress = answer.Progress;
        exchange.Record.LinksExpireAt = answer.Files is { Count: > 0 } files ? files[0].ExpiresAt : null;

        // Most polls repeat the previous answer (a finished export is polled again and again), so
        // the reply is kept per export until the status, progress or links change.
        var cached = export.LastRendered;
        if (cached is null || cached.Status != answer.Status || cached.Progress != answer.Progress || !ReferenceEquals(cached.Files, answer.Files))
        {
            var (fixture, body) = RenderStatus(export, answer);
            cached = new RenderedAnswer(answer.Status, answer.Progress, answer.Files, new Reply(TrackerHandler.Json(fixture.Status, body), fixture.Status, FakeOutcome.Served));
            export.LastRendered = cached;
        }

        return cached.Reply;
    }

    /// <summary>The body of a status answer from the family's own samples (live polls and mapping snapshots alike).</summary>
    private (ScenarioFixture Fixture, byte[] Body) RenderStatus(ExportState export, ExportAnswer answer, string? linkBase = null)
    {
        var family = export.Family;
        var id = export.Id.ToString(CultureInfo.InvariantCulture);
        var (fixture, values) = answer.Status switch
        {
            ExportStatus.InProgress => (family.InProgress, new TemplateValues { Parameter = Echo(family, id), Progress = $"{answer.Progress}%", RewriteUrl = _core.RewriteUrl }),
            ExportStatus.ErrorOccurred => (family.Error ?? family.InProgress, new TemplateValues { Parameter = Echo(family, id), RewriteUrl = _core.RewriteUrl }),
            ExportStatus.Ended => (export.EndingSample!, new TemplateValues { Parameter = Echo(family, id), RewriteUrl = _core.RewriteUrl }),
            _ => (family.Success, new TemplateValues { Parameter = Echo(family, id), Files = Links(answer.Files!, linkBase ?? _core.LinkBase), RewriteUrl = _core.RewriteUrl }),
        };
        var body = fixture.Pick(DocumentedBytes).Render(values);
        return (fixture, answer.Status == ExportStatus.InProgress && family.CancellableField is { } cancellable
            ? Cancellation.WithFlag(body, cancellable, ExportState.IsCancellable(answer.Progress))
            : body);
    }

    private static Func<string, string?> Echo(ExportFamily family, string id) => name => name == family.IdParameter ? id : null;

    private static List<(string Link, string Expires)> Links(IReadOnlyList<ExportFile> files, string linkBase) =>
        [.. files.Select(f => (linkBase + f.Path.TrimStart('/'), f.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)))];
}
