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

    /// <summary>A validator of an option that takes an absolute http(s) URL.</summary>
    public static Action<System.CommandLine.Parsing.OptionResult> HttpUrl(string name) => result =>
    {
        if (result.GetValueOrDefault<string?>() is { } text && Url(text) is null)
        {
            result.AddError($"{name} '{text}' is not an http(s) URL");
        }
    };

    /// <summary>An absolute http(s) URL, or null.</summary>
    public static Uri? Url(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    /// <summary>One line on stderr, as the tool's other errors: <c>fake-tracker: ...</c>.</summary>
    public static Task<int> FailAsync(TextWriter error, string message, int exitCode = FakeTrackerApp.ExitUsage) =>
        FakeTrackerApp.FailAsync(error, message, exitCode);
}
