using System.Globalization;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Exports;

internal sealed partial class ExportLifecycle
{
    /// <summary>
    /// Starts an export (parameters already checked against the manifest by the core): the lifecycle of
    /// <see cref="FakeTrackerOptions.CreatedExports"/>, with the columns, header line and file format the
    /// request asks for, under the next free id of the caller.
    /// </summary>
    private async ValueTask<Reply> AnswerCreateAsync(Exchange exchange, ExportFamily family, TrackerServices services)
    {
        var query = exchange.Query;
        var attempt = services.Faults.NextGlobalAttempt(FaultTarget.Create);
        var fault = services.Faults.Pick(FaultTarget.Create, null, attempt, null);
        if (fault is not null)
        {
            var faulted = await services.ApplyFaultAsync(exchange, fault, () => services.Fixture(family.Created, new TemplateValues { Parameter = Echo(family, "0") }, FakeOutcome.Served).Answer).ConfigureAwait(false);
            if (faulted is not null)
            {
                return faulted;
            }
        }

        var spec = _options.CreatedExports.Copy().In(family.Area);
        if (family.Columns is { } columns && ListSpellings.Items(query, columns.Name) is { Count: > 0 } fields)
        {
            spec.WithFields([.. fields]);
        }

        // A report file's fileType (checked against its documented values by the core) and its
        // bracketed settings: the requested dimensions and metrics become the columns.
        if (family.FileType is { } fileType && FileFormats.FromWire(query.Get(fileType.Name)) is { } format)
        {
            spec.WithFileFormat(format);
        }

        if (ReportShape.Read(query) is { } report)
        {
            spec.WithReport(report);
        }

        if (family.HeaderLine is { } headerLine && query.Get(headerLine.Name) is { } header)
        {
            spec.WithHeaderLine(header == "1");
        }

        // Segment export's own options; a family without these parameters never sends them (the core refuses undeclared ones).
        if (query.Get("hashType") is { } hash && int.TryParse(hash, NumberStyles.None, CultureInfo.InvariantCulture, out var hashType))
        {
            spec.WithHash((ExportHashType)hashType);
        }

        if (query.Get("registerType") is { } register && int.TryParse(register, NumberStyles.None, CultureInfo.InvariantCulture, out var registerType))
        {
            spec.WithRegister((ExportRegisterType)registerType);
        }

        var user = exchange.ApiUserId!;
        var export = _store.Create(family.Area, user, id => new ExportState(family, user, id, spec.WithIdOf(id), exchange.Now));
        exchange.ForExport(export.Id);
        return services.Fixture(family.Created, new TemplateValues { Parameter = Echo(family, export.Id.ToString(CultureInfo.InvariantCulture)) }, FakeOutcome.Served);
    }
}
