namespace MyTracker.Client.Generator.Tests.Infrastructure;

/// <summary>Where the repository, its fixtures and the vendored quicktype corpus are, found from the test assembly.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string FixturesRoot => Path.Combine(RepositoryRoot, "fixtures");

    /// <summary>The integration tests' own fixture root: the event-export family, names of its own.</summary>
    public static string IntegrationFixturesRoot => Path.Combine(RepositoryRoot, "tests", "MyTracker.IntegrationTests", "fixtures");

    /// <summary>The fixture root of the packaging test's export-family consumer: the usage-report family, which no code of the toolkit names.</summary>
    public static string UsageReportFixturesRoot => Path.Combine(RepositoryRoot, "tests", "MyTracker.IntegrationTests", "Packaging", "TestProjects", "ExportFamily", "fixtures");

    /// <summary>The 38 quicktype samples, vendored under <c>tests/Corpus/quicktype</c> (see its NOTICE.md).</summary>
    public static string CorpusFolder
    {
        get
        {
            var folder = Path.Combine(RepositoryRoot, "tests", "Corpus", "quicktype");
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"The quicktype corpus was not found at {folder}; it is part of the repository.");
            }

            return folder;
        }
    }

    /// <summary>The folder of the calling test source file, where approved snapshots live.</summary>
    public static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Toolkit.sln not found above " + AppContext.BaseDirectory);
    }
}
