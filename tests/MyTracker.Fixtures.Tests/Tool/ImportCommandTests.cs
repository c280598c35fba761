using MyTracker.Fixtures.Tests.Support;

namespace MyTracker.Fixtures.Tests.Tool;

/// <summary>fake-tracker fixtures import as a user runs it: what it prints, what it writes, how it fails.</summary>
public sealed class ImportCommandTests
{
    [Fact]
    public async Task Import_prints_every_file_written_and_exits_0()
    {
        using var temp = new TempDirectory();
        var run = await ToolRun.RunToEndAsync("fixtures", "import", Repository.Page("segment-export-get.txt"), "--out", temp.Path);

        Assert.Equal(0, await run.Completion);
        var folder = Path.Combine(temp.Path, "segment-export", "get");
        Assert.Equal(
            [
                $"wrote {folder}/endpoint.json (GET /api/segment/v1/export/get.json, 1 parameter)",
                $"wrote {folder}/200.in-progress.json (page line 12)",
                $"wrote {folder}/200.error-occurred.json (page line 22)",
                $"wrote {folder}/200.success.json (page line 34)",
                $"wrote {folder}/404.not-found.json (page line 53)",
                $"wrote {folder}/403.access-denied.json (page line 63)",
                "line 74: the sample repeats the one at line 34; written once",
                $"Imported 5 samples from segment-export-get.txt into {folder} (no notes)",
            ],
            run.Output.Lines);
        Assert.Equal(string.Empty, run.Error.Text);
        Assert.Equal(6, Directory.GetFiles(folder).Length);
    }

    [Fact]
    public async Task Notes_go_to_stdout_and_the_import_still_succeeds()
    {
        using var temp = new TempDirectory();
        var run = await ToolRun.RunToEndAsync("fixtures", "import", Repository.Page("segment-export-get.unstated-status.txt"), "-o", temp.Path, "--area", "status-page", "--endpoint", "get");

        Assert.Equal(0, await run.Completion);
        Assert.Equal(2, run.Output.Lines.Count(l => l.StartsWith("note: line ", StringComparison.Ordinal)));
        Assert.Contains("note: line 26: unclassified.3.json: the page does not state its HTTP status (its body's code is 429); rename it to <status>.<scenario>.json once you know it", run.Output.Lines);
        Assert.EndsWith("(2 notes, also in endpoint.json)", run.Output.Lines[^1], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "status-page", "get", "unclassified.4.json")));
    }

    [Fact]
    public async Task Importing_twice_without_force_exits_2_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, await (await ToolRun.RunToEndAsync("fixtures", "import", Repository.Page("segment-export-get.txt"), "--out", temp.Path)).Completion);
        var manifest = Path.Combine(temp.Path, "segment-export", "get", "endpoint.json");
        File.WriteAllText(manifest, "{\"kept\": true}");

        var again = await ToolRun.RunToEndAsync("fixtures", "import", Repository.Page("segment-export-get.txt"), "--out", temp.Path);
        Assert.Equal(2, await again.Completion);
        Assert.Equal($"fake-tracker: {manifest} already exists; nothing was written (pass --force to overwrite)", Assert.Single(again.Error.Lines));
        Assert.Equal("{\"kept\": true}", File.ReadAllText(manifest));

        var forced = await ToolRun.RunToEndAsync("fixtures", "import", Repository.Page("segment-export-get.txt"), "--out", temp.Path, "--force");
        Assert.Equal(0, await forced.Completion);
        Assert.StartsWith("{\n  \"summary\"", File.ReadAllText(manifest), StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> BadImports => new()
    {
        { ["fixtures", "import", "/definitely/not/here.txt", "--out", "/tmp"], "fake-tracker: page /definitely/not/here.txt does not exist" },
        { ["fixtures", "import", "page.txt"], "fake-tracker: Option '--out' is required." },
        { ["fixtures", "import", "--out", "/tmp"], "fake-tracker: Required argument missing for command: 'import'." },
        { ["fixtures", "import", "x.txt", "--out", "/tmp", "--bogus"], "fake-tracker: Unrecognized command or argument '--bogus'." },
        { ["fixtures"], "fake-tracker: Required command was not provided." },
        { ["fixtures", "import", "PAGE", "--out", "OUT", "--area", "a b"], "fake-tracker: --area 'a b' is not a folder name (letters, digits, '-' and '_')" },
    };

    [Theory]
    [MemberData(nameof(BadImports))]
    public async Task A_bad_import_exits_2_with_one_line_on_stderr(string[] args, string expected)
    {
        using var temp = new TempDirectory();
        args = [.. args.Select(a => a == "PAGE" ? Repository.Page("segment-export-get.txt") : a == "OUT" ? temp.Path : a)];
        var run = await ToolRun.RunToEndAsync(args);

        Assert.Equal(2, await run.Completion);
        Assert.StartsWith(expected, Assert.Single(run.Error.Lines), StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output.Text);
    }
}
