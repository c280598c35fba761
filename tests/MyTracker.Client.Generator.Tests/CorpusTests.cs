using MyTracker.Client.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// quicktype's real-world samples, each as a one-sample endpoint: the generated code compiles with no
/// warning, reads the sample and writes back JSON equal in values. Reports passed/total.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private const int ExpectedFiles = 38;

    [Fact]
    public void Every_corpus_sample_compiles_reads_and_writes_back_equal_json()
    {
        var files = Directory.EnumerateFiles(TestPaths.CorpusFolder, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ExpectedFiles, files.Count);

        var failures = new List<string>();
        foreach (var file in files)
        {
            var fileName = Path.GetFileName(file);
            var outcome = CorpusRunner.Run(Path.GetFileNameWithoutExtension(fileName), File.ReadAllText(file));
            var warnings = outcome.GeneratorDiagnostics.Count;
            output.WriteLine($"{(outcome.Passed ? "passed" : "FAILED")}  {fileName}: {outcome.Detail}{(warnings > 0 ? $"; {warnings} generator warning(s), first: {outcome.GeneratorDiagnostics[0].GetMessage()}" : string.Empty)}");
            if (!outcome.Passed)
            {
                failures.Add($"{fileName}: {outcome.Detail}");
            }
        }

        output.WriteLine($"corpus: {files.Count - failures.Count}/{files.Count} passed");
        Assert.True(failures.Count == 0, $"corpus: {files.Count - failures.Count}/{files.Count} passed" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }
}
