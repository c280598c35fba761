using System.CommandLine;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.OpenApi;

namespace MyTracker.Fake.Tool.OpenApi;

/// <summary>
/// <c>fake-tracker openapi</c>: an OpenAPI 3.1 document of the built-in fixtures or of a user's own
/// fixture folder, read and inferred exactly as the source generator reads them.
/// </summary>
internal static class OpenApiCommand
{
    public const string DefaultServerUrl = "https://tracker.my.com";

    private const string Name = "fake-tracker openapi";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var fixtures = new Option<DirectoryInfo?>("--fixtures")
        {
            HelpName = "dir",
            Description = "Fixture folder to describe (the <area>/<endpoint>/ layout of the repository's fixtures/); default: the built-in fixtures.",
        };
        var file = new Option<string>("--output", "-o")
        {
            HelpName = "file",
            Description = "Where to write the document ('-' for stdout, the default).",
            DefaultValueFactory = _ => "-",
        };
        var server = new Option<string>("--server-url")
        {
            HelpName = "url",
            Description = $"The document's server URL (default {DefaultServerUrl}).",
            DefaultValueFactory = _ => DefaultServerUrl,
        };
        var title = new Option<string>("--title")
        {
            HelpName = "text",
            Description = "info.title of the document (default: myTracker Export API).",
            DefaultValueFactory = _ => "myTracker Export API",
        };
        server.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } text && !(Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            {
                result.AddError($"--server-url '{text}' is not an absolute http(s) URL");
            }
        });
        var command = new Command("openapi", "Write an OpenAPI 3.1 document of the fixtures (schemas = the generated types, scenarios = named examples, AuthHMAC security) and exit.")
        {
            fixtures, file, server, title,
        };
        command.SetAction((parsed, token) => RunAsync(
            parsed.GetValue(fixtures), parsed.GetValue(file)!, new Uri(parsed.GetValue(server)!), parsed.GetValue(title)!, output, error, token));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo? folder, string target, Uri server, string title, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Checked here, not by a validator: a command line that names a folder still to be made parses.
        if (folder is { Exists: false })
        {
            await error.WriteLineAsync($"{Name}: fixture folder {folder.FullName} does not exist").ConfigureAwait(false);
            return FakeTrackerApp.ExitUsage;
        }

        var options = new OpenApiDocumentOptions
        {
            Title = title,
            Version = ToolVersion,
            ServerUrl = server,
            Source = folder is null ? "the fixtures built into fake-tracker" : $"the fixture folder '{folder.Name}'",
        };
        var result = folder is null ? OpenApiDocument.FromFiles("fixtures/", BuiltInFixtures(), options) : OpenApiDocument.FromDirectory(folder.FullName, options);

        // Warnings go to stderr and the document is still written, as a build would still generate.
        foreach (var diagnostic in result.Diagnostics)
        {
            await error.WriteLineAsync(diagnostic).ConfigureAwait(false);
        }

        if (result.Document is not { } document)
        {
            await error.WriteLineAsync($"{Name}: {result.Error}").ConfigureAwait(false);
            return FakeTrackerApp.ExitUsage;
        }

        if (target == "-")
        {
            await output.WriteAsync(document).ConfigureAwait(false);
            return FakeTrackerApp.ExitOk;
        }

        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(target));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            await File.WriteAllTextAsync(target, document, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{Name}: cannot write {Path.GetFullPath(target)}: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return FakeTrackerApp.ExitUsage;
        }

        await output.WriteLineAsync($"Wrote the OpenAPI 3.1 document of {result.EndpointCount} endpoint(s) to {Path.GetFullPath(target)}").ConfigureAwait(false);
        return FakeTrackerApp.ExitOk;
    }

    private static string ToolVersion => typeof(OpenApiCommand).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    /// <summary>The fixtures MyTracker.Fake embeds (the repository's fixtures/), as the generator read them for MyTracker.Client.</summary>
    private static List<KeyValuePair<string, string>> BuiltInFixtures()
    {
        const string prefix = "fixtures/";
        var assembly = typeof(FakeTracker).Assembly;
        var files = new List<KeyValuePair<string, string>>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add(new(name[prefix.Length..], reader.ReadToEnd()));
        }

        return files;
    }
}
