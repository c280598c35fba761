using System.Globalization;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.State;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerHandler
{
    private ValueTask<Reply> AnswerGetAsync(Exchange exchange)
    {
        if (!Authenticate(exchange))
        {
            return ValueTask.FromResult(AccessDenied(_get));
        }

        var query = QueryParameters.Parse(exchange.RawQuery);
        var problem = CheckDeclaredParameters(query, _get);
        if (problem is not null)
        {
            return ValueTask.FromResult(InvalidParameter(exchange, problem));
        }

        if (!TryParseId(query.Get("idSegmentExport"), out var id))
        {
            return ValueTask.FromResult(InvalidParameter(exchange, "Invalid parameter: idSegmentExport"));
        }

        exchange.Record.ExportId = id;
        var export = id > 0 ? _store.Find(exchange.Record.ApiUserId!, id) : null;
        if (export is null)
        {
            return ValueTask.FromResult(NotFound(exchange, "Segment export request not found"));
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
        var faulted = await ApplyFaultAsync(exchange, fault, () => RenderPoll(exchange, export, export.Poll(exchange.Now, advance: false, _store)).Answer).ConfigureAwait(false);
        if (faulted is null)
        {
            return RenderPoll(exchange, export, export.Poll(exchange.Now, advance: true, _store));
        }

        exchange.Record.ExportStatus = null;
        exchange.Record.Progress = null;
        exchange.Record.LinksExpireAt = null;
        return faulted;
    }

    private Reply RenderPoll(Exchange exchange, ExportState export, ExportAnswer answer)
    {
        exchange.Record.ExportStatus = answer.Status switch
        {
            ExportStatus.InProgress => "In progress",
            ExportStatus.ErrorOccurred => "Error occurred",
            _ => "Success!",
        };
        exchange.Record.Progress = answer.Progress;
        exchange.Record.LinksExpireAt = answer.Files is { Count: > 0 } files ? files[0].ExpiresAt : null;

        // Most polls repeat the previous answer (a finished export is polled again and again), so
        // the reply is kept per export until the status, progress or links change.
        var cached = export.LastRendered;
        if (cached is null || cached.Status != answer.Status || cached.Progress != answer.Progress || !ReferenceEquals(cached.Files, answer.Files))
        {
            cached = new RenderedAnswer(answer.Status, answer.Progress, answer.Files, new Reply(Json(200, RenderSnapshot(export.Id, answer)), 200, FakeOutcome.Served));
            export.LastRendered = cached;
        }

        return cached.Reply;
    }

    private List<(string Link, string Expires)> Links(IReadOnlyList<ExportFile> files) =>
        [.. files.Select(f => (LinkBase + DownloadPrefix.TrimStart('/') + f.Name, f.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)))];

    /// <summary>Unknown, repeated and undecodable parameters are errors: a fake that tolerates them hides client bugs.</summary>
    private static string? CheckDeclaredParameters(QueryParameters query, EndpointFixtures endpoint)
    {
        if (query.Malformed)
        {
            return "Invalid parameter: the query string cannot be decoded";
        }

        // Indexed loops rather than LINQ or foreach over interfaces: this runs on every request,
        // and each lambda or boxed enumerator was an allocation.
        for (var i = 0; i < query.Items.Count; i++)
        {
            var name = query.Items[i].Name;
            if (endpoint.Find(name) is null)
            {
                return $"Invalid parameter: {name}";
            }

            if (query.Count(name) > 1)
            {
                return $"Invalid parameter: {name} (repeated)";
            }
        }

        for (var i = 0; i < endpoint.Parameters.Count; i++)
        {
            var parameter = endpoint.Parameters[i];
            if (parameter.Required && query.Count(parameter.Name) == 0)
            {
                return $"Invalid parameter: {parameter.Name}";
            }
        }

        return null;
    }

    /// <summary>An integer as the documentation writes it: ASCII digits with an optional sign, within a 64-bit range.</summary>
    private static bool TryParseId(string? text, out long id)
    {
        id = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 20)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(c is >= '0' and <= '9' || (i == 0 && c is '-' or '+' && text.Length > 1)))
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id);
    }
}
