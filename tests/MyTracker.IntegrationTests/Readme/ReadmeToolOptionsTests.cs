using System.Text.RegularExpressions;
using MyTracker.Fake.Tool;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Readme;

/// <summary>
/// The docs (README.md, docs/*.md, fixtures/README.md) against the tool they document, so neither can
/// move without the other: each option table (headed <c>| `fake-tracker ...` option |</c>, once in all
/// the docs) lists exactly what that command's real <c>--help</c> lists, every alias, argument and
/// placeholder, "required" where help says REQUIRED, and a default help states; and every
/// <c>fake-tracker</c> command line in the docs' code blocks parses with the tool's own command tree.
/// </summary>
public sealed partial class ReadmeToolOptionsTests
{
    public static TheoryData<string> Commands =>
        ["fake-tracker", "fake-tracker openapi", "fake-tracker fixtures import", "fake-tracker fixtures record", "fake-tracker fixtures verify"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_docs_table_of_a_command_is_its_help(string command)
    {
        var help = await HelpAsync(command);
        var rows = Table(command);

        Assert.Equal(help.SelectMany(h => h.Names).Order(StringComparer.Ordinal), rows.SelectMany(r => r.Names.Keys).Order(StringComparer.Ordinal));
        foreach (var entry in help)
        {
            var row = Assert.Single(rows, r => r.Names.ContainsKey(entry.Names[0]));
            Assert.All(entry.Names, name => Assert.True(row.Names.ContainsKey(name), $"{command}: {name} belongs in the row of {entry.Names[0]}"));

            // The placeholder as help shows it, on at least one of the option's names.
            var shown = entry.Names.Select(n => row.Names[n]).Where(p => p is not null).ToList();
            Assert.All(shown, p => Assert.Equal(entry.Placeholder, p));
            Assert.True(entry.Placeholder is null || shown.Count > 0, $"{command}: the row of {entry.Names[0]} shows no {entry.Placeholder}");

            Assert.True(
                entry.Required == row.Default.StartsWith("required", StringComparison.Ordinal),
                $"{command}: {entry.Names[0]} is {(entry.Required ? string.Empty : "not ")}required, the docs' default says '{row.Default}'");
            var documented = Code().Matches(row.Default).Select(m => m.Groups[1].Value).ToList();
            Assert.True(
                entry.Default is null || documented.Contains(entry.Default),
                $"{command}: help says {entry.Names[0]} defaults to {entry.Default}, the docs' default says '{row.Default}'");

            // A value the docs give as the default is what help says of the option(s) of that row.
            var said = string.Join('\n', help.Where(h => h.Names.Any(row.Names.ContainsKey)).Select(h => h.Line));
            Assert.All(documented, d => Assert.True(said.Contains(d, StringComparison.Ordinal), $"{command}: the docs' default `{d}` is not what help says: {said}"));
        }
    }

    [Fact]
    public void Every_fake_tracker_command_line_in_the_docs_parses()
    {
        var parsed = new List<string>();
        foreach (var block in ReadmeCodeBlocks.Read().Where(b => b.Language is "sh" or "bash" or "xml"))
        {
            foreach (var line in block.Code.Split('\n').Where(l => !l.TrimStart().StartsWith('#')))
            {
                if (CommandLine().Match(line) is not { Success: true } match)
                {
                    continue;
                }

                var args = Split(match.Groups["args"].Value);
                var result = FakeTrackerApp.CreateCommand(TextWriter.Null, TextWriter.Null).Parse(args);
                Assert.True(result.Errors.Count == 0, $"{block}: '{line.Trim()}': {string.Join("; ", result.Errors.Select(e => e.Message))}");
                parsed.Add(result.CommandResult.Command.Name);
            }
        }

        // Not vacuous: the README's and each command's page show them all.
        Assert.Superset(new HashSet<string>(["fake-tracker", "openapi", "import", "record", "verify"]), parsed.ToHashSet());
    }

    /// <summary>What <c>--help</c> of a command lists under Arguments and Options, one entry per line.</summary>
    private static async Task<List<HelpEntry>> HelpAsync(string command)
    {
        var run = await ToolRun.RunToEndAsync([.. command.Split(' ').Skip(1), "--help"]);
        Assert.Equal(0, await run.Completion);
        var entries = new List<HelpEntry>();
        var inList = false;
        foreach (var line in run.Output.Text.Split('\n'))
        {
            if (line is "Arguments:" or "Options:")
            {
                inList = true;
            }
            else if (line.Length == 0 || !line.StartsWith(' '))
            {
                inList = false;
            }
            else if (inList && HelpLine().Match(line) is { Success: true } m)
            {
                var names = m.Groups["names"].Value.Split(", ");
                entries.Add(new HelpEntry(
                    names,
                    m.Groups["arg"].Success ? m.Groups["arg"].Value : null,
                    m.Groups["required"].Success || names[0].StartsWith('<'),
                    m.Groups["default"].Success ? m.Groups["default"].Value : null,
                    line.Trim()));
            }
            else if (inList)
            {
                // A description wrapped onto a line of its own belongs to the entry above.
                var last = entries[^1];
                entries[^1] = last with { Line = last.Line + " " + line.Trim() };
            }
        }

        Assert.NotEmpty(entries);
        return entries;
    }

    /// <summary>The rows of the one table of the docs headed <c>| `command` option | meaning | default |</c>.</summary>
    private static List<TableRow> Table(string command)
    {
        var found = ReadmeCodeBlocks.Documents
            .Select(d => (Document: Path.GetFileName(d), Lines: File.ReadAllLines(d)))
            .Select(d => (d.Document, d.Lines, Header: Array.FindIndex(d.Lines, l => l.StartsWith($"| `{command}` option |", StringComparison.Ordinal))))
            .Where(d => d.Header >= 0)
            .ToList();
        Assert.True(found.Count == 1, $"the docs have {found.Count} tables headed '| `{command}` option |' ({string.Join(", ", found.Select(f => f.Document))}); one, please");
        var (_, lines, header) = found[0];
        var rows = new List<TableRow>();
        foreach (var line in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = Cell().Split(line.Trim().Trim('|')).Select(c => c.Trim().Replace("\\|", "|", StringComparison.Ordinal)).ToArray();
            Assert.True(cells.Length == 3, $"'{line}' is not a row of option, meaning and default");
            var names = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var segment in Code().Matches(cells[0]).Select(m => m.Groups[1].Value))
            {
                // `<page>` is an argument; `--port <port>` an option with its placeholder.
                var space = segment.StartsWith('<') ? -1 : segment.IndexOf(' ', StringComparison.Ordinal);
                names.Add(space < 0 ? segment : segment[..space], space < 0 ? null : segment[(space + 1)..]);
            }

            rows.Add(new TableRow(names, cells[2]));
        }

        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>Words as a POSIX shell splits them: single and double quotes group, and are removed.</summary>
    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>
    /// <c>fake-tracker ...</c>, <c>dotnet tool run fake-tracker ...</c> (up to a comment or the end of an
    /// XML attribute) and <c>dotnet run --project src/MyTracker.Fake.Tool [-- ...]</c>.
    /// </summary>
    [GeneratedRegex("""(?:^|[\s"])(?:(?:dotnet tool run )?fake-tracker|dotnet run --project src/MyTracker\.Fake\.Tool(?: --)?)(?=\s|"|$)(?<args>[^#"]*)""")]
    private static partial Regex CommandLine();

    /// <summary>An entry of help's Arguments or Options: names, placeholder, REQUIRED, description, default.</summary>
    [GeneratedRegex("""^  (?<names><[^>]+>|-{1,2}[^\s,]+(?:, -{1,2}[^\s,]+)*)(?: (?<arg><[^>]*>))?(?<required> \(REQUIRED\))?(?:\s{2,}.*?)?(?: \[default: (?<default>[^\]]*)\])?$""")]
    private static partial Regex HelpLine();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    /// <summary>A cell boundary: a pipe not escaped as <c>\|</c>.</summary>
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex Cell();

    private sealed record HelpEntry(string[] Names, string? Placeholder, bool Required, string? Default, string Line);

    private sealed record TableRow(Dictionary<string, string?> Names, string Default);
}
