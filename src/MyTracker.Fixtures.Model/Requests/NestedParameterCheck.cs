using System;
using System.Collections.Generic;
using System.Globalization;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Model.Requests;

/// <summary>
/// Checks the bracketed query parameters of one object parameter (<c>settings[filter][date][from]=...</c>)
/// against its documented members, the way the generated client checks them before sending: unknown
/// members, missing required ones, values of the wrong type, dates outside their limits and ranges
/// whose <c>from</c> comes after their <c>to</c>. The fake answers the documented 400 naming the
/// parameter it returns, as the API spells it.
/// </summary>
public static class NestedParameterCheck
{
    /// <summary>Whether a query parameter name belongs to the object parameter <paramref name="parameter"/>.</summary>
    /// <param name="name">The decoded query parameter name.</param>
    /// <param name="parameter">The object parameter's name.</param>
    public static bool BelongsTo(string name, string parameter)
        => name.Length > parameter.Length && name[parameter.Length] == '[' && name.StartsWith(parameter, StringComparison.Ordinal);

    /// <summary>
    /// The first parameter the API would refuse, as it spells it (<c>settings[filter][date][0][from]</c>),
    /// or null when the items fit. <paramref name="items"/> are the decoded name and value of every query
    /// parameter that <see cref="BelongsTo"/> <paramref name="spec"/>.
    /// </summary>
    /// <param name="spec">The object parameter.</param>
    /// <param name="items">Its query parameters, in the order sent.</param>
    /// <param name="today">The current date (UTC) on the checker's clock.</param>
    public static string? Problem(ParameterSpec spec, IReadOnlyList<KeyValuePair<string, string>> items, DateTime today)
    {
        if (items.Count == 0)
        {
            return spec.Required ? FirstRequired(spec, spec.Name) : null;
        }

        var root = new Node();
        foreach (var item in items)
        {
            if (!Insert(root, spec.Name, item.Key, item.Value))
            {
                return item.Key;
            }
        }

        return Check(spec, root, spec.Name, today.Date.AddDays(NestedParameters.TodaySlackDays));
    }

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

    /// <summary>The first required value below <paramref name="spec"/>: what a request that leaves it all out is missing.</summary>
    private static string FirstRequired(ParameterSpec spec, string wire)
    {
        var value = spec.Type == NestedParameters.ArrayType ? spec.Items! : spec;
        if (value.Type != NestedParameters.ObjectType)
        {
            return wire;
        }

        if (spec.Type == NestedParameters.ArrayType && spec.Spelling == NestedParameters.IndexedSpelling)
        {
            wire += "[0]";
        }

        foreach (var member in value.Members)
        {
            if (member.Required)
            {
                return FirstRequired(member, wire + "[" + member.Name + "]");
            }
        }

        return wire;
    }

    private sealed class Node
    {
        public string? Value;
        public List<string>? Appended;
        public List<KeyValuePair<string, Node>>? Children;

        public Node? Child(string key)
        {
            if (Children is null)
            {
                return null;
            }

            foreach (var child in Children)
            {
                if (child.Key == key)
                {
                    return child.Value;
                }
            }

            return null;
        }
    }

    /// <summary>Places one <c>name[a][b][]=value</c> in the tree; false when the name is not bracket notation or clashes with another.</summary>
    private static bool Insert(Node root, string parameter, string name, string value)
    {
        var segments = new List<string>();
        var at = parameter.Length;
        while (at < name.Length)
        {
            if (name[at] != '[')
            {
                return false;
            }

            var close = name.IndexOf(']', at);
            if (close < 0)
            {
                return false;
            }

            segments.Add(name.Substring(at + 1, close - at - 1));
            at = close + 1;
        }

        var node = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0)
            {
                // name[]=value: only as the last segment, on a node that holds nothing else.
                if (i != segments.Count - 1 || node.Value is not null || node.Children is not null)
                {
                    return false;
                }

                (node.Appended ??= new List<string>()).Add(value);
                return true;
            }

            if (node.Value is not null || node.Appended is not null)
            {
                return false;
            }

            var child = node.Child(segment);
            if (child is null)
            {
                child = new Node();
                (node.Children ??= new List<KeyValuePair<string, Node>>()).Add(new KeyValuePair<string, Node>(segment, child));
            }

