using System.CommandLine;
using MyTracker.Client.Generator;
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
        var command = new Command("openapi", "Write an OpenAPI 3.1 document of the fixtures (schemas = the generated types, scenarios = named examples, AuthHMAC security) and exit.")
        {
            fixtures, file, server, title,
        };
        command.SetAction((parsed, token) => RunAsync(
            parsed.GetValue(fixtures), parsed.GetValue(file)!, parsed.GetValue(server)!, parsed.GetValue(title)!, output, error, token));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo? folder, string target, string serverUrl, string title, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(serverUrl, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"{Name}: --server-url '{serverUrl}' is not an absolute http(s) URL (see fake-tracker openapi --help)").ConfigureAwait(false);
            return FakeTrackerApp.ExitUsage;
        }

        if (folder is { Exists: false })
        {
            await error.WriteLineAsync($"{Name}: fixture folder {folder.FullName} does not exist").ConfigureAwait(false);
            return FakeTrackerApp.ExitUsage;
        }

        var (root, files) = folder is null ? BuiltInFixtures() : FolderFixtures(folder);
        var set = FixtureModels.Read(root, files);

        // Warnings go to stderr and the document is still written, as a build would still generate.
        foreach (var diagnostic in set.Diagnostics)
        {
            await error.WriteLineAsync(FixtureModels.Format(diagnostic)).ConfigureAwait(false);
        }

        if (set.Diagnostics.Any(FixtureModels.IsError))
        {
            await error.WriteLineAsync($"{Name}: the fixtures have errors (above); no document written").ConfigureAwait(false);
            return FakeTrackerApp.ExitUsage;
        }

        var endpoints = set.Endpoints.ToList();
        if (endpoints.Count == 0)
        {
            await error.WriteLineAsync($"{Name}: no endpoint in {root}: expected <area>/<endpoint>/endpoint.json with <status>.<scenario>.json samples beside it").ConfigureAwait(false);
            return FakeTrackerApp.ExitUsage;
        }

        var clash = endpoints.GroupBy(e => (e.Model.HttpMethod, e.Model.Path)).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            await error.WriteLineAsync($"{Name}: {string.Join(" and ", clash.Select(e => e.Model.FixtureFolder))} both describe {clash.Key.HttpMethod} {clash.Key.Path}").ConfigureAwait(false);
            return FakeTrackerApp.ExitUsage;
        }

        var source = folder is null ? "the fixtures built into fake-tracker" : $"the fixture folder '{folder.Name}'";
        var document = OpenApiDocumentWriter.Write(endpoints, new OpenApiDocumentSettings(title, ToolVersion, serverUrl, source));
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

        await output.WriteLineAsync($"Wrote the OpenAPI 3.1 document of {endpoints.Count} endpoint(s) to {Path.GetFullPath(target)}").ConfigureAwait(false);
        return FakeTrackerApp.ExitOk;
    }

    private static string ToolVersion => typeof(OpenApiCommand).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    /// <summary>The fixtures MyTracker.Fake embeds (the repository's fixtures/), as the generator read them for MyTracker.Client.</summary>
    private static (string Root, List<KeyValuePair<string, string>> Files) BuiltInFixtures()
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

        return (prefix, files);
    }

    /// <summary>Every <c>*.json</c> below the folder, as the default <c>MyTrackerFixturesGlob</c> (<c>**/*.json</c>) picks them.</summary>
    private static (string Root, List<KeyValuePair<string, string>> Files) FolderFixtures(DirectoryInfo folder)
    {
        var files = folder.EnumerateFiles("*.json", SearchOption.AllDirectories)
            .Select(f => new KeyValuePair<string, string>(Path.GetRelativePath(folder.FullName, f.FullName).Replace('\\', '/'), File.ReadAllText(f.FullName)))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        return (folder.FullName, files);
    }
}
