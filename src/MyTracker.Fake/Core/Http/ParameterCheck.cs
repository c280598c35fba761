using System.Globalization;
using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Http;

/// <summary>
/// A request's parameters against the endpoint's manifest: unknown, repeated, undecodable and missing
/// required ones are errors, and each value must fit its declared type, value list and range. A fake
/// that tolerates what the API would refuse hides client bugs.
/// </summary>
internal static class ParameterCheck
{
    /// <summary>The problem as the error detail says it (<c>Invalid parameter: name</c>), or null.</summary>
    public static string? Problem(QueryParameters query, Dictionary<string, string>? pathValues, EndpointFixtures endpoint)
    {
        if (query.Malformed)
        {
            return "Invalid parameter: the query string cannot be decoded";
        }

        // Indexed loops rather than LINQ or foreach over interfaces: this runs on every request,
        // and each lambda or boxed enumerator was an allocation.
        for (var i = 0; i < query.Items.Count; i++)
        {
            var (name, value) = query.Items[i];
            var spec = endpoint.Find(name);
            if (spec is null || spec.In != "query")
            {
                return $"Invalid parameter: {name}";
            }

            if (query.Count(name) > 1)
            {
                return $"Invalid parameter: {name} (repeated)";
            }

            if (!Fits(spec, value))
            {
                return $"Invalid parameter: {name}";
            }
        }

        for (var i = 0; i < endpoint.Parameters.Count; i++)
        {
            var parameter = endpoint.Parameters[i];
            if (parameter.In == "path")
            {
                if (pathValues?.GetValueOrDefault(parameter.Name) is { } value && !Fits(parameter, Uri.UnescapeDataString(value)))
                {
                    return $"Invalid parameter: {parameter.Name}";
                }
            }
            else if (parameter.Required && query.Count(parameter.Name) == 0)
            {
                return $"Invalid parameter: {parameter.Name}";
            }
        }

        return null;
    }

    private static bool Fits(ParameterSpec spec, string value) => spec.Type switch
    {
        "integer" => Answers.TryParseInteger(value, out var number) && InRange(spec, number),
        "number" => value.Length > 0 && value.AsSpan().IndexOfAny("eE \t") < 0
            && double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var real) && InRange(spec, real),
        "boolean" => value is "0" or "1",
        "enum" => Contains(spec.Values, value),
        "list" => value.Length == 0 || spec.Values.Count == 0 || AllListed(spec.Values, value),
        _ => true,
    };

    private static bool InRange(ParameterSpec spec, double value) =>
        (spec.Minimum is not { } min || value >= min) && (spec.Maximum is not { } max || value <= max);

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllListed(IReadOnlyList<string> values, string list)
    {
        foreach (var item in list.Split(','))
        {
            if (!Contains(values, item))
            {
                return false;
            }
        }

        return true;
    }
}
