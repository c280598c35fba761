using System.Text.RegularExpressions;

namespace MyTracker.Fixtures.Import;

/// <summary>
/// Folds the bracketed rows of a parameter table (<c>settings[filter][date][from] *</c>) into one
/// parameter of type <c>object</c> with nested members, as fixtures/README.md describes them: a row
/// that holds other rows is an object (an array of objects when the page shows it indexed,
/// <c>settings[filter][date][0][from]</c>), <c>Integer array</c> is an array of integers, <c>Date</c> a date,
/// and the limits the row states in words (<c>cannot be less than 1970-01-01</c>, <c>cannot be more than
/// the current date</c>, <c>must not be more than settings[filter][date][to]</c>) become its minimum,
/// maximum and order. What the rows do not say is a note, never a guess.
/// </summary>
internal static partial class NestedParameterImport
{
    private sealed class Node(string name)
    {
        public string Name { get; } = name;

        public ImportedParameter? Row { get; set; }

        public List<Node> Children { get; } = [];

        public bool Indexed { get; set; }

        public bool ShownUnindexed { get; set; }

        public bool AppendedArray { get; set; }

        public Node Child(string name)
        {
            var child = Children.Find(c => c.Name == name);
            if (child is null)
            {
                child = new Node(name);
                Children.Add(child);
            }

            return child;
        }
    }

    /// <summary>The parameters with every bracketed row folded into its base parameter, in page order.</summary>
    public static List<ImportedParameter> Fold(List<ImportedParameter> parameters, List<string> notes)
    {
        if (parameters.All(p => p.Path is null))
        {
            return parameters;
        }

        var roots = new List<Node>();
        Node Root(string name)
        {
            var root = roots.Find(r => r.Name == name);
            if (root is null)
            {
                root = new Node(name);
                roots.Add(root);
            }

            return root;
        }

        var order = new List<object>();
        foreach (var parameter in parameters)
        {
            if (parameter.Path is null && parameters.All(p => p.Path is null || p.Name != parameter.Name))
            {
                order.Add(parameter);
                continue;
            }

            var root = Root(parameter.Name);
            if (!order.Contains(root))
            {
                order.Add(root);
            }

            var node = root;
            foreach (var segment in parameter.Path ?? [])
            {
                if (segment.Length == 0)
                {
                    node.AppendedArray = true;
                    continue;
                }

                if (segment.All(char.IsAsciiDigit))
                {
                    node.Indexed = true;
                    continue;
                }

                node.ShownUnindexed = true;
                node = node.Child(segment);
            }

            node.Row = parameter;
        }

        // Indexed examples (settings[filter][date][0][from]) make the node before the index an array of objects.
        foreach (var root in roots)
        {
            var texts = string.Join(" ", Rows(root).Select(r => r.RowText));
            foreach (Match match in IndexedName().Matches(texts))
            {
                if (match.Groups[1].Value != root.Name)
                {
                    continue;
                }

                var node = root;
                foreach (var segment in match.Groups[2].Value.Split(']', StringSplitOptions.RemoveEmptyEntries).Select(s => s.TrimStart('[')))
                {
                    node = node.Children.Find(c => c.Name == segment);
                    if (node is null)
                    {
                        break;
                    }
                }

                if (node is not null && node != root)
                {
                    node.Indexed = true;
                }
            }
        }

        return [.. order.Select(o => o as ImportedParameter ?? Build((Node)o, ((Node)o).Name, null, notes))];
    }

    private static IEnumerable<ImportedParameter> Rows(Node node)
    {
        if (node.Row is not null)
        {
            yield return node.Row;
        }

        foreach (var row in node.Children.SelectMany(Rows))
        {
            yield return row;
        }
    }

