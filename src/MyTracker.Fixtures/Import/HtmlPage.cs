using System.Net;
using System.Text;

namespace MyTracker.Fixtures.Import;

/// <summary>
/// Turns a documentation page saved as HTML into the text form a saved page has (one block per line,
/// tables as <c>cell | cell |</c> rows under a <c>---|</c> line, code blocks kept line for line), so one
/// reader handles both. Not a general HTML parser: it is tolerant of unclosed tags and unknown markup,
/// and only needs what documentation pages are made of.
/// </summary>
internal static class HtmlPage
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "hr", "form", "details", "summary", "body",
    };

    private static readonly HashSet<string> SkippedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "svg", "template", "head", "iframe", "button", "select",
    };

    /// <summary>Whether a page's text is HTML rather than saved plain text.</summary>
    public static bool Looks(string text)
    {
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        return start.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase)
               || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
               || (start.StartsWith("<", StringComparison.Ordinal) && text.Contains("</", StringComparison.Ordinal));
    }

    /// <summary>The page as text lines, and its canonical address if it names one.</summary>
    public static (string Text, string? Address) ToText(string html)
    {
        var converter = new Converter(html);
        converter.Run();
        return (converter.Output, converter.Address);
    }

    private sealed class Converter(string html)
    {
        private readonly StringBuilder _out = new();
        private readonly StringBuilder _line = new();
        private List<List<string>>? _table;
        private StringBuilder? _cell;
        private int _pos;

        public string? Address { get; private set; }

        public string Output => _out.ToString();

        public void Run()
        {
            while (_pos < html.Length)
            {
                var lt = html.IndexOf('<', _pos);
                if (lt < 0)
                {
                    Text(html[_pos..]);
                    break;
                }

                if (lt > _pos)
                {
                    Text(html[_pos..lt]);
                }

                _pos = lt;
                if (Starts("<!--"))
                {
                    var end = html.IndexOf("-->", _pos + 4, StringComparison.Ordinal);
                    _pos = end < 0 ? html.Length : end + 3;
                    continue;
                }

                if (Starts("<!") || Starts("<?"))
                {
                    var end = html.IndexOf('>', _pos);
                    _pos = end < 0 ? html.Length : end + 1;
                    continue;
                }

                var tag = ReadTag();
                if (tag is null)
                {
                    // A lone '<' in text.
                    Text("<");
                    _pos++;
                    continue;
                }

                Tag(tag.Value);
            }

            EndTable();
            Break();
        }

        private int AfterEndTag(int end)
        {
            var close = end < 0 ? -1 : html.IndexOf('>', end);
            return close < 0 ? html.Length : close + 1;
        }

        private bool Starts(string value) => string.CompareOrdinal(html, _pos, value, 0, value.Length) == 0;

        private (string Name, bool Closing, bool SelfClosing, string Attributes)? ReadTag()
        {
            var i = _pos + 1;
            var closing = i < html.Length && html[i] == '/';
            if (closing)
            {
                i++;
            }

            var nameStart = i;
            while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or ':'))
            {
                i++;
            }

            if (i == nameStart)
            {
                return null;
            }

            var name = html[nameStart..i];
            var quote = '\0';
            var attributesStart = i;
            while (i < html.Length && (quote != '\0' || html[i] != '>'))
            {
                if (quote == '\0' && html[i] is '"' or '\'')
                {
                    quote = html[i];
                }
                else if (quote != '\0' && html[i] == quote)
                {
                    quote = '\0';
                }

                i++;
            }

            var attributes = html[attributesStart..Math.Min(i, html.Length)];
            _pos = Math.Min(i + 1, html.Length);
            return (name, closing, attributes.TrimEnd().EndsWith('/'), attributes);
        }

        private void Tag((string Name, bool Closing, bool SelfClosing, string Attributes) tag)
        {
            var name = tag.Name.ToLowerInvariant();
            if (!tag.Closing && (name is "link" or "meta"))
            {
                Address ??= CanonicalAddress(name, tag.Attributes);
                return;
            }

            if (!tag.Closing && SkippedTags.Contains(name) && !tag.SelfClosing)
            {
                // Skip to the matching end tag (head may hold the canonical link: read it first).
                var end = html.IndexOf("</" + name, _pos, StringComparison.OrdinalIgnoreCase);
                var content = html[_pos..(end < 0 ? html.Length : end)];
                if (name == "head")
                {
                    Address ??= FindCanonical(content);
                }

                _pos = AfterEndTag(end);
                return;
            }

            switch (name)
            {
                case "pre" when !tag.Closing:
                    Pre();
                    return;
                case "br":
                    if (_cell is not null)
                    {
                        _cell.Append(' ');
                    }
                    else
                    {
                        Break();
                    }

                    return;
                case "table":
                    if (tag.Closing)
                    {
                        EndTable();
                    }
                    else
                    {
                        Break();
                        _table = [];
                    }

                    return;
                case "tr" when _table is not null:
                    EndCell();
                    if (!tag.Closing)
                    {
                        _table.Add([]);
                    }

                    return;
                case "td" or "th" when _table is not null:
                    EndCell();
                    if (!tag.Closing)
                    {
                        if (_table.Count == 0)
                        {
                            _table.Add([]);
                        }

                        _cell = new StringBuilder();
                    }

                    return;
            }

            if (BlockTags.Contains(name))
            {
                if (_cell is not null)
                {
                    _cell.Append(' ');
                }
                else
                {
                    Break();
                }
            }
        }

        /// <summary>A code block: its text exactly, tags inside (syntax highlighting) dropped, entities decoded.</summary>
        private void Pre()
        {
            var end = html.IndexOf("</pre", _pos, StringComparison.OrdinalIgnoreCase);
            var inner = html[_pos..(end < 0 ? html.Length : end)];
            _pos = AfterEndTag(end);
            // Some highlighters end each code line with <br> instead of a newline.
            var text = Decode(StripTags(System.Text.RegularExpressions.Regex.Replace(inner, @"<br\s*/?>(\r?\n)?", "\n", System.Text.RegularExpressions.RegexOptions.IgnoreCase)));
            if (text.StartsWith('\n'))
            {
                // HTML drops one newline right after <pre>.
                text = text[1..];
            }
            else if (text.StartsWith("\r\n", StringComparison.Ordinal))
            {
                text = text[2..];
            }

            Break();
            _out.Append(text.TrimEnd('\r', '\n', ' ', '\t')).Append('\n');
        }

        private void Text(string raw)
        {
            var text = Decode(raw);
            var target = _cell ?? _line;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    if (target.Length > 0 && target[^1] != ' ')
                    {
                        target.Append(' ');
                    }
                }
                else
                {
                    target.Append(c);
                }
            }
        }

        private void Break()
        {
            var line = _line.ToString().Trim();
            _line.Clear();
            if (line.Length > 0)
            {
                _out.Append(line).Append('\n');
            }
        }

        private void EndCell()
        {
            if (_cell is null || _table is null)
            {
                return;
            }

            if (_table.Count == 0)
            {
                _table.Add([]);
            }

            _table[^1].Add(_cell.ToString().Trim().Replace('|', '/'));
            _cell = null;
        }

        private void EndTable()
        {
            EndCell();
            if (_table is null)
            {
                return;
            }

            var rows = _table.Where(r => r.Count > 0).ToList();
            _table = null;
            Break();
            for (var i = 0; i < rows.Count; i++)
            {
                _out.Append(string.Join(" | ", rows[i])).Append(" |\n");
                if (i == 0)
                {
                    _out.Append(string.Concat(Enumerable.Repeat("---|", rows[0].Count))).Append('\n');
                }
            }
        }

        private static string StripTags(string text)
        {
            var builder = new StringBuilder(text.Length);
            var inTag = false;
            foreach (var c in text)
            {
                if (c == '<')
                {
                    inTag = true;
                }
                else if (c == '>' && inTag)
                {
                    inTag = false;
                }
                else if (!inTag)
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        // Non-breaking spaces (indentation in code blocks) are spaces to JSON and to the reader.
        private static string Decode(string text) => WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');

        private static string? FindCanonical(string head)
        {
            var converter = new Converter(head);
            converter.Run();
            return converter.Address;
        }

        private static string? CanonicalAddress(string name, string attributes)
        {
            var rel = Attribute(attributes, "rel");
            var property = Attribute(attributes, "property");
            if (name == "link" && string.Equals(rel, "canonical", StringComparison.OrdinalIgnoreCase))
            {
                return Attribute(attributes, "href");
            }

            return name == "meta" && string.Equals(property, "og:url", StringComparison.OrdinalIgnoreCase)
                ? Attribute(attributes, "content")
                : null;
        }

        private static string? Attribute(string attributes, string name)
        {
            var match = System.Text.RegularExpressions.Regex.Match(
                attributes, @"(?:^|\s)" + name + @"\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>]+))", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value) : null;
        }
    }
}
