using System.Globalization;
using MyTracker.Fake.Exports;
using MyTracker.Fake.Fixtures;
using MyTracker.Fixtures.Model.Requests;

namespace MyTracker.Fake.Http;

/// <summary>
/// A request's parameters against the endpoint's manifest: unknown, repeated, undecodable and missing
/// required ones are errors, and each value must fit its declared type, value list and range. A fake
/// that tolerates what the API would refuse hides client bugs.
/// </summary>
internal static class ParameterCheck
{
    /// <summary>The problem as the error detail says it (<c>Invalid parameter: name</c>), or null.</summary>
    public static string? Problem(QueryParameters query, Dictionary<string, string>? pathValues, EndpointFixtures endpoint, DateTimeOffset now)
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
            var bracket = name.IndexOf('[', StringComparison.Ordinal);
            if (bracket > 0 && endpoint.Find(name[..bracket]) is { Nested: not null })
            {
                continue; // a member of an object parameter: checked with its siblings below
            }

            if (name.EndsWith("[]", StringComparison.Ordinal))
            {
                // Array-style list items (idApp[]=1&idApp[]=454), where the manifest's "spelling" allows them.
                var listName = name[..^2];
                var list = endpoint.Find(listName);
                if (list is null || list.In != "query" || list.Type != "list" || !list.Spelling.AllowsArray() || query.Count(listName) > 0 || !Fits(list, value) || value.Length == 0)
                {
                    return $"Invalid parameter: {listName}";
                }

                continue;
            }

            var spec = endpoint.Find(name);
            if (spec is null || spec.In != "query" || (spec.Type == "list" && !spec.Spelling.AllowsComma()))
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
            if (parameter.Nested is { } nested)
            {
                if (NestedProblem(query, nested, now) is { } problem)
                {
                    return $"Invalid parameter: {problem}";
                }
            }
            else if (parameter.In == "path")
            {
                if (pathValues?.GetValueOrDefault(parameter.Name) is { } value && !Fits(parameter, Uri.UnescapeDataString(value)))
                {
                    return $"Invalid parameter: {parameter.Name}";
                }
            }
            else if (parameter.Required && query.Count(parameter.Name) == 0 && (parameter.Type != "list" || query.Count(parameter.Name + "[]") == 0))
            {
                return $"Invalid parameter: {parameter.Name}";
            }
        }

        return null;
    }

    /// <summary>The object parameter's bracketed items against its members, by the fixture model's one rule.</summary>
    private static string? NestedProblem(QueryParameters query, MyTracker.Fixtures.Model.ParameterSpec nested, DateTimeOffset now)
    {
        if (query.Count(nested.Name) > 0)
        {
            return nested.Name; // the object sent as one plain value
        }

        var items = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < query.Items.Count; i++)
        {
            var (name, value) = query.Items[i];
            if (NestedParameterCheck.BelongsTo(name, nested.Name))
            {
                items.Add(new KeyValuePair<string, string>(name, value));
            }
        }

        return NestedParameterCheck.Problem(nested, items, now.UtcDateTime);
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
