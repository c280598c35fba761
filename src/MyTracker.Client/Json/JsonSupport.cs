using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MyTracker.Client.Json;

/// <summary>Reads one value at the reader's current token.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="reader">The reader, positioned on the value's first token; left on its last token.</param>
public delegate T JsonValueReader<out T>(ref Utf8JsonReader reader);

/// <summary>
/// Reading and writing helpers the generated converters call. Reflection-free (AOT and trim safe):
/// everything works on <see cref="Utf8JsonReader"/> and <see cref="Utf8JsonWriter"/>. Readers are
/// left on the last token of the value they read, like System.Text.Json converters.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonSupport
{
    /// <summary>The reader options of every generated type: trailing commas and comments are accepted.</summary>
    public static JsonReaderOptions ReaderOptions => new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A reader over a whole document, positioned on its first token.</summary>
    /// <param name="utf8Json">The document.</param>
    /// <exception cref="JsonException">The document is empty.</exception>
    public static Utf8JsonReader CreateReader(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        if (!reader.Read())
        {
            throw new JsonException("The JSON document is empty.");
        }

        return reader;
    }

    /// <summary>Checks that nothing but whitespace and comments follows the value just read.</summary>
    /// <param name="reader">The reader, on the last token of the root value.</param>
    public static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"Unexpected {reader.TokenType} after the end of the JSON value.");
        }
    }

    /// <summary>Checks that the reader is on the start of an object.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeName">The generated type being read, for the message.</param>
    public static void ExpectStartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "an object (" + typeName + ")");
        }
    }

    /// <summary>Moves to the next property of the current object and onto its value.</summary>
    /// <param name="reader">The reader, on the object's start or on the last token of the previous value.</param>
    /// <param name="name">The property name, unescaped.</param>
    /// <returns>False at the end of the object.</returns>
    public static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = string.Empty;
            return false;
        }

        name = reader.GetString()!;
        reader.Read();
        return true;
    }

    /// <summary>Reads a JSON string.</summary>
    /// <param name="reader">The reader.</param>
    public static string ReadString(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Unexpected(ref reader, "a string");

    /// <summary>Reads true or false.</summary>
    /// <param name="reader">The reader.</param>
    public static bool ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(ref reader, "true or false"),
    };

    /// <summary>Reads a number that fits in <see cref="int"/>.</summary>
    /// <param name="reader">The reader.</param>
    public static int ReadInt32(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw Unexpected(ref reader, "an integer (int)");

    /// <summary>Reads a number that fits in <see cref="long"/>.</summary>
    /// <param name="reader">The reader.</param>
    public static long ReadInt64(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw Unexpected(ref reader, "an integer (long)");

    /// <summary>Reads a number as <see cref="decimal"/>.</summary>
    /// <param name="reader">The reader.</param>
    public static decimal ReadDecimal(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value) ? value : throw Unexpected(ref reader, "a number (decimal)");

    /// <summary>Reads a number as <see cref="double"/>.</summary>
    /// <param name="reader">The reader.</param>
    public static double ReadDouble(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value) ? value : throw Unexpected(ref reader, "a number (double)");

    /// <summary>Reads an integer written as a string (<c>"1"</c>).</summary>
    /// <param name="reader">The reader.</param>
    public static long ReadInt64String(ref Utf8JsonReader reader)
        => long.TryParse(ReadString(ref reader), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Unexpected(ref reader, "an integer written as a string");

    /// <summary>Writes an integer as a string (<c>"1"</c>).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteInt64String(Utf8JsonWriter writer, long value)
        => writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads unix seconds written as a string (<c>"1617197992"</c>).</summary>
    /// <param name="reader">The reader.</param>
    public static DateTimeOffset ReadUnixSecondsString(ref Utf8JsonReader reader)
    {
        var seconds = ReadInt64String(ref reader);
        if (seconds < -62135596800L || seconds > 253402300799L)
        {
            throw Unexpected(ref reader, "unix seconds between years 1 and 9999");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    /// <summary>Writes unix seconds as a string (<c>"1617197992"</c>).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteUnixSecondsString(Utf8JsonWriter writer, DateTimeOffset value)
        => writer.WriteStringValue(value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads a percentage written as a string (<c>"64%"</c>).</summary>
    /// <param name="reader">The reader.</param>
    public static Percent ReadPercent(ref Utf8JsonReader reader)
        => Percent.TryParse(ReadString(ref reader), out var value) ? value : throw Unexpected(ref reader, "a percentage such as \"64%\"");

    /// <summary>Writes a percentage as a string (<c>"64%"</c>).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WritePercent(Utf8JsonWriter writer, Percent value) => writer.WriteStringValue(value.ToString());

    /// <summary>Reads an absolute URL.</summary>
    /// <param name="reader">The reader.</param>
    public static Uri ReadUri(ref Utf8JsonReader reader)
        => Uri.TryCreate(ReadString(ref reader), UriKind.Absolute, out var value) ? value : throw Unexpected(ref reader, "an absolute URL");

    /// <summary>Writes a URL exactly as it was given.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteUri(Utf8JsonWriter writer, Uri value) => writer.WriteStringValue(value.OriginalString);

    /// <summary>Reads any JSON value as it is.</summary>
    /// <param name="reader">The reader.</param>
    public static JsonElement ReadAny(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    /// <summary>Reads an array.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader, on the array start.</param>
    /// <param name="readItem">Reads one item.</param>
    public static List<T> ReadList<T>(ref Utf8JsonReader reader, JsonValueReader<T> readItem)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "an array");
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(readItem(ref reader));
        }

        return list;
    }

    /// <summary>Writes an array.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="items">The items.</param>
    /// <param name="writeItem">Writes one item.</param>
    public static void WriteList<T>(Utf8JsonWriter writer, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writeItem(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads an object keyed by ids as a dictionary, keeping the order of the JSON.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader, on the object start.</param>
    /// <param name="readValue">Reads one value.</param>
    public static Dictionary<string, T> ReadMap<T>(ref Utf8JsonReader reader, JsonValueReader<T> readValue)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "an object");
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (NextProperty(ref reader, out var name))
        {
            map[name] = readValue(ref reader);
        }

        return map;
    }

    /// <summary>Writes a dictionary as a JSON object.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="map">The entries.</param>
    /// <param name="writeValue">Writes one value.</param>
    public static void WriteMap<T>(Utf8JsonWriter writer, IReadOnlyDictionary<string, T> map, Action<Utf8JsonWriter, T> writeValue)
    {
        writer.WriteStartObject();
        foreach (var entry in map)
        {
            writer.WritePropertyName(entry.Key);
            writeValue(writer, entry.Value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Serializes with <paramref name="write"/> to a compact JSON string.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value.</param>
    public static string ToJson<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The error for a documented property that is missing.</summary>
    /// <param name="jsonName">The JSON name.</param>
    /// <param name="typeName">The generated type.</param>
    public static JsonException MissingProperty(string jsonName, string typeName)
        => new($"The JSON object for {typeName} has no \"{jsonName}\" property, which every documented sample has.");

    private static JsonException Unexpected(ref Utf8JsonReader reader, string expected)
        => new($"Expected {expected} but found {reader.TokenType} at byte {reader.TokenStartIndex}.");
}
