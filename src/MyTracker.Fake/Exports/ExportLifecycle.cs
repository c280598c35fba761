using Microsoft.AspNetCore.Http;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Exports;

/// <summary>
/// The export lifecycle, a module (<see cref="ITrackerModule"/>): for every export-shaped family of the
/// fixtures (<see cref="ExportFamily"/>), create starts an export, the status endpoint walks it through
/// its progress steps to its ending, files are generated and expire on the fake's clock, every export
/// belongs to one API user. It claims its families' create and status endpoints and the files it listed,
/// and answers with the core's services it is handed; answers are rendered from the family's own samples.
/// One partial file per endpoint: status (<c>ExportLifecycle.Status.cs</c>), create, downloads, and the
/// renderings the WireMock mapping export uses (<c>ExportLifecycle.Snapshot.cs</c>).
/// </summary>
internal sealed partial class ExportLifecycle : ITrackerModule
{
    private readonly FakeTrackerOptions _options;
    private readonly ExportStore _store;

    // An array for the claim loop: enumerating the dictionary's values boxed an enumerator per request.
    private readonly ExportFamily[] _families;

    public ExportLifecycle(FakeTrackerOptions options, IReadOnlyDictionary<string, ExportFamily> families, ExportStore store)
    {
        _options = options;
        _store = store;
        Families = families;
        _families = [.. families.Values];
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

    /// <inheritdoc/>
    public bool TryClaim(in RequestLine request, out Claim claim)
    {
        if (request.Endpoint is { } endpoint)
        {
            foreach (var family in _families)
            {
                if (ReferenceEquals(family.Status, endpoint))
                {
                    claim = new Claim(ExportEndpointKinds.Status, family);
                    return true;
                }

                if (ReferenceEquals(family.Create, endpoint))
                {
                    claim = new Claim(ExportEndpointKinds.Create, family);
                    return true;
                }
            }
        }
        else if (request.RawPath is { } rawPath && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && _store.FindFile(rawPath) is { } file)
        {
            // The listed file at exactly this raw path: there is no file system behind it, so no path can escape.
            claim = new Claim(FakeEndpointKinds.Download, file, file.Export.Family.Status.Key);
            return true;
        }

        claim = default;
        return false;
    }

    /// <inheritdoc/>
    public ValueTask<Reply> AnswerAsync(Exchange exchange, Claim claim, TrackerServices services) => claim.Target switch
    {
        ExportFile file => AnswerDownloadAsync(exchange, file, services),
        ExportFamily family when ReferenceEquals(claim.Kind, ExportEndpointKinds.Status) => AnswerStatusAsync(exchange, family, services),
        ExportFamily family => AnswerCreateAsync(exchange, family, services),
        _ => throw new InvalidOperationException($"The export lifecycle did not claim {claim}."),
    };

    /// <inheritdoc/>
    public string? NotFoundDetail(string rawPath)
    {
        foreach (var family in _families)
        {
            if (rawPath.StartsWith(family.FileDirectory, StringComparison.Ordinal))
            {
                return "File not found";
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public void Reset() => _store.Clear();

    private Reply NotFound(Exchange exchange, ExportFamily family, string detail, TrackerServices services)
    {
        exchange.Note(detail);
        return family.NotFound is { } notFound
            ? services.Fixture(notFound, new TemplateValues(), FakeOutcome.NotFound)
            : services.NotFound(exchange, detail);
    }
}
