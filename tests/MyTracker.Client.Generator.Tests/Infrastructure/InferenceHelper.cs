using System.Collections.Immutable;
using MyTracker.Fixtures.Model.Inference;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Client.Generator.Tests.Infrastructure;

/// <summary>Runs parse -> group -> infer directly (no compiler) for unit tests of the inference rules.</summary>
internal static class InferenceHelper
{
    public const string Manifest = """{ "method": "GET", "path": "/api/test.json" }""";

    /// <summary>Infers area "test", endpoint "ep" (prefix TestEp) from samples named like 200.ok.json.</summary>
    public static EndpointResult Infer(params (string FileName, string Json)[] samples)
    {
        var files = samples.Select(s => new Fixture("test/ep/" + s.FileName, s.Json)).Prepend(new Fixture("test/ep/endpoint.json", Manifest));
        var parsed = files.Select(f => FixtureReader.Read(new FixtureFile(GeneratorHarness.PathOf(f.RelativePath), f.RelativePath, GeneratorHarness.Root, f.Text))).ToImmutableArray();
        var input = EndpointGrouping.Group(parsed).Single();
        return EndpointInference.Infer(input, "Test.Generated");
    }

    public static EndpointModel ModelOf(params (string FileName, string Json)[] samples)
        => Infer(samples).Model ?? throw new InvalidOperationException("No model was inferred.");

    public static ObjectModel Object(this EndpointModel model, string name)
        => model.Objects.SingleOrDefault(o => o.Name == name) ?? throw new InvalidOperationException($"No class {name}; classes: {string.Join(", ", model.Objects.Select(o => o.Name))}");

    public static PropertyModel Property(this ObjectModel model, string jsonName)
        => model.Properties.SingleOrDefault(p => p.JsonName == jsonName) ?? throw new InvalidOperationException($"No property {jsonName} in {model.Name}");

    /// <summary>The type of JSON property <paramref name="jsonName"/> of the root of a one-sample endpoint.</summary>
    public static TypeRef RootType(string json, string jsonName) => ModelOf(("200.ok.json", json)).Object("TestEpResponse").Property(jsonName).Type;
}
