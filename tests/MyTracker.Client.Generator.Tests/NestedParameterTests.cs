using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using MyTracker.Client.Auth;
using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// An object parameter (endpoint.json <c>"type": "object"</c>) of an endpoint the repository does not
/// have: nested request types with their documentation, bracket notation on the wire (arrays with
/// <c>[]</c>, several objects indexed, escaping), a signature over the URL sent, the documented
/// constraints checked before sending, cached pipeline values, and a located MTG0003 for bad input.
/// </summary>
public sealed class NestedParameterTests
{
    private const string Manifest = """
        {
          "method": "POST",
          "path": "/api/reports/create.json",
          "parameters": [
            { "name": "settings", "type": "object", "required": true, "description": "All the report's settings.",
              "members": [
                { "name": "filter", "type": "object", "required": true, "members": [
                  { "name": "date", "type": "array", "required": true, "description": "The intervals.",
                    "items": { "type": "object", "members": [
                      { "name": "from", "type": "date", "required": true, "minimum": "1970-01-01", "maximum": "today", "notAfter": "to", "description": "First day." },
                      { "name": "to", "type": "date", "required": true, "maximum": "today" } ] } },
                  { "name": "dimension", "type": "object", "members": [
                    { "name": "idApp", "type": "object", "members": [ { "name": "value", "type": "array", "items": { "type": "integer" } } ] } ] } ] },
                { "name": "tz", "type": "string" },
                { "name": "unit", "type": "string", "values": ["day", "week"] },
                { "name": "flags", "type": "array", "items": { "type": "string" } },
                { "name": "precision", "type": "integer", "minimum": 0, "maximum": 6 },
                { "name": "weekly", "type": "boolean" }
              ] },
            { "name": "fileType", "type": "enum", "values": { "csv": "Csv", "xlsx": "Xlsx" } }
          ]
        }
        """;

    private const string Calls = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Test.Generated;

        namespace User;

        internal static class Calls
        {
            private static ReportsCreateFilter Filter(params ReportsCreateDate[] dates) => new() { Date = dates };

            private static ReportsCreateSettings Settings(params ReportsCreateDate[] dates) => new() { Filter = Filter(dates) };

            private static ReportsCreateDate D(int from, int to) => new(new DateOnly(2020, 12, from), new DateOnly(2020, 12, to));

            internal static Task<ReportsCreateResult> TwoIntervalsTwoAppsAndEscaping(HttpClient http) => new ReportsClient(http).CreateAsync(new ReportsCreateSettings
            {
                Filter = new() { Date = [D(1, 2), D(30, 31)], Dimension = new() { IdApp = new() { Value = [1, 2] } } },
                Tz = "America/Chicago",
                Flags = ["a&b=c", "\u00fc [x]"],
                Precision = 2,
                Unit = "week",
                Weekly = true,
            }, ReportsCreateFileType.Xlsx);

            internal static Task<ReportsCreateResult> OneInterval(HttpClient http) => new ReportsClient(http).CreateAsync(Settings(D(1, 30)));

            internal static Task<ReportsCreateResult> FromAfterTo(HttpClient http) => new ReportsClient(http).CreateAsync(Settings(D(1, 2), D(30, 29)));

            internal static Task<ReportsCreateResult> InTheFuture(HttpClient http) => new ReportsClient(http).CreateAsync(Settings(new ReportsCreateDate(new DateOnly(2020, 1, 1), new DateOnly(2999, 1, 1))));

            internal static Task<ReportsCreateResult> BeforeTheEpoch(HttpClient http) => new ReportsClient(http).CreateAsync(Settings(new ReportsCreateDate(new DateOnly(1969, 12, 31), new DateOnly(2020, 1, 1))));

            internal static Task<ReportsCreateResult> NoInterval(HttpClient http) => new ReportsClient(http).CreateAsync(Settings());

            internal static Task<ReportsCreateResult> PrecisionTooHigh(HttpClient http) => new ReportsClient(http).CreateAsync(Settings(D(1, 2)) with { Precision = 7 });

            internal static Task<ReportsCreateResult> UndocumentedUnit(HttpClient http) => new ReportsClient(http).CreateAsync(Settings(D(1, 2)) with { Unit = "month" });

