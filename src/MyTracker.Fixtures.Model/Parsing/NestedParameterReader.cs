using System;
using System.Collections.Generic;
using System.Globalization;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Parsing;

/// <summary>
/// Reads the nested part of a parameter of endpoint.json: the <c>members</c> of an <c>object</c>, the
/// <c>items</c> of an <c>array</c>, and their constraints. Every problem is reported at its value
/// (MTG0003) with the member's bracketed name as the API spells it (<c>settings[filter][date][from]</c>).
/// </summary>
internal static class NestedParameterReader
{
    /// <summary>The members of an object parameter or member; null after reporting a problem.</summary>
    public static EquatableArray<ParameterSpec>? ReadMembers(JsonNode item, string wireName, int depth, Action<TextPosition, string> fail)
    {
        var membersNode = item["members"];
        if (membersNode is null || membersNode.Kind != JsonKind.Array || membersNode.Items.Count == 0)
        {
            fail(membersNode?.Position ?? item.Position, "object '" + wireName + "' needs 'members': a non-empty array of members, each with a 'name' and a 'type'");
            return null;
        }

        if (depth > NestedParameters.MaxDepth)
        {
            fail(membersNode.Position, "'" + wireName + "' nests deeper than " + NestedParameters.MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
            return null;
        }

        var members = new List<ParameterSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var memberNode in membersNode.Items)
        {
            var member = ReadMember(memberNode, wireName, depth, fail);
            if (member is null)
            {
                return null;
            }

            if (!names.Add(member.Name))
            {
                fail(memberNode.Position, "'" + wireName + "[" + member.Name + "]' is listed twice");
                return null;
            }

            members.Add(member);
        }

        // A range names a sibling of the same kind: checked once all siblings are known.
        foreach (var memberNode in membersNode.Items)
        {
            var name = memberNode["name"]!.Text!;
            var member = members.Find(m => m.Name == name)!;
            foreach (var (key, other) in new[] { ("notAfter", member.NotAfter), ("notBefore", member.NotBefore) })
            {
                if (other is null)
                {
                    continue;
                }

                var sibling = members.Find(m => m.Name == other);
                if (sibling is null || sibling.Name == member.Name || sibling.Type != member.Type || !IsOrdered(member.Type))
                {
                    fail(memberNode[key]!.Position, "'" + key + "' of '" + wireName + "[" + name + "]' must name another member of '" + wireName + "' of the same type (a date, an integer or a number)" + Known(members));
                    return null;
                }
            }
        }

        return members.ToEquatableArray();
    }

    private static ParameterSpec? ReadMember(JsonNode node, string parent, int depth, Action<TextPosition, string> fail)
    {
        if (node.Kind != JsonKind.Object)
        {
            fail(node.Position, "each member of '" + parent + "' must be an object with a 'name' and a 'type'");
            return null;
        }

        var name = node["name"];
        if (name is null || name.Kind != JsonKind.String || name.Text!.Length == 0 || name.Text.IndexOfAny(new[] { '[', ']', '&', '=' }) >= 0)
        {
            fail(name?.Position ?? node.Position, "a member of '" + parent + "' needs a non-empty string 'name' without '[', ']', '&' or '='");
            return null;
        }

        var wireName = parent + "[" + name.Text + "]";
        if (node["in"] is { } location)
        {
            fail(location.Position, "'in' is for parameters; member '" + wireName + "' goes where its parameter goes");
            return null;
        }

        return ReadValue(node, wireName, name.Text, depth, isItem: false, fail);
    }

