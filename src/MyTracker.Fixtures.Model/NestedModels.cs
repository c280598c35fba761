using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model;

// Nested request parameters (endpoint.json "type": "object" with "members", "type": "array" with
// "items"): the facts the generator emits request types and checks from, the fake validates requests
// against (NestedParameterCheck) and the OpenAPI writer describes. Equatable values only.

/// <summary>The words of endpoint.json's nested parameters, decided here once and read by everyone.</summary>
public static class NestedParameters
{
    /// <summary>The type of a parameter with named members.</summary>
    public const string ObjectType = "object";

    /// <summary>The type of a member that holds several values or objects.</summary>
    public const string ArrayType = "array";

    /// <summary>The type of a calendar date, written <c>YYYY-MM-DD</c>.</summary>
    public const string DateType = "date";

    /// <summary>A date limit meaning the current date (endpoint.json's <c>"maximum": "today"</c>).</summary>
    public const string Today = "today";

    /// <summary>Spelling of an array of values: one <c>name[]=value</c> per item (the default).</summary>
    public const string ArraySpelling = "array";

    /// <summary>Spelling of an array of values the API also takes comma-separated (<c>name=1,2</c>); the client sends <c>name[]</c>.</summary>
    public const string CommaOrArraySpelling = "comma-or-array";

    /// <summary>Spelling of an array of objects: one object without an index (<c>date[from]</c>), several indexed (<c>date[0][from]</c>). The default.</summary>
    public const string SingleOrIndexedSpelling = "single-or-indexed";

    /// <summary>Spelling of an array of objects that is always indexed (<c>date[0][from]</c>).</summary>
    public const string IndexedSpelling = "indexed";

    /// <summary>How deep members may nest below a parameter.</summary>
    public const int MaxDepth = 8;

    /// <summary>
    /// How many days after today (UTC) a date limited by <see cref="Today"/> may be. The documentation
    /// says "not more than the current date" without naming the time zone it counts in (the request has
    /// a <c>settings[tz]</c> of its own), and UTC's date is a day behind east of Greenwich: one day of
    /// slack keeps a valid "today" from being refused before it is sent. The generated checks and the
    /// fake both read this number.
    /// </summary>
    public const int TodaySlackDays = 1;

    /// <summary>Whether <paramref name="type"/> is one of a member's types.</summary>
    public static bool IsMemberType(string type) => type is "integer" or "number" or "string" or "boolean" or DateType or ObjectType or ArrayType;

    /// <summary>Whether <paramref name="type"/> is one of an array item's types.</summary>
    public static bool IsItemType(string type) => type is "integer" or "number" or "string" or DateType or ObjectType;
}

/// <summary>What a member of a generated request type holds (one value, or the items of an array).</summary>
public enum RequestValueKind
{
    /// <summary>long.</summary>
    Integer,
    /// <summary>double.</summary>
    Number,
    /// <summary>string.</summary>
    String,
    /// <summary>bool, sent as 1 or 0.</summary>
    Boolean,
    /// <summary>System.DateOnly, sent as YYYY-MM-DD.</summary>
    Date,
    /// <summary>Another generated request type.</summary>
    Object,
}

/// <summary>A generated request type: an object parameter or member, sent in bracket notation.</summary>
/// <param name="Name">The C# type name (<c>ReportFileCreateSettings</c>).</param>
/// <param name="Description">The manifest's description of the object (plain text; the emitter escapes it).</param>
/// <param name="WireName">How the API spells where it goes, items as <c>[n]</c> (<c>settings[filter][date][n]</c>).</param>
/// <param name="IsPositional">True when every member is a required single value: the type then has a constructor taking them in order.</param>
/// <param name="Members">Its members in manifest order.</param>
public sealed record RequestTypeModel(string Name, string? Description, string WireName, bool IsPositional, EquatableArray<RequestMemberModel> Members);

/// <summary>A member of a generated request type.</summary>
/// <param name="JsonName">The name in brackets on the wire (<c>from</c>).</param>
/// <param name="CSharpName">The property name (<c>From</c>).</param>
/// <param name="Kind">What it holds, or what its items are.</param>
/// <param name="IsArray">True for an array: <c>IReadOnlyList</c> of <paramref name="Kind"/>.</param>
/// <param name="TypeName">The request type of an object (or of an array's objects).</param>
/// <param name="Required">Whether the API requires it (within its parent).</param>
/// <param name="Description">The manifest's description.</param>
/// <param name="Default">The documented default, for the documentation.</param>
/// <param name="Minimum">The smallest value (a number, or a date YYYY-MM-DD).</param>
/// <param name="Maximum">The largest value (a number, a date, or <c>today</c>).</param>
/// <param name="NotAfter">The sibling member (its JSON name) this value may not be greater than.</param>
/// <param name="NotBefore">The sibling member (its JSON name) this value may not be less than.</param>
/// <param name="Spelling">How an array is written (<see cref="NestedParameters"/>'s spellings); empty for a single value.</param>
/// <param name="Values">Documented values of a string, for the documentation and the fake's check.</param>
public sealed record RequestMemberModel(
    string JsonName,
    string CSharpName,
    RequestValueKind Kind,
    bool IsArray,
    string? TypeName,
    bool Required,
    string? Description,
    string? Default,
    string? Minimum,
    string? Maximum,
    string? NotAfter,
    string? NotBefore,
    string Spelling,
    EquatableArray<string> Values);
