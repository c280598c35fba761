using System.Text;
using System.Text.Json;

namespace MyTracker.Fake.Fixtures;

/// <summary>
/// A documented response body cut into literal bytes and holes, so each answer is the documented
/// text with only the moving values replaced (everything else, trailing commas included, stays as
/// written) and rendering costs a few buffer copies instead of a JSON serialization.
/// What is a hole is read from the sample itself and the endpoint's manifest (<see cref="HoleRoles"/>):
/// values under a parameter's name (echoes of the request, or an export id), percentages, error details, absolute URLs
/// (rewritten to the fake's link host) and arrays of objects holding a URL (a list of files: each
/// element a link and its expiry).
/// </summary>
internal sealed class BodyTemplate
{
    private readonly List<Part> _parts;

    private BodyTemplate(List<Part> parts, byte[] source, IReadOnlyList<string> documentedLinks)
    {
        _parts = parts;
        Source = source;
        DocumentedLinks = documentedLinks;
    }

    /// <summary>The bytes the template was built from.</summary>
    public byte[] Source { get; }

    /// <summary>The links of the documented list of files, in order (empty when the sample has none).</summary>
    public IReadOnlyList<string> DocumentedLinks { get; }

    /// <summary>Whether the sample lists files (an array of objects holding a URL).</summary>
    public bool HasFiles => _parts.Exists(p => p.Kind == PartKind.Files);

    /// <summary>The names of the holes, for tests and for what a module can fill in.</summary>
    public IEnumerable<string> HoleNames => _parts.Where(p => p.Kind == PartKind.Hole).Select(p => p.Name!)
        .Concat(_parts.Where(p => p.Kind == PartKind.Files).SelectMany(p => p.Element!.HoleNames));

    /// <summary>Builds a template from a JSON sample that may carry trailing commas or comments.</summary>
    public static BodyTemplate Parse(byte[] json, HoleRoles roles) => Parse(json, roles, inFiles: false);

