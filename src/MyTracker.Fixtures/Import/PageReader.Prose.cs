using System.Text.RegularExpressions;

namespace MyTracker.Fixtures.Import;

/// <summary>The request line, example queries, the legend of the required marker, the summary and the prose before each sample.</summary>
internal static partial class PageReader
{

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
}
