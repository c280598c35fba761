using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Exports;

/// <summary>
/// The export lifecycle, a module on top of the generic core: for every export-shaped family of the
/// fixtures (<see cref="ExportFamily"/>), create starts an export, the status endpoint walks it through
/// its progress steps to its ending, files are generated and expire on the fake's clock, every export
/// belongs to one API user. Answers are rendered from the family's own samples. One partial file per
/// endpoint: status (<c>ExportLifecycle.Status.cs</c>), create, downloads, and the renderings the
/// WireMock mapping export uses (<c>ExportLifecycle.Snapshot.cs</c>).
/// </summary>
internal sealed partial class ExportLifecycle
{
    private readonly TrackerHandler _core;
    private readonly FakeTrackerOptions _options;
    private readonly ExportStore _store;
    private readonly FaultPlan _faults;

    public ExportLifecycle(TrackerHandler core, FakeTrackerOptions options, IReadOnlyDictionary<string, ExportFamily> families, ExportStore store, FaultPlan faults)
    {
        _core = core;
        _options = options;
        _store = store;
        _faults = faults;
        Families = families;
        DefaultFamily = families.GetValueOrDefault("segment-export") ?? families.Values.OrderBy(f => f.Area, StringComparer.Ordinal).FirstOrDefault();
    }

    public IReadOnlyDictionary<string, ExportFamily> Families { get; }

    /// <summary>The family of <c>Export.WithId(...)</c> without <c>In(area)</c>: segment export when served, else the first.</summary>
    public ExportFamily? DefaultFamily { get; }

    private bool DocumentedBytes => _options.ServeDocumentedBytes;

    /// <summary>The family a setup names (null: the default one), or an error that lists the known ones.</summary>
    public ExportFamily Resolve(string? area)
    {
        if (area is null)
        {
            return DefaultFamily ?? throw new ArgumentException("These fixtures have no export-shaped endpoint family (a create endpoint answering an id and a status endpoint with in-progress and files samples), so there is no export to set up.");
        }

        return Families.TryGetValue(area, out var family)
            ? family
            : throw new ArgumentException(
                $"'{area}' is not an export-shaped family of these fixtures; known: {(Families.Count == 0 ? "none" : string.Join(", ", Families.Keys.Order(StringComparer.Ordinal)))}.");
    }

    /// <summary>The endpoint kind a request to one of the families' endpoints is, or null for any other endpoint.</summary>
    public (FakeEndpoint Kind, ExportFamily Family)? Claim(EndpointFixtures endpoint)
    {
        foreach (var family in Families.Values)
        {
            if (ReferenceEquals(family.Status, endpoint))
            {
                return (FakeEndpoint.Get, family);
            }

            if (ReferenceEquals(family.Create, endpoint))
            {
                return (FakeEndpoint.Create, family);
            }

            if (ReferenceEquals(family.Cancel, endpoint))
            {
                return (FakeEndpoint.Cancel, family);
            }
        }

        return null;
    }

    private Reply Render(ScenarioFixture fixture, TemplateValues values, FakeOutcome outcome) =>
        new(TrackerHandler.Json(fixture.Status, fixture.Pick(DocumentedBytes).Render(values)), fixture.Status, outcome);

    private Reply NotFound(Exchange exchange, ExportFamily family, string detail)
    {
        exchange.Record.Detail ??= detail;
        return family.NotFound is { } notFound
            ? Render(notFound, new TemplateValues(), FakeOutcome.NotFound)
            : _core.NotFound(exchange, detail);
    }

    private Reply AccessDenied(ScenarioFixture? denied) =>
        denied is null ? new Reply(TrackerHandler.Envelope(403, "Access denied", null), 403, FakeOutcome.Refused) : Render(denied, new TemplateValues(), FakeOutcome.Refused);
}
