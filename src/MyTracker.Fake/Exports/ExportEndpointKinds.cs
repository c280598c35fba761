namespace MyTracker.Fake;

/// <summary>The kinds of request the export lifecycle module reports in the journal (<see cref="FakeEndpoint.Kind"/>); its downloads are <see cref="FakeEndpointKinds.Download"/>.</summary>
public static class ExportEndpointKinds
{
    /// <summary>The status endpoint of an export-shaped family, e.g. <c>GET /api/segment/v1/export/get.json</c>.</summary>
    public const string Status = "export-status";

    /// <summary>The create endpoint of an export-shaped family, e.g. <c>POST /api/segment/v1/export/create.json</c>.</summary>
    public const string Create = "export-create";
}