            node = child;
        }

        if (node.Value is not null || node.Appended is not null || node.Children is not null)
        {
            return false; // repeated, or a value where members are
        }

        node.Value = value;
        return true;
    }

    private static string? Check(ParameterSpec spec, Node node, string wire, DateTime latest)
    {
        if (spec.Type == NestedParameters.ObjectType)
        {
            return CheckObject(spec, node, wire, latest);
        }

        if (spec.Type == NestedParameters.ArrayType)
        {
            return CheckArray(spec, node, wire, latest);
        }

        return node.Value is { } value && Fits(spec, value, latest) ? null : wire;
    }

    private static string? CheckObject(ParameterSpec spec, Node node, string wire, DateTime latest)
    {
        if (node.Children is null)
        {
            return FirstRequired(spec, wire);
        }

        foreach (var child in node.Children)
        {
            if (Find(spec.Members, child.Key) is null)
            {
                return wire + "[" + child.Key + "]";
            }
        }

        foreach (var member in spec.Members)
        {
            var memberWire = wire + "[" + member.Name + "]";
            var child = node.Child(member.Name);
            if (child is null)
            {
                if (member.Required)
                {
                    return FirstRequired(member, memberWire);
                }

                continue;
            }

            if (Check(member, child, memberWire, latest) is { } problem)
            {
                return problem;
            }
        }

        // A range: both ends were checked above, so both parse.
        foreach (var member in spec.Members)
        {
            foreach (var (other, after) in new[] { (member.NotAfter, true), (member.NotBefore, false) })
            {
                if (other is null || node.Child(member.Name)?.Value is not { } mine || node.Child(other)?.Value is not { } theirs)
                {
                    continue;
                }

                var order = Compare(member.Type, mine, theirs);
                if (after ? order > 0 : order < 0)
                {
                    return wire + "[" + member.Name + "]";
                }
            }
        }

        return null;
    }

    private static string? CheckArray(ParameterSpec spec, Node node, string wire, DateTime latest)
    {
        var items = spec.Items!;
        if (items.Type == NestedParameters.ObjectType)
        {
            // Indexed (date[0][from]) or, where the spelling allows, one object without an index (date[from]).
            if (node.Children is null)
            {
                return FirstRequired(items, wire);
            }

            if (AllIndexes(node.Children))
            {
                foreach (var child in node.Children)
                {
                    if (CheckObject(items, child.Value, wire + "[" + child.Key + "]", latest) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            }

            return spec.Spelling == NestedParameters.IndexedSpelling ? wire + "[" + node.Children[0].Key + "]" : CheckObject(items, node, wire, latest);
        }

        var values = new List<string>();
        if (node.Appended is not null)
        {
            values.AddRange(node.Appended);
        }
        else if (node.Children is not null && AllIndexes(node.Children))
        {
            foreach (var child in node.Children)
            {
                if (child.Value.Value is not { } indexed)
                {
                    return wire + "[" + child.Key + "]";
                }

                values.Add(indexed);
            }
        }
        else if (node.Value is not null && spec.Spelling == NestedParameters.CommaOrArraySpelling)
        {
            values.AddRange(node.Value.Split(','));
        }
        else
        {
            return wire;
        }

        foreach (var value in values)
        {
            if (!Fits(items, value, latest))
            {
                return node.Value is null ? wire + "[]" : wire;
            }
        }

        return null;
    }

    private static bool AllIndexes(List<KeyValuePair<string, Node>> children)
    {
        foreach (var child in children)
        {
            if (child.Key.Length == 0 || child.Key.Length > 9)
            {
                return false;
            }

            foreach (var c in child.Key)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static ParameterSpec? Find(EquatableArray<ParameterSpec> members, string name)
    {
        foreach (var member in members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>Whether one value fits its documented type, values and limits.</summary>
    private static bool Fits(ParameterSpec spec, string value, DateTime latest)
    {
        switch (spec.Type)
        {
            case NestedParameters.DateType:
                if (!TryDate(value, out var date))
                {
                    return false;
                }

                return Within(spec.Minimum, date, latest, below: true) && Within(spec.Maximum, date, latest, below: false);
            case "integer":
                return value.Length > 0 && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) && InRange(spec, integer);
            case "number":
                return value.Length > 0 && double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && InRange(spec, number);
            case "boolean":
                return value is "0" or "1";
            default:
                if (spec.Values.Count == 0)
                {
                    return true;
                }

                foreach (var listed in spec.Values)
                {
                    if (listed.WireValue == value)
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    private static bool Within(string? limit, DateTime date, DateTime latest, bool below)
    {
        if (limit is null)
        {
            return true;
        }

        var bound = limit == NestedParameters.Today ? latest : TryDate(limit, out var parsed) ? parsed : (DateTime?)null;
        return bound is not { } b || (below ? date >= b : date <= b);
    }

    private static bool InRange(ParameterSpec spec, double value)
    {
        if (spec.Minimum is { } min && double.TryParse(min, NumberStyles.Float, CultureInfo.InvariantCulture, out var low) && value < low)
        {
            return false;
        }

        return !(spec.Maximum is { } max && double.TryParse(max, NumberStyles.Float, CultureInfo.InvariantCulture, out var high) && value > high);
    }

    private static int Compare(string type, string left, string right)
    {
        if (type == NestedParameters.DateType && TryDate(left, out var a) && TryDate(right, out var b))
        {
            return a.CompareTo(b);
        }

        if (double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            return x.CompareTo(y);
        }

        return 0;
    }

    private static bool TryDate(string text, out DateTime date)
    {
        date = default;
        return NestedParameterReader.IsDate(text) && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
