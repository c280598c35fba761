namespace MyTracker.Fake;

/// <summary>One endpoint the fake serves, as its fixture folder describes it.</summary>
/// <param name="Key">The fixture folder, <c>area/endpoint</c> (e.g. <c>raw-export/get</c>): the name setup uses.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, as endpoint.json writes it.</param>
/// <param name="Parameters">The declared parameters, required ones first.</param>
/// <param name="Scenarios">The documented samples in file-name order: each scenario name with its HTTP status.</param>
/// <param name="DefaultScenario">The sample answered when nothing else is set up (its first 2xx), or null.</param>
public sealed record FixtureEndpointInfo(
    string Key, string Method, string Path, IReadOnlyList<FixtureParameterInfo> Parameters, IReadOnlyList<(string Scenario, int Status)> Scenarios, string? DefaultScenario);

/// <summary>One declared parameter of an endpoint.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its type as endpoint.json writes it (<c>integer</c>, <c>string</c>, <c>enum</c>, ...).</param>
/// <param name="Required">Whether a request must carry it.</param>
/// <param name="Values">The documented values of an enum or list, else empty.</param>
/// <param name="Example">A value the fake accepts for it: its first documented value, its minimum (or 1 within its range), <c>1</c> for a boolean, <c>x</c> for text; for an <c>object</c> parameter the whole query fragment of its required members in bracket notation, escaped (<c>settings%5Bfilter%5D%5Bdate%5D%5B0%5D%5Bfrom%5D=1970-01-01&amp;...</c>).</param>
public sealed record FixtureParameterInfo(string Name, string Type, bool Required, IReadOnlyList<string> Values, string Example);

/// <summary>An export-shaped family the export lifecycle serves (a create endpoint and a status endpoint of one area).</summary>
/// <param name="Area">The fixture area, the family's name in setup: <c>Export.WithId(5).In(area)</c>.</param>
/// <param name="CreateEndpoint">The endpoint that starts an export.</param>
/// <param name="StatusEndpoint">The endpoint polled for an export's status.</param>
/// <param name="IdParameter">The status endpoint's id parameter.</param>
/// <param name="NotFoundDetail">What the status endpoint's 404 says for an unknown id, if documented.</param>
/// <param name="FileDirectory">The path under which its files are listed (that of its documented links), e.g. <c>/storage/download/segment/</c>.</param>
/// <param name="StatusTexts">How its status samples name each state, e.g. <c>In progress</c>, <c>Success!</c>, <c>Error occurred</c>.</param>
/// <param name="CancelEndpoint">The endpoint that cancels an export, when the family documents one (raw export's cancel.json).</param>
/// <param name="Endings">The scenario names of its documented endings other than success (<c>ThenEnding(name)</c>).</param>
public sealed record ExportFamilyInfo(
    string Area, FixtureEndpointInfo CreateEndpoint, FixtureEndpointInfo StatusEndpoint, string IdParameter, string? NotFoundDetail, string FileDirectory,
    ExportStatusTexts StatusTexts,
    FixtureEndpointInfo? CancelEndpoint = null,
    IReadOnlyList<string>? Endings = null);

/// <summary>
/// The values of the field that tells an export family's status samples apart (segment export's
/// <c>data.status</c>, raw export's <c>data.state</c>), as its fixtures write them; the scenario names
/// where no field does.
/// </summary>
/// <param name="InProgress">The in-progress sample's value, e.g. <c>In progress</c> or <c>processing</c>.</param>
/// <param name="Success">The success sample's value, e.g. <c>Success!</c> or <c>ready</c>.</param>
/// <param name="Error">The failure sample's value, e.g. <c>Error occurred</c> or <c>failed</c>; <c>error</c> when no sample documents a failure.</param>
public sealed record ExportStatusTexts(string InProgress, string Success, string Error);
