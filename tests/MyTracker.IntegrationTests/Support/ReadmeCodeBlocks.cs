namespace MyTracker.IntegrationTests.Support;

/// <summary>
/// One fenced code block of a Markdown file. The info string is the language, optionally followed
/// by a file name (<c>```csharp ExportTests.cs</c>): renderers show only the language, and the
/// tests use the name to place the block, as it is, into a consumer project. Two words in place of a
/// file name say a C# block is not a program to compile on its own: <c>outline</c> (signatures of the
/// generated API, without bodies) and <c>excerpt</c> (a region of a compiled file, checked word for word
/// by <see cref="Readme.RuntimeDocsTests"/>).
/// </summary>
internal sealed record CodeBlock(string Language, string? FileName, string Code, int Line, string Document = "README.md", string? Kind = null)
{
    public override string ToString() => $"{Document} line {Line} ({Language}{((FileName ?? Kind) is { } word ? " " + word : string.Empty)})";
}

/// <summary>
/// Reads the fenced code blocks of the user documentation: README.md, every page of docs/ and
/// fixtures/README.md (<see cref="Documents"/>).
/// </summary>
internal static class ReadmeCodeBlocks
{
    public static string ReadmePath => Path.Combine(BuildInfo.RepositoryRoot, "README.md");

    /// <summary>The page whose test files the packaging test adds to the projects the template pack makes.</summary>
    public static string TestingPagePath => Path.Combine(BuildInfo.RepositoryRoot, "docs", "testing-with-the-fake.md");

    /// <summary>The documentation the tests hold to the code: README.md, docs/*.md, fixtures/README.md (full paths).</summary>
    public static IReadOnlyList<string> Documents =>
    [
        ReadmePath,
        .. Directory.EnumerateFiles(Path.Combine(BuildInfo.RepositoryRoot, "docs"), "*.md").Order(StringComparer.Ordinal),
        Path.Combine(BuildInfo.RepositoryRoot, "fixtures", "README.md"),
    ];

    /// <summary>The blocks of one document, or of every document when none is named.</summary>
    public static IReadOnlyList<CodeBlock> Read(string? path = null) =>
        path is null ? [.. Documents.SelectMany(ReadOne)] : ReadOne(path);

    private static List<CodeBlock> ReadOne(string path)
    {
        var document = Path.GetRelativePath(BuildInfo.RepositoryRoot, path).Replace('\\', '/');
        var lines = File.ReadAllLines(path);
        var blocks = new List<CodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var info = lines[i][3..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new InvalidDataException($"{document} line {i + 1}: a code block is never closed.");
            }

            var word = info.Length > 1 ? info[1] : null;
            var kind = word is "outline" or "excerpt" ? word : null;
            blocks.Add(new CodeBlock(
                info.Length > 0 ? info[0] : string.Empty,
                kind is null ? word : null,
                string.Join('\n', lines[start..end]) + "\n",
                i + 1,
                document,
                kind));
            i = end;
        }

        return blocks;
    }

    /// <summary>
    /// A test file as an xunit 2 project needs it: the docs' files are written for xunit v3 and say
    /// that on xunit 2, which has no TestContext, this is the one change (the xunit 2 template makes it too).
    /// </summary>
    public static string ForXunit2(string code) =>
        code.Replace("TestContext.Current.CancellationToken", "CancellationToken.None", StringComparison.Ordinal);

    /// <summary>The C# blocks of the testing page that name the file they are (its complete test files).</summary>
    public static IReadOnlyList<CodeBlock> TestFiles() =>
        [.. Read(TestingPagePath).Where(b => b.Language == "csharp" && b.FileName is not null)];
}
