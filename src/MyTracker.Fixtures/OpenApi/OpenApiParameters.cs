using System.Globalization;
using System.Text.Json;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.OpenApi;

/// <summary>A manifest parameter as an OpenAPI parameter: its wire form, bounds, default and value list, and the generated argument's name and type.</summary>
internal static class OpenApiParameters
{
    public static void Write(Utf8JsonWriter writer, ParameterModel parameter, ParameterSpec spec, EnumModel? generatedEnum)
    {
        if (parameter.Kind == ParameterKind.Object)
        {
            OpenApiNestedParameters.Write(writer, parameter, spec);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("name", parameter.JsonName);
        writer.WriteString("in", parameter.InPath ? "path" : "query");
        writer.WriteBoolean("required", parameter.Required || parameter.InPath);
        if (parameter.Description is not null)
        {
            writer.WriteString("description", parameter.Description);
        }

        if (parameter.Kind == ParameterKind.List)
        {
            // Items escaped one by one and joined with ',' (the generated client's IEnumerable<string>).
            writer.WriteString("style", "form");
            writer.WriteBoolean("explode", false);
        }

        writer.WriteString("x-csharp-name", parameter.CSharpName);
        writer.WriteStartObject("schema");
        switch (parameter.Kind)
        {
            case ParameterKind.Integer:
                writer.WriteString("type", "integer");
                writer.WriteString("format", "int64");
                WriteBounds(writer, spec);
                break;
            case ParameterKind.Number:
                writer.WriteString("type", "number");
                writer.WriteString("format", "double");
                WriteBounds(writer, spec);
                break;
            case ParameterKind.Boolean:
                // Sent as 1 or 0, not as true/false.
                writer.WriteString("type", "integer");
                writer.WriteStartArray("enum");
                writer.WriteNumberValue(0);
                writer.WriteNumberValue(1);
                writer.WriteEndArray();
                writer.WriteString("x-csharp-type", "bool");
                if (spec.Default is "1" or "true")
                {
                    writer.WriteNumber("default", 1);
                }
                else if (spec.Default is "0" or "false")
                {
                    writer.WriteNumber("default", 0);
                }

                break;
            case ParameterKind.Enum:
                WriteEnum(writer, [.. parameter.Values], spec.Default, generatedEnum);
                writer.WriteString("x-csharp-type", parameter.EnumTypeName);
                break;
            case ParameterKind.List:
                writer.WriteString("type", "array");
                writer.WriteStartObject("items");
                writer.WriteString("type", "string");
                if (parameter.Values.Count > 0)
                {
                    writer.WriteStartArray("enum");
                    foreach (var value in parameter.Values)
                    {
                        writer.WriteStringValue(value.WireValue);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
                writer.WriteString("x-csharp-type", "System.Collections.Generic.IEnumerable<string>");
                break;
            default:
                writer.WriteString("type", "string");
                if (spec.Default is not null)
                {
                    writer.WriteString("default", spec.Default);
                }

                break;
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteBounds(Utf8JsonWriter writer, ParameterSpec spec)
    {
        OpenApiSchemas.TryWriteNumber(writer, "minimum", spec.Minimum);
        OpenApiSchemas.TryWriteNumber(writer, "maximum", spec.Maximum);
        OpenApiSchemas.TryWriteNumber(writer, "default", spec.Default);
    }

    /// <summary>Integers when every wire value is one (<c>hashType=1</c>), strings otherwise; member names in <c>x-enum-varnames</c>.</summary>
    private static void WriteEnum(Utf8JsonWriter writer, IReadOnlyList<EnumValueSpec> values, string? @default, EnumModel? generatedEnum)
    {
        var integers = values.All(v => long.TryParse(v.WireValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        writer.WriteString("type", integers ? "integer" : "string");
        writer.WriteStartArray("enum");
        foreach (var value in values)
        {
            if (integers)
            {
                writer.WriteNumberValue(long.Parse(value.WireValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteStringValue(value.WireValue);
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray("x-enum-varnames");
        foreach (var value in values)
        {
            // The generated member's name (made a unique C# identifier), else the manifest's.
            writer.WriteStringValue(generatedEnum?.Members.FirstOrDefault(m => m.WireValue == value.WireValue)?.Name ?? value.Name);
        }

        writer.WriteEndArray();
        if (@default is not null && values.Any(v => v.WireValue == @default))
        {
            if (integers)
            {
                writer.WriteNumber("default", long.Parse(@default, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteString("default", @default);
            }
        }
    }
}
