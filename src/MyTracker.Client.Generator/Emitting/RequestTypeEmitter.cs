using System.Globalization;
using System.Linq;
using MyTracker.Client.Generator.Helpers;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;

namespace MyTracker.Client.Generator.Emitting;

/// <summary>
/// The request types of an endpoint's object parameters, <c>&lt;Prefix&gt;.RequestTypes.g.cs</c>: one
/// record per object, with an <c>AppendTo</c> that checks the documented constraints and writes the
/// members in the API's bracket notation (<c>settings[filter][date][from]</c>, arrays as <c>[]</c>,
/// several objects indexed). Names and values are escaped by <c>QueryBuilder</c>, so the URL that is
/// signed is the URL that is sent.
/// </summary>
internal static class RequestTypeEmitter
{
    private const string Query = "global::MyTracker.Client.Json.QueryBuilder";
    private const string List = "global::System.Collections.Generic.IReadOnlyList";
    private const string Date = "global::System.DateOnly";
    private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

    /// <summary>The name of the argument every <c>AppendTo</c> takes: the latest date "the current date" can be.</summary>
    public const string LatestDate = "latestCurrentDate";

    /// <summary>The statement a client method declares <see cref="LatestDate"/> with, from the model's slack.</summary>
    public static string LatestDateDeclaration =>
        "var " + LatestDate + " = " + Date + ".FromDateTime(global::System.DateTime.UtcNow).AddDays(" + NestedParameters.TodaySlackDays.ToString(CultureInfo.InvariantCulture) + ");";

    public static string Emit(EndpointModel model)
    {
        var w = new SourceWriter();
        w.WriteLine(Emitter.Header(model.FixtureFolder + "/endpoint.json").TrimEnd('\n'));
        w.WriteLine();
        w.WriteLine("namespace " + model.Namespace + ";");
        foreach (var type in model.RequestTypes)
        {
            w.WriteLine();
            EmitType(w, model, type);
        }

        return w.ToString();
    }

    private static void EmitType(SourceWriter w, EndpointModel model, RequestTypeModel type)
    {
        w.WriteLine("/// <summary>" + (type.Description is null ? string.Empty : Naming.XmlText(type.Description, 400) + " ") + "Sent as <c>" + Naming.XmlText(type.WireName) + "[...]</c> (" + model.FixtureFolder + ").</summary>");
        w.WriteLine("/// <remarks>The documented constraints are checked before anything is sent; a value that breaks one throws an <see cref=\"global::System.ArgumentException\"/> whose <c>ParamName</c> is the parameter as the API spells it.</remarks>");
        if (type.IsPositional)
        {
            foreach (var member in type.Members)
            {
                w.WriteLine("/// <param name=\"" + member.CSharpName + "\">" + MemberDoc(type, member) + "</param>");
            }

            var parameters = type.Members.Select(m => TypeOf(m) + " " + m.CSharpName);
            w.OpenBlock("public sealed partial record " + type.Name + "(" + string.Join(", ", parameters) + ")");
        }
        else
        {
            w.OpenBlock("public sealed partial record " + type.Name);
            foreach (var member in type.Members)
            {
                w.WriteLine("/// <summary>" + MemberDoc(type, member) + "</summary>");
                var declared = member.Required ? "required " + TypeOf(member) : TypeOf(member) + "?";
                w.WriteLine("public " + declared + " " + member.CSharpName + " { get; init; }");
                w.WriteLine();
            }
        }

        EmitAppendTo(w, type);
        w.CloseBlock();
    }

    private static string TypeOf(RequestMemberModel member)
    {
        var single = member.Kind switch
        {
            RequestValueKind.Integer => "long",
            RequestValueKind.Number => "double",
            RequestValueKind.Boolean => "bool",
            RequestValueKind.Date => Date,
            RequestValueKind.Object => member.TypeName!,
            _ => "string",
        };
        return member.IsArray ? List + "<" + single + ">" : single;
    }

