namespace MyTracker.Fake.Tests.Support;

internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Fixtures => System.IO.Path.Combine(Path, "fixtures");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; i < 12 && dir is not null; i++, dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Toolkit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }
}
