using System.Text;
using System.Text.RegularExpressions;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Readme;

/// <summary>
/// Every relative Markdown link of README.md, docs/*.md and fixtures/README.md (and of the packages' and
/// the benchmarks' READMEs, which link into them) names a file or folder of
/// the repository, and, where it names a heading (<c>page.md#anchor</c>, <c>#anchor</c>), a heading of
/// that page by GitHub's anchor rules. Links inside code (fenced blocks, inline code spans) are text,
/// not links, and are not checked; links to other sites are not followed (no network).
/// </summary>
public sealed partial class DocsLinkTests
{
    /// <summary>The user docs, and the READMEs of the packages and the benchmarks that link into them.</summary>
    public static TheoryData<string> Documents() =>
    [
        .. ReadmeCodeBlocks.Documents
            .Concat(Directory.EnumerateFiles(Path.Combine(BuildInfo.RepositoryRoot, "src"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            .Append(Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.Benchmarks", "README.md"))
            .Where(d => !d.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !d.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(d => Path.GetRelativePath(BuildInfo.RepositoryRoot, d).Replace('\\', '/')),
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_resolves_to_a_file_and_heading(string document)
    {
        var path = Path.Combine(BuildInfo.RepositoryRoot, document);
        var broken = new List<string>();
        foreach (var (line, target) in Links(File.ReadAllText(path)))
        {
            if (Problem(path, target) is { } problem)
            {
                broken.Add($"{document} line {line}: ({target}) {problem}");
            }
        }

        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void The_readme_links_every_page_of_docs()
    {
        var linked = Links(File.ReadAllText(ReadmeCodeBlocks.ReadmePath)).Select(l => l.Target.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.EnumerateFiles(Path.Combine(BuildInfo.RepositoryRoot, "docs"), "*.md").Select(p => "docs/" + Path.GetFileName(p));

        Assert.All(pages, page => Assert.Contains(page, linked));
    }

    [Fact]
    public void A_missing_file_or_heading_is_reported_and_links_in_code_are_not_links()
    {
        var readme = ReadmeCodeBlocks.ReadmePath;
        var text = "[a](docs/nope.md) [b](#no-such-heading) `[c](gone.md)`\n```\n[d](gone.md)\n```\n[e](docs/signing.md#by-hand) [f](https://example.com/x)\n";

        var links = Links(text).Select(l => l.Target).ToList();

        Assert.Equal(["docs/nope.md", "#no-such-heading", "docs/signing.md#by-hand", "https://example.com/x"], links);
        Assert.Equal("no such file", Problem(readme, "docs/nope.md"));
        Assert.StartsWith("no heading #no-such-heading", Problem(readme, "#no-such-heading"), StringComparison.Ordinal);
        Assert.Null(Problem(readme, "docs/signing.md#by-hand"));
        Assert.Null(Problem(readme, "https://example.com/x"));
    }

    [Theory]
    [InlineData("Any export family: generated `<Area>Operations`, or an `ExportAdapter` of yours", "any-export-family-generated-areaoperations-or-an-exportadapter-of-yours")]
    [InlineData("1. A typed client from your own samples", "1-a-typed-client-from-your-own-samples")]
    [InlineData("xunit v3 needs Microsoft.Testing.Platform", "xunit-v3-needs-microsofttestingplatform")]
    [InlineData("Signing: `Authorization: AuthHMAC <apiUserId>:<signature>`", "signing-authorization-authhmac-apiuseridsignature")]
    [InlineData("README quick start 2 (`QuickStartBenchmarks.cs`)", "readme-quick-start-2-quickstartbenchmarkscs")]
    [InlineData("Load, soak and chaos (issue 6)", "load-soak-and-chaos-issue-6")]
    [InlineData("A [linked](x.md) heading", "a-linked-heading")]
    public void A_heading_gets_githubs_anchor(string heading, string anchor) =>
        Assert.Equal(anchor, Slug(heading));

    [Fact]
    public void A_repeated_heading_gets_a_numbered_anchor() =>
        Assert.Equal(["results", "results-1", "results-2"], Anchors("## Results\n\ntext\n\n### Results\n\n#### Results\n"));

    /// <summary>What is wrong with a link from <paramref name="from"/>, or null when it resolves.</summary>
    private static string? Problem(string from, string target)
    {
        if (Scheme().IsMatch(target))
        {
            return null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var file = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = file.Length == 0 ? from : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from)!, file));
        if (!resolved.StartsWith(BuildInfo.RepositoryRoot, StringComparison.Ordinal))
        {
            return "points outside the repository";
        }

        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "no such file";
        }

        if (anchor is null)
        {
            return null;
        }

        if (!resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(resolved))
        {
            return "an anchor into a file that is not Markdown";
        }

        var anchors = Anchors(File.ReadAllText(resolved));
        return anchors.Contains(anchor) ? null : $"no heading #{anchor} in {Path.GetFileName(resolved)} (it has: {string.Join(", ", anchors)})";
    }

    /// <summary>The links of a Markdown text with their line numbers, outside fenced blocks and code spans.</summary>
    private static List<(int Line, string Target)> Links(string markdown)
    {
        var links = new List<(int, string)>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart('>', ' ');
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            foreach (Match link in Link().Matches(CodeSpan().Replace(line, string.Empty)))
            {
                links.Add((i + 1, link.Groups["target"].Value));
            }
        }

        return links;
    }

    /// <summary>The anchors GitHub gives the headings of a page, a repeated one numbered from -1.</summary>
    private static List<string> Anchors(string markdown)
    {
        var anchors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && Heading().Match(line) is { Success: true } heading)
            {
                var slug = Slug(heading.Groups["text"].Value);
                anchors.Add(seen.TryGetValue(slug, out var count) ? $"{slug}-{count}" : slug);
                seen[slug] = count + 1;
            }
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's anchor of a heading: the text as rendered (a link's text, code without its backticks),
    /// lower-cased, every character that is not a letter, digit, space, hyphen or underscore dropped,
    /// each space a hyphen.
    /// </summary>
    private static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading.Trim(), "${text}");
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6} +(?<text>.+?) *#*$")]
    private static partial Regex Heading();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();
}
