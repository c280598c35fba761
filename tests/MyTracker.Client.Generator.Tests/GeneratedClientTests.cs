using System.Net;
using System.Reflection;
using System.Text;
using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// A client generated for an endpoint the repository does not have (path parameters, PUT, every
/// parameter type), compiled in memory and called: the URL is encoded exactly.
/// </summary>
public sealed class GeneratedClientTests
{
    private const string Manifest = """
        {
          "method": "PUT",
          "path": "/api/items/{itemId}/tags/{tag}.json",
          "parameters": [
            { "name": "itemId", "in": "path", "type": "integer", "required": true },
            { "name": "tag", "in": "path", "type": "string", "required": true },
            { "name": "ratio", "type": "number" },
            { "name": "flag", "type": "boolean" },
            { "name": "sort", "type": "enum", "values": { "asc": "Ascending", "desc": "Descending" } },
            { "name": "q", "type": "string" }
          ]
        }
        """;

    [Fact]
    public async Task Path_and_query_parameters_of_every_type_are_encoded_exactly()
    {
        var run = GeneratorHarness.Run(new[]
        {
            new Fixture("items/tag/endpoint.json", Manifest),
            new Fixture("items/tag/200.tagged.json", """{"ok":true}"""),
        });
        var (image, problems) = run.Emit();
        Assert.Empty(problems);
        var assembly = GeneratorHarness.Load(image!, out var context);
        try
        {
            var handler = new RecordingHandler();
            var clientType = assembly.GetType("Test.Generated.ItemsClient")!;
            var client = Activator.CreateInstance(clientType, new HttpClient(handler) { BaseAddress = new Uri("https://api.example/") })!;
            var sortType = assembly.GetType("Test.Generated.ItemsTagSort")!;
            var method = clientType.GetMethod("TagAsync")!;
            Assert.True(method.IsVirtual);

            var task = (Task)method.Invoke(client, new object?[] { 5L, "a/b c", 0.5, true, Enum.Parse(sortType, "Descending"), "x&y", CancellationToken.None })!;
            await task;
            var result = task.GetType().GetProperty("Result")!.GetValue(task)!;

            Assert.Equal("Tagged", result.GetType().Name);
            var request = Assert.Single(handler.Requests);
            Assert.Equal(HttpMethod.Put, request.Method);
            Assert.Equal("https://api.example/api/items/5/tags/a%2Fb%20c.json?ratio=0.5&flag=1&sort=desc&q=x%26y", request.RequestUri!.AbsoluteUri);

            handler.Requests.Clear();
            var task2 = (Task)method.Invoke(client, new object?[] { 6L, "t", null, null, null, null, CancellationToken.None })!;
            await task2;
            Assert.Equal("https://api.example/api/items/6/tags/t.json", Assert.Single(handler.Requests).RequestUri!.AbsoluteUri);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Required_parameters_come_first_and_optional_ones_default_to_null()
    {
        var run = GeneratorHarness.Run(new[] { new Fixture("items/tag/endpoint.json", Manifest), new Fixture("items/tag/200.tagged.json", "{}") });

        var source = run.Sources["ItemsClient.TagAsync.g.cs"];
        Assert.Contains("TagAsync(long itemId, string tag, double? ratio = null, bool? flag = null, ItemsTagSort? sort = null, string? q = null, global::System.Threading.CancellationToken cancellationToken = default)", source, StringComparison.Ordinal);
        Assert.Contains("global::System.ArgumentNullException.ThrowIfNull(tag);", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_named_like_csharp_keywords_compile_and_keep_their_wire_names()
    {
        // Found with a second export family whose create.json takes "event": nameof(event) does not compile.
        const string keywords = """
            {
              "method": "GET",
              "path": "/api/keywords.json",
              "parameters": [
                { "name": "event", "type": "enum", "required": true, "values": { "installs": "Installs", "payments": "Payments" } },
                { "name": "class", "type": "string", "required": true },
                { "name": "object", "type": "enum", "values": { "a": "A" } }
              ]
            }
            """;
        var run = GeneratorHarness.Run(new[] { new Fixture("kw/get/endpoint.json", keywords), new Fixture("kw/get/200.ok.json", """{"ok":true}""") });
        var (image, problems) = run.Emit();
        Assert.Empty(problems);
        var assembly = GeneratorHarness.Load(image!, out var context);
        try
        {
            var handler = new RecordingHandler();
            var clientType = assembly.GetType("Test.Generated.KwClient")!;
            var client = Activator.CreateInstance(clientType, new HttpClient(handler) { BaseAddress = new Uri("https://api.example/") })!;
            var eventType = assembly.GetType("Test.Generated.KwGetEvent")!;
            var method = clientType.GetMethod("GetAsync")!;

            await (Task)method.Invoke(client, new object?[] { Enum.Parse(eventType, "Payments"), "c", null, CancellationToken.None })!;
            Assert.Equal("https://api.example/api/keywords.json?event=payments&class=c", Assert.Single(handler.Requests).RequestUri!.AbsoluteUri);

            var undefined = Enum.ToObject(eventType, 99);
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => method.Invoke(client, BindingFlags.DoNotWrapExceptions, null, new object?[] { undefined, "c", null, CancellationToken.None }, null));
            Assert.Equal("event", ex.ParamName);
        }
        finally
        {
            context.Unload();
        }
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"ok":true}""", Encoding.UTF8, "application/json"), RequestMessage = request });
        }
    }
}
