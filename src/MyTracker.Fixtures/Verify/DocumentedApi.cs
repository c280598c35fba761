using MyTracker.Fixtures.Model.Inference;
using MyTracker.Fixtures.Model.Parsing;
using MyTracker.Fixtures.Folders;
using MyTracker.Fixtures.Verify;

namespace MyTracker.Fixtures;

/// <summary>
/// A fixture folder as the contract of an API: the endpoints, statuses, scenarios and types the generated
/// client has. <see cref="Check(DocumentedEndpoint, int, string)"/> compares one answer with it by type;
/// <see cref="DriftVerifier"/> does so for answers from an upstream or a recording.
/// </summary>
/// <example>
/// <code>
/// var api = DocumentedApi.Load("fixtures");
/// var drift = api.Check("GET", "/api/segment/v1/export/get.json", 200, body);
/// Assert.Empty(drift);
/// </code>
/// </example>
public sealed class DocumentedApi
{
    private DocumentedApi(string directory, IReadOnlyList<DocumentedEndpoint> endpoints)
    {
        Directory = directory;
        Endpoints = endpoints;
    }

    /// <summary>The fixture folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>The endpoints the generator can type, ordered by folder.</summary>
    public IReadOnlyList<DocumentedEndpoint> Endpoints { get; }

    /// <summary>Reads a fixture folder as a build would.</summary>
    /// <param name="fixturesDirectory">The folder holding <c>&lt;area&gt;/&lt;endpoint&gt;/</c>.</param>
    /// <returns>The documented API.</returns>
    /// <exception cref="FixturesException">The folder is missing, empty, or has a fixture the generator rejects (its diagnostic, located).</exception>
    public static DocumentedApi Load(string fixturesDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(fixturesDirectory);
        return From(FixtureFolder.Load(fixturesDirectory));
    }

    internal static DocumentedApi From(FixtureFolder folder)
    {
        var endpoints = new List<DocumentedEndpoint>();
        foreach (var (input, result) in folder.Models.Inputs.Zip(folder.Models.Results))
        {
            if (result.Model is { } model)
            {
                endpoints.Add(new DocumentedEndpoint(model, input, Examples(input)));
            }
        }

        var statusEndpoints = ExportRecognition.Recognize([.. endpoints.Select(e => e.Model)])
            .Where(r => r.Model is not null)
            .Select(r => r.Model!.StatusLabel)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            endpoint.IsExportStatus = statusEndpoints.Contains(endpoint.Key) || endpoint.Model.Meanings.Count > 0;
        }

        return new DocumentedApi(folder.Root, endpoints);
    }

    /// <summary>The endpoint of a request, or null.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="target">The request path, with or without its query.</param>
    /// <returns>The endpoint, or null when no fixture folder documents it.</returns>
    public DocumentedEndpoint? Find(string method, string target) => Endpoints.FirstOrDefault(e => e.Matches(method, target));

    /// <summary>Gets an endpoint by folder (<c>segment-export/get</c>), or null.</summary>
    /// <param name="key">The <c>&lt;area&gt;/&lt;endpoint&gt;</c> folder.</param>
    public DocumentedEndpoint? this[string key] => Endpoints.FirstOrDefault(e => e.Key == key);

    /// <summary>Compares one answer with the endpoint's fixtures by type.</summary>
    /// <param name="endpoint">The endpoint asked.</param>
    /// <param name="status">The HTTP status answered.</param>
    /// <param name="body">The body answered.</param>
    /// <returns>Each difference once; empty when the answer is what the generated client expects.</returns>
    public IReadOnlyList<Drift> Check(DocumentedEndpoint endpoint, int status, string body)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(body);
        var root = JsonParser.TryParse(body, out var error, out _);
        return [.. DriftChecker.Check(endpoint, status, root, error), .. MeaningJudge.Judge(endpoint, status, root, endpoint.ScenarioOf(status, root)).Drifts];
    }

    /// <summary>Compares one answer with the fixtures of the endpoint the request addresses.</summary>
    /// <param name="method">The HTTP method of the request.</param>
    /// <param name="target">Its path (the query is ignored).</param>
    /// <param name="status">The HTTP status answered.</param>
    /// <param name="body">The body answered.</param>
    /// <returns>Each difference once; empty when the answer is what the generated client expects.</returns>
    /// <exception cref="ArgumentException">No fixture folder documents the request.</exception>
    public IReadOnlyList<Drift> Check(string method, string target, int status, string body) =>
        Check(Find(method, target) ?? throw new ArgumentException($"No fixture folder of {Directory} documents {method} {target}.", nameof(target)), status, body);

    private static IReadOnlyList<string> Examples(MyTracker.Fixtures.Model.EndpointInput input)
    {
        if (input.Manifest?.Root?["examples"] is not { Kind: JsonKind.Array } examples)
        {
            return [];
        }

        return [.. examples.Items.Where(i => i.Kind == JsonKind.String && i.Text!.StartsWith('/')).Select(i => i.Text!)];
    }
}
