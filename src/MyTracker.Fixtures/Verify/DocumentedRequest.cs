using System.Text.RegularExpressions;

namespace MyTracker.Fixtures;

/// <summary>A request the drift check sends: <c>GET /api/segment/v1/export/get.json?idSegmentExport=1</c>.</summary>
public sealed partial record DocumentedRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="method">The HTTP method (upper case).</param>
    /// <param name="target">Path and query below the upstream's address, starting with '/'.</param>
    public DocumentedRequest(string method, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (!target.StartsWith('/'))
        {
            throw new ArgumentException($"A request target starts with '/', not '{target}'.", nameof(target));
        }

        Method = method.ToUpperInvariant();
        Target = target;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>Path and query.</summary>
    public string Target { get; }

    /// <summary>The path without the query.</summary>
    public string Path => Target.Split('?', 2)[0];

    /// <summary>Headers to send besides the signature (e.g. a fake's <c>X-Fake-Scenario</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads <c>METHOD /path?query</c> (or just <c>/path?query</c>, a GET).</summary>
    /// <param name="line">The request as written in a <c>--request</c> option or a requests file.</param>
    /// <returns>The request.</returns>
    /// <exception cref="FormatException">The line is not a request.</exception>
    public static DocumentedRequest Parse(string line)
    {
        var match = RequestLine().Match(line.Trim());
        if (!match.Success)
        {
            throw new FormatException($"'{line.Trim()}' is not a request such as 'GET /api/segment/v1/export/get.json?idSegmentExport=1'");
        }

        return new DocumentedRequest(match.Groups[1].Success ? match.Groups[1].Value : "GET", match.Groups[2].Value);
    }

    /// <summary><c>METHOD target</c>.</summary>
    /// <returns>The request line.</returns>
    public override string ToString() => Method + " " + Target;

    [GeneratedRegex(@"^(?:(GET|POST|PUT|PATCH|DELETE|HEAD)\s+)?(/\S*)$", RegexOptions.IgnoreCase)]
    private static partial Regex RequestLine();
}