    private static BodyTemplate Parse(byte[] json, HoleRoles roles, bool inFiles)
    {
        var parts = new List<Part>();
        var links = new List<string>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        });
        var literalStart = 0;
        string? property = null;
        while (reader.Read())
        {
            var depth = reader.CurrentDepth;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    continue;
                case JsonTokenType.StartArray when !inFiles && IsFileList(reader, json):
                    literalStart = AddFiles(json, ref reader, parts, literalStart, roles, links);
                    break;
                // A value under a property, or an element of a list of plain links ("files": ["https://...", ...]),
                // which is the link itself (no property, at the element's root).
                case JsonTokenType.String or JsonTokenType.Number when (property is not null || (inFiles && depth == 0))
                    && roles.HoleFor(property ?? string.Empty, reader.TokenType == JsonTokenType.String ? reader.GetString()! : null, depth, inFiles) is { } hole:
                    var start = (int)reader.TokenStartIndex;
                    var end = ValueEnd(reader);
                    parts.Add(Part.Literal(json[literalStart..start]));
                    parts.Add(Part.Hole(hole, json[start..end], quoted: reader.TokenType == JsonTokenType.String));
                    literalStart = end;
                    break;
            }

            property = null;
        }

        parts.Add(Part.Literal(json[literalStart..]));
        return new BodyTemplate(parts, json, links);
    }

    /// <summary>Renders the body with the given values; holes without a value keep the documented text.</summary>
    public byte[] Render(TemplateValues values)
    {
        using var buffer = new MemoryStream(Source.Length + 256);
        Write(buffer, values, fileIndex: -1);
        return buffer.ToArray();
    }

    private void Write(MemoryStream buffer, TemplateValues values, int fileIndex)
    {
        foreach (var part in _parts)
        {
            switch (part.Kind)
            {
                case PartKind.Literal:
                    buffer.Write(part.Bytes);
                    break;
                case PartKind.Hole:
                    var text = values.Get(part.Name!, fileIndex, part.Original);
                    if (text is null)
                    {
                        buffer.Write(part.Original);
                    }
                    else if (part.Quoted)
                    {
                        buffer.WriteByte((byte)'"');
                        buffer.Write(JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
                        buffer.WriteByte((byte)'"');
                    }
                    else
                    {
                        buffer.Write(Encoding.UTF8.GetBytes(text));
                    }

                    break;
                case PartKind.Files:
                    var files = values.Files;
                    if (files is null)
                    {
                        buffer.Write(part.Bytes);
                        break;
                    }

                    buffer.Write(part.FilesPrefix);
                    for (var i = 0; i < files.Count; i++)
                    {
                        if (i > 0)
                        {
                            buffer.Write(part.FilesSeparator);
                        }

                        part.Element!.Write(buffer, values, i);
                    }

                    buffer.Write(files.Count == 0 ? part.FilesEmptySuffix : part.FilesSuffix);
                    break;
            }
        }
    }

    /// <summary>
    /// An array whose first element is an object holding an absolute URL string, or is an absolute URL
    /// itself: a list of files (as the generator recognizes one).
    /// </summary>
    private static bool IsFileList(Utf8JsonReader reader, byte[] json)
    {
        // A copy of the reader: looking ahead does not move the caller's.
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return HoleRoles.IsAbsoluteUrl(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth >= depth)
        {
            if (reader.TokenType == JsonTokenType.String && reader.CurrentDepth == depth + 1 && HoleRoles.IsAbsoluteUrl(reader.GetString()!))
            {
                return true;
            }

            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Where the current string or number token ends in the sample (a string's quotes included).</summary>
    private static int ValueEnd(in Utf8JsonReader reader) =>
        (int)reader.TokenStartIndex + reader.ValueSpan.Length + (reader.TokenType == JsonTokenType.String ? 2 : 0);

    private static int AddFiles(byte[] json, ref Utf8JsonReader reader, List<Part> parts, int literalStart, HoleRoles roles, List<string> links)
    {
        var arrayStart = (int)reader.TokenStartIndex;
        var elements = new List<(int Start, int End)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType == JsonTokenType.String)
            {
                elements.Add((start, ValueEnd(reader)));   // a plain link
                continue;
            }

            reader.Skip();
            elements.Add((start, (int)reader.TokenStartIndex + 1));
        }

        var arrayEnd = (int)reader.TokenStartIndex + 1;
        parts.Add(Part.Literal(json[literalStart..arrayStart]));
        foreach (var (start, end) in elements)
        {
            if (FirstUrl(json[start..end]) is { } link)
            {
                links.Add(link);
            }
        }

        var first = elements[0];
        var last = elements[^1];
        var separator = elements.Count > 1 ? json[first.End..elements[1].Start] : ",\n"u8.ToArray();
        parts.Add(new Part(PartKind.Files, json[arrayStart..arrayEnd], null)
        {
            FilesPrefix = json[arrayStart..first.Start],
            FilesSeparator = separator,
            FilesSuffix = json[last.End..arrayEnd],
            FilesEmptySuffix = "]"u8.ToArray(),
            Element = Parse(json[first.Start..first.End], roles, inFiles: true),
        });
        return arrayEnd;
    }

    private static string? FirstUrl(byte[] element)
    {
        var reader = new Utf8JsonReader(element, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        while (reader.Read())
        {
            // A property of the element (depth 1), or the element itself when it is a plain link (depth 0).
            if (reader.TokenType == JsonTokenType.String && reader.CurrentDepth <= 1 && HoleRoles.IsAbsoluteUrl(reader.GetString()!))
            {
                return reader.GetString();
            }
        }

        return null;
    }

    private enum PartKind
    {
        Literal,
        Hole,
        Files,
    }

    private sealed class Part(PartKind kind, byte[] bytes, string? name)
    {
        public PartKind Kind { get; } = kind;

        public byte[] Bytes { get; } = bytes;

        public string? Name { get; } = name;

        public byte[] Original { get; init; } = [];

        public bool Quoted { get; init; }

        public byte[] FilesPrefix { get; init; } = [];

        public byte[] FilesSeparator { get; init; } = [];

        public byte[] FilesSuffix { get; init; } = [];

        public byte[] FilesEmptySuffix { get; init; } = [];

        public BodyTemplate? Element { get; init; }

        public static Part Literal(byte[] bytes) => new(PartKind.Literal, bytes, null);

        public static Part Hole(string name, byte[] original, bool quoted) => new(PartKind.Hole, [], name) { Original = original, Quoted = quoted };
    }
}

/// <summary>
/// Which values of an endpoint's samples are holes, and of what kind. Read from the manifest (its
/// parameter names) and from the values themselves, so any fixture folder gets the same treatment.
/// </summary>
internal sealed class HoleRoles
{
    /// <summary>Hole names: the values a <see cref="TemplateValues"/> fills in.</summary>
    public const string Progress = "progress";
    public const string Detail = "detail";
    public const string Url = "url";
    public const string Link = "link";
    public const string Expires = "expires";
    public const string Code = "code";
    public const string Message = "message";
    public const string ParameterPrefix = "param:";

    private readonly HashSet<string> _parameters;
    private readonly string? _expiresMember;

    /// <summary>The roles for samples of an area whose endpoints declare these parameters.</summary>
    /// <param name="parameterNames">
    /// Every parameter name of the area: a value under one of these names echoes the request (an id
    /// the status endpoint is asked for, or the id an export module hands out).
    /// </param>
    /// <param name="expiresMember">
    /// The JSON name of a file's expiry, as the fixture model recognized the area's export family: that
    /// member is the expiry whether the sample writes it as a string or a number (then it stays a number).
    /// </param>
    public HoleRoles(IEnumerable<string> parameterNames, string? expiresMember = null)
    {
        _parameters = new HashSet<string>(parameterNames, StringComparer.Ordinal);
        _expiresMember = expiresMember;
    }

    /// <summary>The hole a value at this property is, or null for a literal.</summary>
    /// <param name="property">The property name.</param>
    /// <param name="text">The string value, or null for a number.</param>
    /// <param name="depth">The token depth (1 for the top-level object's values).</param>
    /// <param name="inFiles">Whether the value sits in an element of a list of files.</param>
    public string? HoleFor(string property, string? text, int depth, bool inFiles)
    {
        if (_parameters.Contains(property))
        {
            return ParameterPrefix + property;
        }

        if (inFiles && _expiresMember is not null && property == _expiresMember)
        {
            return Expires;
        }

        if (text is null)
        {
            return depth == 1 && property == "code" ? Code : null;
        }

        if (inFiles)
        {
            return IsAbsoluteUrl(text) ? Link : IsUnixSeconds(text) ? Expires : null;
        }

        if (depth == 1 && property == "message")
        {
            return Message;
        }

        if (property == "detail")
        {
            return Detail;
        }

        return IsPercentage(text) ? Progress : IsAbsoluteUrl(text) ? Url : null;
    }

    public static bool IsAbsoluteUrl(string text) =>
        (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(text, UriKind.Absolute, out _);

    private static bool IsPercentage(string text) =>
        text.Length is >= 2 and <= 4 && text[^1] == '%' && text.AsSpan(0, text.Length - 1).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>Unix seconds as the API writes them: 9 to 11 digits (2001 to 5138).</summary>
    private static bool IsUnixSeconds(string text) => text.Length is >= 9 and <= 11 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}

/// <summary>The values that fill a <see cref="BodyTemplate"/>'s holes for one answer; a null value keeps the documented text.</summary>
internal sealed class TemplateValues
{
    /// <summary>The progress text, e.g. <c>10%</c>.</summary>
    public string? Progress { get; init; }

    /// <summary>The error detail.</summary>
    public string? Detail { get; init; }

    /// <summary>The top-level <c>code</c> and <c>message</c>, for an answer modelled on a sample of another status.</summary>
    public string? Code { get; init; }

    public string? Message { get; init; }

    /// <summary>The files of a list of files, or null to keep the documented list.</summary>
    public IReadOnlyList<(string Link, string Expires)>? Files { get; init; }

    /// <summary>Values echoed where the sample has a value under a parameter's name (request values, or the export id a module hands out).</summary>
    public Func<string, string?>? Parameter { get; init; }

    /// <summary>Rewrites an absolute URL of the sample (outside a list of files) to the fake's link host.</summary>
    public Func<string, string>? RewriteUrl { get; init; }

    public string? Get(string name, int fileIndex, byte[] original) => name switch
    {
        HoleRoles.Progress => Progress,
        HoleRoles.Detail => Detail,
        HoleRoles.Code => Code,
        HoleRoles.Message => Message,
        HoleRoles.Link when Files is not null && fileIndex >= 0 => Files[fileIndex].Link,
        HoleRoles.Expires when Files is not null && fileIndex >= 0 => Files[fileIndex].Expires,
        HoleRoles.Url when RewriteUrl is not null => RewriteUrl(JsonSerializer.Deserialize<string>(original)!),
        _ when Parameter is not null && name.StartsWith(HoleRoles.ParameterPrefix, StringComparison.Ordinal) => Parameter(name[HoleRoles.ParameterPrefix.Length..]),
        _ => null,
    };
}
