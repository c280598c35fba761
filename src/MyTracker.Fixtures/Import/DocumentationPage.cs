using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Import;

/// <summary>What a documentation page says, read but not yet interpreted: request, parameter rows, samples with their prose.</summary>
internal sealed class DocumentationPage
{
    /// <summary>The page as text (an HTML page after conversion).</summary>
    public required string Text { get; init; }

    /// <summary>The page's own address when it names one (an HTML page's canonical link).</summary>
    public string? Address { get; init; }

    /// <summary>The request line: method and URL.</summary>
    public RequestLine? Request { get; set; }

    /// <summary>The sentence before the request line.</summary>
    public string? Summary { get; set; }

    /// <summary>The rows of the parameter table, in page order.</summary>
    public List<ParameterRow> Parameters { get; } = [];

    /// <summary>The mark after a parameter name that the legend says means required (<c>*</c>), if the page has a legend.</summary>
    public string? RequiredMarker { get; set; }

    /// <summary>Example requests on the page (path and query), in page order, each once.</summary>
    public List<string> Examples { get; } = [];

    /// <summary>Every JSON block on the page, in page order.</summary>
    public List<PageSample> Samples { get; } = [];

    /// <summary>Things the reader noticed that the user should know (several request lines, say).</summary>
    public List<string> Notes { get; } = [];
}

/// <summary>The documented request: <c>GET https://tracker.my.com/api/segment/v1/export/get.json</c>; <c>Line</c> is its first line (the method's or the URL's).</summary>
internal sealed record RequestLine(string Method, string Url, string Path, int Line);

/// <summary>One row of the parameter table: the cells by what their column holds.</summary>
internal sealed record ParameterRow(int Line, string Name, string? Type, string? Description, string? Required, string? Default, string? Note);

/// <summary>
/// One JSON block of the page.
/// </summary>
/// <param name="Ordinal">1-based position among the page's blocks.</param>
/// <param name="Line">1-based line where the block starts.</param>
/// <param name="EndLine">1-based line where it ends.</param>
/// <param name="Text">The block exactly as on the page.</param>
/// <param name="Root">The parsed JSON (trailing commas and comments accepted, as in fixtures); null when it does not parse.</param>
/// <param name="ParseError">Why it does not parse, with the place inside the block.</param>
/// <param name="Lead">The prose between the previous block and this one, lines joined with spaces.</param>
internal sealed record PageSample(int Ordinal, int Line, int EndLine, string Text, JsonNode? Root, string? ParseError, string Lead);
