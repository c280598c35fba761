namespace MyTracker.Fake;

/// <summary>Which part of the API a request addressed.</summary>
public enum FakeEndpoint
{
    /// <summary><c>GET /api/segment/v1/export/get.json</c>.</summary>
    Get,

    /// <summary><c>POST /api/segment/v1/export/create.json</c>.</summary>
    Create,

    /// <summary>A download under <c>/storage/download/</c>.</summary>
    Download,

    /// <summary>Anything else (answered 404).</summary>
    Other,
}
