using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerPipeline
{
    /// <summary>Fault scenarios the header can pick, besides the documented samples of the endpoint.</summary>
    private static readonly string[] FaultScenarios = ["server-error", "too-many-requests", "drop", "malformed-json", "truncated"];

    /// <summary>
    /// Serves what <c>X-Fake-Scenario</c> asks for, for this one call, without authentication and
    /// without touching any state: a way to look at every documented answer by hand.
    /// </summary>
    private Reply AnswerScenario(Exchange exchange, EndpointFixtures? endpoint, string scenario)
    {
        exchange.Answering(scenario);
        if (endpoint is not null && endpoint.Scenarios.TryGetValue(scenario, out var fixture))
        {
            if (endpoint.HasPathParameters)
            {
                exchange.PathValues = endpoint.MatchPath(exchange.Http.Request.Path.Value ?? string.Empty);
            }

            return RenderSample(exchange, endpoint, fixture) with { Outcome = FakeOutcome.Scenario };
        }

        var reply = scenario switch
        {
            "server-error" => new Reply(Answers.Text(500, "text/html", "<html><body><h1>500 Internal Server Error</h1></body></html>\n"), 500, FakeOutcome.Scenario),
            "too-many-requests" => TooMany(),
            "drop" => Drop(),
            "malformed-json" => new Reply(Answers.Json(200, "{\"code\":200,\"message\":\"Ok\",\"data\":{\"idSegm"u8.ToArray()), 200, FakeOutcome.Scenario),
            "truncated" => Truncated(exchange),
            _ => null,
        };
        if (reply is not null)
        {
            return reply;
        }

        var known = (endpoint?.Ordered.Select(s => s.Name) ?? []).Concat(FaultScenarios);
        exchange.Note($"unknown scenario '{scenario}'");
        return new Reply(Answers.Envelope(400, "Bad Request", $"Unknown {ScenarioHeader} '{scenario}'; known: {string.Join(", ", known)}"), 400, FakeOutcome.Invalid);
    }

    private static Reply TooMany()
    {
        return new Reply(Answers.Envelope(429, "Too Many Requests", null).WithHeader("Retry-After", "1"), 429, FakeOutcome.Scenario);
    }

    private static Reply Drop() => new(Answers.Text(500, "text/plain", string.Empty), 0, FakeOutcome.Scenario, Drop: true);

    private static Reply Truncated(Exchange exchange)
    {
        var body = new byte[64 * 1024];
        exchange.Http.Response.Body = new CuttingStream(exchange.Http.Response.Body, body.Length / 2, exchange.Http, resetAfter: true);
        return new Reply(new HttpAnswer(200, "application/octet-stream", body), 200, FakeOutcome.Scenario);
    }
}
