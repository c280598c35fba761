using System.Globalization;
using System.Text.Json;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.OpenApi;

/// <summary>
/// JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the generated types: one component per generated
/// class and per discriminator enum, named as the C# type. A field is nullable in the schema only where a
/// sample had <c>null</c>; a field missing from some samples is simply not required.
/// </summary>
internal static class OpenApiSchemas
{
    /// <summary>Canonical integer text, as <c>Shape.IsCanonicalInt64</c> accepts it (read as long).</summary>
    public const string Int64StringPattern = "^(0|-?[1-9][0-9]{0,18})$";

    /// <summary>Unix seconds from 1970 to 9999 (what DateTimeOffset.FromUnixTimeSeconds takes), as text.</summary>
    public const string UnixSecondsPattern = "^(0|[1-9][0-9]{0,11})$";

    /// <summary>A percentage as <c>Percent</c> reads it: a decimal number and '%'.</summary>
    public const string PercentPattern = "^-?[0-9]+(\\.[0-9]+)?%$";

    public const string UrlPattern = "^https?://";

    public static string Ref(string typeName) => "#/components/schemas/" + typeName;

    public static void WriteComponents(Utf8JsonWriter writer, EndpointModel model)
    {
        foreach (var type in model.Objects)
        {
            writer.WriteStartObject(type.Name);
            writer.WriteString("title", type.Name);
            writer.WriteString("description", OpenApiDescriptions.Object(type));
            if (type.IsValueWrapper)
            {
                // The class wraps a JSON root that is not an object: its schema is that of its Value.
                var value = type.Properties[0];
                WriteTypeKeywords(writer, value.Type, value.Type.Nullable);
            }
            else
            {
                writer.WriteString("type", "object");
                var required = type.Properties.Where(p => p.Required).ToList();
                if (required.Count > 0)
                {
                    writer.WriteStartArray("required");
                    foreach (var property in required)
                    {
                        writer.WriteStringValue(property.JsonName);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteStartObject("properties");
                foreach (var property in type.Properties)
                {
                    writer.WriteStartObject(property.JsonName);

                    // Nullable in C# also when merely optional; null is allowed in JSON only where a sample had it.
                    var allowsNull = property.Required ? property.Type.Nullable : property.TrackNull;
                    WriteTypeKeywords(writer, property.Type, allowsNull);
                    writer.WriteString("description", OpenApiDescriptions.Property(property));
                    writer.WriteString("x-csharp-property", property.CSharpName);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        foreach (var @enum in model.Enums.Where(e => e.IsDiscriminator))
        {
            writer.WriteStartObject(@enum.Name);
            writer.WriteString("title", @enum.Name);
            writer.WriteString("description", OpenApiDescriptions.Discriminator(@enum, model.FixtureFolder));
            writer.WriteString("type", "string");
            writer.WriteStartArray("enum");
            foreach (var member in @enum.Members)
            {
                writer.WriteStringValue(member.WireValue);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("x-enum-varnames");
            foreach (var member in @enum.Members)
            {
                writer.WriteStringValue(member.Name);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    /// <summary>The keywords of one type, written into the schema object already open.</summary>
    private static void WriteTypeKeywords(Utf8JsonWriter writer, TypeRef type, bool allowsNull)
    {
        switch (type.Kind)
        {
            case TypeKind.Any:
                // JsonElement: any JSON, null included.
                writer.WriteString("x-csharp-type", "System.Text.Json.JsonElement");
                return;
            case TypeKind.Object or TypeKind.Enum when allowsNull:
                writer.WriteStartArray("anyOf");
                writer.WriteStartObject();
                writer.WriteString("$ref", Ref(type.Name!));
                writer.WriteEndObject();
                writer.WriteStartObject();
                writer.WriteString("type", "null");
                writer.WriteEndObject();
                writer.WriteEndArray();
                return;
            case TypeKind.Object or TypeKind.Enum:
                writer.WriteString("$ref", Ref(type.Name!));
                return;
        }

        var (jsonType, format, pattern, csharp) = type.Kind switch
        {
            TypeKind.String => ("string", null, null, null),
            TypeKind.Boolean => ("boolean", null, null, null),
            TypeKind.Int32 => ("integer", "int32", null, null),
            TypeKind.Int64 => ("integer", "int64", null, null),
            TypeKind.Decimal => ("integer", null, null, "decimal"),
            TypeKind.Double => ("number", "double", null, null),
            TypeKind.Int64String => ("string", null, Int64StringPattern, "long"),
            TypeKind.Percent => ("string", null, PercentPattern, "MyTracker.Client.Json.Percent"),
            TypeKind.UnixSecondsString => ("string", null, UnixSecondsPattern, "System.DateTimeOffset"),
            TypeKind.Uri => ("string", "uri", UrlPattern, "System.Uri"),
            TypeKind.Array => ("array", null, null, null),
            _ => ("object", null, null, null), // Map
        };
        if (allowsNull)
        {
            writer.WriteStartArray("type");
            writer.WriteStringValue(jsonType);
            writer.WriteStringValue("null");
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("type", jsonType);
        }

        if (format is not null)
        {
            writer.WriteString("format", format);
        }

        if (pattern is not null)
        {
            writer.WriteString("pattern", pattern);
        }

        if (csharp is not null)
        {
            writer.WriteString("x-csharp-type", csharp);
        }

        if (type.Kind is TypeKind.Array or TypeKind.Map)
        {
            writer.WriteStartObject(type.Kind == TypeKind.Array ? "items" : "additionalProperties");
            WriteTypeKeywords(writer, type.Element!, type.Element!.Nullable);
            writer.WriteEndObject();
        }
    }

    /// <summary>A documented number (minimum, maximum, default) as a JSON number.</summary>
    public static bool TryWriteNumber(Utf8JsonWriter writer, string name, string? text)
    {
        if (text is null || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        writer.WriteNumber(name, value);
        return true;
    }
}
