using MyTracker.Fixtures.Model.Parsing;
using MyTracker.Fixtures.Folders;

namespace MyTracker.Fixtures.Record;

/// <summary>Where a recorded answer goes: its endpoint folder and scenario, and whether the documentation already has it.</summary>
internal sealed record RecordedName(string Area, string Endpoint, int Status, string Scenario, bool Documented)
{
    public string Folder => Area + "/" + Endpoint;

    public string FileName => Status.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + Scenario + ".json";
}

/// <summary>
/// Names a recorded answer's scenario from the field that tells scenarios apart, as the documentation
/// knows it: the generator's discriminator of that status when the fixtures have one (a documented value
/// keeps its documented name, a new value names a new scenario); for a status with one documented sample,
/// that sample's scenario unless a status-like field (<c>status</c>, <c>state</c>, <c>type</c>, <c>kind</c>)
/// has another value; for an undocumented status, that field's value, else the body's <c>message</c>, else
/// the status's reason phrase.
/// </summary>
internal static class ScenarioNamer
{
    private static readonly string[] StatusLike = ["status", "state", "type", "kind"];

    public static RecordedName? Name(DocumentedApi? documentation, string method, string path, int status, JsonNode? root)
    {
        var endpoint = documentation?.Find(method, path);
        var folder = endpoint is null ? EndpointNames.FromPath(path) : (endpoint.Area, endpoint.Name);
        if (folder is not var (area, name))
        {
            return null;
        }

        if (endpoint is not null && endpoint.Model.Result.Groups.FirstOrDefault(g => g.StatusCode == status) is { } group)
        {
            var cases = endpoint.Scenarios.Where(s => s.Status == status).ToList();
            if (group.DiscriminatorJsonPath is { } discriminator && root is not null && DocumentedEndpoint.ValueAt(root, discriminator) is { } value)
            {
                var known = cases.FirstOrDefault(c => c.DiscriminatorValue == value);
                return known is not null
                    ? new RecordedName(area, name, status, known.Name, true)
                    : new RecordedName(area, name, status, ScenarioNames.FromText(value) ?? ScenarioNames.FromStatus(status), false);
            }

            if (cases.Count == 1)
            {
                var sample = endpoint.Input.Samples.FirstOrDefault(s => s.FileName == cases[0].FileName)?.Root;
                var documentedValue = sample is null ? null : StatusLikeValue(sample);
                var receivedValue = root is null ? null : StatusLikeValue(root);
                if (documentedValue is not null && receivedValue is not null && documentedValue != receivedValue)
                {
                    return new RecordedName(area, name, status, ScenarioNames.FromText(receivedValue) ?? ScenarioNames.FromStatus(status), false);
                }

                return new RecordedName(area, name, status, cases[0].Name, true);
            }
        }

        var scenario = (root is null ? null : ScenarioNames.FromText(StatusLikeValue(root)))
                       ?? (root?["message"] is { Kind: JsonKind.String } message ? ScenarioNames.FromText(message.Text) : null)
                       ?? ScenarioNames.FromStatus(status);
        return new RecordedName(area, name, status, scenario, false);
    }

    /// <summary>The shallowest string member named like a status (the generator's tie-break), reached through objects.</summary>
    internal static string? StatusLikeValue(JsonNode root)
    {
        var level = new List<JsonNode> { root };
        for (var depth = 0; depth < 8 && level.Count > 0; depth++)
        {
            var next = new List<JsonNode>();
            foreach (var node in level.Where(n => n.Kind == JsonKind.Object))
            {
                foreach (var member in node.Members)
                {
                    if (member.Value.Kind == JsonKind.String && StatusLike.Any(s => member.Name.Contains(s, StringComparison.OrdinalIgnoreCase)))
                    {
                        return member.Value.Text;
                    }

                    next.Add(member.Value);
                }
            }

            level = next;
        }

        return null;
    }
}
