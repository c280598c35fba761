using System.Globalization;
using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerHandler
{
    /// <summary>Fault scenarios the header can pick, besides the documented samples of the endpoint.</summary>
    private static readonly string[] FaultScenarios = ["server-error", "too-many-requests", "drop", "malformed-json", "truncated"];

    /// <summary>
    /// Serves what <c>X-Fake-Scenario</c> asks for, for this one call, without authentication and
    /// without touching any state: a way to look at every documented answer by hand.
    /// </summary>
    private Reply AnswerScenario(Exchange exchange, string scenario)
    {
        exchange.Record.Scenario = scenario;
        var endpoint = exchange.Endpoint switch
        {
            FakeEndpoint.Get => _get,
            FakeEndpoint.Create => _create,
            _ => null,
        };
        var query = QueryParameters.Parse(exchange.RawQuery);
        var idText = query.Get(endpoint == _create ? "idSegment" : "idSegmentExport");
        var id = TryParseId(idText, out var parsed) && parsed > 0 ? parsed.ToString(CultureInfo.InvariantCulture) : "1";

        if (endpoint is not null && endpoint.Scenarios.TryGetValue(scenario, out var fixture))
        {
            var values = new TemplateValues
            {
                Id = id,
                Files = scenario == "success"
                    ? [(LinkBase + DownloadPrefix.TrimStart('/') + $"{id}.1.{new string('0', 32)}.csv.gz",
                        (exchange.Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))]
                    : null,
            };
            return new Reply(Json(fixture.Status, fixture.Pick(DocumentedBytes).Render(values)), fixture.Status, FakeOutcome.Scenario);
        }

        var reply = scenario switch
        {
            "server-error" => new Reply(Text(500, "text/html", "<html><body><h1>500 Internal Server Error</h1></body></html>\n"), 500, FakeOutcome.Scenario),
            "too-many-requests" => TooMany(),
            "drop" => Drop(),
            "malformed-json" => new Reply(Json(200, "{\"code\":200,\"message\":\"Ok\",\"data\":{\"idSegm"u8.ToArray()), 200, FakeOutcome.Scenario),
            "truncated" => Truncated(exchange),
            _ => null,
        };
        if (reply is not null)
        {
            return reply;
        }

        var known = (endpoint?.Scenarios.Keys ?? []).Concat(FaultScenarios);
        exchange.Record.Detail = $"unknown scenario '{scenario}'";
        return new Reply(Envelope(400, "Bad Request", $"Unknown {ScenarioHeader} '{scenario}'; known: {string.Join(", ", known)}"), 400, FakeOutcome.Invalid);
    }

    private static Reply TooMany()
    {
        return new Reply(Envelope(429, "Too Many Requests", null).WithHeader("Retry-After", "1"), 429, FakeOutcome.Scenario);
    }

    private static Reply Drop() => new(Text(500, "text/plain", string.Empty), 0, FakeOutcome.Scenario, Drop: true);

    private static Reply Truncated(Exchange exchange)
    {
        var body = new byte[64 * 1024];
        exchange.Http.Response.Body = new CuttingStream(exchange.Http.Response.Body, body.Length / 2, exchange.Http, resetAfter: true);
        return new Reply(new HttpAnswer(200, "application/octet-stream", body), 200, FakeOutcome.Scenario);
    }
}
