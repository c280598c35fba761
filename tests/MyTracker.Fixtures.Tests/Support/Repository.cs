namespace MyTracker.Fixtures.Tests.Support;

/// <summary>Files of this repository that the tests read (never anything beside it).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string Fixtures => Path.Combine(Root, "fixtures");

    /// <summary>The modelled event-export family, a second export-shaped family (the integration tests' own fixture folder).</summary>
    public static string EventExportFixtures => Path.Combine(Root, "tests", "MyTracker.IntegrationTests", "fixtures");

    public static string Page(string name) => Path.Combine(Root, "tests", "TestData", "docs-pages", name);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; i < 12 && dir is not null; i++, dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Toolkit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }
}
