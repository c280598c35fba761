using System.Globalization;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.State;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerHandler
{
    private async ValueTask<Reply> AnswerCreateAsync(Exchange exchange)
    {
        if (!Authenticate(exchange))
        {
            return AccessDenied(_create);
        }

        var query = QueryParameters.Parse(exchange.RawQuery);
        var problem = CheckDeclaredParameters(query, _create) ?? CheckValues(query, _create);
        if (problem is not null)
        {
            return InvalidParameter(exchange, problem);
        }

        var attempt = _faults.NextGlobalAttempt(FaultTarget.Create);
        var fault = _faults.Pick(FaultTarget.Create, null, attempt, null);
        if (fault is not null)
        {
            var faulted = await ApplyFaultAsync(exchange, fault, () => Json(200, _create["created"].Pick(DocumentedBytes).Render(new TemplateValues { Id = "0" }))).ConfigureAwait(false);
            if (faulted is not null)
            {
                return faulted;
            }
        }

        var spec = _options.CreatedExports.Copy();
        var fields = query.Get("requestFields");
        if (!string.IsNullOrEmpty(fields))
        {
            spec.WithFields(fields.Split(','));
        }

        if (query.Get("includeHeaderLine") is { } header)
        {
            spec.WithHeaderLine(header == "1");
        }

        if (query.Get("hashType") is { } hash)
        {
            spec.WithHash((ExportHashType)int.Parse(hash, CultureInfo.InvariantCulture));
        }

        if (query.Get("registerType") is { } register)
        {
            spec.WithRegister((ExportRegisterType)int.Parse(register, CultureInfo.InvariantCulture));
        }

        var user = exchange.Record.ApiUserId!;
        var export = _store.Create(user, id => new ExportState(user, id, spec.WithIdOf(id), exchange.Now));
        exchange.Record.ExportId = export.Id;
        return Fixture(_create["created"], new TemplateValues { Id = export.Id.ToString(CultureInfo.InvariantCulture) }, FakeOutcome.Served);
    }

    /// <summary>Checks each value against the type, range and value list of endpoint.json.</summary>
    private static string? CheckValues(QueryParameters query, EndpointFixtures endpoint)
    {
        foreach (var (name, value) in query.Items)
        {
            var spec = endpoint.Find(name)!;
            var ok = spec.Type switch
            {
                "integer" => TryParseId(value, out var number)
                    && number >= (spec.Minimum ?? 1)
                    && (spec.Maximum is null || number <= spec.Maximum),
                "boolean" => value is "0" or "1",
                "enum" => spec.Values.Contains(value, StringComparer.Ordinal),
                "list" => value.Length == 0 || value.Split(',').All(v => spec.Values.Contains(v, StringComparer.Ordinal)),
                _ => true,
            };
            if (!ok)
            {
                return $"Invalid parameter: {name}";
            }
        }

        return null;
    }
}
