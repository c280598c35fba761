using System.Globalization;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Exports;

internal sealed partial class ExportLifecycle
{
    /// <summary>A poll of the status endpoint: the export's current answer, one lifecycle step further per served poll.</summary>
    private ValueTask<Reply> AnswerStatusAsync(Exchange exchange, ExportFamily family, TrackerServices services)
    {
        // Where the model says the id travels: the query (get.json?idSegmentExport=5) or a path segment (/exports/{id}).
        var sent = family.IdInPath ? exchange.PathValues?.GetValueOrDefault(family.IdParameter) : exchange.Query.Get(family.IdParameter);
        if (!Answers.TryParseInteger(sent, out var id))
        {
            return ValueTask.FromResult(services.InvalidParameter(exchange, family.Status, $"Invalid parameter: {family.IdParameter}"));
        }

        exchange.ForExport(id);
        var export = id > 0 ? _store.Find(family.Area, exchange.ApiUserId!, id) : null;
        if (export is null)
        {
            return ValueTask.FromResult(NotFound(exchange, family, "export not found", services));
        }

        if (exchange.IsHead)
        {
            return ValueTask.FromResult(RenderPoll(export, export.Poll(exchange.Now, advance: false, _store), services));
        }

        var attempt = export.NextPollAttempt();
        var fault = services.Faults.Pick(FaultTarget.Poll, new FaultSubject(export.Spec.Faults, export.ApiUserId, export.Id), attempt, null);
        return fault is null
            ? ValueTask.FromResult(RenderPoll(export, export.Poll(exchange.Now, advance: true, _store), services))
            : AnswerFaultedPollAsync(exchange, export, fault, services);
    }

    // Apart from the hot path: a lambda capturing the exchange there would allocate its closure on every poll.
    // A fault's reply carries no served status of its own, so the journal shows none for a replaced answer.
    private async ValueTask<Reply> AnswerFaultedPollAsync(Exchange exchange, ExportState export, FaultBuilder fault, TrackerServices services)
    {
        var faulted = await services.ApplyFaultAsync(exchange, fault, () => RenderPoll(export, export.Poll(exchange.Now, advance: false, _store), services).Answer).ConfigureAwait(false);
        return faulted ?? RenderPoll(export, export.Poll(exchange.Now, advance: true, _store), services);
    }

    private Reply RenderPoll(ExportState export, ExportAnswer answer, TrackerServices services)
    {
        // Most polls repeat the previous answer (a finished export is polled again and again), so
        // the reply, with what the journal records of it, is kept per export until the status,
        // progress or links change (links are renewed as a new list).
        var cached = export.LastRendered;
        if (cached is null || cached.Status != answer.Status || cached.Progress != answer.Progress || !ReferenceEquals(cached.Files, answer.Files))
        {
            var family = export.Family;
            var served = new ServedStatus(
                answer.Status switch
                {
                    ExportStatus.InProgress => family.InProgressText,
                    ExportStatus.ErrorOccurred => family.ErrorText,
                    ExportStatus.Ended => family.TextOf(export.EndingSample!),
                    _ => family.SuccessText,
                },
                Finished: answer.Status != ExportStatus.InProgress,
                answer.Progress,
                answer.Files is { Count: > 0 } files ? files[0].ExpiresAt : null);
            var (fixture, body) = RenderStatus(export, answer, services);
            cached = new RenderedAnswer(answer.Status, answer.Progress, answer.Files, new Reply(Answers.Json(fixture.Status, body), fixture.Status, FakeOutcome.Served) { Served = served });
            export.LastRendered = cached;
        }

        return cached.Reply;
    }

    /// <summary>The body of a status answer from the family's own samples (live polls and mapping snapshots alike).</summary>
    private (ScenarioFixture Fixture, byte[] Body) RenderStatus(ExportState export, ExportAnswer answer, TrackerServices services, string? linkBase = null)
    {
        var family = export.Family;
        var id = export.Id.ToString(CultureInfo.InvariantCulture);
        var (fixture, values) = answer.Status switch
        {
            ExportStatus.InProgress => (family.InProgress, new TemplateValues { Parameter = Echo(family, id), Progress = $"{answer.Progress}%", RewriteUrl = services.UrlRewriter }),
            ExportStatus.ErrorOccurred => (family.Error ?? family.InProgress, new TemplateValues { Parameter = Echo(family, id), RewriteUrl = services.UrlRewriter }),
            ExportStatus.Ended => (export.EndingSample!, new TemplateValues { Parameter = Echo(family, id), RewriteUrl = services.UrlRewriter }),
            _ => (family.Success, new TemplateValues { Parameter = Echo(family, id), Files = Links(answer.Files!, linkBase ?? services.LinkBase), RewriteUrl = services.UrlRewriter }),
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
