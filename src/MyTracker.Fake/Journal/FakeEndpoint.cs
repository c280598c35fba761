namespace MyTracker.Fake;

/// <summary>Which part of the API a request addressed (<see cref="FakeRequest.EndpointKey"/> names the fixture endpoint).</summary>
public enum FakeEndpoint
{
    /// <summary>The status endpoint of an export-shaped family, e.g. <c>GET /api/segment/v1/export/get.json</c>.</summary>
    Get,

    /// <summary>The create endpoint of an export-shaped family, e.g. <c>POST /api/segment/v1/export/create.json</c>.</summary>
    Create,

    /// <summary>The cancel endpoint of an export-shaped family that documents one, e.g. <c>GET /api/raw/v1/export/cancel.json</c>.</summary>
    Cancel,

    /// <summary>A file that an answer listed.</summary>
    Download,

    /// <summary>Anything else (answered 404, or by a WireMock mapping of your own).</summary>
    Other,

    /// <summary>Any other endpoint of the fixtures, answered from its samples.</summary>
    Documented,
}
