namespace MyTracker.IntegrationTests.Support;

/// <summary>
/// One fenced code block of a Markdown file. The info string is the language, optionally followed
/// by a file name (<c>```csharp ExportTests.cs</c>): renderers show only the language, and the
/// tests use the name to place the block, as it is, into a consumer project.
/// </summary>
internal sealed record CodeBlock(string Language, string? FileName, string Code, int Line)
{
    public override string ToString() => $"README.md line {Line} ({Language}{(FileName is null ? string.Empty : " " + FileName)})";
}

/// <summary>Reads the fenced code blocks of the repository's README.md.</summary>
internal static class ReadmeCodeBlocks
{
    public static string ReadmePath => Path.Combine(BuildInfo.RepositoryRoot, "README.md");

    public static IReadOnlyList<CodeBlock> Read(string? path = null)
    {
        var lines = File.ReadAllLines(path ?? ReadmePath);
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
                throw new InvalidDataException($"README.md line {i + 1}: a code block is never closed.");
            }

            blocks.Add(new CodeBlock(
                info.Length > 0 ? info[0] : string.Empty,
                info.Length > 1 ? info[1] : null,
                string.Join('\n', lines[start..end]) + "\n",
                i + 1));
            i = end;
        }

        return blocks;
    }

    /// <summary>
    /// A README test file as an xunit 2 project needs it: the README's files are written for xunit
    /// v3 and say that on xunit 2, which has no TestContext, this is the one change.
    /// </summary>
    public static string ForXunit2(string code) =>
        code.Replace("TestContext.Current.CancellationToken", "CancellationToken.None", StringComparison.Ordinal);

    /// <summary>The C# blocks that name the file they are (the README's complete test files).</summary>
    public static IReadOnlyList<CodeBlock> TestFiles() =>
        [.. Read().Where(b => b.Language == "csharp" && b.FileName is not null)];
}