    /// <summary>Reads a member (named) or an array's items (no name): type, documentation and constraints.</summary>
    private static ParameterSpec? ReadValue(JsonNode node, string wireName, string name, int depth, bool isItem, Action<TextPosition, string> fail)
    {
        var type = node["type"];
        var allowed = isItem ? "integer, number, string, date, object" : "integer, number, string, boolean, date, object, array";
        if (type is null || type.Kind != JsonKind.String || !(isItem ? NestedParameters.IsItemType(type.Text!) : NestedParameters.IsMemberType(type.Text!)))
        {
            var hint = type?.Text is "list" or "enum" ? " (a list of values is an array with 'items'; documented values go in 'values')" : string.Empty;
            fail(type?.Position ?? node.Position, "'type' of '" + wireName + "' must be one of " + allowed + hint);
            return null;
        }

        var required = node["required"];
        if (required is not null && required.Kind != JsonKind.True && required.Kind != JsonKind.False)
        {
            fail(required.Position, "'required' of '" + wireName + "' must be true or false");
            return null;
        }

        if (isItem && (node["name"] ?? node["required"]) is { } stray)
        {
            fail(stray.Position, "the items of '" + wireName + "' have no 'name' or 'required' of their own: they are the array's values");
            return null;
        }

        var description = node["description"];
        if (description is not null && description.Kind != JsonKind.String)
        {
            fail(description.Position, "'description' of '" + wireName + "' must be a string");
            return null;
        }

        var values = new List<EnumValueSpec>();
        if (node["values"] is { } valuesNode)
        {
            if (type.Text != "string" || valuesNode.Kind != JsonKind.Array)
            {
                fail(valuesNode.Position, "'values' of '" + wireName + "' must be an array of strings, and only a string has them");
                return null;
            }

            foreach (var value in valuesNode.Items)
            {
                if (value.Kind != JsonKind.String)
                {
                    fail(value.Position, "'values' of '" + wireName + "' must hold strings");
                    return null;
                }

                values.Add(new EnumValueSpec(value.Text!, value.Text!));
            }
        }

        var minimum = ReadLimit(node, "minimum", type.Text!, wireName, fail, out var minimumOk);
        var maximum = ReadLimit(node, "maximum", type.Text!, wireName, fail, out var maximumOk);
        if (!minimumOk || !maximumOk)
        {
            return null;
        }

        var notAfter = ReadSibling(node, "notAfter", wireName, isItem, fail, out var afterOk);
        var notBefore = ReadSibling(node, "notBefore", wireName, isItem, fail, out var beforeOk);
        if (!afterOk || !beforeOk)
        {
            return null;
        }

        var members = EquatableArray<ParameterSpec>.Empty;
        ParameterSpec? items = null;
        var spelling = string.Empty;
        if (type.Text == NestedParameters.ObjectType)
        {
            var read = ReadMembers(node, wireName, depth + 1, fail);
            if (read is null)
            {
                return null;
            }

            members = read.Value;
        }
        else if (node["members"] is { } strayMembers)
        {
            fail(strayMembers.Position, "only an object has 'members'; '" + wireName + "' is " + type.Text);
            return null;
        }

        if (type.Text == NestedParameters.ArrayType)
        {
            var itemsNode = node["items"];
            if (itemsNode is null || itemsNode.Kind != JsonKind.Object)
            {
                fail(itemsNode?.Position ?? node.Position, "array '" + wireName + "' needs 'items': an object with the 'type' of its values (integer, number, string, date or object)");
                return null;
            }

            items = ReadValue(itemsNode, wireName + "[n]", name, depth + 1, isItem: true, fail);
            if (items is null)
            {
                return null;
            }

            var objects = items.Type == NestedParameters.ObjectType;
            spelling = objects ? NestedParameters.SingleOrIndexedSpelling : NestedParameters.ArraySpelling;
            if (node["spelling"] is { } spellingNode)
            {
                var ok = spellingNode.Kind == JsonKind.String && (objects
                    ? spellingNode.Text is NestedParameters.SingleOrIndexedSpelling or NestedParameters.IndexedSpelling
                    : spellingNode.Text is NestedParameters.ArraySpelling or NestedParameters.CommaOrArraySpelling);
                if (!ok)
                {
                    fail(spellingNode.Position, "'spelling' of '" + wireName + "' must be " + (objects ? "\"single-or-indexed\" or \"indexed\" (an array of objects)" : "\"array\" or \"comma-or-array\" (an array of values)"));
                    return null;
                }

                spelling = spellingNode.Text!;
            }
        }
        else if (node["items"] is { } strayItems)
        {
            fail(strayItems.Position, "only an array has 'items'; '" + wireName + "' is " + type.Text);
            return null;
        }
        else if (node["spelling"] is { } straySpelling)
        {
            fail(straySpelling.Position, "only an array has a 'spelling' here; '" + wireName + "' is " + type.Text);
            return null;
        }

        return new ParameterSpec(
            name,
            "query",
            type.Text!,
            required?.Kind == JsonKind.True,
            description?.Text,
            Scalar(node["default"]),
            minimum,
            maximum,
            values.ToEquatableArray(),
            spelling,
            members,
            items,
            notAfter,
            notBefore);
    }

    private static string? ReadLimit(JsonNode node, string key, string type, string wireName, Action<TextPosition, string> fail, out bool ok)
    {
        ok = true;
        var limit = node[key];
        if (limit is null)
        {
            return null;
        }

        if (type == NestedParameters.DateType)
        {
            if (limit.Kind == JsonKind.String && (limit.Text == NestedParameters.Today || IsDate(limit.Text!)))
            {
                return limit.Text;
            }

            fail(limit.Position, "'" + key + "' of date '" + wireName + "' must be a date YYYY-MM-DD or \"today\"");
        }
        else if (type is "integer" or "number")
        {
            if (limit.Kind == JsonKind.Number || (limit.Kind == JsonKind.String && double.TryParse(limit.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                return limit.Text;
            }

            fail(limit.Position, "'" + key + "' of '" + wireName + "' must be a number");
        }
        else
        {
            fail(limit.Position, "only a date, an integer or a number has a '" + key + "'; '" + wireName + "' is " + type);
        }

        ok = false;
        return null;
    }

    private static string? ReadSibling(JsonNode node, string key, string wireName, bool isItem, Action<TextPosition, string> fail, out bool ok)
    {
        ok = true;
        var sibling = node[key];
        if (sibling is null)
        {
            return null;
        }

        if (isItem || sibling.Kind != JsonKind.String || sibling.Text!.Length == 0)
        {
            fail(sibling.Position, "'" + key + "' of '" + wireName + "' must be the name of another member beside it");
            ok = false;
            return null;
        }

        return sibling.Text;
    }

    /// <summary>Whether <paramref name="text"/> is a calendar date written YYYY-MM-DD.</summary>
    public static bool IsDate(string text)
        => text.Length == 10 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsOrdered(string type) => type is NestedParameters.DateType or "integer" or "number";

    private static string Known(List<ParameterSpec> members)
    {
        var names = new List<string>();
        foreach (var member in members)
        {
            names.Add(member.Name);
        }

        return "; its members: " + string.Join(", ", names);
    }

    private static string? Scalar(JsonNode? node) => node?.Kind switch
    {
        JsonKind.String or JsonKind.Number => node.Text,
        JsonKind.True => "true",
        JsonKind.False => "false",
        _ => null,
    };
}
