using System.Collections.Generic;
using System.Linq;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model;

// The export glue of one area, recognized from the endpoint models of that area. Equatable values
// only, like every pipeline model: strings, enums, records and EquatableArray.

/// <summary>What a documented case of an export family's status or create endpoint means to the export runtime.</summary>
public enum ExportCaseKind
{
    /// <summary>Status: the export still runs (with a percentage when <see cref="ExportCaseModel.Value"/> is set).</summary>
    InProgress,

    /// <summary>Status: done, with the files at <see cref="ExportCaseModel.Value"/>.</summary>
    Succeeded,

    /// <summary>Status: the export failed (may be requested again only when its meaning says so), or create: refused otherwise.</summary>
    Failed,

    /// <summary>Status: the export was canceled (meaning <c>canceled</c>).</summary>
    Canceled,

    /// <summary>A 404 answer.</summary>
    NotFound,

    /// <summary>A 401 or 403 answer.</summary>
    AccessDenied,

    /// <summary>Create: the export was started; its id is at <see cref="ExportCaseModel.Value"/>.</summary>
    Started,

    /// <summary>Create: a 400 or 422 answer.</summary>
    InvalidParameters,
}

/// <summary>One documented case and where the generated adapter reads it.</summary>
/// <param name="CaseName">The case of the endpoint's result type.</param>
/// <param name="Scenario">The scenario, as in the sample's file name.</param>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Kind">What the case means.</param>
/// <param name="Value">The progress (in progress), the files list (succeeded) or the export id (started); null when the case has none.</param>
/// <param name="Detail">A text that says why (failed, canceled, not found, refused); null without one.</param>
/// <param name="RawStatus">The discriminator's text as received (its last step is the companion text property); null without a discriminator.</param>
/// <param name="CanBeRequestedAgain">A failure that a new export of the same request may get past.</param>
/// <param name="Progress">How <paramref name="Value"/> writes the progress, for an in-progress case.</param>
/// <param name="DiscriminatorValue">The text at the status endpoint's discriminator that picks this case (null without one).</param>
public sealed record ExportCaseModel(
    string CaseName,
    string Scenario,
    int StatusCode,
    ExportCaseKind Kind,
    CaseValueModel? Value,
    CaseValueModel? Detail,
    CaseValueModel? RawStatus,
    bool CanBeRequestedAgain,
    ProgressEncoding Progress = ProgressEncoding.None,
    string? DiscriminatorValue = null)
{
    /// <summary>Where <see cref="Value"/> is in the answer, as a JSON path from the root (<c>data.progress</c>, <c>data.files</c>, <c>data.idSegmentExport</c>): what the fake fills in.</summary>
    public string? ValueJsonPath => Value?.Path.JsonPath;
}

/// <summary>
/// Where one value of a case is: <see cref="Path"/> below the response; when the case itself promises
/// the first <see cref="CaseSteps"/> steps (a property of its own, not nullable, see
/// <see cref="ScenarioPropertyModel"/>), the value is read through <see cref="CaseProperty"/> instead.
/// </summary>
/// <param name="Path">The JSON-addressed path below the response root.</param>
/// <param name="CaseProperty">The case's own property for the first <paramref name="CaseSteps"/> steps, or null.</param>
/// <param name="CaseSteps">How many steps of <paramref name="Path"/> the case property stands for (0 without one).</param>
public sealed record CaseValueModel(PropertyPath Path, string? CaseProperty = null, int CaseSteps = 0)
{
    /// <summary>The steps read below <see cref="CaseProperty"/> (all of <see cref="Path"/> without one).</summary>
    public IEnumerable<PropertyStep> RemainingSteps => Path.Steps.Skip(CaseSteps);

    /// <summary>Whether the value may be null in this case: a step after the promised ones is nullable.</summary>
    public bool MayBeNull => Path.AnyNullableFrom(CaseSteps);
}

/// <summary>How a running export's progress is written in the status answer.</summary>
public enum ProgressEncoding
{
    /// <summary>No progress.</summary>
    None,

    /// <summary>A percentage string (<c>"35%"</c>, <c>"35.5%"</c>).</summary>
    PercentString,

    /// <summary>A JSON number, in percent (<c>35</c>, <c>35.5</c>).</summary>
    Number,
}

/// <summary>Where the export id travels in a request to the status endpoint.</summary>
public enum ExportIdLocation
{
    /// <summary>In the query string (<c>get.json?idSegmentExport=5</c>).</summary>
    Query,

    /// <summary>As a path segment (<c>/exports/{id}</c>).</summary>
    Path,
}

/// <summary>How a file's expiry is written in the status answer.</summary>
public enum ExpiryEncoding
{
    /// <summary>No expiry: the link never expires.</summary>
    None,

