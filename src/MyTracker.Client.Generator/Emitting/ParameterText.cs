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
        _ => "string",
    };

    /// <summary>The documentation: the manifest's description, how it is sent, documented values and range, and what null means.</summary>
    public static string Doc(ParameterModel parameter)
    {
        var text = parameter.Description is null ? string.Empty : Naming.XmlText(parameter.Description, 400) + " ";
        text += "Sent as the " + (parameter.InPath ? "path segment" : "query parameter") + " <c>" + Naming.XmlText(parameter.JsonName) + "</c>";
        text += parameter.Kind switch
        {
            ParameterKind.Boolean => " (1 or 0)",
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
}
