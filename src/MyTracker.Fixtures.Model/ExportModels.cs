using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model;

// The export glue of one area, recognized from the endpoint models of that area. Equatable values
// only, like every pipeline model: strings, enums, records and EquatableArray.

/// <summary>What a documented case of an export family's status or create endpoint means to the export runtime.</summary>
public enum ExportCaseKind
{
    /// <summary>Status: the export still runs (with a percentage when <see cref="ExportCaseModel.ValueAccess"/> is set).</summary>
    InProgress,

    /// <summary>Status: done, with the files at <see cref="ExportCaseModel.ValueAccess"/>.</summary>
    Succeeded,

    /// <summary>Status: the export failed (may be requested again only when its meaning says so), or create: refused otherwise.</summary>
    Failed,

    /// <summary>Status: the export was canceled (meaning <c>canceled</c>).</summary>
    Canceled,

    /// <summary>A 404 answer.</summary>
    NotFound,

    /// <summary>A 401 or 403 answer.</summary>
    AccessDenied,

    /// <summary>Create: the export was started; its id is at <see cref="ExportCaseModel.ValueAccess"/>.</summary>
    Started,

    /// <summary>Create: a 400 or 422 answer.</summary>
    InvalidParameters,
}

/// <summary>One documented case and how the generated adapter reads it.</summary>
// ValueAccess: C# expression on the case variable 'c' (progress in percent as a double or double?, files list, or id).
// DetailAccess: a string expression on 'c' for the outcome's detail. RawStatusAccess: the discriminator's text as received.
public sealed record ExportCaseModel(
    string CaseName,
    string Scenario,
    int StatusCode,
    ExportCaseKind Kind,
    string? ValueAccess,
    string? DetailAccess,
    string? RawStatusAccess,
    bool CanBeRequestedAgain);

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

/// <summary>The item type of the files list and how its link and expiry are read from an item named <c>file</c>.</summary>
/// <param name="ItemType">The generated item type.</param>
/// <param name="Link">How the generated adapter reads the link (C# text; to be replaced by typed paths).</param>
/// <param name="Expires">How the generated adapter reads the expiry (C# text; to be replaced by typed paths).</param>
/// <param name="JsonPath">The JSON path of the files list in the status answer.</param>
/// <param name="LinkMember">The JSON name of the link in a file object; null when each item is the link itself.</param>
/// <param name="ExpiresMember">The JSON name of the expiry in a file object; null without one.</param>
/// <param name="ExpiryEncoding">How the expiry is written.</param>
public sealed record ExportFileShape(string ItemType, string Link, string Expires, string JsonPath, string? LinkMember = null, string? ExpiresMember = null, ExpiryEncoding ExpiryEncoding = ExpiryEncoding.None);

/// <summary>A documented status text for an answer no case describes: read from the response type of a discriminated status.</summary>
public sealed record StatusTextModel(int StatusCode, string ResponseType, string TextAccess);

/// <summary>A property of the generated request record: one parameter of the create endpoint, under a name a record member may have.</summary>
public sealed record RequestPropertyModel(string PropertyName, ParameterModel Parameter);

/// <summary>An export-shaped family: a create endpoint, a status endpoint, and what their cases mean.</summary>
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
    EquatableArray<ExportActionModel> Actions = default);

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
