using System.Globalization;
using System.Text.RegularExpressions;
using MyTracker.Client.Generator.Parsing;

namespace MyTracker.Fixtures.Import;

/// <summary>
/// Reads a documentation page saved as text: the request line (<c>GET https://...</c>, or the URL and the
/// method on neighbouring lines), the summary sentence before it, the parameter table (<c>Name | Value |
/// Description |</c> rows, cells that wrap over lines, the legend of the required marker), example
/// requests, and every JSON block with the prose before it. Interpretation (which status, which scenario,
/// which parameter type) is <see cref="SampleClassifier"/>'s and <see cref="ParameterTypes"/>'s.
/// </summary>
internal static partial class PageReader
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

    public static DocumentationPage Read(string text, string? address)
    {
        var page = new DocumentationPage { Text = text, Address = address };
        var lines = SplitLines(text);
        var used = new bool[lines.Count];

        ReadSamples(page, text, lines, used);
        ReadTables(page, lines, used);
        if (page.Parameters.Count == 0)
        {
            ReadPlainTable(page, lines, used);
        }

        ReadRequest(page, lines, used);
        ReadExamples(page, lines, used);
        ReadLegend(page, lines, used);
        ReadSummary(page, lines, used);
        ReadLeads(page, lines, used);
        return page;
    }

    private sealed record Line(int Offset, string Text)
    {
        public string Trimmed { get; } = Text.Trim();
    }

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            var stop = end < 0 ? text.Length : end;
            var content = text[start..stop].TrimEnd('\r');
            lines.Add(new Line(start, content));
            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        return lines;
    }

    // ---- JSON blocks -------------------------------------------------------------------------------

    private static void ReadSamples(DocumentationPage page, string text, List<Line> lines, bool[] used)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].Text.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
            {
                continue;
            }

            var start = lines[i].Offset + (lines[i].Text.Length - trimmed.Length);
            var end = MatchingEnd(text, start);
            if (end < 0)
            {
                if (LooksLikeJson(text[start..]))
                {
                    page.Notes.Add($"line {i + 1}: a JSON block that never closes; not imported");
                }

                continue;
            }

            var indent = start - lines[i].Offset;
            var block = Dedent(text[start..(end + 1)], indent);
            var root = JsonParser.TryParse(block, out var error, out var position);
            if (root is null && !LooksLikeJson(block))
            {
                continue;
            }

            if (root is not null && root.Kind is not (JsonKind.Object or JsonKind.Array))
            {
                continue;
            }

            var lastLine = LineAt(lines, end);
            for (var j = i; j <= lastLine; j++)
            {
                used[j] = true;
            }

            var parseError = root is null
                ? string.Create(CultureInfo.InvariantCulture, $"line {i + 1 + position.Line}, column {position.Column + 1 + indent}: {error}")
                : null;
            page.Samples.Add(new PageSample(page.Samples.Count + 1, i + 1, lastLine + 1, block, root, parseError, string.Empty));
            i = lastLine;
        }
    }

    /// <summary>
    /// A sample indented on the page (inside a list item) without that indentation, so the file starts
    /// where the JSON does: every line loses the first line's indentation, when every line has it.
    /// </summary>
    private static string Dedent(string block, int indent)
    {
        if (indent == 0 || !block.Contains('\n'))
        {
            return block;
        }

        var blockLines = block.Split('\n');
        if (!blockLines.Skip(1).All(l => l.TrimEnd('\r').Length == 0 || (l.Length >= indent && string.IsNullOrWhiteSpace(l[..indent]))))
        {
            return block;
        }

        return string.Join('\n', blockLines.Select((l, n) => n == 0 || l.Length < indent ? l : l[indent..]));
    }

    /// <summary>The offset of the bracket that closes the one at <paramref name="start"/>, strings respected; -1 if none.</summary>
    private static int MatchingEnd(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                else if (c == '\n')
                {
                    // JSON strings never span lines: this quote was prose, the block is not JSON.
                    return -1;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    private static bool LooksLikeJson(string block) => block.Contains('"') && block.Contains(':');

    private static int LineAt(List<Line> lines, int offset)
    {
        var index = lines.FindLastIndex(l => l.Offset <= offset);
        return Math.Max(index, 0);
    }

    // ---- Parameter tables --------------------------------------------------------------------------

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

    // ---- Request line and examples -----------------------------------------------------------------

    private static void ReadRequest(DocumentationPage page, List<Line> lines, bool[] used)
    {
        var found = new List<RequestLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (used[i])
            {
                continue;
            }

            var match = RequestPattern().Match(lines[i].Trimmed);
            if (match.Success && PathOf(match.Groups[2].Value) is { } path)
            {
                found.Add(new RequestLine(match.Groups[1].Value, match.Groups[2].Value, path, i + 1));
                used[i] = true;
                continue;
            }

            // The URL on a line of its own, the method on a line next to it (maybe under an "Endpoint"/"Method" label).
            var url = UrlLinePattern().Match(lines[i].Trimmed);
            if (url.Success && PathOf(url.Value) is { } urlPath && !url.Value.Contains('?'))
            {
                for (var j = Math.Max(0, i - 3); j <= Math.Min(lines.Count - 1, i + 3); j++)
                {
                    if (j != i && !used[j] && Methods.Contains(lines[j].Trimmed, StringComparer.Ordinal))
                    {
                        found.Add(new RequestLine(lines[j].Trimmed, url.Value, urlPath, Math.Min(i, j) + 1));
                        used[i] = used[j] = true;
                        break;
                    }
                }
            }
        }

        if (found.Count == 0)
        {
            return;
        }

        page.Request = found[0];
        foreach (var other in found.Skip(1).Where(f => f.Method != found[0].Method || f.Path != found[0].Path))
        {
            page.Notes.Add($"line {other.Line}: another request line ({other.Method} {other.Path}); only the first ({found[0].Method} {found[0].Path}) is imported");
        }
    }

    private static string? PathOf(string url)
    {
        var target = url;
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            target = absolute.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        }

        if (!target.StartsWith('/'))
        {
            return null;
        }

        var path = target.Split('?', 2)[0].TrimEnd('.', ',', ';', ')');
        return path.Count(c => c == '/') >= 2 ? path : null;
    }

    private static void ReadExamples(DocumentationPage page, List<Line> lines, bool[] used)
    {
        if (page.Request is not { } request)
        {
            return;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (used[i])
            {
                continue;
            }

            var trimmed = lines[i].Trimmed.TrimEnd('.', ',', ';');
            var target = trimmed;
            if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            {
                target = absolute.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
            }

            if (target.StartsWith(request.Path + "?", StringComparison.Ordinal) && !target.Contains(' '))
            {
                used[i] = true;
                if (!page.Examples.Contains(target))
                {
                    page.Examples.Add(target);
                }
            }
        }
    }

    private static void ReadLegend(DocumentationPage page, List<Line> lines, bool[] used)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var match = LegendPattern().Match(lines[i].Trimmed);
            if (!used[i] && match.Success)
            {
                page.RequiredMarker ??= match.Groups[1].Value;
                used[i] = true;
            }
        }
    }

    // ---- Prose -------------------------------------------------------------------------------------

    private static void ReadSummary(DocumentationPage page, List<Line> lines, bool[] used)
    {
        if (page.Request is not { } request)
        {
            return;
        }

        // The first sentence between what comes before (the example query, the page start) and the request
        // line: titles and headings ("Input data") end without a full stop, notes come after the summary.
        var from = 0;
        for (var i = request.Line - 2; i >= 0; i--)
        {
            if (used[i])
            {
                from = i + 1;
                break;
            }
        }

        var paragraphs = new List<(List<int> Lines, string Text)>();
        for (var i = from; i < request.Line - 1; i++)
        {
            var text = lines[i].Trimmed;
            if (text.Length == 0 || text.StartsWith('/') || text.Contains("://", StringComparison.Ordinal) || Methods.Contains(text))
            {
                paragraphs.Add(([], string.Empty));
                continue;
            }

            // A sentence wrapped on the page goes on in lower case ("...of a request" / "and download...").
            if (paragraphs.Count > 0 && paragraphs[^1].Lines.Count > 0 && char.IsLower(text[0]) && !EndsSentence(paragraphs[^1].Text))
            {
                paragraphs[^1].Lines.Add(i);
                paragraphs[^1] = (paragraphs[^1].Lines, paragraphs[^1].Text + " " + text);
            }
            else
            {
                paragraphs.Add(([i], text));
            }
        }

        var summary = paragraphs.FirstOrDefault(p => p.Lines.Count > 0 && EndsSentence(p.Text));
        if (summary.Lines is null)
        {
            return;
        }

        foreach (var i in summary.Lines)
        {
            used[i] = true;
        }

        page.Summary = Spaces().Replace(summary.Text, " ");
    }

    private static bool EndsSentence(string text) => text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?');

    private static void ReadLeads(DocumentationPage page, List<Line> lines, bool[] used)
    {
        var previousEnd = -1;
        for (var s = 0; s < page.Samples.Count; s++)
        {
            var sample = page.Samples[s];
            var startLine = sample.Line - 1;
            var from = previousEnd + 1;
            if (s == 0)
            {
                // The first sample's prose starts after the request, the table and their legend.
                for (var i = startLine - 1; i >= 0; i--)
                {
                    if (used[i])
                    {
                        from = i + 1;
                        break;
                    }
                }
            }

            var prose = new List<string>();
            for (var i = from; i < startLine; i++)
            {
                if (!used[i] && lines[i].Trimmed.Length > 0)
                {
                    prose.Add(lines[i].Trimmed);
                }
            }

            page.Samples[s] = sample with { Lead = Spaces().Replace(string.Join(" ", prose), " ").Trim() };
            previousEnd = sample.EndLine - 1;
        }
    }

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE|HEAD)\s+(https?://\S+|/\S+)$")]
    private static partial Regex RequestPattern();

    [GeneratedRegex(@"^https?://[^\s/]+/\S+$")]
    private static partial Regex UrlLinePattern();

    // "* — required parameters", "* - required", "(*) required fields"
    [GeneratedRegex(@"^\(?([*†‡]{1,2})\)?\s*[—–-]*\s*(?:(?:are|is|marks?|—|-)\s+)*(?:required|mandatory|обязательн)", RegexOptions.IgnoreCase)]
    private static partial Regex LegendPattern();

    [GeneratedRegex(@"^(?:Name|Parameter)\s+(?:Value|Type)\s+Description(?:\s+Notes?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PlainHeader();

    // "idRawExport * Integer ...", "SDKKey SDK keys ...": a name (starting in lower case, or with a second
    // capital: not a prose word such as "The"), its marker, then the value column, which starts as a sentence does.
    [GeneratedRegex(@"^((?:[a-z_][A-Za-z0-9_]*|[A-Z][A-Za-z0-9_]*[A-Z0-9][A-Za-z0-9_]*)(?:\[\])?(?:\s*[*†‡]{1,2})?)\s+([A-Z0-9""(])")]
    private static partial Regex PlainRow();

    [GeneratedRegex(@"^(Integer|String|Boolean|Bool|Number|Float|Double|Date|Text)\b\.?")]
    private static partial Regex SimpleType();

    // Lines of the value column: "0 — off (by default)", "For example: 1,454,23 or".
    [GeneratedRegex(@"^(?:-?\d+\s*[—–-]\s|(?:for example|example|e\.g\.)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ValueLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
