using System.Text;
using System.Text.Json;
using MyTracker.Fixtures.Model;
using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// A result case gives typed access to what every sample of its scenario has: a property of its own,
/// not nullable, where the shared response type must stay nullable. The client never returns a case
/// that would break that promise.
/// </summary>
public sealed class ScenarioPropertyTests
{
    [Fact]
    public void Success_has_its_files_and_InProgress_its_progress_while_the_shared_data_keeps_them_optional()
    {
        var model = GeneratorHarness.RepositoryFixtures()
            .Where(f => f.RelativePath.StartsWith("segment-export/get/", StringComparison.Ordinal))
            .Select(f => (Path.GetFileName(f.RelativePath), f.Text))
            .Where(f => f.Item1 != "endpoint.json")
            .ToArray();
        var cases = InferenceHelper.ModelOf(model).Result.Cases.ToDictionary(c => c.Name, c => c.Guaranteed.Select(g => (g.CSharpName, Emitting.CSharp.TypeName(g.Type), Emitting.CSharp.Access(g.Path), g.JsonPath)).ToList());

        Assert.Equal([("Files", "global::System.Collections.Generic.IReadOnlyList<TestEpFile>", "Data.Files", "data.files")], cases["Success"]);
        Assert.Equal([("Progress", "global::MyTracker.Client.Json.Percent", "Data.Progress", "data.progress")], cases["InProgress"]);
        Assert.Empty(cases["ErrorOccurred"]);
        Assert.Empty(cases["NotFound"]);
        Assert.Empty(cases["AccessDenied"]);
    }

    [Fact]
    public void The_compiled_cases_read_the_samples_without_a_null_forgiving_operator()
    {
        var success = Assert.IsType<SegmentExportGetResult.Success>(SegmentExportGetResult.FromResponse(200, Sample("200.success.json")));
        var inProgress = Assert.IsType<SegmentExportGetResult.InProgress>(SegmentExportGetResult.FromResponse(200, Sample("200.in-progress.json")));

        IReadOnlyList<SegmentExportGetFile> files = success.Files;
        Json.Percent progress = inProgress.Progress;
        Assert.Equal(2, files.Count);
        Assert.Same(success.Response.Data.Files, files);
        Assert.Equal(64m, progress.Value);
    }

    [Fact]
    public void A_body_of_the_scenario_without_what_its_samples_have_is_not_the_documented_json()
    {
        var body = Encoding.UTF8.GetBytes("""{"code":200,"message":"Ok","data":{"idSegmentExport":"1","status":"Success!"}}""");

        var exception = Assert.Throws<JsonException>(() => SegmentExportGetResult.FromResponse(200, body));
        Assert.Equal("The body of scenario success has no \"data.files\", which every documented sample of the scenario has (200.success.json).", exception.Message);
    }

    [Fact]
    public void A_case_built_by_hand_without_it_says_so_when_asked()
    {
        var response = SegmentExportGetResponse.FromJson("""{"code":200,"message":"Ok","data":{"idSegmentExport":"1","status":"In progress"}}""");
        var inProgress = new SegmentExportGetResult.InProgress(response);

        var exception = Assert.Throws<InvalidOperationException>(() => inProgress.Progress);
        Assert.Contains("\"data.progress\"", exception.Message, StringComparison.Ordinal);
        Assert.Null(inProgress.Response.Data.Progress);
    }

    [Fact]
    public void Fields_are_followed_through_objects_and_named_by_their_path_when_the_name_alone_is_ambiguous()
    {
        var model = InferenceHelper.ModelOf(
            ("200.a.json", """{ "status": "a", "files": ["x"], "result": { "files": ["y"], "note": "n", "items": [ { "id": 1, "extra": true } ] } }"""),
            ("200.b.json", """{ "status": "b", "result": { "count": 1, "items": [ { "id": 2 } ] } }"""),
            ("200.c.json", """{ "status": "c", "files": null, "result": { "count": null } }"""));
        var cases = model.Result.Cases.ToDictionary(c => c.Name, c => c.Guaranteed.Select(g => (g.CSharpName, Emitting.CSharp.Access(g.Path), g.JsonPath)).ToList());

        Assert.Equal([("Files", "Files", "files"), ("ResultFiles", "Result.Files", "result.files"), ("Note", "Result.Note", "result.note"), ("Items", "Result.Items", "result.items")], cases["A"]);
        Assert.Equal([("Items", "Result.Items", "result.items"), ("Count", "Result.Count", "result.count")], cases["B"]);

        // Present but null in c: not promised. Array items keep one shared type, so "extra" is not followed.
        Assert.Empty(cases["C"]);
    }

    [Fact]
    public void The_generated_case_properties_compile_warning_free_and_read_through_a_nullable_object()
    {
        var run = GeneratorHarness.Run(
            [
                new Fixture("shop/order/endpoint.json", InferenceHelper.Manifest),
                new Fixture("shop/order/200.paid.json", """{ "state": "paid", "payment": { "receipt": "r-1", "amount": 12.5 } }"""),
                new Fixture("shop/order/200.refunded.json", """{ "state": "refunded", "payment": { "amount": 12.5 } }"""),
                new Fixture("shop/order/200.open.json", """{ "state": "open" }"""),
            ],
            userSource: """
                namespace Test.Generated;
                internal static class Use
                {
                    public static string Describe(ShopOrderResult result) => result switch
                    {
                        ShopOrderResult.Paid paid => paid.Receipt + " " + paid.Payment.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ShopOrderResult.Refunded refunded => refunded.Payment.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ShopOrderResult.Open => "open",
                        ShopOrderResult.Unknown unknown => unknown.RawBody,
                        _ => "?",
                    };
                }
                """);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Emit().Problems);
        Assert.Contains("public string Receipt\n            => Response.Payment?.Receipt ?? throw new global::System.InvalidOperationException(", run.Sources["ShopOrder.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_field_that_tells_the_scenarios_apart_no_case_promises_anything()
    {
        var model = InferenceHelper.ModelOf(("200.a.json", """{ "x": 1 }"""), ("200.b.json", """{ "x": 1, "y": 2 }"""));

        Assert.All(model.Result.Cases, c => Assert.Empty(c.Guaranteed));
    }

    [Fact]
    public void Inference_gives_equal_models_for_equal_input_so_the_pipeline_can_cache_them()
    {
        (string, string)[] samples = [("200.a.json", """{ "status": "a", "files": ["x"] }"""), ("200.b.json", """{ "status": "b" }""")];

        var first = InferenceHelper.ModelOf(samples);
        var second = InferenceHelper.ModelOf(samples);

        Assert.NotEmpty(first.Result.Cases.First(c => c.Name == "A").Guaranteed);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, InferenceHelper.ModelOf([samples[0], ("200.b.json", """{ "status": "b", "files": ["y"] }""")]));
    }

    private static byte[] Sample(string fileName) => File.ReadAllBytes(Path.Combine(TestPaths.FixturesRoot, "segment-export", "get", fileName));
}
