namespace MyTracker.IntegrationTests.Support;

/// <summary>
/// The environment for a dotnet command a test starts: English output, no telemetry, no node reuse
/// (nothing left running), and none of the MSBuild and VSTest variables of the test run itself,
/// which would steer the nested build or test run back into this run's SDK state and test session.
/// </summary>
internal static class NestedDotnet
{
    /// <summary>The dotnet host running this test run (the same SDK), or <c>dotnet</c> from the PATH.</summary>
    public static string Host { get; } =
        System.Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    public static Dictionary<string, string?> Environment(string? packagesFolder = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_UI_LANGUAGE"] = "en",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        if (packagesFolder is not null)
        {
            environment["NUGET_PACKAGES"] = packagesFolder;
        }

        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            if ((name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && name != "MSBUILDDISABLENODEREUSE")
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase))
            {
                environment[name] = null;
            }
        }

        return environment;
    }
}
