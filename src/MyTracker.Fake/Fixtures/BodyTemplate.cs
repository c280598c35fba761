using System.Text;
using System.Text.Json;

namespace MyTracker.Fake.Fixtures;

/// <summary>
/// A documented response body cut into literal bytes and holes, so each answer is the documented
/// text with only the moving values replaced (everything else, trailing commas included, stays as
/// written) and rendering costs a few buffer copies instead of a JSON serialization.
/// </summary>
internal sealed class BodyTemplate
{
    // The property names whose values the fake fills in; everything else is literal.
    private static readonly HashSet<string> HoleNames = new(StringComparer.Ordinal)
    {
        "idSegmentExport", "progress", "detail", "link", "timestampExpires",
    };

    private readonly List<Part> _parts;

    private BodyTemplate(List<Part> parts, byte[] source)
    {
        _parts = parts;
        Source = source;
    }

    /// <summary>The bytes the template was built from.</summary>
    public byte[] Source { get; }

    /// <summary>Builds a template from a JSON sample that may carry trailing commas or comments.</summary>
    public static BodyTemplate Parse(byte[] json)
    {
        var parts = new List<Part>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        });
        var literalStart = 0;
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    continue;
                case JsonTokenType.StartArray when property == "files":
                    literalStart = AddFiles(json, ref reader, parts, literalStart);
                    break;
                case JsonTokenType.String when property is not null && HoleNames.Contains(property):
                    var start = (int)reader.TokenStartIndex;
                    var end = start + reader.ValueSpan.Length + 2;
                    parts.Add(Part.Literal(json[literalStart..start]));
                    parts.Add(Part.Hole(property, json[start..end]));
                    literalStart = end;
                    break;
            }

            property = null;
        }

        parts.Add(Part.Literal(json[literalStart..]));
        return new BodyTemplate(parts, json);
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
                    var text = values.Get(part.Name!, fileIndex);
                    if (text is null)
                    {
                        buffer.Write(part.Original ?? "\"\""u8.ToArray());
                    }
                    else
                    {
                        buffer.WriteByte((byte)'"');
                        buffer.Write(JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
                        buffer.WriteByte((byte)'"');
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

    private static int AddFiles(byte[] json, ref Utf8JsonReader reader, List<Part> parts, int literalStart)
    {
        var arrayStart = (int)reader.TokenStartIndex;
        var elements = new List<(int Start, int End)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            elements.Add((start, (int)reader.TokenStartIndex + 1));
        }

        var arrayEnd = (int)reader.TokenStartIndex + 1;
        parts.Add(Part.Literal(json[literalStart..arrayStart]));
        if (elements.Count == 0)
        {
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
            Element = Parse(json[first.Start..first.End]),
        });
        return arrayEnd;
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

        public byte[]? Original { get; init; }

        public byte[] FilesPrefix { get; init; } = [];

        public byte[] FilesSeparator { get; init; } = [];

        public byte[] FilesSuffix { get; init; } = [];

        public byte[] FilesEmptySuffix { get; init; } = [];

        public BodyTemplate? Element { get; init; }

        public static Part Literal(byte[] bytes) => new(PartKind.Literal, bytes, null);

        public static Part Hole(string name, byte[] original) => new(PartKind.Hole, [], name) { Original = original };
    }
}

/// <summary>The values that fill a <see cref="BodyTemplate"/>'s holes for one answer.</summary>
internal sealed class TemplateValues
{
    /// <summary>The export id, written as a string as documented.</summary>
    public string? Id { get; init; }

    /// <summary>The progress text, e.g. <c>10%</c>.</summary>
    public string? Progress { get; init; }

    /// <summary>The error detail.</summary>
    public string? Detail { get; init; }

    /// <summary>The files of a success, or null to keep the documented list.</summary>
    public IReadOnlyList<(string Link, string Expires)>? Files { get; init; }

    public string? Get(string name, int fileIndex) => name switch
    {
        "idSegmentExport" => Id,
        "progress" => Progress,
        "detail" => Detail,
        "link" when Files is not null && fileIndex >= 0 => Files[fileIndex].Link,
        "timestampExpires" when Files is not null && fileIndex >= 0 => Files[fileIndex].Expires,
        _ => null,
    };
}
