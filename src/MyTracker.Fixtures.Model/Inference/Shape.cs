using System;
using System.Collections.Generic;
using System.Globalization;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>Where a value was seen: the sample file (name and path) and the position in it.</summary>
public readonly record struct Occurrence(string FileName, string FilePath, TextPosition Position);

/// <summary>
/// What the samples say about one place in the JSON (a property, an array item, the root): every
/// kind of value seen there and the facts inference needs. Built by adding every sample value; only
/// used inside one inference run, so it is mutable and not equatable.
/// </summary>
internal sealed class Shape
{
    public int NullCount { get; private set; }

    public int BooleanCount { get; private set; }

    public int NumberCount { get; private set; }

    public int StringCount { get; private set; }

    public int ObjectCount { get; private set; }

    public int ArrayCount { get; private set; }

    /// <summary>The first place each kind was seen, in the order the kinds were met.</summary>
    public List<(string Kind, Occurrence At)> KindsInOrder { get; } = new();

    public SortedSet<string> Fixtures { get; } = new(StringComparer.Ordinal);

    public List<string> Examples { get; } = new();

    // Numbers
    public bool AllIntegers { get; private set; } = true;

    public bool AllInt32 { get; private set; } = true;

    public bool AllInt64 { get; private set; } = true;

    public bool AllDecimal { get; private set; } = true;

    public bool AllDouble { get; private set; } = true;

    // Strings
    public bool AllInt64Strings { get; private set; } = true;

    public bool AllUnixSecondsStrings { get; private set; } = true;

    public bool AllPercentStrings { get; private set; } = true;

    public bool AllAbsoluteUrls { get; private set; } = true;

    // Objects: fields in the order first seen.
    public List<Field> Fields { get; } = new();

    private readonly Dictionary<string, Field> _fieldsByName = new(StringComparer.Ordinal);

    /// <summary>Every object seen here, for the map rule (which re-reads their members as values).</summary>
    public List<(JsonNode Node, Occurrence At)> Objects { get; } = new();

    /// <summary>
    /// Objects whose property names are all integers ("1", "752514") are maps from id to value, not
    /// records with a property per id: generating a class per id would be wrong for the next response.
    /// </summary>
    public bool IsMap
    {
        get
        {
            if (ObjectCount == 0 || Fields.Count == 0)
            {
                return false;
            }

            var integerKeys = true;
            foreach (var candidate in Fields)
            {
                if (!IsIntegerKey(candidate.Name))
                {
                    integerKeys = false;
                    break;
                }
            }

            return integerKeys || IsKeyedCollection();
        }
    }

