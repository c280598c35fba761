using MyTracker.IntegrationTests.Support;

namespace MyTracker.Dashboard.Tests.Support;

/// <summary>A curl line run as a user would paste it: by <c>/bin/sh</c>, with the status code written after the body.</summary>
internal static class Curl
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Runs the line and returns (status code, body).</summary>
    public static async Task<(int Status, string Body)> RunAsync(string line, IReadOnlyDictionary<string, string?>? environment = null)
    {
        Assert.StartsWith("curl ", line, StringComparison.Ordinal);
        var result = await ProcessRunner.RunAsync(ProcessRunner.Describe("/bin/sh", ["-c", line + " -w '\\n%{http_code}'"], environment: environment), Deadline);
        Assert.True(result.ExitCode == 0, result.ToString());
        var cut = result.Output.LastIndexOf('\n');
        return (int.Parse(result.Output[(cut + 1)..], System.Globalization.CultureInfo.InvariantCulture), result.Output[..cut]);
    }
}
