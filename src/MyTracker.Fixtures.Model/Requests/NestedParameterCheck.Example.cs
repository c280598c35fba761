using System.Collections.Generic;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Requests;

/// <summary>A request that passes the check, for the fake's dashboard and the tool's banner.</summary>
public static partial class NestedParameterCheck
{
    /// <summary>
    /// The smallest request <see cref="Problem"/> lets through: every required member at its lowest
    /// documented value (a date at its minimum, else 2020-01-01; a number at its minimum, else 1), one
    /// item per required array, as decoded query parameters in bracket notation.
    /// </summary>
    /// <param name="spec">The object parameter.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Example(ParameterSpec spec)
    {
        var items = new List<KeyValuePair<string, string>>();
        AddExample(spec, spec.Name, items);
        return items;
    }

    private static void AddExample(ParameterSpec spec, string wire, List<KeyValuePair<string, string>> items)
    {
        switch (spec.Type)
        {
            case NestedParameters.ObjectType:
                foreach (var member in spec.Members)
                {
                    if (member.Required)
                    {
                        AddExample(member, wire + "[" + member.Name + "]", items);
                    }
                }

                break;
            case NestedParameters.ArrayType:
                AddExample(spec.Items!, spec.Items!.Type == NestedParameters.ObjectType ? wire + "[0]" : wire + "[]", items);
                break;
            case NestedParameters.DateType:
                items.Add(new KeyValuePair<string, string>(wire, spec.Minimum is { } min && min != NestedParameters.Today ? min : "2020-01-01"));
                break;
            case "integer" or "number":
                items.Add(new KeyValuePair<string, string>(wire, spec.Minimum ?? "1"));
                break;
            case "boolean":
                items.Add(new KeyValuePair<string, string>(wire, "1"));
                break;
            default:
                items.Add(new KeyValuePair<string, string>(wire, spec.Values.Count > 0 ? spec.Values[0].WireValue : "x"));
                break;
        }
    }
}
