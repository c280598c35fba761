using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MyTracker.Fixtures.Import;

/// <summary>Everything an imported endpoint.json holds.</summary>
internal sealed record ManifestContent(
    string? Summary,
    string Method,
    string Path,
    IReadOnlyList<ImportedParameter> Parameters,
    string Source,
    IReadOnlyList<string> Examples,
    IReadOnlyList<KeyValuePair<string, string>> Notes,
    IReadOnlyList<KeyValuePair<string, string>>? Meanings = null);

/// <summary>Writes endpoint.json in the layout of the repository's own manifests (two-space indent, members in their order).</summary>
internal static class ManifestWriter
{
    public static string Write(ManifestContent content)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" }))
        {
            json.WriteStartObject();
            if (content.Summary is not null)
            {
                json.WriteString("summary", content.Summary);
            }

            json.WriteString("method", content.Method);
            json.WriteString("path", content.Path);
            json.WriteStartArray("parameters");
            foreach (var parameter in content.Parameters)
            {
                WriteParameter(json, parameter);
            }

            json.WriteEndArray();
            if (content.Meanings is { Count: > 0 } meanings)
            {
                // What each status means for an export, from the page's prose (fixtures/README.md, "meanings").
                json.WriteStartObject("meanings");
                foreach (var (scenario, meaning) in meanings)
                {
                    json.WriteString(scenario, meaning);
                }

                json.WriteEndObject();
            }

            json.WriteString("source", content.Source);
            if (content.Examples.Count > 0)
            {
                // Documented requests: what `fixtures verify` calls by default.
                json.WriteStartArray("examples");
                foreach (var example in content.Examples)
                {
                    json.WriteStringValue(example);
                }

                json.WriteEndArray();
            }

            if (content.Notes.Count > 0)
            {
                json.WriteStartObject("notes");
                foreach (var (key, note) in content.Notes)
                {
                    json.WriteString(key, note);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteParameter(Utf8JsonWriter json, ImportedParameter parameter) => WriteParameter(json, parameter, member: false, item: false);

    // A member of an object has no "in" (it goes where its parameter goes); an array's items have no name either.
    private static void WriteParameter(Utf8JsonWriter json, ImportedParameter parameter, bool member, bool item)
    {
        json.WriteStartObject();
        if (!item)
        {
            json.WriteString("name", parameter.Name);
        }

        if (!member && !item)
        {
            json.WriteString("in", parameter.In);
        }

        json.WriteString("type", parameter.Type);
        if (!item)
        {
            json.WriteBoolean("required", parameter.Required);
        }

        if (parameter.Spelling is not null)
        {
            json.WriteString("spelling", parameter.Spelling);
        }
        if (parameter.Default is not null)
        {
            json.WriteString("default", parameter.Default);
        }

        if (parameter.Values is { Count: > 0 } values)
        {
            json.WriteStartObject("values");
            foreach (var (wire, name) in values)
            {
                json.WriteString(wire, name);
            }

            json.WriteEndObject();
        }

        if (parameter.Minimum is { } minimum)
        {
            json.WriteNumber("minimum", minimum);
        }

        if (parameter.Maximum is { } maximum)
        {
            json.WriteNumber("maximum", maximum);
        }

        if (parameter.MinimumDate is { } minimumDate)
        {
            json.WriteString("minimum", minimumDate);
        }

        if (parameter.MaximumDate is { } maximumDate)
        {
            json.WriteString("maximum", maximumDate);
        }

        if (parameter.NotAfter is { } notAfter)
        {
            json.WriteString("notAfter", notAfter);
        }

        if (parameter.NotBefore is { } notBefore)
        {
            json.WriteString("notBefore", notBefore);
        }

        if (parameter.Description is not null)
        {
            json.WriteString("description", parameter.Description);
        }

        if (parameter.Items is { } items)
        {
            json.WritePropertyName("items");
            WriteParameter(json, items, member: true, item: true);
        }

        if (parameter.Members is { } members)
        {
            json.WriteStartArray("members");
            foreach (var child in members)
            {
                WriteParameter(json, child, member: true, item: false);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
