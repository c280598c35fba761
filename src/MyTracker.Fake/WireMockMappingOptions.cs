namespace MyTracker.Fake;

/// <summary>What <see cref="FakeTracker.ExportWireMockMappings(WireMockMappingOptions)"/> writes.</summary>
public sealed record WireMockMappingOptions
{
    /// <summary>The dialect; WireMock.Net's JSON array by default.</summary>
    public WireMockMappingFormat Format { get; init; } = WireMockMappingFormat.WireMockNet;

    /// <summary>
    /// The address the mappings will be served at (e.g. a shared WireMock server's
    /// <c>http://wiremock.test:8080/</c>): the download links in the answers point there. Null keeps the
    /// fake's own link base (its <see cref="FakeTracker.BaseUrl"/>, or <see cref="FakeTrackerOptions.LinkHost"/>).
    /// </summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>
    /// How many exports create.json hands out in the mappings (ids from
    /// <see cref="FakeTrackerOptions.FirstCreatedExportId"/>, each with the <see cref="FakeTrackerOptions.CreatedExports"/>
    /// lifecycle); the call after the last answers 503. 0 to 50, default 3.
    /// </summary>
    public int CreatedExports { get; init; } = 3;
}
