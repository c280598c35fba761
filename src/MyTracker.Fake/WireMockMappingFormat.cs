namespace MyTracker.Fake;

/// <summary>The two mapping dialects <see cref="FakeTracker.ExportWireMockMappings(WireMockMappingOptions)"/> writes.</summary>
public enum WireMockMappingFormat
{
    /// <summary>WireMock.Net's JSON array of mapping models (<c>WithMapping(json)</c>, <c>POST /__admin/mappings</c>).</summary>
    WireMockNet,

    /// <summary>WireMock (Java, wiremock.org) <c>{"mappings": [...]}</c>, for its <c>mappings/</c> folder or <c>POST /__admin/mappings/import</c>.</summary>
    WireMockOrg,
}
