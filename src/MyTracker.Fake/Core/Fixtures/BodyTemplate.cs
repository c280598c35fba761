using System.Text;
using System.Text.Json;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;

namespace MyTracker.Fake.Fixtures;

/// <summary>
/// A documented response body cut into literal bytes and holes, so each answer is the documented
/// text with only the moving values replaced (everything else, trailing commas included, stays as
/// written) and rendering costs a few buffer copies instead of a JSON serialization.
/// What is a hole is decided by <see cref="HoleRoles"/>: where the fixture model places an export
/// family's moving values, by JSON path (the id in create's answer, the progress, the list of files with
/// each file's link and expiry), values under a parameter's name (echoes of the request), error details
/// and absolute URLs (rewritten to the fake's link host). Nothing about an export is guessed from a value.
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

        // The JSON path of each open container, as the fixture model writes paths ("data.files"): member
        // names joined by dots from the root, through objects only (null inside an array).
        var containers = new List<string?>();
        while (reader.Read())
        {
            var depth = reader.CurrentDepth;
            var parent = containers.Count == 0 ? null : containers[^1];
            var path = parent is null || property is null ? null : parent.Length == 0 ? property : parent + "." + property;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    continue;
                case JsonTokenType.StartObject:
                    containers.Add(containers.Count == 0 ? string.Empty : path);
                    break;
                case JsonTokenType.StartArray when !inFiles && path is not null && path == roles.FilesPath:
                    literalStart = AddFiles(json, ref reader, parts, literalStart, roles, links);
                    break;
                case JsonTokenType.StartArray:
                    containers.Add(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    containers.RemoveAt(containers.Count - 1);
                    break;
                // A value under a property, or an element of a list of plain links ("files": ["https://...", ...]),
                // which is the link itself (no property, at the element's root).
                case JsonTokenType.String or JsonTokenType.Number when (property is not null || (inFiles && depth == 0))
                    && roles.HoleFor(path, property ?? string.Empty, reader.TokenType == JsonTokenType.String ? reader.GetString()! : null, depth, inFiles) is { } hole:
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
            if (LinkOf(json[start..end], roles.LinkMember) is { } link)
            {
                links.Add(link);
            }
        }

        if (elements.Count == 0)
        {
            // A documented empty list: nothing to model an element on, so it stays as written.
            parts.Add(Part.Literal(json[arrayStart..arrayEnd]));
            return arrayEnd;
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

    /// <summary>The link of one documented file: its link member (the model's), or the element itself for a list of plain links.</summary>
    private static string? LinkOf(byte[] element, string? linkMember)
    {
        var reader = new Utf8JsonReader(element, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        string? property = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.CurrentDepth == 1 ? reader.GetString() : null;
                continue;
            }

            if (reader.TokenType == JsonTokenType.String && (linkMember is null ? reader.CurrentDepth == 0 : reader.CurrentDepth == 1 && property == linkMember))
            {
                return reader.GetString();
            }

            property = null;
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
/// Which values of an endpoint's samples are holes, and of what kind. An export family's moving values
/// (id, progress, files, link, expiry) are where the fixture model says they are (<see cref="ExportPaths"/>);
/// echoes are values under a parameter name of the manifest; error details and URLs are the envelope's.
/// </summary>
internal sealed class HoleRoles
{
    /// <summary>Hole names: the values a <see cref="TemplateValues"/> fills in.</summary>
    public const string Progress = "progress";
    public const string ProgressNumber = "progress-number";
    public const string Detail = "detail";
    public const string Url = "url";
    public const string Link = "link";
    public const string Expires = "expires";
    public const string Code = "code";
    public const string Message = "message";
    public const string ParameterPrefix = "param:";

    private readonly HashSet<string> _parameters;
    private readonly ExportPaths? _export;

    /// <summary>The roles for samples of an endpoint whose area declares these parameters.</summary>
    /// <param name="parameterNames">
    /// Every parameter name of the area: a value under one of these names echoes the request (an id
    /// the status endpoint is asked for, or the id an export module hands out).
    /// </param>
    /// <param name="export">Where the fixture model places the export values in this endpoint's samples, when it is a family's create or status endpoint.</param>
    public HoleRoles(IEnumerable<string> parameterNames, ExportPaths? export = null)
    {
        _parameters = new HashSet<string>(parameterNames, StringComparer.Ordinal);
        _export = export;
    }

    /// <summary>The JSON path of the list of files (status endpoint), or null.</summary>
    public string? FilesPath => _export?.FilesPath;

    /// <summary>The JSON name of a file's link; null when each file is the link itself.</summary>
    public string? LinkMember => _export?.LinkMember;

    /// <summary>The hole a value at this place is, or null for a literal.</summary>
    /// <param name="path">The value's JSON path from the root (from the element's root in a list of files), or null inside an array.</param>
    /// <param name="property">The property name.</param>
    /// <param name="text">The string value, or null for a number.</param>
    /// <param name="depth">The token depth (1 for the top-level object's values).</param>
    /// <param name="inFiles">Whether the value sits in an element of a list of files.</param>
    public string? HoleFor(string? path, string property, string? text, int depth, bool inFiles)
    {
        if (_export is { } export)
        {
            if (inFiles)
            {
                return (export.LinkMember is null ? depth == 0 : path == export.LinkMember) ? Link
                    : export.ExpiresMember is not null && path == export.ExpiresMember ? Expires
                    : null;
            }

            if (path is not null && path == export.IdPath)
            {
                return ParameterPrefix + export.IdParameter;
            }

            if (path is not null && export.Progress.TryGetValue(path, out var progress))
            {
                return progress == ProgressEncoding.Number ? ProgressNumber : Progress;
            }
        }

        if (_parameters.Contains(property))
        {
            return ParameterPrefix + property;
        }

        if (text is null)
        {
            return depth == 1 && property == "code" ? Code : null;
        }

        if (depth == 1 && property == "message")
        {
            return Message;
        }

        if (property == "detail")
        {
            return Detail;
        }

        return IsAbsoluteUrl(text) ? Url : null;
    }

    public static bool IsAbsoluteUrl(string text) =>
        (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(text, UriKind.Absolute, out _);
}

/// <summary>
/// Where the fixture model (<see cref="ExportRecognition"/>) places an export family's moving values in
/// one endpoint's samples, by JSON path: create's id, the status answers' progress (with its encoding)
/// and list of files (with each file's link and expiry member).
/// </summary>
/// <param name="IdPath">The id's path in create's answer (<c>data.idSegmentExport</c>), or null.</param>
/// <param name="IdParameter">The status endpoint's id parameter, whose value the id hole echoes.</param>
/// <param name="FilesPath">The files' path in a status answer (<c>data.files</c>), or null.</param>
/// <param name="LinkMember">A file's link member; null when each file is the link itself.</param>
/// <param name="ExpiresMember">A file's expiry member, or null.</param>
/// <param name="Progress">The progress paths of the in-progress cases and how each is written.</param>
internal sealed record ExportPaths(string? IdPath, string IdParameter, string? FilesPath, string? LinkMember, string? ExpiresMember, IReadOnlyDictionary<string, ProgressEncoding> Progress);

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
        HoleRoles.ProgressNumber => Progress?.TrimEnd('%'),
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
