using System.Text.Json;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.OpenApi;

/// <summary>
/// The two answers the fake gives on every endpoint whether or not a sample documents them, written
/// exactly as it gives them (MyTracker.Fake's <c>TrackerServices.AccessDenied</c> and
/// <c>InvalidParameter</c>, after <c>ParameterCheck</c>): 403 with <c>data: null</c> to a call that is not
/// signed, and 400 with the offending parameter in <c>data.error.detail</c>.
/// </summary>
internal static class OpenApiErrorResponses
{
    /// <summary>The 403 envelope: <c>{"code":403,"message":"Access denied","data":null}</c>.</summary>
    public static void WriteAccessDenied(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("403");
        writer.WriteString("description", "HTTP 403: a call without a valid AuthHMAC signature (no sample; the documented envelope, data null).");
        WriteContent(writer, "access-denied", "A call that is not signed, or signed wrongly.", WriteAccessDeniedSchema, w =>
        {
            w.WriteNumber("code", 403);
            w.WriteString("message", "Access denied");
            w.WriteNull("data");
        });
        writer.WriteEndObject();
    }

    /// <summary>The 400 envelope with the detail the fake writes, e.g. <c>Invalid parameter: idSegment</c>.</summary>
    public static void WriteInvalidParameter(Utf8JsonWriter writer, EndpointModel model)
    {
        // A missing required parameter is the commonest cause; an endpoint without one refuses any it does not declare.
        var named = model.Parameters.FirstOrDefault(p => p.Required)?.JsonName ?? model.Parameters.FirstOrDefault()?.JsonName ?? "id";
        writer.WriteStartObject("400");
        writer.WriteString("description",
            "HTTP 400: a parameter the endpoint does not declare, one given twice, one that does not fit its type, values or range, "
            + "a missing required one, or a query that cannot be decoded. `data.error.detail` says which: `Invalid parameter: <name>`, "
            + "`Invalid parameter: <name> (repeated)` or `Invalid parameter: the query string cannot be decoded`. No sample of this endpoint "
            + "documents it: the body is the documented error envelope (shaped like another 4xx sample of the endpoint or its area's 400 where there is one).");
        WriteContent(writer, "invalid-parameter", "Invalid parameter: " + named + ".", WriteInvalidParameterSchema, w =>
        {
            w.WriteNumber("code", 400);
            w.WriteString("message", "Bad Request");
            w.WriteStartObject("data");
            w.WriteStartObject("error");
            w.WriteString("detail", "Invalid parameter: " + named);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        writer.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter writer, string example, string summary, Action<Utf8JsonWriter> schema, Action<Utf8JsonWriter> value)
    {
        writer.WriteStartObject("content");
        writer.WriteStartObject("application/json");
        writer.WriteStartObject("schema");
        schema(writer);
        writer.WriteEndObject();
        writer.WriteStartObject("examples");
        writer.WriteStartObject(example);
        writer.WriteString("summary", summary);
        writer.WritePropertyName("value");
        writer.WriteStartObject();
        value(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteAccessDeniedSchema(Utf8JsonWriter writer)
    {
        WriteEnvelopeStart(writer, 403);
        writer.WriteStartObject("data");
        writer.WriteString("type", "null");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteInvalidParameterSchema(Utf8JsonWriter writer)
    {
        WriteEnvelopeStart(writer, 400);
        writer.WriteStartObject("data");
        writer.WriteString("type", "object");
        writer.WriteStartArray("required");
        writer.WriteStringValue("error");
        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        writer.WriteStartObject("error");
        writer.WriteString("type", "object");
        writer.WriteStartArray("required");
        writer.WriteStringValue("detail");
        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        writer.WriteStartObject("detail");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Opens the envelope schema and its properties, and writes <c>code</c> and <c>message</c>.</summary>
    private static void WriteEnvelopeStart(Utf8JsonWriter writer, int status)
    {
        writer.WriteString("title", "Error envelope " + status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("type", "object");
        writer.WriteStartArray("required");
        writer.WriteStringValue("code");
        writer.WriteStringValue("message");
        writer.WriteStringValue("data");
        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        writer.WriteStartObject("code");
        writer.WriteString("type", "integer");
        writer.WriteNumber("const", status);
        writer.WriteEndObject();
        writer.WriteStartObject("message");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
    }
}
