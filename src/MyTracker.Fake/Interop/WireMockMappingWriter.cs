using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MyTracker.Fake.Interop;

/// <summary>
/// Writes <see cref="MappingRule"/>s in WireMock.Net's dialect (a JSON array of mapping models) or
/// WireMock's (<c>{"mappings": [...]}</c>). The dialects differ in names and in one rule: a scenario's
/// start state is <c>Started</c> in WireMock, and "no required state" in WireMock.Net.
/// </summary>
internal static class WireMockMappingWriter
{
    /// <summary>The start state of every WireMock (Java) scenario.</summary>
    public const string WireMockStartState = "Started";

    /// <param name="rules">The mappings.</param>
    /// <param name="format">The dialect.</param>
    /// <param name="bodyFiles">Whether rules with a body file refer to it (WireMock's <c>bodyFileName</c>) instead of holding their bytes.</param>
    /// <returns>The mapping JSON.</returns>
    public static string Write(IReadOnlyList<MappingRule> rules, WireMockMappingFormat format, bool bodyFiles = false)
    {
        if (bodyFiles && format != WireMockMappingFormat.WireMockOrg)
        {
            throw new ArgumentException("Body files are written for WireMock's (Java) dialect only.", nameof(bodyFiles));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (format == WireMockMappingFormat.WireMockNet)
            {
                writer.WriteStartArray();
                foreach (var rule in rules)
                {
                    WriteNet(writer, rule);
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteStartArray("mappings");
                foreach (var rule in rules)
                {
                    WriteOrg(writer, rule, bodyFiles);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The header pattern of "signed by one of these users" (a stock server cannot check the signature itself).</summary>
    public static string AuthPattern(IReadOnlyList<string> users) =>
        "^AuthHMAC (" + string.Join("|", users.Select(Regex.Escape)) + "):.+$";

    private static void WriteNet(Utf8JsonWriter writer, MappingRule rule)
    {
        writer.WriteStartObject();
        writer.WriteString("Title", rule.Title);
        writer.WriteNumber("Priority", rule.Priority);
        if (rule.Scenario is { } scenario)
        {
            writer.WriteString("Scenario", scenario.Name);
            if (scenario.RequiredState is not null)
            {
                writer.WriteString("WhenStateIs", scenario.RequiredState);
            }

            if (scenario.NewState is not null)
            {
                writer.WriteString("SetStateTo", scenario.NewState);
            }
        }

        var request = rule.Request;
        writer.WriteStartObject("Request");
        if (request.Path is not null)
        {
            writer.WriteStartObject("Path");
            WriteNetMatcher(writer, "ExactMatcher", request.Path);
            writer.WriteEndObject();
        }
        else if (request.PathPrefix is not null)
        {
            writer.WriteStartObject("Path");
            WriteNetMatcher(writer, "RegexMatcher", "^" + Regex.Escape(request.PathPrefix));
            writer.WriteEndObject();
        }

        if (request.Method is not null)
        {
            writer.WriteStartArray("Methods");
            writer.WriteStringValue(request.Method);
            writer.WriteEndArray();
        }

        if (request.Query is { } query)
        {
            writer.WriteStartArray("Params");
            writer.WriteStartObject();
            writer.WriteString("Name", query.Name);
            WriteNetMatcher(writer, "ExactMatcher", query.Value);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        if (request.AuthUsers is { } users)
        {
            writer.WriteStartArray("Headers");
            writer.WriteStartObject();
            writer.WriteString("Name", "Authorization");
            WriteNetMatcher(writer, "RegexMatcher", AuthPattern(users));
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        WriteResponse(writer, rule.Response, NetNames);
        writer.WriteEndObject();
    }

    private static void WriteNetMatcher(Utf8JsonWriter writer, string matcher, string pattern)
    {
        writer.WriteStartArray("Matchers");
        writer.WriteStartObject();
        writer.WriteString("Name", matcher);
        writer.WriteString("Pattern", pattern);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteOrg(Utf8JsonWriter writer, MappingRule rule, bool bodyFiles)
    {
        writer.WriteStartObject();
        writer.WriteString("name", rule.Title);
        writer.WriteNumber("priority", rule.Priority);
        if (rule.Scenario is { } scenario)
        {
            writer.WriteString("scenarioName", scenario.Name);
            writer.WriteString("requiredScenarioState", scenario.RequiredState ?? WireMockStartState);
            if (scenario.NewState is not null)
            {
                writer.WriteString("newScenarioState", scenario.NewState);
            }
        }

        var request = rule.Request;
        writer.WriteStartObject("request");
        writer.WriteString("method", request.Method ?? "ANY");
        if (request.Path is not null)
        {
            writer.WriteString("urlPath", request.Path);
        }
        else if (request.PathPrefix is not null)
        {
            writer.WriteString("urlPathPattern", Regex.Escape(request.PathPrefix) + ".*");
        }

        if (request.Query is { } query)
        {
            writer.WriteStartObject("queryParameters");
            writer.WriteStartObject(query.Name);
            writer.WriteString("equalTo", query.Value);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (request.AuthUsers is { } users)
        {
            writer.WriteStartObject("headers");
            writer.WriteStartObject("Authorization");
            writer.WriteString("matches", AuthPattern(users));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        WriteResponse(writer, rule.Response, OrgNames, bodyFiles ? rule.BodyFile : null);
        writer.WriteEndObject();
    }

    private static readonly ResponseNames NetNames = new("Response", "StatusCode", "Headers", "Body", "BodyAsBytes");

    private static readonly ResponseNames OrgNames = new("response", "status", "headers", "body", "base64Body");

    // Both dialects describe a response alike; only their property names differ.
    private static void WriteResponse(Utf8JsonWriter writer, CannedAnswer answer, ResponseNames names, string? bodyFile = null)
    {
        writer.WriteStartObject(names.Response);
        writer.WriteNumber(names.Status, answer.Status);
        writer.WriteStartObject(names.Headers);
        writer.WriteString("Content-Type", answer.ContentType);
        foreach (var (name, value) in answer.Headers)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        if (bodyFile is not null)
        {
            writer.WriteString("bodyFileName", bodyFile);
        }
        else if (answer.IsText)
        {
            writer.WriteString(names.Body, Encoding.UTF8.GetString(answer.Body));
        }
        else
        {
            writer.WriteBase64String(names.Base64Body, answer.Body);
        }

        writer.WriteEndObject();
    }

    private sealed record ResponseNames(string Response, string Status, string Headers, string Body, string Base64Body);
}