    private static string MemberDoc(RequestTypeModel type, RequestMemberModel member)
    {
        var wire = WireOf(type, member);
        var text = member.Description is null ? string.Empty : Naming.XmlText(member.Description, 400) + " ";
        text += "Sent as <c>" + Naming.XmlText(wire) + "</c>";
        text += member switch
        {
            { IsArray: true, Kind: RequestValueKind.Object } when member.Spelling == NestedParameters.IndexedSpelling => ", each item indexed (<c>" + Naming.XmlText(wire) + "[0][...]</c>)",
            { IsArray: true, Kind: RequestValueKind.Object } => ", one item as <c>" + Naming.XmlText(wire) + "[...]</c>, several indexed (<c>" + Naming.XmlText(wire) + "[0][...]</c>)",
            { IsArray: true } => ", one <c>" + Naming.XmlText(wire) + "[]</c> per item",
            { Kind: RequestValueKind.Boolean } => " (1 or 0)",
            { Kind: RequestValueKind.Date } => " (YYYY-MM-DD)",
            _ => string.Empty,
        };
        if (member.Values.Count > 0)
        {
            text += "; documented values: " + string.Join(", ", member.Values.Select(v => "<c>" + Naming.XmlText(v) + "</c>"));
        }

        var limits = Limits(member);
        if (limits.Length > 0)
        {
            text += "; " + limits;
        }

        if (member.Required)
        {
            text += member.IsArray ? "; required, with at least one item" : "; required";
        }
        else
        {
            text += "; null leaves it out" + (member.Default is null ? string.Empty : " (the API then uses " + Naming.XmlText(member.Default) + ")");
        }

        return text + ".";
    }

    private static string Limits(RequestMemberModel member)
    {
        var parts = new System.Collections.Generic.List<string>();
        if (member.Minimum is { } min)
        {
            parts.Add("not before " + Naming.XmlText(min));
        }

        if (member.Maximum is { } max)
        {
            parts.Add("not after " + (max == NestedParameters.Today ? "the current date" : Naming.XmlText(max)));
        }

        if (member.NotAfter is { } after)
        {
            parts.Add("not after <c>" + Naming.XmlText(after) + "</c>");
        }

        if (member.NotBefore is { } before)
        {
            parts.Add("not before <c>" + Naming.XmlText(before) + "</c>");
        }

        if (member.Kind is RequestValueKind.Integer or RequestValueKind.Number)
        {
            parts = parts.Select(p => p.Replace("not before", "at least").Replace("not after", "at most")).ToList();
        }

        return string.Join(", ", parts);
    }

    private static string WireOf(RequestTypeModel type, RequestMemberModel member) => type.WireName + "[" + member.JsonName + "]";

    private static void EmitAppendTo(SourceWriter w, RequestTypeModel type)
    {
        w.WriteLine("/// <summary>Checks the documented constraints, then appends the members in bracket notation.</summary>");
        w.WriteLine("/// <param name=\"query\">The query being built.</param>");
        w.WriteLine("/// <param name=\"name\">Where this object goes, as the API spells it (<c>" + Naming.XmlText(type.WireName.Replace("[n]", "[0]")) + "</c>).</param>");
        w.WriteLine("/// <param name=\"" + LatestDate + "\">The latest date the documentation's \"current date\" can be.</param>");
        w.OpenBlock("internal void AppendTo(" + Query + " query, string name, " + Date + " " + LatestDate + ")");
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(query);");
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(name);");
        foreach (var member in type.Members)
        {
            w.WriteLine();
            EmitMember(w, type, member);
        }

        w.CloseBlock();
    }

    private static void EmitMember(SourceWriter w, RequestTypeModel type, RequestMemberModel member)
    {
        var key = "name + " + Naming.Literal("[" + member.JsonName + "]");
        var local = "member" + member.CSharpName;
        if (member.Required && (member.IsArray || member.Kind is RequestValueKind.String or RequestValueKind.Object))
        {
            w.WriteLine("var " + local + " = " + member.CSharpName + " ?? throw new global::System.ArgumentNullException(" + key + ", " + key + " + \" is required.\");");
        }
        else if (member.Required)
        {
            w.WriteLine("var " + local + " = " + member.CSharpName + ";");
        }
        else
        {
            w.OpenBlock("if (" + member.CSharpName + " is { } " + local + ")");
        }

        if (member.IsArray)
        {
            EmitArray(w, type, member, local, key);
        }
        else
        {
            EmitChecks(w, type, member, local, key);
            EmitAdd(w, member, local, key);
        }

        if (!member.Required)
        {
            w.CloseBlock();
        }
    }

    private static void EmitArray(SourceWriter w, RequestTypeModel type, RequestMemberModel member, string local, string key)
    {
        if (member.Required)
        {
            w.OpenBlock("if (" + local + ".Count == 0)");
            w.WriteLine("throw new global::System.ArgumentException(" + key + " + \" is required: give at least one item.\", " + key + ");");
            w.CloseBlock();
            w.WriteLine();
        }

        w.OpenBlock("for (var i = 0; i < " + local + ".Count; i++)");
        var itemKey = member.Kind == RequestValueKind.Object
            ? (member.Spelling == NestedParameters.IndexedSpelling
                ? key + " + \"[\" + i.ToString(" + Invariant + ") + \"]\""
                : "(" + local + ".Count == 1 ? " + key + " : " + key + " + \"[\" + i.ToString(" + Invariant + ") + \"]\")")
            : key + " + \"[]\"";
        if (member.Kind is RequestValueKind.String or RequestValueKind.Object)
        {
            w.WriteLine("var item = " + local + "[i] ?? throw new global::System.ArgumentNullException(" + key + ", " + key + " + \" has a null item at \" + i.ToString(" + Invariant + ") + \".\");");
        }
        else
        {
            w.WriteLine("var item = " + local + "[i];");
        }

        var single = member with { IsArray = false, Required = true };
        EmitChecks(w, type, single with { NotAfter = null, NotBefore = null }, "item", itemKey);
        EmitAdd(w, single, "item", itemKey);
        w.CloseBlock();
    }

