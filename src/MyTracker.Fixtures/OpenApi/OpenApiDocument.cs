using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of a fixture folder, read and inferred exactly as the source generator reads
/// it: schemas are the generated types, scenarios are named examples, AuthHMAC is the security scheme,
/// and every operation lists the 400 and 403 the fake answers. What <c>fake-tracker openapi</c> writes;
/// a build can call it directly:
/// <code>
/// var result = OpenApiDocument.FromDirectory("fixtures", new OpenApiDocumentOptions { ServerUrl = new Uri("https://tracker.my.com") });
/// if (result.Document is { } json) File.WriteAllText("openapi.json", json);
/// </code>
/// </summary>
public static class OpenApiDocument
{
    /// <summary>Describes every <c>*.json</c> below a folder (as the default <c>MyTrackerFixturesGlob</c>, <c>**/*.json</c>, picks them).</summary>
    /// <param name="directory">The fixture root, holding <c>&lt;area&gt;/&lt;endpoint&gt;/</c>.</param>
    /// <param name="options">Title, version, server; null for the defaults.</param>
    /// <returns>The document, or why there is none; the fixtures' diagnostics either way.</returns>
    /// <exception cref="FixturesException">The folder does not exist.</exception>
    public static OpenApiDocumentResult FromDirectory(string directory, OpenApiDocumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new FixturesException($"fixture folder {root} does not exist");
        }

        var files = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => new KeyValuePair<string, string>(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .OrderBy(f => f.Key, StringComparer.Ordinal);
        return FromFiles(root, files, options ?? new OpenApiDocumentOptions { Source = $"the fixture folder '{Path.GetFileName(root)}'" });
    }

    /// <summary>Describes fixture files given by path and text (e.g. embedded resources).</summary>
    /// <param name="root">The root the paths are relative to; it names files in diagnostics.</param>
    /// <param name="files">Each file's path relative to <paramref name="root"/> ('/' separators) and its text.</param>
    /// <param name="options">Title, version, server; null for the defaults.</param>
    /// <returns>The document, or why there is none; the fixtures' diagnostics either way.</returns>
    public static OpenApiDocumentResult FromFiles(string root, IEnumerable<KeyValuePair<string, string>> files, OpenApiDocumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(files);
        options ??= new OpenApiDocumentOptions();
        var set = FixtureModels.Read(root, files);
        var diagnostics = set.Diagnostics.Select(FixtureModels.Format).ToList();
        if (set.Diagnostics.Any(FixtureModels.IsError))
        {
            return new(null, 0, diagnostics, "the fixtures have errors (above); no document written");
        }

        var endpoints = set.Endpoints.ToList();
        if (endpoints.Count == 0)
        {
            return new(null, 0, diagnostics, $"no endpoint in {root}: expected <area>/<endpoint>/endpoint.json with <status>.<scenario>.json samples beside it");
        }

        var clash = endpoints.GroupBy(e => (e.Model.HttpMethod, e.Model.Path)).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            return new(null, 0, diagnostics, $"{string.Join(" and ", clash.Select(e => e.Model.FixtureFolder))} both describe {clash.Key.HttpMethod} {clash.Key.Path}");
        }

        var document = OpenApiDocumentWriter.Write(endpoints, new OpenApiDocumentSettings(options.Title, options.Version, options.ServerUrl.ToString(), options.Source));
        return new(document, endpoints.Count, diagnostics, null);
    }
}

/// <summary>What the document says about itself.</summary>
public sealed record OpenApiDocumentOptions
{
    /// <summary>The default server: the API's own host.</summary>
    public static readonly Uri DefaultServerUrl = new("https://tracker.my.com");

    /// <summary><c>info.title</c>.</summary>
    public string Title { get; init; } = "myTracker Export API";

    /// <summary><c>info.version</c>.</summary>
    public string Version { get; init; } = "0.0.0";

    /// <summary>The one server URL.</summary>
    public Uri ServerUrl { get; init; } = DefaultServerUrl;

    /// <summary>Where the fixtures came from, in words for <c>info.description</c>.</summary>
    public string Source { get; init; } = "the fixture folder";
}

/// <summary>The outcome of <see cref="OpenApiDocument.FromDirectory"/> or <see cref="OpenApiDocument.FromFiles"/>.</summary>
/// <param name="Document">The document's JSON, or null when it could not be written.</param>
/// <param name="EndpointCount">How many endpoints (operations) it describes.</param>
/// <param name="Diagnostics">The generator's diagnostics of the fixtures, one located line each (warnings do not stop the document).</param>
/// <param name="Error">Why there is no document, or null.</param>
public sealed record OpenApiDocumentResult(string? Document, int EndpointCount, IReadOnlyList<string> Diagnostics, string? Error);
