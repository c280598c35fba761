using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Model;

// Every model is a record of strings, numbers, enums, other records and EquatableArray: value
// equality is what lets the incremental driver skip unchanged endpoints. Never add a Roslyn symbol,
// SyntaxNode, Compilation or Location here (the incrementality tests walk these types to check).

/// <summary>What a fixture file is, decided from its path.</summary>
public enum FixtureFileKind
{
    /// <summary>endpoint.json.</summary>
    Manifest,
    /// <summary>&lt;status&gt;.&lt;scenario&gt;.json.</summary>
    Sample,
    /// <summary>Anything else (reported when misplaced or misnamed).</summary>
    Ignored,
}

/// <summary>One additional file under the fixture root, before parsing.</summary>
public sealed record FixtureFile(string FilePath, string RelativePath, string Root, string Text);

/// <summary>A fixture after reading: its place in the layout, its JSON and what was wrong with it.</summary>
public sealed record ParsedFixture(
    string FilePath,
    string Area,
    string Endpoint,
    string FileName,
    FixtureFileKind Kind,
    int StatusCode,
    string Scenario,
    JsonNode? Root,
    ManifestModel? Manifest,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>endpoint.json.</summary>
// Meanings: endpoint.json's "meanings", what each status scenario means for an export (see ExportMeaning).
public sealed record ManifestModel(string Method, string Path, string? Summary, EquatableArray<ParameterSpec> Parameters, EquatableArray<ScenarioMeaningModel> Meanings = default);

/// <summary>One documented request parameter, or a member of a nested one (see NestedModels.cs).</summary>
// Members: the named members of type "object". Items: what an "array" holds (no name of its own).
// NotAfter/NotBefore: a sibling member this value may not come after / before (a date range's from and to).
public sealed record ParameterSpec(
    string Name,
    string In,
    string Type,
    bool Required,
    string? Description,
    string? Default,
    string? Minimum,
    string? Maximum,
    EquatableArray<EnumValueSpec> Values,
    string Spelling = "comma",
    EquatableArray<ParameterSpec> Members = default,
    ParameterSpec? Items = null,
    string? NotAfter = null,
    string? NotBefore = null);

/// <summary>A documented value of a parameter: what goes on the wire and its name.</summary>
public sealed record EnumValueSpec(string WireValue, string Name);

/// <summary>All fixtures of one <c>&lt;area&gt;/&lt;endpoint&gt;/</c> folder.</summary>
// Collision: set when another folder already maps to the same C# names; the endpoint is then only reported.
public sealed record EndpointInput(string Area, string Endpoint, ParsedFixture? Manifest, EquatableArray<ParsedFixture> Samples, string? CollidesWith = null, string? CollidingName = null);

/// <summary>The namespace the generated code goes to.</summary>
public sealed record NamespaceInfo(string Name, DiagnosticInfo? Diagnostic);

/// <summary>The outcome of inference for one endpoint: a model (null when nothing can be generated) and diagnostics.</summary>
public sealed record EndpointResult(EndpointModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Everything the emitters need for one endpoint.</summary>
public sealed record EndpointModel(
    string Namespace,
    string Area,
    string Endpoint,
    string ClientName,
    string MethodName,
    string Prefix,
    string HttpMethod,
    string Path,
    string? Summary,
    string FixtureFolder,
    string ManifestPath,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<EnumModel> Enums,
    EquatableArray<ObjectModel> Objects,
    ResultModel Result,
    EquatableArray<ScenarioMeaningModel> Meanings = default,
    EquatableArray<RequestTypeModel> RequestTypes = default);

/// <summary>The documented type of a request parameter (<c>type</c> in endpoint.json).</summary>
public enum ParameterKind
{
    /// <summary>integer: long.</summary>
    Integer,
    /// <summary>number: double.</summary>
    Number,
    /// <summary>string.</summary>
    String,
    /// <summary>boolean: bool.</summary>
    Boolean,
    /// <summary>enum: a generated enum of the documented values.</summary>
    Enum,
    /// <summary>list: comma-separated values.</summary>
    List,
    /// <summary>object: a generated request type sent in bracket notation (<c>settings[filter][date][from]</c>).</summary>
    Object,
}

/// <summary>A method argument built from a manifest parameter.</summary>
public sealed record ParameterModel(
    string JsonName,
    string CSharpName,
    ParameterKind Kind,
    bool InPath,
    bool Required,
    string? Description,
    string? Default,
    string? Range,
    string? EnumTypeName,
    EquatableArray<EnumValueSpec> Values,
    string Spelling = "comma",
    string? Minimum = null,
    string? Maximum = null,
    string? ObjectTypeName = null);

/// <summary>A generated enum: a response discriminator (with Unknown = 0) or a parameter's value set.</summary>
public sealed record EnumModel(string Name, string Doc, bool IsDiscriminator, EquatableArray<EnumMemberModel> Members);

/// <summary>One enum member and the JSON or query text it stands for.</summary>
// Scenario, StatusCode, FixturePath: set on the members of a discriminator enum, from the sample whose value the member is.
public sealed record EnumMemberModel(string Name, string WireValue, string? Doc, string? Scenario = null, int StatusCode = 0, string? FixturePath = null);

/// <summary>What a JSON value is typed as in the generated client.</summary>
public enum TypeKind
{
    /// <summary>System.Text.Json.JsonElement: any JSON, kept as written.</summary>
    Any,
    /// <summary>string.</summary>
    String,
    /// <summary>bool.</summary>
    Boolean,
    /// <summary>int.</summary>
    Int32,
    /// <summary>long.</summary>
    Int64,
    /// <summary>decimal: an integer beyond long.</summary>
    Decimal,
    /// <summary>double: a number with a fraction.</summary>
    Double,
    /// <summary>long, written as a JSON string.</summary>
    Int64String,
    /// <summary>MyTracker.Client.Json.Percent, written as "64%".</summary>
    Percent,
    /// <summary>DateTimeOffset from unix seconds, written as a JSON string.</summary>
    UnixSecondsString,
    /// <summary>System.Uri: an absolute http(s) URL.</summary>
    Uri,
    /// <summary>A generated enum (a discriminator or documented values).</summary>
    Enum,
    /// <summary>A generated class.</summary>
    Object,
    /// <summary>IReadOnlyList&lt;T&gt;.</summary>
    Array,
    /// <summary>IReadOnlyDictionary&lt;string, T&gt; for objects keyed by ids.</summary>
    Map,
}

/// <summary>A C# type of a property or array item.</summary>
public sealed record TypeRef(TypeKind Kind, bool Nullable, string? Name, TypeRef? Element);

/// <summary>A generated model class.</summary>
// IsValueWrapper: True for a response whose JSON root is not an object: the class then has one property, Value.
public sealed record ObjectModel(string Name, string Doc, bool IsValueWrapper, EquatableArray<PropertyModel> Properties);

/// <summary>A property of a model class.</summary>
// Required: Present in every sample (the reader rejects JSON without it).
// TrackNull: Missing in some samples and null in others: a companion flag remembers an explicit null.
// RawTextName: For discriminator enums, the companion property holding the text as received.
public sealed record PropertyModel(
    string JsonName,
    string CSharpName,
    TypeRef Type,
    bool Required,
    bool TrackNull,
    string? NullFlagName,
    string? RawTextName,
    string Doc);

/// <summary>The result type of an endpoint: one case per documented scenario.</summary>
public sealed record ResultModel(string Name, EquatableArray<CaseModel> Cases, EquatableArray<StatusGroupModel> Groups);

/// <summary>A documented scenario.</summary>
// Fixture: the sample's file name; FixturePath: its path below the fixture root (<area>/<endpoint>/<file>).
// Guaranteed: what every sample of the scenario has although the shared response type keeps it nullable.
public sealed record CaseModel(
    string Name,
    string Scenario,
    int StatusCode,
    string ResponseType,
    string? DiscriminatorMember,
    string? DiscriminatorValue,
    string Fixture,
    string FixturePath = "",
    EquatableArray<ScenarioPropertyModel> Guaranteed = default);

/// <summary>
/// A field every sample of one scenario has (not null), while another scenario of the same HTTP status
/// lacks it, so the shared response type must keep it nullable: the case exposes it as a property of
/// its own, not nullable.
/// </summary>
// CSharpName: the case's property. Access: the C# path below the response ("Data.Files", "Data.Result?.Files").
// JsonPath: the JSON path for messages ("data.files"). DeclaringType/PropertyName: the shared model property it reads.
public sealed record ScenarioPropertyModel(string CSharpName, TypeRef Type, string Access, string JsonPath, string DeclaringType, string PropertyName);

/// <summary>Samples sharing one HTTP status: one response type, told apart by a discriminator path if more than one.</summary>
public sealed record StatusGroupModel(int StatusCode, string ResponseType, string? DiscriminatorAccess, string? DiscriminatorJsonPath, string? DiscriminatorEnum, EquatableArray<string> CaseNames);