    private static void EmitChecks(SourceWriter w, RequestTypeModel type, RequestMemberModel member, string value, string key)
    {
        if (member.Kind == RequestValueKind.Date)
        {
            if (member.Minimum is { } min && min != NestedParameters.Today)
            {
                Check(w, value + " < " + DateLiteral(min), key, value, "\" is \" + " + DateText(value) + " + \": the documentation says not before " + min + ".\"");
            }

            if (member.Maximum is { } max)
            {
                var limit = max == NestedParameters.Today ? LatestDate : DateLiteral(max);
                var words = max == NestedParameters.Today ? "the current date" : max;
                Check(w, value + " > " + limit, key, value, "\" is \" + " + DateText(value) + " + \": the documentation says not after " + words + ".\"");
            }
        }
        else if (member.Kind is RequestValueKind.Integer or RequestValueKind.Number)
        {
            if (IsNumber(member.Minimum))
            {
                Check(w, value + " < " + member.Minimum, key, value, "\" is \" + " + value + ".ToString(" + Invariant + ") + \": the documented minimum is " + member.Minimum + ".\"");
            }

            if (IsNumber(member.Maximum))
            {
                Check(w, value + " > " + member.Maximum, key, value, "\" is \" + " + value + ".ToString(" + Invariant + ") + \": the documented maximum is " + member.Maximum + ".\"");
            }
        }

        else if (member.Kind == RequestValueKind.String && member.Values.Count > 0)
        {
            // Documented values: the fake refuses others with the documented 400, so the client does too.
            var listed = string.Join(" or ", member.Values.Select(Naming.Literal));
            Check(w, value + " is not (" + listed + ")", key, value, "\" is '\" + " + value + " + \"': the documented values are \" + " + Naming.Literal(string.Join(", ", member.Values) + "."));
        }

        foreach (var (sibling, op, words) in new[] { (member.NotAfter, " > ", "after"), (member.NotBefore, " < ", "before") })
        {
            if (sibling is null || type.Members.FirstOrDefault(m => m.JsonName == sibling) is not { } other)
            {
                continue;
            }

            var otherValue = other.Required ? other.CSharpName : other.CSharpName + " is { } other" + other.CSharpName + " && ";
            var test = other.Required ? value + op + other.CSharpName : otherValue + value + op + "other" + other.CSharpName;
            var otherKey = "name + " + Naming.Literal("[" + other.JsonName + "]");
            w.OpenBlock("if (" + test + ")");
            w.WriteLine("throw new global::System.ArgumentException(" + key + " + \" may not be " + words + " \" + " + otherKey + " + \".\", " + key + ");");
            w.CloseBlock();
            w.WriteLine();
        }
    }

    private static void Check(SourceWriter w, string test, string key, string value, string message)
    {
        w.OpenBlock("if (" + test + ")");
        w.WriteLine("throw new global::System.ArgumentOutOfRangeException(" + key + ", " + value + ", " + key + " + " + message + ");");
        w.CloseBlock();
        w.WriteLine();
    }

    private static void EmitAdd(SourceWriter w, RequestMemberModel member, string value, string key)
    {
        switch (member.Kind)
        {
            case RequestValueKind.Object:
                w.WriteLine(value + ".AppendTo(query, " + key + ", " + LatestDate + ");");
                break;
            case RequestValueKind.Date:
                w.WriteLine("query.Add(" + key + ", " + DateText(value) + ");");
                break;
            default:
                w.WriteLine("query.Add(" + key + ", " + value + ");");
                break;
        }
    }

    private static string DateText(string value) => value + ".ToString(\"yyyy-MM-dd\", " + Invariant + ")";

    private static string DateLiteral(string date)
    {
        var parts = date.Split('-');
        return "new " + Date + "(" + int.Parse(parts[0], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ", " + int.Parse(parts[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ", " + int.Parse(parts[2], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ")";
    }

    private static bool IsNumber(string? text) => text is not null && System.Text.RegularExpressions.Regex.IsMatch(text, @"^-?[0-9]{1,18}(\.[0-9]+)?$");
}
