using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>The generated sources for the repository's fixtures, compared with the approved files in Snapshots/.</summary>
public sealed class SnapshotTests
{
    private static readonly Lazy<GeneratorRun> RepositoryRun = new(() => GeneratorHarness.Run(GeneratorHarness.RepositoryFixtures(), "MyTracker.Client"));

    private static readonly string[] Expected =
    {
        "SegmentExportClient.g.cs",
        "SegmentExportClient.GetAsync.g.cs",
        "SegmentExportClient.CreateAsync.g.cs",
        "SegmentExportGet.g.cs",
        "SegmentExportCreate.g.cs",
        "SegmentExportOperations.g.cs",
        "RawExportClient.g.cs",
        "RawExportClient.GetAsync.g.cs",
        "RawExportClient.CreateAsync.g.cs",
        "RawExportClient.CancelAsync.g.cs",
        "RawExportGet.g.cs",
        "RawExportCreate.g.cs",
        "RawExportCancel.g.cs",
        "RawExportOperations.g.cs",
        "ReportFileClient.g.cs",
        "ReportFileClient.GetAsync.g.cs",
        "ReportFileClient.CreateAsync.g.cs",
        "ReportFileGet.g.cs",
        "ReportFileCreate.g.cs",
        "ReportFileCreate.RequestTypes.g.cs",
        "ReportFileOperations.g.cs",
    };

    public static TheoryData<string> HintNames() => new(Expected);

    [Fact]
    public void The_repository_fixtures_generate_exactly_the_snapshotted_files()
    {
        var expected = Expected.Order(StringComparer.Ordinal);
        Assert.Equal(expected, RepositoryRun.Value.Sources.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_repository_fixtures_generate_without_diagnostics()
    {
        Assert.Empty(RepositoryRun.Value.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(HintNames))]
    public void Generated_source_matches_the_approved_snapshot(string hintName)
    {
        Snapshot.Verify(hintName.Replace(".g.cs", string.Empty, StringComparison.Ordinal), RepositoryRun.Value.Sources[hintName]);
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var again = GeneratorHarness.Run(GeneratorHarness.RepositoryFixtures(), "MyTracker.Client");
        Assert.Equal(RepositoryRun.Value.Sources, again.Sources);
    }
}
