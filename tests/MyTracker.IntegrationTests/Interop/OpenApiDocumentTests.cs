using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyTracker.Fake;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Interop;

/// <summary>
/// <c>fake-tracker openapi</c>: the document is valid OpenAPI 3.1 to an independent validator, every
/// named example matches its response schema (and a wrong one does not), the schemas name the generated
/// client's own types and members, and a mock server driven only by the document (Prism) answers every
/// example. Both for the built-in fixtures and for a user's own folder (the event-export family).
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string EventExportFixtures = Path.Combine(BuildInfo.RepositoryRoot, "tests", "MyTracker.IntegrationTests", "fixtures");

    public static TheoryData<string> Folders => new() { "built-in", EventExportFixtures };

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task The_document_is_valid_OpenAPI_3_1_to_an_independent_validator_and_a_broken_one_is_not(string folder)
    {
        using var temp = new TempDirectory();
        var file = await WriteDocumentAsync(folder, temp);
        var broken = Path.Combine(temp.Path, "broken.json");
        var document = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        var firstResponse = document["paths"]!.AsObject().First().Value!.AsObject().First().Value!["responses"]!.AsObject().First().Value!.AsObject();
        firstResponse.Remove("description");
        await File.WriteAllTextAsync(broken, document.ToJsonString());

        var valid = await NodeAsync(await InteropTools.OpenApiValidatorAsync(), file);
        var invalid = await NodeAsync(await InteropTools.OpenApiValidatorAsync(), broken);

        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.Contains("\"valid\": true", valid.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("description", invalid.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Every_example_matches_its_response_schema_and_a_wrong_value_does_not(string folder)
    {
        using var temp = new TempDirectory();
        var file = await WriteDocumentAsync(folder, temp);

        // Each kind of string the generator types (percent, unix seconds, URL, integer string, the
        // discriminating enum) has a schema that refuses a value of another kind: one wrong copy each.
        var (path, fields) = folder == "built-in"
            ? ("/api/segment/v1/export/get.json", new[] { ("in-progress", "progress"), ("success", "files/0/timestampExpires"), ("success", "files/0/link"), ("success", "idSegmentExport"), ("success", "status") })
            : ("/api/event/v1/export/get.json", new[] { ("in-progress", "progress"), ("success", "files/0/expiresAt"), ("success", "files/0/url"), ("success", "rows"), ("success", "state") });
        var wrongs = new List<(string File, string Example)>();
        foreach (var (example, field) in fields)
        {
            var document = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            var data = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["examples"]![example]!["value"]!["data"]!;
            var parts = field.Split('/');
            var parent = parts[..^1].Aggregate(data, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!);
            parent[parts[^1]] = "not a " + field;
            var wrong = Path.Combine(temp.Path, $"wrong-{field.Replace('/', '-')}.json");
            await File.WriteAllTextAsync(wrong, document.ToJsonString());
            wrongs.Add((wrong, example));
        }

        var run = await ProcessRunner.RunAsync(
            ProcessRunner.Describe(InteropTools.Node, [await InteropTools.ExampleCheckerAsync(), file, .. wrongs.Select(w => w.File)]), TimeSpan.FromMinutes(2));
        var results = JsonNode.Parse(run.Output)!.AsObject();

        Assert.NotEqual(0, run.ExitCode);
        var right = results[file]!.AsArray();
        Assert.Equal(ExampleCount(JsonNode.Parse(await File.ReadAllTextAsync(file))!), right.Count);
        Assert.All(right, r => Assert.True((bool)r!["valid"]!, r!.ToJsonString()));
        foreach (var (wrong, example) in wrongs)
        {
            var failed = results[wrong]!.AsArray().Where(r => !(bool)r!["valid"]!).ToList();
            Assert.True(failed.Count == 1, $"{Path.GetFileName(wrong)}: {results[wrong]!.ToJsonString()}");
            Assert.Equal(example, failed[0]!["example"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Schemas_are_the_generated_types_with_their_members_and_dotnet_types(string folder)
    {
        using var temp = new TempDirectory();
        var document = JsonNode.Parse(await File.ReadAllTextAsync(await WriteDocumentAsync(folder, temp)))!;
        var (assembly, ns) = folder == "built-in"
            ? (typeof(MyTracker.Client.SegmentExportClient).Assembly, "MyTracker.Client")
            : (typeof(MyTracker.IntegrationTests.EventExport.EventExportClient).Assembly, "MyTracker.IntegrationTests.EventExport");
        var schemas = document["components"]!["schemas"]!.AsObject();
        var checkedProperties = 0;
        foreach (var (name, schema) in schemas)
        {
            var type = assembly.GetType(ns + "." + name) ?? throw new Xunit.Sdk.XunitException($"schema {name} names no generated type in {ns}");
            Assert.Equal(name, schema!["title"]!.GetValue<string>());
            if (type.IsEnum)
            {
                // The documented values; the generated enum adds Unknown for anything else.
                Assert.Equal(Enum.GetNames(type).Where(n => n != "Unknown"), schema["x-enum-varnames"]!.AsArray().Select(n => n!.GetValue<string>()));
                continue;
            }

            foreach (var (json, property) in schema["properties"]!.AsObject())
            {
                var member = type.GetProperty(property!["x-csharp-property"]!.GetValue<string>()) ?? throw new Xunit.Sdk.XunitException($"{name}.{json}: no generated property");
                Assert.Equal(ExpectedClrType(property), ClrName(member.PropertyType));
                // A field missing from some samples is not required, and nullable in C#.
                var required = schema["required"]?.AsArray().Any(r => r!.GetValue<string>() == json) == true;
                Assert.True(required || IsNullable(member), $"{name}.{json} is optional in the schema but not nullable in C#");
                checkedProperties++;
            }
        }

        Assert.True(checkedProperties >= 10, $"only {checkedProperties} properties checked");
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Every_operation_documents_the_403_and_400_the_fake_answers_with_or_without_a_sample(string folder)
    {
        using var temp = new TempDirectory();
        var document = JsonNode.Parse(await File.ReadAllTextAsync(await WriteDocumentAsync(folder, temp)))!;
        // The repository's fixtures/ rather than the built-in set: beside the test assembly, that also holds these tests' own families.
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = folder == "built-in" ? Path.Combine(BuildInfo.RepositoryRoot, "fixtures") : folder });
        using var http = new HttpClient();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = operation!["responses"]!;
                var url = new Uri(fake.BaseUrl, path.TrimStart('/'));

                // Not signed: the fake refuses it with exactly the documented 403 (a sample, or the envelope with data null).
                using (var unsigned = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url))
                {
                    using var refused = await http.SendAsync(unsigned);
                    Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                    var examples = responses["403"]?["content"]?["application/json"]?["examples"]?.AsObject();
                    Assert.True(examples is not null, $"{method} {path}: no 403 documented");
                    var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync());
                    Assert.True(examples.Any(e => JsonNode.DeepEquals(e.Value!["value"], body)), $"{method} {path}: the fake answered {body}, not a documented 403");
                }

                // Signed, with a parameter the endpoint does not have: the documented 400 envelope, its detail in data.error.detail.
                var bad = new Uri(url + "?bogus=1");
                using (var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), bad))
                {
                    request.Headers.TryAddWithoutValidation("Authorization", fake.Sign(request.Method, bad));
                    using var invalid = await http.SendAsync(request);
                    Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
                    var body = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!;
                    Assert.Equal(400, (int)body["code"]!);
                    Assert.Equal("Invalid parameter: bogus", (string)body["data"]!["error"]!["detail"]!);
                    var response = responses["400"];
                    Assert.True(response is not null, $"{method} {path}: no 400 documented");
                    var schema = response["content"]!["application/json"]!["schema"]!;
                    if (schema["$ref"] is null)
                    {
                        // The envelope, written out: the fields the fake's answer always has are required.
                        Assert.Equal(["code", "message", "data"], schema["required"]!.AsArray().Select(r => (string)r!));
                        Assert.Equal(["error"], schema["properties"]!["data"]!["required"]!.AsArray().Select(r => (string)r!));
                        Assert.Equal(["detail"], schema["properties"]!["data"]!["properties"]!["error"]!["required"]!.AsArray().Select(r => (string)r!));
                    }
                }

                operations++;
            }
        }

        Assert.Equal(fake.Endpoints.Count, operations);
    }

    [Fact]
    public async Task The_security_scheme_describes_AuthHMAC_with_a_worked_example_the_client_s_signer_agrees_with()
    {
        using var temp = new TempDirectory();
        var document = JsonNode.Parse(await File.ReadAllTextAsync(await WriteDocumentAsync("built-in", temp)))!;
        var scheme = document["components"]!["securitySchemes"]!["AuthHMAC"]!;
        var example = scheme["x-mytracker-signature"]!["example"]!;

        var signed = MyTracker.Client.Auth.AuthHmac.CreateHeaderValue(
            example["apiUserId"]!.GetValue<string>(), example["secretKey"]!.GetValue<string>(), example["method"]!.GetValue<string>(), new Uri(example["url"]!.GetValue<string>()));

        Assert.Equal(example["authorization"]!.GetValue<string>(), signed);
        Assert.Equal(("apiKey", "header", "Authorization"), (scheme["type"]!.GetValue<string>(), scheme["in"]!.GetValue<string>(), scheme["name"]!.GetValue<string>()));
        Assert.Contains("HMAC-SHA1", scheme["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(example["authorization"]!.GetValue<string>(), scheme["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("AuthHMAC", Assert.Single(document["security"]!.AsArray())!.AsObject().Single().Key);
    }

    [Fact]
    public async Task Prism_driven_only_by_the_document_answers_every_documented_example()
    {
        using var temp = new TempDirectory();
        var file = await WriteDocumentAsync("built-in", temp);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        var port = ExternalServer.FreeLoopbackPort();
        var (prism, _) = await ExternalServer.StartAsync(
            InteropTools.Node, [await InteropTools.PrismAsync(), "mock", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), file],
            readyNeedle: "Prism is listening");
        await using (prism)
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
            var answered = 0;
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject())
                {
                    var query = string.Join("&", operation!["parameters"]!.AsArray()
                        .Where(p => (bool)p!["required"]!)
                        .Select(p => p!["style"]?.GetValue<string>() == "deepObject"
                            ? DeepObjectQuery(p!["name"]!.GetValue<string>(), p!["example"]!)
                            : p!["name"]!.GetValue<string>() + "=" + ValidValue(p!["schema"]!)));
                    foreach (var (status, response) in operation["responses"]!.AsObject())
                    {
                        foreach (var (name, example) in response!["content"]!["application/json"]!["examples"]!.AsObject())
                        {
                            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path.TrimStart('/') + "?" + query);
                            request.Headers.TryAddWithoutValidation("Authorization", "AuthHMAC 10001:any-signature");
                            request.Headers.TryAddWithoutValidation("Prefer", $"code={status}, example={name}");
                            using var answer = await http.SendAsync(request);
                            var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync());

                            Assert.Equal(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), (int)answer.StatusCode);
                            Assert.True(JsonNode.DeepEquals(example!["value"], body), $"{method} {path} {status} {name}: Prism answered {body}");
                            answered++;
                        }
                    }
                }
            }

            Assert.Equal(ExampleCount(document), answered);

            // The document's bounds and security are what Prism enforces: maxBatchFileSize is 10..4095,
            // and a call without the AuthHMAC header is refused (Prism says 401; the API's own answer is the 403 sample).
            using var outOfRange = new HttpRequestMessage(HttpMethod.Post, "api/segment/v1/export/create.json?idSegment=1&maxBatchFileSize=5");
            outOfRange.Headers.TryAddWithoutValidation("Authorization", "AuthHMAC 10001:any-signature");
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(outOfRange)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("api/segment/v1/export/create.json?idSegment=1", null)).StatusCode);
        }
    }

    [Fact]
    public async Task The_committed_docs_openapi_json_is_what_the_command_writes_for_the_built_in_fixtures()
    {
        using var temp = new TempDirectory();
        var first = await File.ReadAllTextAsync(await WriteDocumentAsync("built-in", temp));
        var run = await ToolRun.RunToEndAsync("openapi");

        Assert.True(await run.Completion == 0, run.Error.Text);
        Assert.Equal(first, run.Output.Text);
        Assert.True(
            first == await File.ReadAllTextAsync(Path.Combine(BuildInfo.RepositoryRoot, "docs", "openapi.json")),
            "docs/openapi.json is stale: rerun `dotnet run --project src/MyTracker.Fake.Tool -- openapi -o docs/openapi.json`");
    }

    [Fact]
    public async Task A_broken_fixture_folder_is_one_located_line_and_exit_code_2()
    {
        using var temp = new TempDirectory();
        var endpoint = Directory.CreateDirectory(Path.Combine(temp.Path, "report-export", "get")).FullName;
        await File.WriteAllTextAsync(Path.Combine(endpoint, "endpoint.json"), """{ "method": "GET", "path": "/api/report/v1/get.json" }""");
        await File.WriteAllTextAsync(Path.Combine(endpoint, "200.ok.json"), "{ \"code\": 200,\n  \"data\": { oops } }");

        var broken = await ToolRun.RunToEndAsync("openapi", "--fixtures", temp.Path);
        var missing = await ToolRun.RunToEndAsync("openapi", "--fixtures", Path.Combine(temp.Path, "nope"));
        var badServer = await ToolRun.RunToEndAsync("openapi", "--server-url", "ftp://example.test");

        Assert.Equal(2, await broken.Completion);
        Assert.Contains(Path.Combine(endpoint, "200.ok.json") + "(2,13): error MTG0001", broken.Error.Text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, broken.Output.Text);
        Assert.Equal(2, await missing.Completion);
        Assert.Contains("does not exist", Assert.Single(missing.Error.Lines), StringComparison.Ordinal);
        Assert.Equal(2, await badServer.Completion);
        Assert.Contains("--server-url 'ftp://example.test'", Assert.Single(badServer.Error.Lines), StringComparison.Ordinal);
    }

    private static async Task<string> WriteDocumentAsync(string folder, TempDirectory temp)
    {
        var file = Path.Combine(temp.Path, Guid.NewGuid().ToString("N") + ".openapi.json");
        var run = folder == "built-in"
            ? await ToolRun.RunToEndAsync("openapi", "--output", file)
            : await ToolRun.RunToEndAsync("openapi", "--fixtures", folder, "--output", file);
        Assert.True(await run.Completion == 0, run.Error.Text + run.Output.Text);
        var endpoints = Directory.GetFiles(folder == "built-in" ? Path.Combine(BuildInfo.RepositoryRoot, "fixtures") : folder, "endpoint.json", SearchOption.AllDirectories).Length;
        Assert.Contains($"Wrote the OpenAPI 3.1 document of {endpoints} endpoint(s)", run.Output.Text, StringComparison.Ordinal);
        return file;
    }

    private static Task<ProcessRunner.Result> NodeAsync(string script, string file) =>
        ProcessRunner.RunAsync(ProcessRunner.Describe(InteropTools.Node, [script, file]), TimeSpan.FromMinutes(2));

    private static int ExampleCount(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .SelectMany(o => o.Value!["responses"]!.AsObject())
            .Sum(r => r.Value!["content"]!["application/json"]!["examples"]!.AsObject().Count);

    /// <summary>A deepObject parameter's example in indexed bracket notation (<c>settings[filter][date][0][from]=1970-01-01</c>), the form Prism reads and the API takes.</summary>
    private static string DeepObjectQuery(string name, JsonNode example) => example switch
    {
        JsonObject members => string.Join("&", members.Select(m => DeepObjectQuery(name + "[" + m.Key + "]", m.Value!))),
        JsonArray items => string.Join("&", items.Select((item, i) => DeepObjectQuery(name + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", item!))),
        _ => Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(example.ToString()),
    };

    /// <summary>A value the parameter's schema accepts: its minimum, first enum value or item.</summary>
    private static string ValidValue(JsonNode schema) => schema["type"]!.GetValue<string>() switch
    {
        "array" => schema["items"]!["enum"]?[0]?.ToString() ?? "x",
        "integer" or "number" => schema["enum"]?[0]?.ToString() ?? schema["minimum"]?.ToString() ?? "1",
        _ => schema["enum"]?[0]?.ToString() ?? "x",
    };

    /// <summary>The CLR type the generator must have given a property with this schema.</summary>
    private static string ExpectedClrType(JsonNode property)
    {
        if (property["x-csharp-type"] is { } csharp)
        {
            return csharp.GetValue<string>() switch
            {
                "long" => "Int64",
                "decimal" => "Decimal",
                var name => name[(name.LastIndexOf('.') + 1)..],
            };
        }

        var reference = property["$ref"] ?? property["anyOf"]?[0]?["$ref"];
        if (reference is not null)
        {
            return reference.GetValue<string>()["#/components/schemas/".Length..];
        }

        var type = property["type"] is JsonArray types ? types[0]!.GetValue<string>() : property["type"]!.GetValue<string>();
        return (type, property["format"]?.GetValue<string>()) switch
        {
            ("string", _) => "String",
            ("boolean", _) => "Boolean",
            ("integer", "int32") => "Int32",
            ("integer", "int64") => "Int64",
            ("number", _) => "Double",
            ("array", _) => "IReadOnlyList<" + ExpectedClrType(property["items"]!) + ">",
            ("object", _) => "IReadOnlyDictionary<String," + ExpectedClrType(property["additionalProperties"]!) + ">",
            _ => "?",
        };
    }

    private static string ClrName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`')];
        return name + "<" + string.Join(",", type.GetGenericArguments().Select(ClrName)) + ">";
    }

    private static bool IsNullable(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;
}