    private static ImportedParameter Build(Node node, string wire, Node? parent, List<string> notes)
    {
        var row = node.Row;
        if (row is null)
        {
            notes.Add($"{wire} has no row of its own; imported as an optional object of the rows below it");
        }

        var required = row?.Required ?? false;
        var description = row?.Description;
        if (node.Children.Count > 0)
        {
            if (row is not null && !ObjectWords().IsMatch(row.RowText))
            {
                notes.Add($"line {row.Line}: {wire} holds other rows but its value does not say it is an array of values; imported as an object");
            }

            var members = node.Children.Select(c => Build(c, wire + "[" + c.Name + "]", node, notes)).ToList();
            var @object = new ImportedParameter(node.Name, "query", "object", required, description, null, null, null, null) { Members = members, Line = row?.Line ?? 0 };
            if (!node.Indexed)
            {
                return @object;
            }

            var spelling = node.ShownUnindexed ? "single-or-indexed" : "indexed";
            return new ImportedParameter(node.Name, "query", "array", required, description, null, null, null, null)
            {
                Items = @object with { Name = node.Name, Required = false, Description = null },
                Spelling = spelling,
                Line = row?.Line ?? 0,
            };
        }

        var text = row?.RowText ?? string.Empty;
        var leaf = row is null
            ? new ImportedParameter(node.Name, "query", "string", false, null, null, null, null, null)
            : row with { Name = node.Name, In = "query", Path = null };
        var array = ArrayOf().Match(text);
        if (array.Success || node.AppendedArray || leaf.Type == "list")
        {
            var itemType = (array.Success ? array.Groups[1].Value : string.Empty).ToLowerInvariant() switch
            {
                "integer" or "int" => "integer",
                "number" or "float" or "double" => "number",
                "date" => "date",
                _ => "string",
            };
            var commas = CommaWords().IsMatch(text);
            return leaf with
            {
                Type = "array",
                Values = null,
                Minimum = null,
                Maximum = null,
                Items = new ImportedParameter(node.Name, "query", itemType, false, null, null, leaf.Minimum, leaf.Maximum, null),
                Spelling = commas ? "comma-or-array" : "array",
            };
        }

        if (DateWord().IsMatch(text))
        {
            leaf = leaf with { Type = "date", Minimum = null, Maximum = null, Values = null };
            if (EarliestDate().Match(text) is { Success: true } earliest)
            {
                leaf = leaf with { MinimumDate = earliest.Groups[1].Success ? earliest.Groups[1].Value : earliest.Groups[2].Value };
            }

            if (NotInFuture().IsMatch(text))
            {
                leaf = leaf with { MaximumDate = "today" };
            }
        }

        if (leaf.Type is "enum" or "list" or "boolean")
        {
            // Nested values have no enum of their own: the documented values stay in the description.
            leaf = leaf with { Type = leaf.Type == "boolean" ? "boolean" : "string", Values = null };
        }

        foreach (Match order in Order().Matches(text))
        {
            var sibling = order.Groups[3].Value.Split('[').Last().TrimEnd(']');
            var siblingParent = order.Groups[3].Value[..order.Groups[3].Value.LastIndexOf('[')];
            var mine = wire[..wire.LastIndexOf('[')];
            if (parent is null || siblingParent != mine || parent.Children.All(c => c.Name != sibling) || sibling == node.Name)
            {
                notes.Add($"line {row?.Line}: {wire} is compared with {order.Groups[3].Value}, which is not a member beside it; the order is not imported");
                continue;
            }

            var after = order.Groups[2].Value is "more" or "later" or "greater" or "after";
            leaf = after ? leaf with { NotAfter = sibling } : leaf with { NotBefore = sibling };
        }

        return leaf;
    }

    [GeneratedRegex(@"\b([A-Za-z_][A-Za-z0-9_]*)((?:\[[A-Za-z_][A-Za-z0-9_]*\])+)\[\d+\]\[")]
    private static partial Regex IndexedName();

    [GeneratedRegex(@"values? array|array of (?:values|objects)|\bobject\b", RegexOptions.IgnoreCase)]
    private static partial Regex ObjectWords();

    [GeneratedRegex(@"\b(Integer|Int|String|Number|Float|Double|Date)\s+array\b|\barray of (integers|strings|numbers|dates)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ArrayOf();

    [GeneratedRegex(@"separated by commas|comma[- ]separated|or separate[ds]? (?:them |values )?(?:by|with) commas", RegexOptions.IgnoreCase)]
    private static partial Regex CommaWords();

    [GeneratedRegex(@"^\s*Date\b|\bYYYY-MM-DD\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateWord();

    [GeneratedRegex(@"(?:cannot|can't|must not|may not|not) be (?:less|earlier) than (\d{4}-\d{2}-\d{2})|not before (\d{4}-\d{2}-\d{2})", RegexOptions.IgnoreCase)]
    private static partial Regex EarliestDate();

    [GeneratedRegex(@"(?:cannot|can't|must not|may not|not) be (?:more|later|greater) than (?:the )?(?:current date|today)|not (?:after|in) (?:the )?(?:current date|today|future)", RegexOptions.IgnoreCase)]
    private static partial Regex NotInFuture();

    [GeneratedRegex(@"(cannot|can't|must not|may not|not) be (more|later|greater|less|earlier|smaller) than ([A-Za-z_][A-Za-z0-9_]*(?:\[[A-Za-z0-9_]+\])+)", RegexOptions.IgnoreCase)]
    private static partial Regex Order();
}
