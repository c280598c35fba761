using System;
using System.Collections.Generic;
using System.Linq;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>
/// The C# names pass: what every generated type and member is called, and the one table of names a
/// generated member may not take. Inference and export recognition ask here; nothing else chooses a
/// name or keeps a list of reserved ones.
/// </summary>
public static class CSharpNames
{
    /// <summary>Whether a name is a C# keyword: a parameter named like one is escaped with '@'; a namespace part may not be one.</summary>
    public static bool IsKeyword(string name) => Keywords.Contains(name);

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    // What each kind of generated type already has, so a member named after a JSON field must not be
    // called so (it would hide or clash: CS0108 and CS0102 are errors under TreatWarningsAsErrors).
    private static readonly string[] ObjectMembers = { "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals" };
    private static readonly string[] RecordMembers = { "EqualityContract", "PrintMembers", "Deconstruct" };
    private static readonly string[] ModelClassMembers = { "FromJson", "ToJson", "WriteTo", "ReadFrom" };
    private static readonly string[] ResultMembers = { "Unknown", "FromResponse" };
    private static readonly string[] CaseMembers = { "Response" };

    /// <summary>The kinds of generated type whose members are named after fixture names.</summary>
    public enum Owner
    {
        /// <summary>A model class (properties named after JSON fields).</summary>
        ModelClass,

        /// <summary>A result record (nested cases named after scenarios).</summary>
        Result,

        /// <summary>A case record (properties a scenario promises).</summary>
        Case,

        /// <summary>An export family's request record (properties named after parameters).</summary>
        Request,
    }

    /// <summary>The names a member of <paramref name="owner"/> may not take, as a new set to add taken names to.</summary>
    public static HashSet<string> Reserved(Owner owner) => new(owner switch
    {
        Owner.ModelClass => ModelClassMembers.Concat(ObjectMembers),
        Owner.Result => ResultMembers.Concat(RecordMembers).Concat(ObjectMembers),
        Owner.Case => CaseMembers.Concat(ResultMembers).Concat(RecordMembers).Concat(ObjectMembers),
        _ => RecordMembers.Concat(ObjectMembers),
    }, StringComparer.Ordinal);

    /// <summary>The area client: <c>segment-export</c> -> <c>SegmentExportClient</c>.</summary>
    public static string Client(string area) => Area(area) + "Client";

    /// <summary>The type prefix of an endpoint: <c>segment-export/get</c> -> <c>SegmentExportGet</c>.</summary>
    public static string Prefix(string area, string endpoint) => Area(area) + Naming.ToPascalCase(endpoint, "Endpoint").TrimStart('_');

    /// <summary>The client method of an endpoint: <c>get</c> -> <c>GetAsync</c>, <c>2fa</c> -> <c>Call_2faAsync</c>.</summary>
    public static string Method(string endpoint)
    {
        var name = Naming.ToPascalCase(endpoint, "Endpoint");
        return (name[0] == '_' ? "Call" + name : name) + "Async";
    }

    /// <summary>An endpoint's result type: <c>SegmentExportGetResult</c>.</summary>
    public static string Result(string prefix) => prefix + "Result";

    /// <summary>
    /// The response type of one HTTP status: the first 2xx is <c>&lt;Prefix&gt;Response</c>, a status with
    /// one case is named after it (<c>&lt;Prefix&gt;NotFoundResponse</c>), others after the status
    /// (<c>&lt;Prefix&gt;Status400Response</c>). Made unique by the caller.
    /// </summary>
    public static string Response(string prefix, int statusCode, bool firstSuccess, string? onlyCase) =>
        firstSuccess ? prefix + "Response"
        : onlyCase is not null ? prefix + onlyCase + "Response"
        : prefix + "Status" + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + "Response";

    /// <summary>The export operations beside an area client: <c>RawExportClient</c> -> <c>RawExportOperations</c>.</summary>
    public static string Operations(string clientName) => clientName.Substring(0, clientName.Length - "Client".Length) + "Operations";

    /// <summary>A request record's property for a parameter: <c>idSegment</c> -> <c>IdSegment</c>, <c>toString</c> -> <c>ToStringValue</c>.</summary>
    public static string RequestProperty(string parameterName)
    {
        var name = Naming.ToPascalCase(parameterName, "Value");
        return Reserved(Owner.Request).Contains(name) ? name + "Value" : name;
    }

    private static string Area(string area)
    {
        var name = Naming.ToPascalCase(area, "Area");
        return name[0] == '_' ? "Area" + name : name;
    }
}
