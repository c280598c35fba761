using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.OpenApi;

/// <summary>
/// Writes an OpenAPI 3.1 document from the generator's own reading of a fixture folder
/// (<see cref="FixtureModels"/>): per endpoint its parameters, per documented HTTP status one response
/// whose schema is the generated response type (<see cref="OpenApiSchemas"/>), each scenario as a named
/// example holding its sample, and <c>AuthHMAC</c> as the security scheme. Deterministic: the same
/// fixtures give the same bytes.
/// </summary>
internal static class OpenApiDocumentWriter
{
    public const string SecuritySchemeName = "AuthHMAC";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(IReadOnlyList<FixtureEndpoint> endpoints, OpenApiDocumentSettings settings)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("openapi", "3.1.0");
            WriteInfo(writer, endpoints, settings);
            writer.WriteStartArray("servers");
            writer.WriteStartObject();
            writer.WriteString("url", settings.ServerUrl.TrimEnd('/'));
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartArray("security");
            writer.WriteStartObject();
            writer.WriteStartArray(SecuritySchemeName);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteTags(writer, endpoints);
            WritePaths(writer, endpoints);
            writer.WriteStartObject("components");
            WriteSecurityScheme(writer);
            writer.WriteStartObject("schemas");
            foreach (var endpoint in endpoints)
            {
                OpenApiSchemas.WriteComponents(writer, endpoint.Model);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteInfo(Utf8JsonWriter writer, IReadOnlyList<FixtureEndpoint> endpoints, OpenApiDocumentSettings settings)
    {
        writer.WriteStartObject("info");
        writer.WriteString("title", settings.Title);
        writer.WriteString("version", settings.Version);
        writer.WriteString("description",
            "Written by `fake-tracker openapi` from " + settings.Source + " (" + endpoints.Count.ToString(CultureInfo.InvariantCulture)
            + " endpoint(s)), with the MyTracker source generator's own reading and type inference: every schema is the generated C# type "
            + "named in its `title` (`x-csharp-type` says which .NET type a string field is read into), every documented scenario is a named example, "
            + "and every operation lists what the fake (like the API) answers besides: 403 to a call that is not signed, 400 to a bad parameter, "
            + "each in the documented error envelope when no sample documents it (the generated client throws MyTrackerRequestFailedException for a status without a sample).");
        writer.WriteStartObject("license");
        writer.WriteString("name", "MIT");
        writer.WriteString("identifier", "MIT");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter writer, IReadOnlyList<FixtureEndpoint> endpoints)
    {
        writer.WriteStartArray("tags");
        foreach (var area in endpoints.Select(e => (e.Model.Area, e.Model.ClientName)).Distinct().OrderBy(a => a.Area, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("name", area.Area);
            writer.WriteString("description", "fixtures/" + area.Area + "/, generated as " + area.ClientName + ".");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WritePaths(Utf8JsonWriter writer, IReadOnlyList<FixtureEndpoint> endpoints)
    {
        writer.WriteStartObject("paths");
        foreach (var path in endpoints.GroupBy(e => e.Model.Path, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(path.Key);
            foreach (var endpoint in path.OrderBy(e => e.Model.HttpMethod, StringComparer.Ordinal))
            {
                WriteOperation(writer, endpoint);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteOperation(Utf8JsonWriter writer, FixtureEndpoint endpoint)
    {
        var model = endpoint.Model;
        writer.WriteStartObject(model.HttpMethod.ToLowerInvariant());
        writer.WriteString("operationId", model.Prefix);
        writer.WriteStartArray("tags");
        writer.WriteStringValue(model.Area);
        writer.WriteEndArray();
        if (model.Summary is not null)
        {
            writer.WriteString("summary", model.Summary);
        }

        writer.WriteString("description", model.FixtureFolder + "/, generated as " + model.ClientName + "." + model.MethodName + " returning " + model.Result.Name + ".");
        writer.WriteString("x-csharp-method", model.ClientName + "." + model.MethodName);
        if (model.Parameters.Count > 0)
        {
            writer.WriteStartArray("parameters");
            foreach (var parameter in model.Parameters)
            {
                OpenApiParameters.Write(writer, parameter, endpoint.Manifest.Parameters.First(p => p.Name == parameter.JsonName), model.Enums.FirstOrDefault(e => e.Name == parameter.EnumTypeName));
            }

            writer.WriteEndArray();
        }

        writer.WriteStartObject("responses");

        // The fake answers 400 and 403 on every endpoint, from a sample when there is one, else in the
        // documented envelope: both are listed either way, in status order with the documented ones.
        var groups = model.Result.Groups.ToDictionary(g => g.StatusCode);
        foreach (var status in groups.Keys.Union([400, 403]).Order())
        {
            if (groups.TryGetValue(status, out var group))
            {
                WriteResponse(writer, endpoint, group);
            }
            else if (status == 400)
            {
                OpenApiErrorResponses.WriteInvalidParameter(writer, model);
            }
            else
            {
                OpenApiErrorResponses.WriteAccessDenied(writer);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteResponse(Utf8JsonWriter writer, FixtureEndpoint endpoint, StatusGroupModel group)
    {
        var cases = endpoint.Model.Result.Cases.Where(c => c.StatusCode == group.StatusCode).ToList();
        writer.WriteStartObject(group.StatusCode.ToString(CultureInfo.InvariantCulture));
        var description = "HTTP " + group.StatusCode.ToString(CultureInfo.InvariantCulture) + ": scenario" + (cases.Count > 1 ? "s " : " ")
            + string.Join(", ", cases.Select(c => c.Scenario)) + " (" + group.ResponseType + ")";
        if (group.DiscriminatorJsonPath is not null)
        {
            description += ", told apart by `" + group.DiscriminatorJsonPath + "` (" + string.Join(", ", cases.Select(c => "`" + c.DiscriminatorValue + "` = " + c.Scenario)) + ")";
        }

        writer.WriteString("description", description + ".");
        if (group.DiscriminatorJsonPath is not null)
        {
            writer.WriteStartObject("x-mytracker-discriminator");
            writer.WriteString("path", group.DiscriminatorJsonPath);
            writer.WriteString("enum", group.DiscriminatorEnum);
            writer.WriteStartObject("scenarios");
            foreach (var @case in cases)
            {
                writer.WriteString(@case.DiscriminatorValue!, @case.Scenario);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteStartObject("content");
        writer.WriteStartObject("application/json");
        writer.WriteStartObject("schema");
        writer.WriteString("$ref", OpenApiSchemas.Ref(group.ResponseType));
        writer.WriteEndObject();
        writer.WriteStartObject("examples");
        foreach (var @case in cases)
        {
            var sample = endpoint.Sample(@case.Scenario);
            writer.WriteStartObject(@case.Scenario);
            writer.WriteString("summary", "Scenario " + @case.Scenario + ": " + endpoint.Model.Result.Name + "." + @case.Name);
            writer.WriteString("description", "The sample " + endpoint.Model.FixtureFolder + "/" + @case.Fixture + ", as strict JSON.");
            writer.WritePropertyName("value");
            WriteJson(writer, sample.Root!);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A sample as strict JSON: the generator's parse, so trailing commas and comments are gone and numbers stay as written.</summary>
    private static void WriteJson(Utf8JsonWriter writer, JsonNode node)
    {
        switch (node.Kind)
        {
            case JsonKind.Object:
                writer.WriteStartObject();
                foreach (var member in node.Members)
                {
                    writer.WritePropertyName(member.Name);
                    WriteJson(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonKind.Array:
                writer.WriteStartArray();
                foreach (var item in node.Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonKind.String:
                writer.WriteStringValue(node.Text);
                break;
            case JsonKind.Number:
                writer.WriteRawValue(node.Text!);
                break;
            case JsonKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteSecurityScheme(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("securitySchemes");
        writer.WriteStartObject(SecuritySchemeName);

        // Not an IANA HTTP auth scheme, so described as the header it is; the algorithm is spelled out below.
        writer.WriteString("type", "apiKey");
        writer.WriteString("in", "header");
        writer.WriteString("name", "Authorization");
        writer.WriteString("description", AuthHmacDescription);
        writer.WriteStartObject("x-mytracker-signature");
        writer.WriteString("header", "Authorization: AuthHMAC <apiUserId>:<signature>");
        writer.WriteString("signature", "Base64(HMAC-SHA1(key: secret key as UTF-8, message: baseline as UTF-8))");
        writer.WriteString("baseline", "<METHOD> & <percent-encoded complete URL> & <percent-encoded body>");
        writer.WriteString("percentEncoding", "RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) kept; every other UTF-8 byte as %XX with upper-case hex");
        writer.WriteString("url", "scheme, host, port when not the default, path and query exactly as the request line sends them");
        writer.WriteBoolean("nonce", false);
        writer.WriteStartObject("example");
        writer.WriteString("apiUserId", "10001");
        writer.WriteString("secretKey", "fake-secret-0001");
        writer.WriteString("method", "GET");
        writer.WriteString("url", "https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1");
        writer.WriteString("baseline", "GET&https%3A%2F%2Ftracker.my.com%2Fapi%2Fsegment%2Fv1%2Fexport%2Fget.json%3FidSegmentExport%3D1&");
        writer.WriteString("authorization", "AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private const string AuthHmacDescription =
        "`Authorization: AuthHMAC <apiUserId>:<signature>` on every API call. The signature is Base64 of HMAC-SHA1, keyed with the "
        + "account's secret key, over the baseline `<METHOD>&<percent-encoded complete URL>&<percent-encoded body>`: the method in upper case; "
        + "the URL with scheme, host, port when not the default, path and query exactly as the request line sends them; the body empty when "
        + "there is none. Percent-encoding keeps only `A-Z a-z 0-9 - . _ ~` and writes every other UTF-8 byte as `%XX` (upper-case hex), "
        + "including `/ : ? = & ,` and `%`. There is no timestamp or nonce, so a signature never changes for the same call: never log it or send "
        + "it to another host. Example (made-up credentials 10001 / fake-secret-0001): GET "
        + "`https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1` has the baseline "
        + "`GET&https%3A%2F%2Ftracker.my.com%2Fapi%2Fsegment%2Fv1%2Fexport%2Fget.json%3FidSegmentExport%3D1&` and the header "
        + "`AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=`. A generic OpenAPI tool sees an API key header; MyTracker.Client's AuthHmac signs.";
}

/// <summary>What the document says about itself.</summary>
/// <param name="Title">info.title.</param>
/// <param name="Version">info.version.</param>
/// <param name="ServerUrl">The one server URL.</param>
/// <param name="Source">Where the fixtures came from, for info.description.</param>
internal sealed record OpenApiDocumentSettings(string Title, string Version, string ServerUrl, string Source);