    /// <summary>
    /// Many properties (at least <see cref="KeyedCollectionMinimum"/>) whose values are all objects
    /// with exactly the same property names: a collection keyed by name (trading pairs, user names).
    /// </summary>
    private bool IsKeyedCollection()
    {
        if (Fields.Count < KeyedCollectionMinimum)
        {
            return false;
        }

        HashSet<string>? names = null;
        foreach (var (node, _) in Objects)
        {
            foreach (var member in node.Members)
            {
                var value = member.Value;
                if (value.Kind != JsonKind.Object || value.Members.Count == 0)
                {
                    return false;
                }

                var these = new HashSet<string>(StringComparer.Ordinal);
                foreach (var inner in value.Members)
                {
                    these.Add(inner.Name);
                }

                if (names is null)
                {
                    names = these;
                }
                else if (!names.SetEquals(these))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The fewest properties for the keyed-collection rule.</summary>
    public const int KeyedCollectionMinimum = 10;

    private static bool IsIntegerKey(string name)
    {
        var start = name.Length > 1 && name[0] == '-' ? 1 : 0;
        if (name.Length == start || name.Length - start > 19)
        {
            return false;
        }

        for (var i = start; i < name.Length; i++)
        {
            if (name[i] < '0' || name[i] > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>All member values of all objects seen here, as one shape (the value type of a map).</summary>
    public Shape MapValues()
    {
        var values = new Shape();
        foreach (var (node, at) in Objects)
        {
            foreach (var member in node.Members)
            {
                values.Add(member.Value, at with { Position = member.Value.Position });
            }
        }

        return values;
    }

    // Arrays
    private Shape? _element;

    public Shape Element => _element ??= new Shape();

    public int KindCount => (BooleanCount > 0 ? 1 : 0) + (NumberCount > 0 ? 1 : 0) + (StringCount > 0 ? 1 : 0) + (ObjectCount > 0 ? 1 : 0) + (ArrayCount > 0 ? 1 : 0);

    public void Add(JsonNode node, Occurrence at)
    {
        Fixtures.Add(at.FileName);
        switch (node.Kind)
        {
            case JsonKind.Null:
                NullCount++;
                return;
            case JsonKind.True:
            case JsonKind.False:
                Seen(ref _booleanSeen, "a boolean", at, node);
                BooleanCount++;
                AddExample(node.Kind == JsonKind.True ? "true" : "false");
                return;
            case JsonKind.Number:
                Seen(ref _numberSeen, "a number", at, node);
                NumberCount++;
                AddNumber(node.Text!);
                AddExample(node.Text!);
                return;
            case JsonKind.String:
                Seen(ref _stringSeen, "a string", at, node);
                StringCount++;
                AddString(node.Text!);
                AddExample("\"" + node.Text + "\"");
                return;
            case JsonKind.Object:
                Seen(ref _objectSeen, "an object", at, node);
                ObjectCount++;
                Objects.Add((node, at));
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in node.Members)
                {
                    if (!_fieldsByName.TryGetValue(member.Name, out var field))
                    {
                        field = new Field(member.Name);
                        _fieldsByName.Add(member.Name, field);
                        Fields.Add(field);
                    }

                    if (seen.Add(member.Name))
                    {
                        field.PresentCount++;
                    }

                    field.Shape.Add(member.Value, at with { Position = member.Value.Position });
                }

                return;
            case JsonKind.Array:
                Seen(ref _arraySeen, "an array", at, node);
                ArrayCount++;
                foreach (var item in node.Items)
                {
                    Element.Add(item, at with { Position = item.Position });
                }

                return;
        }
    }

    private bool _booleanSeen;
    private bool _numberSeen;
    private bool _stringSeen;
    private bool _objectSeen;
    private bool _arraySeen;

    private void Seen(ref bool flag, string kind, Occurrence at, JsonNode node)
    {
        if (!flag)
        {
            flag = true;
            KindsInOrder.Add((kind, at with { Position = node.Position }));
        }
    }

    private void AddExample(string text)
    {
        if (Examples.Count < 2 && !Examples.Contains(text))
        {
            Examples.Add(text);
        }
    }

    private void AddNumber(string text)
    {
        var integer = text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
        if (!integer)
        {
            AllIntegers = false;
        }

        if (!integer || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            AllInt32 = false;
            AllInt64 = false;
        }
        else if (value < int.MinValue || value > int.MaxValue)
        {
            AllInt32 = false;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            AllDecimal = false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsInfinity(d) || double.IsNaN(d))
        {
            AllDouble = false;
        }
    }

    private void AddString(string text)
    {
        var isInteger = IsCanonicalInt64(text, out var value);
        if (!isInteger)
        {
            AllInt64Strings = false;
        }

        // Unix seconds between 1970 and 9999-12-31: what DateTimeOffset.FromUnixTimeSeconds accepts.
        if (!isInteger || value < 0 || value > 253402300799L)
        {
            AllUnixSecondsStrings = false;
        }

        if (!IsCanonicalPercent(text))
        {
            AllPercentStrings = false;
        }

        if (!IsAbsoluteWebUrl(text))
        {
            AllAbsoluteUrls = false;
        }
    }

    /// <summary>An integer that reads as a long and formats back to exactly the same text.</summary>
    public static bool IsCanonicalInt64(string text, out long value)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
           && string.Equals(value.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);

    /// <summary>A number followed by '%' that reads as a decimal and formats back to exactly the same text.</summary>
    public static bool IsCanonicalPercent(string text)
    {
        if (text.Length < 2 || text[text.Length - 1] != '%')
        {
            return false;
        }

        var number = text.Substring(0, text.Length - 1);
        foreach (var c in number)
        {
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-'))
            {
                return false;
            }
        }

        return decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
               && string.Equals(value.ToString(CultureInfo.InvariantCulture), number, StringComparison.Ordinal);
    }

    /// <summary>An absolute http or https URL without spaces.</summary>
    public static bool IsAbsoluteWebUrl(string text)
    {
        if (text.IndexOfAny(new[] { ' ', '\t', '\n', '\r' }) >= 0)
        {
            return false;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
               && (uri.Scheme == "http" || uri.Scheme == "https")
               && uri.Host.Length > 0;
    }

    internal sealed class Field
    {
        public Field(string name) => Name = name;

        public string Name { get; }

        public int PresentCount { get; set; }

        public Shape Shape { get; } = new();
    }
}
