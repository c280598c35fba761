using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures;

/// <summary>A documented scenario: one sample of an endpoint.</summary>
/// <param name="Name">The scenario, e.g. <c>in-progress</c>.</param>
/// <param name="Status">Its HTTP status.</param>
/// <param name="FileName">Its sample file, e.g. <c>200.in-progress.json</c>.</param>
/// <param name="DiscriminatorValue">The value of the field that tells it from the other samples of its status; null when it is the only one.</param>
public sealed record DocumentedScenario(string Name, int Status, string FileName, string? DiscriminatorValue);

/// <summary>One endpoint folder of the fixtures, as the generated client sees it.</summary>
public sealed class DocumentedEndpoint
{
    internal DocumentedEndpoint(EndpointModel model, EndpointInput input, IReadOnlyList<string> examples)
    {
        Model = model;
        Input = input;
        Examples = examples;
        Scenarios = [.. model.Result.Cases.Select(c => new DocumentedScenario(c.Scenario, c.StatusCode, c.Fixture, c.DiscriminatorValue))];
    }

    /// <summary><c>&lt;area&gt;/&lt;endpoint&gt;</c>, e.g. <c>segment-export/get</c>.</summary>
    public string Key => Model.Area + "/" + Model.Endpoint;

    /// <summary>The area folder.</summary>
    public string Area => Model.Area;

    /// <summary>The endpoint folder.</summary>
    public string Name => Model.Endpoint;

    /// <summary>The HTTP method.</summary>
    public string Method => Model.HttpMethod;

    /// <summary>The path (with <c>{name}</c> for path parameters).</summary>
    public string Path => Model.Path;

    /// <summary>Every documented scenario, ordered by status.</summary>
    public IReadOnlyList<DocumentedScenario> Scenarios { get; }

    /// <summary>The documented statuses.</summary>
    public IEnumerable<int> Statuses => Model.Result.Groups.Select(g => g.StatusCode);

    /// <summary>Example requests from endpoint.json's <c>examples</c> (path and query), as the documentation shows them.</summary>
    public IReadOnlyList<string> Examples { get; }

    internal EndpointModel Model { get; }

    /// <summary>Whether this is the status endpoint of an export family, or states what its scenarios mean: its 2xx answers are judged by meaning too.</summary>
    internal bool IsExportStatus { get; set; }

    internal EndpointInput Input { get; }

    /// <summary>Whether a request path (no query) is this endpoint's, path parameters matching any segment.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path.</param>
    /// <returns>True when method and path match.</returns>
    public bool Matches(string method, string path)
    {
        if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var documented = Path.Split('/');
        var actual = path.Split('?', 2)[0].Split('/');
        return documented.Length == actual.Length
               && documented.Zip(actual).All(p => p.First == p.Second || (p.First.StartsWith('{') && p.First.EndsWith('}') && p.Second.Length > 0));
    }

    /// <summary>The documented scenario an answer is, by its status and the field that tells the scenarios apart; null when none is.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The body.</param>
    /// <returns>The scenario, or null for an undocumented status or discriminator value.</returns>
    public DocumentedScenario? ScenarioOf(int status, string body) => ScenarioOf(status, JsonParser.TryParse(body, out _, out _));

    internal DocumentedScenario? ScenarioOf(int status, JsonNode? root)
    {
        var group = Model.Result.Groups.FirstOrDefault(g => g.StatusCode == status);
        if (group is null)
        {
            return null;
        }

        var cases = Scenarios.Where(s => s.Status == status).ToList();
        if (group.DiscriminatorJsonPath is null || cases.Count == 1)
        {
            return cases.FirstOrDefault();
        }

        var value = root is null ? null : ValueAt(root, group.DiscriminatorJsonPath);
        return cases.FirstOrDefault(c => c.DiscriminatorValue == value);
    }

    /// <summary>The string at a dotted path of objects (<c>data.status</c>), or null.</summary>
    internal static string? ValueAt(JsonNode root, string dottedPath)
    {
        JsonNode? node = root;
        foreach (var step in dottedPath.Split('.'))
        {
            node = node is { Kind: JsonKind.Object } ? node[step] : null;
        }

        return node is { Kind: JsonKind.String } ? node.Text : null;
    }
}
