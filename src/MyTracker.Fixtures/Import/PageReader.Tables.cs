using System.Text.RegularExpressions;

namespace MyTracker.Fixtures.Import;

/// <summary>The parameter table: rows with pipes (cells wrapping over lines), or copied from a browser without them.</summary>
internal static partial class PageReader
{

    private static void ReadTables(DocumentationPage page, List<Line> lines, bool[] used)
    {
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            if (used[i] || !lines[i].Text.Contains('|') || !IsSeparator(lines[i + 1].Trimmed))
            {
                continue;
            }

            var header = Cells(lines[i].Trimmed);
            var roles = Roles(header);
            var width = Pipes(lines[i].Trimmed);
            var j = i + 2;
            if (roles.Name < 0 || page.Parameters.Count > 0)
            {
                // Another table (the fields a segment can export, the fields of a response): only the
                // first table with a name column is the request's parameters. Skip its rows.
                while (j < lines.Count && lines[j].Text.Contains('|'))
                {
                    j++;
                }

                i = j - 1;
                continue;
            }

            used[i] = used[i + 1] = true;
            var pending = new List<string>();
            var pendingLine = j;
            for (; j < lines.Count && !used[j]; j++)
            {
                var trimmed = lines[j].Trimmed;
                if (pending.Count == 0 && !trimmed.Contains('|'))
                {
                    break;
                }

                if (pending.Count == 0)
                {
                    pendingLine = j;
                }

                pending.Add(trimmed);
                used[j] = true;
                if (Pipes(string.Join(" ", pending)) >= width)
                {
                    AddRow(page, roles, Cells(string.Join(" ", pending)), pendingLine + 1);
                    pending.Clear();
                }
            }

            if (pending.Count > 0)
            {
                AddRow(page, roles, Cells(string.Join(" ", pending)), pendingLine + 1);
            }

            i = j - 1;
        }
    }

    /// <summary>
    /// A parameter table copied from a browser, without pipes: a header line <c>Name Value Description</c>,
    /// then rows that start with the parameter name (and its marker) and the value column
    /// (<c>idRawExport * Integer Unique export identifier, received</c>), going on over the lines below,
    /// blank ones included, until the legend or a heading. Where one column ends and the next begins is
    /// told only by the kind of line: a type word, value lines (<c>0 — off</c>) and examples are the value,
    /// the rest is the description.
    /// </summary>
    private static void ReadPlainTable(DocumentationPage page, List<Line> lines, bool[] used)
    {
        var header = lines.FindIndex(l => PlainHeader().IsMatch(l.Trimmed));
        if (header < 0)
        {
            return;
        }

        used[header] = true;
        var rows = new List<(int Line, string Name, string First, List<string> More)>();
        var afterBlank = false;
        for (var i = header + 1; i < lines.Count && !used[i]; i++)
        {
            var text = lines[i].Trimmed;
            if (text.Length == 0)
            {
                afterBlank = true;
                continue;
            }

            var start = PlainRow().Match(text);
            if (start.Success)
            {
                rows.Add((i + 1, start.Groups[1].Value, text[start.Groups[2].Index..], []));
            }
            else if (rows.Count == 0 || LegendPattern().IsMatch(text) || (afterBlank && IsHeading(text)))
            {
                break;
            }
            else
            {
                rows[^1].More.Add(text);
            }

            used[i] = true;
            afterBlank = false;
        }

        foreach (var (line, name, first, more) in rows)
        {
            var value = new List<string>();
            var description = new List<string>();
            var simple = SimpleType().Match(first);
            if (simple.Success)
            {
                value.Add(simple.Value);
                description.Add(first[simple.Length..].Trim());
            }
            else
            {
                value.Add(first);
            }

            var inValue = !simple.Success;
            foreach (var text in more)
            {
                var continues = inValue && value.Count > 0 && value[^1].TrimEnd() is var last && (last.EndsWith(',') || last.EndsWith(':') || last.EndsWith(" or", StringComparison.Ordinal));
                if (!simple.Success && (ValueLine().IsMatch(text) || continues))
                {
                    value.Add(text);
                    inValue = true;
                }
                else
                {
                    description.Add(text);
                    inValue = false;
                }
            }

            var describedAs = string.Join(" ", description.Where(d => d.Length > 0));
            page.Parameters.Add(new ParameterRow(line, name, string.Join(" ", value), describedAs.Length > 0 ? describedAs : null, null, null, null));
        }
    }

    // "Responses", "Example query": a few words of letters only.
    private static bool IsHeading(string text) =>
        text.Split(' ').Length <= 3 && char.IsUpper(text[0]) && text.All(c => char.IsLetter(c) || c == ' ');

    private static void AddRow(DocumentationPage page, (int Name, int Type, int Description, int Required, int Default, int Note) roles, List<string> cells, int line)
    {
        string? Cell(int index) => index >= 0 && index < cells.Count && cells[index].Length > 0 ? cells[index] : null;
        var name = Cell(roles.Name);
        if (name is null)
        {
            return;
        }

        page.Parameters.Add(new ParameterRow(line, name, Cell(roles.Type), Cell(roles.Description), Cell(roles.Required), Cell(roles.Default), Cell(roles.Note)));
    }

    private static bool IsSeparator(string line) =>
        line.Contains('-') && line.Contains('|') && line.All(c => c is '-' or '|' or ':' or ' ' or '\t');

    private static int Pipes(string row)
    {
        var text = row.TrimStart();
        return text.Count(c => c == '|') - (text.StartsWith('|') ? 1 : 0);
    }

    private static List<string> Cells(string row)
    {
        var text = row.Trim();
        if (text.StartsWith('|'))
        {
            text = text[1..];
        }

        if (text.EndsWith('|'))
        {
            text = text[..^1];
        }

        return [.. text.Split('|').Select(c => Spaces().Replace(c, " ").Trim())];
    }

    private static (int Name, int Type, int Description, int Required, int Default, int Note) Roles(List<string> header)
    {
        int Find(params string[] words) => header.FindIndex(h => words.Any(w => h.Contains(w, StringComparison.OrdinalIgnoreCase)));
        var name = Find("name", "parameter", "param", "параметр");
        var type = Find("type", "value", "format", "значение", "тип");
        var description = Find("description", "meaning", "описание");
        var required = Find("required", "mandatory", "обязательн");
        var @default = Find("default", "по умолчанию");
        var note = Find("note", "comment", "remark", "примечание");
        return (name, type == name ? -1 : type, description, required, @default == type ? -1 : @default, note);
    }

    [GeneratedRegex(@"^(?:Name|Parameter)\s+(?:Value|Type)\s+Description(?:\s+Notes?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PlainHeader();

    // "idRawExport * Integer ...", "SDKKey SDK keys ...": a name (starting in lower case, or with a second
    // capital: not a prose word such as "The"), its marker, then the value column, which starts as a sentence does.
    // A name, its brackets (idApp[], or a nested settings[filter][date][from]) and its marker, then the value column.
    [GeneratedRegex(@"^((?:[a-z_][A-Za-z0-9_]*|[A-Z][A-Za-z0-9_]*[A-Z0-9][A-Za-z0-9_]*)(?:\[[A-Za-z0-9_]*\])*(?:\s*[*†‡]{1,2})?)\s+([A-Z0-9""(])")]
    private static partial Regex PlainRow();

    [GeneratedRegex(@"^(Integer|String|Boolean|Bool|Number|Float|Double|Date|Text)\b\.?")]
    private static partial Regex SimpleType();

    // Lines of the value column: "0 — off (by default)", "For example: 1,454,23 or".
    [GeneratedRegex(@"^(?:-?\d+\s*[—–-]\s|(?:for example|example|e\.g\.)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ValueLine();
}
