using System.Globalization;
using System.Text.Json;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.OpenApi;

/// <summary>
/// An object parameter (endpoint.json <c>"type": "object"</c>) as one OpenAPI query parameter with
/// <c>style: deepObject</c> and the nested schema of its members.
/// </summary>
/// <remarks>
/// Why deepObject: it is the one OpenAPI style that names bracket notation (<c>settings[tz]=UTC</c>).
/// OpenAPI defines it only for an object of single values; nested objects and arrays are left
/// undefined, and the API's arrays (<c>[value][]=1</c>, or one date interval without an index) have
/// no OpenAPI spelling at all. The alternatives are worse: one parameter per bracketed leaf cannot say
/// "several intervals, indexed" and loses the structure, and <c>content</c> with a JSON schema would
/// claim the value is JSON text. So the schema says what the object holds, and every schema of the
/// tree carries <c>x-bracket-notation</c>, the name exactly as the API spells it (<c>[n]</c> for an
/// index), plus the date limits JSON Schema has no keyword for (<c>x-minimum-date</c>,
/// <c>x-maximum-date</c>, <c>x-not-after</c>, <c>x-not-before</c>). Tools that read nested deepObject
/// (Prism does) take the indexed form, <c>settings[filter][date][0][from]</c>, which the API takes too.
/// </remarks>
internal static class OpenApiNestedParameters
{
    public static void Write(Utf8JsonWriter writer, ParameterModel parameter, ParameterSpec spec)
    {
        writer.WriteStartObject();
        writer.WriteString("name", parameter.JsonName);
        writer.WriteString("in", "query");
        writer.WriteBoolean("required", parameter.Required);
        writer.WriteString(
            "description",
            (parameter.Description is null ? string.Empty : parameter.Description + " ")
            + "Sent in bracket notation (" + spec.Name + "[member][...]=value): arrays of values as name[]=value per item, an array of objects as one object without an index or several indexed (name[0][member]); "
            + "x-bracket-notation on each schema is the name as the API spells it. deepObject is the closest OpenAPI style; OpenAPI leaves its nesting and arrays undefined.");
        writer.WriteString("style", "deepObject");
        writer.WriteBoolean("explode", true);
        writer.WriteString("x-csharp-name", parameter.CSharpName);
        writer.WriteString("x-csharp-type", parameter.ObjectTypeName);
        writer.WritePropertyName("schema");
        WriteSchema(writer, spec, spec.Name);
        writer.WritePropertyName("example");
        WriteExample(writer, spec);
        writer.WriteEndObject();
    }

    private static void WriteSchema(Utf8JsonWriter writer, ParameterSpec spec, string wire)
    {
        writer.WriteStartObject();
        if (spec.Description is not null)
        {
            writer.WriteString("description", spec.Description);
        }

        switch (spec.Type)
        {
            case NestedParameters.ObjectType:
                writer.WriteString("type", "object");
                writer.WriteString("x-bracket-notation", wire);
                writer.WriteStartObject("properties");
                foreach (var member in spec.Members)
                {
                    writer.WritePropertyName(member.Name);
                    WriteSchema(writer, member, wire + "[" + member.Name + "]");
                }

                writer.WriteEndObject();
                var required = spec.Members.Where(m => m.Required).Select(m => m.Name).ToList();
                if (required.Count > 0)
                {
                    writer.WriteStartArray("required");
                    foreach (var name in required)
                    {
                        writer.WriteStringValue(name);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteBoolean("additionalProperties", false);
                break;
            case NestedParameters.ArrayType:
                var objects = spec.Items!.Type == NestedParameters.ObjectType;
                writer.WriteString("type", "array");
                writer.WriteString("x-bracket-notation", objects ? wire + "[n]" : wire + "[]");
                writer.WriteString("x-spelling", spec.Spelling);
                if (spec.Required)
                {
                    writer.WriteNumber("minItems", 1);
                }

                writer.WritePropertyName("items");
                WriteSchema(writer, spec.Items, objects ? wire + "[n]" : wire + "[]");
                break;
            case NestedParameters.DateType:
                writer.WriteString("type", "string");
                writer.WriteString("format", "date");
                writer.WriteString("x-bracket-notation", wire);
                WriteDateLimit(writer, "x-minimum-date", spec.Minimum);
                WriteDateLimit(writer, "x-maximum-date", spec.Maximum);
                break;
            case "integer" or "number":
                writer.WriteString("type", spec.Type);
                writer.WriteString("format", spec.Type == "integer" ? "int64" : "double");
                writer.WriteString("x-bracket-notation", wire);
                OpenApiSchemas.TryWriteNumber(writer, "minimum", spec.Minimum);
                OpenApiSchemas.TryWriteNumber(writer, "maximum", spec.Maximum);
                break;
            case "boolean":
                // Sent as 1 or 0, like the flat booleans.
                writer.WriteString("type", "integer");
                writer.WriteStartArray("enum");
                writer.WriteNumberValue(0);
                writer.WriteNumberValue(1);
                writer.WriteEndArray();
                writer.WriteString("x-bracket-notation", wire);
                break;
            default:
                writer.WriteString("type", "string");
                writer.WriteString("x-bracket-notation", wire);
                if (spec.Values.Count > 0)
                {
                    writer.WriteStartArray("enum");
                    foreach (var value in spec.Values)
                    {
                        writer.WriteStringValue(value.WireValue);
                    }

                    writer.WriteEndArray();
                }

                break;
        }

        if (spec.NotAfter is { } after)
        {
            writer.WriteString("x-not-after", after);
        }

        if (spec.NotBefore is { } before)
        {
            writer.WriteString("x-not-before", before);
        }

        writer.WriteEndObject();
    }

    private static void WriteDateLimit(Utf8JsonWriter writer, string key, string? limit)
    {
        if (limit is not null)
        {
            writer.WriteString(key, limit);
        }
    }

    /// <summary>The smallest value the documentation allows: required members only, the lowest limit of each.</summary>
    private static void WriteExample(Utf8JsonWriter writer, ParameterSpec spec)
    {
        switch (spec.Type)
        {
            case NestedParameters.ObjectType:
                writer.WriteStartObject();
                foreach (var member in spec.Members.Where(m => m.Required))
                {
                    writer.WritePropertyName(member.Name);
                    WriteExample(writer, member);
                }

                writer.WriteEndObject();
                break;
            case NestedParameters.ArrayType:
                writer.WriteStartArray();
                WriteExample(writer, spec.Items!);
                writer.WriteEndArray();
                break;
            case NestedParameters.DateType:
                writer.WriteStringValue(spec.Minimum is { } min && min != NestedParameters.Today ? min : "2020-11-30");
                break;
            case "integer" or "number" or "boolean":
                writer.WriteNumberValue(spec.Minimum is { } low && double.TryParse(low, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : 1);
                break;
            default:
                writer.WriteStringValue(spec.Values.Count > 0 ? spec.Values[0].WireValue : "x");
                break;
        }
    }
}
