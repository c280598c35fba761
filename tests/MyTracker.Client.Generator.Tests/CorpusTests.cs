using MyTracker.Client.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// quicktype's real-world samples, each as a one-sample endpoint: the generated code compiles with no
/// warning, reads the sample and writes back JSON equal in values.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.CorpusFolder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_the_38_documented_files()
    {
        Assert.Equal(38, Directory.EnumerateFiles(TestPaths.CorpusFolder, "*.json").Count());
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_sample_compiles_reads_and_writes_back_equal_json(string fileName)
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.CorpusFolder, fileName));
        var endpoint = Path.GetFileNameWithoutExtension(fileName);
        var outcome = CorpusRunner.Run(endpoint, json);
        foreach (var diagnostic in outcome.GeneratorDiagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        output.WriteLine($"corpus {fileName}: {(outcome.Passed ? "passed" : "FAILED")} ({outcome.Detail})");
        Assert.True(outcome.Passed, $"{fileName}: {outcome.Detail}");
    }
}
