using System.Linq;
using MyTracker.Client.Generator.Helpers;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;

namespace MyTracker.Client.Generator.Emitting;

/// <summary>
/// How a parameter of endpoint.json reads in C#, the same in a client method's signature and in an
/// export family's request record: its type and its documentation.
/// </summary>
internal static class ParameterText
{
    /// <summary>The C# type, without the <c>?</c> of an optional parameter.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <param name="listType">The type of a list of values (a method takes any sequence, a record keeps a list).</param>
    public static string TypeOf(ParameterModel parameter, string listType) => parameter.Kind switch
    {
        ParameterKind.Integer => "long",
        ParameterKind.Number => "double",
        ParameterKind.Boolean => "bool",
        ParameterKind.Enum => parameter.EnumTypeName!,
        ParameterKind.List => listType,
        ParameterKind.Object => parameter.ObjectTypeName!,
        _ => "string",
    };

    /// <summary>The documentation: the manifest's description, how it is sent, documented values and range, and what null means.</summary>
    public static string Doc(ParameterModel parameter)
    {
        var text = parameter.Description is null ? string.Empty : Naming.XmlText(parameter.Description, 400) + " ";
        text += parameter.Kind == ParameterKind.Object
            ? "Sent in bracket notation as the query parameters <c>" + Naming.XmlText(parameter.JsonName) + "[...]</c> (see <see cref=\"" + parameter.ObjectTypeName + "\"/>)"
            : "Sent as the " + (parameter.InPath ? "path segment" : "query parameter") + " <c>" + Naming.XmlText(parameter.JsonName) + "</c>";
        text += parameter.Kind switch
        {
            ParameterKind.Boolean => " (1 or 0)",
            ParameterKind.List when parameter.Spelling == "array" => ", array-style (one <c>" + Naming.XmlText(parameter.JsonName) + "[]</c> per item)",
            ParameterKind.List when parameter.Spelling == "comma-or-array" => ", items joined with ',' (the API takes the array-style <c>" + Naming.XmlText(parameter.JsonName) + "[]</c> too)",
            ParameterKind.List => ", items joined with ','",
            _ => string.Empty,
        };
        if (parameter.Kind == ParameterKind.List && parameter.Values.Count > 0)
        {
            text += "; documented values: " + string.Join(", ", parameter.Values.Select(v => "<c>" + Naming.XmlText(v.WireValue) + "</c>"));
        }

        if (parameter.Range is not null)
        {
            text += "; documented range " + Naming.XmlText(parameter.Range);
        }

        if (!parameter.Required)
        {
            text += "; null leaves it out" + (parameter.Default is null ? string.Empty : " (the API then uses " + Naming.XmlText(parameter.Default) + ")");
        }

        return text + ".";
    }

    /// <summary>
    /// Guards for the documented ranges of integer and number parameters (endpoint.json's <c>minimum</c> and
    /// <c>maximum</c>): a value outside is refused before anything is sent, as the API would refuse it.
    /// </summary>
    private static string RangeText(ParameterModel parameter) => (parameter.Minimum, parameter.Maximum) switch
    {
        ({ } min, { } max) => min + ".." + max,
        ({ } min, null) => "at least " + min,
        (null, { } max) => "at most " + max,
        _ => "unbounded",
    };

    public static void EmitRangeChecks(SourceWriter w, EquatableArray<ParameterModel> parameters)
    {
        static bool IsNumber(string? text) => text is not null && System.Text.RegularExpressions.Regex.IsMatch(text, @"^-?[0-9]{1,18}(\.[0-9]+)?$");
        foreach (var parameter in parameters.Where(p => p.Kind is ParameterKind.Integer or ParameterKind.Number && (IsNumber(p.Minimum) || IsNumber(p.Maximum))))
        {
            var value = parameter.Required ? parameter.CSharpName : parameter.CSharpName + " is { } checked" + Naming.ToPascalCase(parameter.JsonName, "Value");
            var name = parameter.Required ? parameter.CSharpName : "checked" + Naming.ToPascalCase(parameter.JsonName, "Value");
            var conditions = new System.Collections.Generic.List<string>();
            if (IsNumber(parameter.Minimum) && parameter.Minimum is { } min)
            {
                conditions.Add(name + " < " + min);
            }

            if (IsNumber(parameter.Maximum) && parameter.Maximum is { } max)
            {
                conditions.Add(name + " > " + max);
            }

            var test = parameter.Required ? string.Join(" || ", conditions) : value + " && (" + string.Join(" || ", conditions) + ")";
            w.OpenBlock("if (" + test + ")");
            w.WriteLine("throw new global::System.ArgumentOutOfRangeException(nameof(" + parameter.CSharpName + "), " + parameter.CSharpName + ", " + Naming.Literal("The documented range of " + parameter.JsonName + " is " + RangeText(parameter) + ".") + ");");
            w.CloseBlock();
            w.WriteLine();
        }
    }
}
