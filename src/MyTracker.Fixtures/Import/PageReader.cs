using System.Globalization;
using System.Text.RegularExpressions;
using MyTracker.Fixtures.Model.Parsing;

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

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
