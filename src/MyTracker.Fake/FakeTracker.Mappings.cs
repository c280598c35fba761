using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using MyTracker.Fake.Http;

namespace MyTracker.Fake;

public sealed partial class FakeTracker
{
    private const int MappingPriorityExport = 10;
    private const int MappingPriorityAuthenticated = 20;
    private const int MappingPriorityDenied = 30;
    private const int MappingPriorityFallback = 100;

    /// <summary>
    /// A static snapshot of every export's current answer as WireMock mappings: get.json per export
    /// (matched on the id and the owner's <c>AuthHMAC &lt;user&gt;:</c> prefix), every listed file, a created
    /// answer for create.json, the 404 envelope for other ids, the 403 envelope without an
    /// <c>AuthHMAC</c> header, and the 404 envelope for anything else. Taking the snapshot does not
    /// advance any export. A stock server cannot verify signatures, so it only checks one is present.
    /// </summary>
    /// <param name="format">The dialect; WireMock.Net's by default.</param>
    /// <returns>The mapping JSON.</returns>
    public string ExportWireMockMappings(WireMockMappingFormat format = WireMockMappingFormat.WireMockNet)
    {
        var now = Options.TimeProvider.GetUtcNow();
        var mappings = new List<StaticMapping>();
        foreach (var export in _store.Exports.OrderBy(e => e.ApiUserId, StringComparer.Ordinal).ThenBy(e => e.Id))
        {
            var answer = export.Poll(now, advance: false, _store);
            var body = _handler.RenderSnapshot(export.Id, answer);
            mappings.Add(new StaticMapping(
                $"get.json {export.Id} of {export.ApiUserId}: {answer.Status}",
                MappingPriorityExport, "GET", TrackerHandler.GetPath,
                ("idSegmentExport", export.Id.ToString(CultureInfo.InvariantCulture)),
                export.ApiUserId, 200, "application/json; charset=utf-8", body, Binary: false));
            foreach (var file in answer.Files ?? [])
            {
                mappings.Add(new StaticMapping(
                    $"download {file.Name}", MappingPriorityExport, "GET", TrackerHandler.DownloadPrefix + file.Name,
                    null, null, 200, "application/gzip", export.GetContent(file.Number), Binary: true));
            }
        }

        var anyUser = string.Empty;
        mappings.Add(new StaticMapping("get.json: unknown id", MappingPriorityAuthenticated, "GET", TrackerHandler.GetPath, null, anyUser,
            404, "application/json; charset=utf-8", _handler.RenderNotFound(), Binary: false));
        mappings.Add(new StaticMapping("create.json: created", MappingPriorityAuthenticated, "POST", TrackerHandler.CreatePath, null, anyUser,
            200, "application/json; charset=utf-8", _handler.RenderCreated(Options.FirstCreatedExportId), Binary: false));
        mappings.Add(new StaticMapping("get.json: no AuthHMAC header", MappingPriorityDenied, "GET", TrackerHandler.GetPath, null, null,
            403, "application/json; charset=utf-8", _handler.RenderAccessDenied(), Binary: false));
        mappings.Add(new StaticMapping("create.json: no AuthHMAC header", MappingPriorityDenied, "POST", TrackerHandler.CreatePath, null, null,
            403, "application/json; charset=utf-8", _handler.RenderAccessDenied(), Binary: false));
        mappings.Add(new StaticMapping("anything else", MappingPriorityFallback, null, null, null, null,
            404, "application/json; charset=utf-8", _handler.RenderNotFound(), Binary: false));

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (format == WireMockMappingFormat.WireMockNet)
            {
                WriteNet(writer, mappings);
            }
            else
            {
                WriteOrg(writer, mappings);
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNet(Utf8JsonWriter writer, List<StaticMapping> mappings)
    {
        writer.WriteStartArray();
        foreach (var m in mappings)
        {
            writer.WriteStartObject();
            writer.WriteString("Title", m.Title);
            writer.WriteNumber("Priority", m.Priority);
            writer.WriteStartObject("Request");
            if (m.Path is not null)
            {
                writer.WriteStartObject("Path");
                WriteNetMatchers(writer, "ExactMatcher", m.Path);
                writer.WriteEndObject();
            }

            if (m.Method is not null)
            {
                writer.WriteStartArray("Methods");
                writer.WriteStringValue(m.Method);
                writer.WriteEndArray();
            }

            if (m.Param is { } param)
            {
                writer.WriteStartArray("Params");
                writer.WriteStartObject();
                writer.WriteString("Name", param.Name);
                WriteNetMatchers(writer, "ExactMatcher", param.Value);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            if (m.AuthUser is not null)
            {
                writer.WriteStartArray("Headers");
                writer.WriteStartObject();
                writer.WriteString("Name", "Authorization");
                WriteNetMatchers(writer, "WildcardMatcher", m.AuthUser.Length == 0 ? "AuthHMAC *:*" : $"AuthHMAC {m.AuthUser}:*");
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("Response");
            writer.WriteNumber("StatusCode", m.Status);
            writer.WriteStartObject("Headers");
            writer.WriteString("Content-Type", m.ContentType);
            writer.WriteEndObject();
            if (m.Binary)
            {
                writer.WriteBase64String("BodyAsBytes", m.Body);
            }
            else
            {
                writer.WriteString("Body", Encoding.UTF8.GetString(m.Body));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteNetMatchers(Utf8JsonWriter writer, string matcher, string pattern)
    {
        writer.WriteStartArray("Matchers");
        writer.WriteStartObject();
        writer.WriteString("Name", matcher);
        writer.WriteString("Pattern", pattern);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteOrg(Utf8JsonWriter writer, List<StaticMapping> mappings)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("mappings");
        foreach (var m in mappings)
        {
            writer.WriteStartObject();
            writer.WriteString("name", m.Title);
            writer.WriteNumber("priority", m.Priority);
            writer.WriteStartObject("request");
            writer.WriteString("method", m.Method ?? "ANY");
            if (m.Path is not null)
            {
                writer.WriteString("urlPath", m.Path);
            }

            if (m.Param is { } param)
            {
                writer.WriteStartObject("queryParameters");
                writer.WriteStartObject(param.Name);
                writer.WriteString("equalTo", param.Value);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            if (m.AuthUser is not null)
            {
                writer.WriteStartObject("headers");
                writer.WriteStartObject("Authorization");
                writer.WriteString("matches", m.AuthUser.Length == 0 ? "AuthHMAC [^:]+:.+" : $"AuthHMAC {Regex.Escape(m.AuthUser)}:.+");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("response");
            writer.WriteNumber("status", m.Status);
            writer.WriteStartObject("headers");
            writer.WriteString("Content-Type", m.ContentType);
            writer.WriteEndObject();
            if (m.Binary)
            {
                writer.WriteBase64String("base64Body", m.Body);
            }
            else
            {
                writer.WriteString("body", Encoding.UTF8.GetString(m.Body));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>One static answer. <c>AuthUser</c>: null = no header condition, empty = any AuthHMAC user.</summary>
    private sealed record StaticMapping(
        string Title, int Priority, string? Method, string? Path, (string Name, string Value)? Param,
        string? AuthUser, int Status, string ContentType, byte[] Body, bool Binary);
}