            internal static Task<ReportsCreateResult> NullFilter(HttpClient http) => new ReportsClient(http).CreateAsync(new ReportsCreateSettings { Filter = null! });
        }
        """;

    private static IEnumerable<Fixture> Fixtures(string manifest = Manifest) =>
    [
        new Fixture("reports/create/endpoint.json", manifest),
        new Fixture("reports/create/200.created.json", """{"ok":true}"""),
    ];

    [Fact]
    public void Each_object_gets_a_documented_request_type_named_after_the_shortest_free_tail_of_its_path()
    {
        var run = GeneratorHarness.Run(Fixtures(), userSource: Calls);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
        var source = run.Sources["ReportsCreate.RequestTypes.g.cs"];
        Assert.Contains("public sealed partial record ReportsCreateSettings", source, StringComparison.Ordinal);
        Assert.Contains("public required ReportsCreateFilter Filter { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public required global::System.Collections.Generic.IReadOnlyList<ReportsCreateDate> Date { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("public sealed partial record ReportsCreateDate(global::System.DateOnly From, global::System.DateOnly To)", source, StringComparison.Ordinal);
        Assert.Contains("public global::System.Collections.Generic.IReadOnlyList<long>? Value { get; init; }", source, StringComparison.Ordinal);
        Assert.Contains("/// <param name=\"From\">First day. Sent as <c>settings[filter][date][n][from]</c> (YYYY-MM-DD); not before 1970-01-01, not after the current date, not after <c>to</c>; required.</param>", source, StringComparison.Ordinal);
        Assert.Contains("/// <summary>The intervals. Sent as <c>settings[filter][date][n][...]</c> (fixtures/reports/create).</summary>", source, StringComparison.Ordinal);
        Assert.Contains("at least 0, at most 6", source, StringComparison.Ordinal);
        var method = run.Sources["ReportsClient.CreateAsync.g.cs"];
        Assert.Contains("CreateAsync(ReportsCreateSettings settings, ReportsCreateFileType? fileType = null,", method, StringComparison.Ordinal);
        Assert.Contains("Sent in bracket notation as the query parameters <c>settings[...]</c> (see <see cref=\"ReportsCreateSettings\"/>)", method, StringComparison.Ordinal);
    }

    [Fact]
    public void Generation_of_nested_types_is_deterministic()
    {
        Assert.Equal(GeneratorHarness.Run(Fixtures()).Sources, GeneratorHarness.Run(Fixtures()).Sources);
    }

    [Fact]
    public async Task Nested_values_go_in_bracket_notation_escaped_and_the_signature_covers_the_url_sent()
    {
        var (requests, invoke, context) = Load();
        try
        {
            await invoke("TwoIntervalsTwoAppsAndEscaping");
            await invoke("OneInterval");

            var several = requests[0].RequestUri!;
            Assert.Equal(
                "settings[filter][date][0][from]=2020-12-01&settings[filter][date][0][to]=2020-12-02"
                + "&settings[filter][date][1][from]=2020-12-30&settings[filter][date][1][to]=2020-12-31"
                + "&settings[filter][dimension][idApp][value][]=1&settings[filter][dimension][idApp][value][]=2"
                + "&settings[tz]=America%2FChicago&settings[unit]=week&settings[flags][]=a%26b%3Dc&settings[flags][]=%C3%BC%20%5Bx%5D"
                + "&settings[precision]=2&settings[weekly]=1&fileType=xlsx",
                several.Query.TrimStart('?').Replace("%5B", "[", StringComparison.Ordinal).Replace("%5D", "]", StringComparison.Ordinal).Replace("[x]", "%5Bx%5D", StringComparison.Ordinal));
            Assert.StartsWith("https://api.example/api/reports/create.json?settings%5Bfilter%5D%5Bdate%5D%5B0%5D%5Bfrom%5D=2020-12-01&", several.AbsoluteUri, StringComparison.Ordinal);

            var one = requests[1].RequestUri!;
            Assert.Equal("?settings%5Bfilter%5D%5Bdate%5D%5Bfrom%5D=2020-12-01&settings%5Bfilter%5D%5Bdate%5D%5Bto%5D=2020-12-30", one.Query);

            foreach (var request in requests)
            {
                Assert.True(AuthHmac.TryParseHeader(request.Headers.Authorization!.ToString(), out var user, out var signature));
                Assert.Equal("10001", user);
                Assert.True(AuthHmac.Verify("secret", "POST", request.RequestUri!, default, signature), request.RequestUri!.AbsoluteUri);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [InlineData("FromAfterTo", "settings[filter][date][1][from]", "may not be after settings[filter][date][1][to]")]
    [InlineData("InTheFuture", "settings[filter][date][to]", "is 2999-01-01: the documentation says not after the current date")]
    [InlineData("BeforeTheEpoch", "settings[filter][date][from]", "is 1969-12-31: the documentation says not before 1970-01-01")]
    [InlineData("NoInterval", "settings[filter][date]", "is required: give at least one item")]
    [InlineData("PrecisionTooHigh", "settings[precision]", "is 7: the documented maximum is 6")]
    [InlineData("NullFilter", "settings[filter]", "is required")]
    [InlineData("UndocumentedUnit", "settings[unit]", "is 'month': the documented values are day, week.")]
    public async Task A_value_the_documentation_does_not_allow_is_refused_before_anything_is_sent(string call, string parameter, string message)
    {
        var (requests, invoke, context) = Load();
        try
        {
            var refused = await Assert.ThrowsAnyAsync<ArgumentException>(() => invoke(call));

            Assert.Equal(parameter, refused.ParamName);
            Assert.Contains(parameter + " " + message, refused.Message, StringComparison.Ordinal);
            Assert.Empty(requests);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Nested_parameters_read_twice_give_equal_pipeline_values_so_the_driver_can_cache_them()
    {
        var first = GeneratorHarness.Run(Fixtures()).Result.Results.Single().TrackedSteps[TrackingNames.Models].Single().Outputs.Single().Value;
        var second = GeneratorHarness.Run(Fixtures()).Result.Results.Single().TrackedSteps[TrackingNames.Models].Single().Outputs.Single().Value;

        var model = Assert.IsType<MyTracker.Fixtures.Model.EndpointResult>(first).Model!;
        Assert.Equal(5, model.RequestTypes.Count);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Theory]
    [InlineData("""{ "name": "s", "type": "object" }""", "needs 'members'")]
    [InlineData("""{ "name": "s", "type": "object", "members": [ { "name": "d", "type": "array" } ] }""", "array 's[d]' needs 'items'")]
    [InlineData("""{ "name": "s", "type": "object", "members": [ { "name": "d", "type": "list" } ] }""", "a list of values is an array with 'items'")]
    [InlineData("""{ "name": "s", "type": "object", "members": [ { "name": "from", "type": "date", "notAfter": "until" }, { "name": "to", "type": "date" } ] }""", "'notAfter' of 's[from]' must name another member of 's'")]
    [InlineData("""{ "name": "s", "type": "object", "members": [ { "name": "from", "type": "date", "maximum": "tomorrow" } ] }""", "must be a date YYYY-MM-DD or \"today\"")]
    [InlineData("""{ "name": "s", "type": "object", "members": [ { "name": "a[b]", "type": "string" } ] }""", "without '[', ']'")]
    [InlineData("""{ "name": "s", "type": "object", "members": [ { "name": "d", "type": "array", "spelling": "indexed", "items": { "type": "integer" } } ] }""", "\"array\" or \"comma-or-array\" (an array of values)")]
    [InlineData("""{ "name": "s", "type": "object", "members": [ { "name": "x", "type": "string" }, { "name": "x", "type": "integer" } ] }""", "'s[x]' is listed twice")]
    [InlineData("""{ "name": "s", "type": "date" }""", "an array or a date goes inside an object's 'members'")]
    public void A_bad_nested_parameter_is_MTG0003_at_its_value_and_nothing_crashes(string parameter, string mentions)
    {
        var manifest = "{\n  \"method\": \"GET\",\n  \"path\": \"/x.json\",\n  \"parameters\": [\n    " + parameter + "\n  ]\n}";

        var run = GeneratorHarness.Run(new[] { new Fixture("bad/ep/endpoint.json", manifest), new Fixture("bad/ep/200.ok.json", "{}") });

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("MTG0003", diagnostic.Id);
        Assert.Contains(mentions, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(4, span.StartLinePosition.Line);
        Assert.True(span.StartLinePosition.Character >= 4, "located in the parameter, at the offending value or the object missing it: " + span);
        Assert.DoesNotContain(run.Sources.Keys, k => k.StartsWith("Bad", StringComparison.Ordinal));
    }

    private static (List<HttpRequestMessage> Requests, Func<string, Task> Invoke, System.Runtime.Loader.AssemblyLoadContext Context) Load()
    {
        var run = GeneratorHarness.Run(Fixtures(), userSource: Calls);
        Assert.Empty(run.CompilationProblems);
        var assembly = GeneratorHarness.Load(run.Output, out var context);
        var recorder = new RecordingHandler();
        var http = new HttpClient(new AuthHmacHandler(new Uri("https://api.example/"), "10001", "secret") { InnerHandler = recorder }) { BaseAddress = new Uri("https://api.example/") };
        var calls = assembly.GetType("User.Calls")!;
        async Task Invoke(string name)
        {
            try
            {
                await (Task)calls.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, [http])!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }

        return (recorder.Requests, Invoke, context);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"ok":true}""", Encoding.UTF8, "application/json"), RequestMessage = request });
        }
    }
}
