using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerPipeline
{
    /// <summary>
    /// One sample as the answer: the request's parameter values where the sample echoes them, its URLs
    /// on the fake's link host, its listed files downloadable and expiring on the fake's clock. Global
    /// faults for any request apply.
    /// </summary>
    private async ValueTask<Reply> AnswerSampleAsync(Exchange exchange, EndpointFixtures endpoint, ScenarioFixture? sample)
    {
        if (sample is null)
        {
            exchange.Note($"{endpoint.Key} has no sample to answer with");
            return new Reply(Answers.Envelope(501, "Not Implemented", $"The fixtures of {endpoint.Key} have no response sample"), 501, FakeOutcome.Invalid);
        }

        exchange.Answering(sample.Name);
        if (!exchange.IsHead && _services.Faults.PickAnyRequest() is { } fault)
        {
            var faulted = await _services.ApplyFaultAsync(exchange, fault, () => RenderSample(exchange, endpoint, sample).Answer).ConfigureAwait(false);
            if (faulted is not null)
            {
                return faulted;
            }
        }

        return RenderSample(exchange, endpoint, sample);
    }

    private Reply RenderSample(Exchange exchange, EndpointFixtures endpoint, ScenarioFixture sample)
    {
        var template = sample.Pick(_services.DocumentedBytes);
        var linkBase = _services.LinkBase;
        var values = new TemplateValues
        {
            Parameter = name => exchange.Query.Get(name) ?? exchange.PathValues?.GetValueOrDefault(name),
            RewriteUrl = url => _listedFiles.IsDownload(url) ? _listedFiles.List(linkBase, url, endpoint, sample, 0, exchange.Now).Link : _services.RewriteUrl(url),
            Files = template.HasFiles
                ? [.. template.DocumentedLinks.Select((link, i) => _listedFiles.List(linkBase, link, endpoint, sample, i + 1, exchange.Now))]
                : null,
        };
        var outcome = sample.Status switch
        {
            404 => FakeOutcome.NotFound,
            401 or 403 => FakeOutcome.Refused,
            >= 400 => FakeOutcome.Invalid,
            _ => FakeOutcome.Served,
        };
        return new Reply(Answers.Json(sample.Status, template.Render(values)), sample.Status, outcome);
    }
}
