using System.Globalization;
using System.Text;

namespace MyTracker.Client.Tests.Support;

/// <summary>The repository's documented samples, read from the test output (linked by the csproj).</summary>
public static class Fixtures
{
    public static string Get(string scenarioFile) => Read("get", scenarioFile);

    public static string Create(string scenarioFile) => Read("create", scenarioFile);

    /// <summary>A success body in the documented envelope with the given links and expiry.</summary>
    public static string Success(DateTimeOffset expires, params string[] links)
    {
        var files = string.Join(",", links.Select(l =>
            $"{{\"link\":\"{l}\",\"timestampExpires\":\"{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}\"}}"));
        return $"{{\"code\":200,\"message\":\"Ok\",\"data\":{{\"idSegmentExport\":\"1\",\"status\":\"Success!\",\"files\":[{files}]}}}}";
    }

    private static string Read(string endpoint, string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "segment-export", endpoint, file), Encoding.UTF8);
}
