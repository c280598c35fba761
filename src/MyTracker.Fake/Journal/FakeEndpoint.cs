namespace MyTracker.Fake;

/// <summary>
/// What a request addressed, as the journal records it: the endpoint of the fixtures (for a listed
/// file, the endpoint whose answer listed it) and the kind of request, as the part of the fake that
/// claimed it reports it. The core reports <see cref="FakeEndpointKinds.Sample"/> and
/// <see cref="FakeEndpointKinds.None"/>; modules report their own kinds (the export lifecycle's are in
/// <see cref="ExportEndpointKinds"/>; every module that serves listed files reports <see cref="FakeEndpointKinds.Download"/>).
/// </summary>
/// <param name="Key">The fixture endpoint, <c>area/endpoint</c> (e.g. <c>raw-export/get</c>), or null when the request addressed none.</param>
/// <param name="Kind">The kind of request, e.g. <c>sample</c>, <c>download</c>, <c>export-status</c>.</param>
public readonly record struct FakeEndpoint(string? Key, string Kind)
{
    /// <summary>The area of <see cref="Key"/> (<c>raw-export</c>), or null.</summary>
    public string? Area => Key is { } key && key.IndexOf('/') is var slash and > 0 ? key[..slash] : null;

    /// <summary>The endpoint's name within its area (<c>get</c>), or null.</summary>
    public string? Name => Key is { } key && key.IndexOf('/') is var slash and > 0 ? key[(slash + 1)..] : null;

    /// <summary>The kind, then the key when there is one: <c>export-status raw-export/get</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Key is null ? Kind : $"{Kind} {Key}";
}

/// <summary>The kinds of request the fake's core and the modules that serve listed files report (<see cref="FakeEndpoint.Kind"/>).</summary>
public static class FakeEndpointKinds
{
    /// <summary>An endpoint of the fixtures that no module claimed, answered from its samples (by the <c>X-Fake-Scenario</c> header, a setup rule or its default).</summary>
    public const string Sample = "sample";

    /// <summary>A file an answer listed (any module that serves files reports this kind).</summary>
    public const string Download = "download";

    /// <summary>Nothing the fake serves: answered 404, or by a WireMock mapping of your own.</summary>
    public const string None = "none";
}
