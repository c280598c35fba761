namespace MyTracker.Fixtures.Folders;

/// <summary>The <c>&lt;area&gt;/&lt;endpoint&gt;</c> folder of an API path, for pages and answers no fixture names yet.</summary>
internal static class EndpointNames
{
    /// <summary>
    /// <c>/api/segment/v1/export/get.json</c> -> (<c>segment-export</c>, <c>get</c>): the leading <c>api</c>,
    /// version segments (<c>v1</c>) and the extension are dropped, the last segment is the endpoint and the
    /// rest, joined with dashes, the area. Null when the path has fewer than two meaningful segments.
    /// </summary>
    public static (string Area, string Endpoint)? FromPath(string path)
    {
        var segments = path.Split('?', 2)[0].Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count > 0 && segments[0].Equals("api", StringComparison.OrdinalIgnoreCase))
        {
            segments.RemoveAt(0);
        }

        segments.RemoveAll(IsVersion);
        if (segments.Count > 0)
        {
            var last = segments[^1];
            var dot = last.LastIndexOf('.');
            segments[^1] = dot > 0 ? last[..dot] : last;
        }

        var names = segments.Where(s => !(s.StartsWith('{') && s.EndsWith('}'))).Select(ScenarioNames.FromText).ToList();
        if (names.Count < 2 || names.Any(n => n is null))
        {
            return null;
        }

        return (string.Join("-", names.Take(names.Count - 1)), names[^1]!);
    }

    private static bool IsVersion(string segment) =>
        segment.Length >= 2 && segment[0] is 'v' or 'V' && segment.Skip(1).All(char.IsAsciiDigit);
}
