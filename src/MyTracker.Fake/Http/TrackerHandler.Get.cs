using System.Globalization;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.State;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerHandler
{
    private async Task<Reply> AnswerGetAsync(Exchange exchange)
    {
        if (!Authenticate(exchange))
        {
            return AccessDenied(_get);
        }

        var query = QueryParameters.Parse(exchange.RawQuery);
        var problem = CheckDeclaredParameters(query, _get);
        if (problem is not null)
        {
            return InvalidParameter(exchange, problem);
        }

        if (!TryParseId(query.Get("idSegmentExport"), out var id))
        {
            return InvalidParameter(exchange, "Invalid parameter: idSegmentExport");
        }

        exchange.Record.ExportId = id;
        var export = id > 0 ? _store.Find(exchange.Record.ApiUserId!, id) : null;
        if (export is null)
        {
            return NotFound(exchange, "Segment export request not found");
        }

        var attempt = export.NextPollAttempt();
        var fault = _faults.Pick(FaultTarget.Poll, export, attempt, null);
        if (fault is not null)
        {
            var faulted = await ApplyFaultAsync(exchange, fault, () => RenderPoll(exchange, export, export.Poll(exchange.Now, advance: false, _store)).Message).ConfigureAwait(false);
            if (faulted is not null)
            {
                exchange.Record.ExportStatus = null;
                exchange.Record.Progress = null;
                exchange.Record.LinksExpireAt = null;
                return faulted;
            }
        }

        return RenderPoll(exchange, export, export.Poll(exchange.Now, advance: true, _store));
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
        // the rendered bytes are kept per export until the status, progress or links change.
        var cached = export.LastRendered;
        if (cached is null || cached.Status != answer.Status || cached.Progress != answer.Progress || !ReferenceEquals(cached.Files, answer.Files))
        {
            cached = new RenderedAnswer(answer.Status, answer.Progress, answer.Files, RenderSnapshot(export.Id, answer));
            export.LastRendered = cached;
        }

        return new Reply(Json(200, cached.Body), 200, FakeOutcome.Served);
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

        foreach (var (name, _) in query.Items)
        {
            if (!endpoint.Parameters.Any(p => p.Name == name))
            {
                return $"Invalid parameter: {name}";
            }

            if (query.Count(name) > 1)
            {
                return $"Invalid parameter: {name} (repeated)";
            }
        }

        foreach (var parameter in endpoint.Parameters.Where(p => p.Required))
        {
            if (query.Count(parameter.Name) == 0)
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
