using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerPipeline
{
    /// <summary>
    /// Step 1, once per request: the endpoint of the fixtures at this method and decoded path (as any
    /// HTTP server routes), then the first module that claims the request (an endpoint of its own, or a
    /// path such as a listed file, looked up whole by the raw path).
    /// </summary>
    private Route Classify(HttpContext http)
    {
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? string.Empty;
        var endpoint = _fixtures.Route(method, path);
        string? rawPath = null;
        if (endpoint is null)
        {
            var raw = Exchange.OriginForm(http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/");
            var question = raw.IndexOf('?');
            rawPath = question < 0 ? raw : raw[..question];
        }

        var request = new RequestLine(method, path, rawPath, endpoint);
        foreach (var module in _modules)
        {
            if (module.TryClaim(in request, out var claim))
            {
                return new Route(endpoint, module, claim);
            }
        }

        return new Route(endpoint, null, default);
    }
}

/// <summary>What a request addresses: the endpoint of the fixtures, and the module that claimed it with its claim.</summary>
/// <param name="Endpoint">The endpoint of the fixtures at the request's method and path, or null.</param>
/// <param name="Module">The module that answers it, or null (the core: a documented sample, or the 404).</param>
/// <param name="Claim">The module's claim.</param>
internal readonly record struct Route(EndpointFixtures? Endpoint, ITrackerModule? Module, Claim Claim)
{
    /// <summary>The journal's kind: the module's, else a sample of an endpoint, else none.</summary>
    public string Kind => Module is not null ? Claim.Kind : Endpoint is not null ? FakeEndpointKinds.Sample : FakeEndpointKinds.None;

    /// <summary>The endpoint the journal records.</summary>
    public string? EndpointKey => Claim.EndpointKey ?? Endpoint?.Key;
}
