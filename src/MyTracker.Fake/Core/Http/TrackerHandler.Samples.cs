using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerHandler
{
    /// <summary>
    /// One sample as the answer: the request's parameter values where the sample echoes them, its URLs
    /// on the fake's link host, its listed files downloadable and expiring on the fake's clock. Global
    /// faults for any request apply.
    /// </summary>
    private async ValueTask<Reply> AnswerSampleAsync(Exchange exchange, EndpointFixtures endpoint, ScenarioFixture? sample, QueryParameters query, Dictionary<string, string>? pathValues)
    {
        if (sample is null)
        {
            exchange.Record.Detail = $"{endpoint.Key} has no sample to answer with";
            return new Reply(Envelope(501, "Not Implemented", $"The fixtures of {endpoint.Key} have no response sample"), 501, FakeOutcome.Invalid);
        }

        exchange.Record.Scenario = sample.Name;
        if (!exchange.IsHead && _faults.PickAnyRequest() is { } fault)
        {
            var faulted = await ApplyFaultAsync(exchange, fault, () => RenderSample(exchange, endpoint, sample, query, pathValues).Answer).ConfigureAwait(false);
            if (faulted is not null)
            {
                return faulted;
            }
        }

        return RenderSample(exchange, endpoint, sample, query, pathValues);
    }

    private Reply RenderSample(Exchange exchange, EndpointFixtures endpoint, ScenarioFixture sample, QueryParameters query, Dictionary<string, string>? pathValues)
    {
        var template = sample.Pick(DocumentedBytes);
        var values = new TemplateValues
        {
            Parameter = name => query.Get(name) ?? pathValues?.GetValueOrDefault(name),
            RewriteUrl = url => Files.IsDownload(url) ? Files.List(LinkBase, url, endpoint, sample, 0, exchange.Now).Link : RewriteUrl(url),
            Files = template.HasFiles
                ? [.. template.DocumentedLinks.Select((link, i) => Files.List(LinkBase, link, endpoint, sample, i + 1, exchange.Now))]
                : null,
        };
        var outcome = sample.Status switch
        {
            404 => FakeOutcome.NotFound,
            401 or 403 => FakeOutcome.Refused,
            >= 400 => FakeOutcome.Invalid,
            _ => FakeOutcome.Served,
        };
        return new Reply(Json(sample.Status, template.Render(values)), sample.Status, outcome);
    }
}
