using System.CommandLine;

namespace MyTracker.Fake.Tool.Fixtures;

/// <summary>
/// <c>fake-tracker fixtures</c>: keeps a fixture folder true to the API. <c>import</c> a documentation page,
/// <c>record</c> a live API through a signing proxy, <c>verify</c> fixtures against an API (drift by type).
/// The work is done by the MyTracker.Fixtures library; this is its command line.
/// </summary>
internal static class FixturesCommand
{
    /// <summary>Exit code of a drift check that found drift.</summary>
    public const int ExitDrift = 1;

    public static Command Create(TextWriter output, TextWriter error) =>
        new("fixtures", "Keep fixtures true to the API: import a documentation page, record a live API, report drift.")
        {
            ImportCommand.Create(output, error),
            RecordCommand.Create(output, error),
            VerifyCommand.Create(output, error),
        };

    /// <summary>An absolute http(s) URL, or null.</summary>
    public static Uri? HttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    /// <summary>One line on stderr, as the tool's other errors: <c>fake-tracker: ...</c>.</summary>
    public static async Task<int> FailAsync(TextWriter error, string message, int exitCode = FakeTrackerApp.ExitUsage)
    {
        await error.WriteLineAsync("fake-tracker: " + message.ReplaceLineEndings(" ").Trim()).ConfigureAwait(false);
        return exitCode;
    }
}
