using System.Reflection;

namespace MyTracker.IntegrationTests.Support;

/// <summary>Where this test assembly was built from, recorded at build time (see the csproj).</summary>
internal static class BuildInfo
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    public static string ToolDirectory { get; } =
        Path.Combine(RepositoryRoot, "src", "MyTracker.Fake.Tool", "bin", Configuration, "net10.0");

    private static string Metadata(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"AssemblyMetadata '{key}' missing: see MyTracker.IntegrationTests.csproj.");
}