    /// <summary>Unix seconds as a JSON string (<c>"1617197992"</c>).</summary>
    UnixSecondsString,

    /// <summary>Unix seconds as a JSON number (<c>1617197992</c>).</summary>
    UnixSecondsNumber,
}

/// <summary>The files list of a succeeded status answer and where a file's link and expiry are.</summary>
/// <param name="Item">The type of one item: a generated class, or <see cref="TypeKind.Uri"/> when each item is the link itself.</param>
/// <param name="Link">The link's member of a file object; null when each item is the link itself.</param>
/// <param name="Expires">The expiry's member of a file object; null without one.</param>
/// <param name="JsonPath">The JSON path of the files list in the status answer.</param>
/// <param name="ExpiryEncoding">How the expiry is written.</param>
public sealed record ExportFileShape(TypeRef Item, PropertyStep? Link, PropertyStep? Expires, string JsonPath, ExpiryEncoding ExpiryEncoding = ExpiryEncoding.None)
{
    /// <summary>The JSON name of the link in a file object; null when each item is the link itself.</summary>
    public string? LinkMember => Link?.JsonName;

    /// <summary>The JSON name of the expiry in a file object; null without one.</summary>
    public string? ExpiresMember => Expires?.JsonName;
}

/// <summary>A documented status text for an answer no case describes: read from the response type of a discriminated status.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ResponseType">The generated response type of that status.</param>
/// <param name="Text">The discriminator's text as received, below the response (last step: the companion text property).</param>
public sealed record StatusTextModel(int StatusCode, string ResponseType, PropertyPath Text);

/// <summary>A property of the generated request record: one parameter of the create endpoint, under a name a record member may have.</summary>
public sealed record RequestPropertyModel(string PropertyName, ParameterModel Parameter);

/// <summary>An export-shaped family: a create endpoint, a status endpoint, and what their cases mean.</summary>
/// <remarks>
/// The wire facts every reader shares, by JSON path: the status and create endpoints
/// (<c>StatusLabel</c>, <c>CreateLabel</c>), the id parameter and where it travels
/// (<c>IdLocation</c>), the files (<c>ExportFileShape.JsonPath</c>, link and expiry members, expiry
/// encoding), per case the value's path and progress encoding, and the status discriminator's path
/// (<c>DiscriminatorJsonPath</c>) with each case's value.
/// </remarks>
public sealed record ExportFamilyModel(
    string Namespace,
    string Area,
    string ClientName,
    string OperationsName,
    string RequestName,
    string StatusFolder,
    string StatusLabel,
    string StatusMethod,
    string StatusResult,
    string IdParameter,
    ExportFileShape Files,
    EquatableArray<ExportCaseModel> StatusCases,
    EquatableArray<StatusTextModel> StatusTexts,
    string CreateFolder,
    string CreateLabel,
    string CreateMethod,
    string CreateResult,
    EquatableArray<RequestPropertyModel> RequestProperties,
    EquatableArray<ExportCaseModel> CreateCases,
    string? HeaderProperty,
    EquatableArray<ExportActionModel> Actions = default,
    ExportIdLocation IdLocation = ExportIdLocation.Query,
    string? DiscriminatorJsonPath = null);

/// <summary>
/// Another endpoint of the family that takes the export id and nothing else required (raw export's
/// cancel.json): the operations get a method for it that answers its own documented result cases.
/// </summary>
/// <param name="Label">The endpoint, <c>area/endpoint</c>.</param>
/// <param name="MethodName">Its generated client method (<c>CancelAsync</c>).</param>
/// <param name="ResultName">Its generated result type.</param>
/// <param name="Summary">Its manifest's summary.</param>
/// <param name="CancelCases">
/// For the family's cancel endpoint (the action whose folder is named <c>cancel</c>): what each of its
/// documented cases means to the runtime's cancel (2xx <see cref="ExportCaseKind.Canceled"/>, 404
/// <see cref="ExportCaseKind.NotFound"/>, 401/403 <see cref="ExportCaseKind.AccessDenied"/>, any other
/// status <see cref="ExportCaseKind.Failed"/>, read as a refusal). Empty for any other action.
/// </param>
/// <param name="HttpMethod">The endpoint's HTTP method, for the message of an answer no case describes.</param>
public sealed record ExportActionModel(string Label, string MethodName, string ResultName, string? Summary, EquatableArray<ExportCaseModel> CancelCases = default, string HttpMethod = "GET");

/// <summary>The outcome of recognition for one area: a family (or null) and what to tell the user.</summary>
public sealed record ExportFamilyResult(string Area, ExportFamilyModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
