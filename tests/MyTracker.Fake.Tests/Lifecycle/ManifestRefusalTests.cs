using MyTracker.Fixtures.Model;

namespace MyTracker.Fake.Tests.Lifecycle;

/// <summary>
/// A manifest the build rejects (MTG0003) is refused by the fake with the build's id, message and
/// line/column: both read endpoint.json through the fixture model, so neither serves what the other refuses.
/// Before the fake read manifests through the model it upper-cased "get", defaulted a missing method to GET
/// and mapped any "in" to the query, so these folders were served.
/// </summary>
public sealed class ManifestRefusalTests
{
    [Theory]
    [InlineData("{\n  \"method\": \"get\",\n  \"path\": \"/api/a/v1/b.json\"\n}", "(2,")]
    [InlineData("{\n  \"method\": \"GET\",\n  \"path\": \"/api/a/v1/b.json\",\n  \"parameters\": [ { \"name\": \"id\", \"in\": \"header\", \"type\": \"integer\" } ]\n}", "(4,")]
    public void A_manifest_the_build_rejects_is_refused_with_the_same_message_and_place(string manifest, string position)
    {
        var dir = Directory.CreateTempSubdirectory("fake-fixtures-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "a", "b"));
            File.WriteAllText(Path.Combine(dir.FullName, "a", "b", "endpoint.json"), manifest);
            File.WriteAllText(Path.Combine(dir.FullName, "a", "b", "200.ok.json"), "{ \"x\": 1 }");
            var build = FixtureModels.Read(string.Empty, new Dictionary<string, string> { ["a/b/endpoint.json"] = manifest, ["a/b/200.ok.json"] = "{ \"x\": 1 }" });
            var expected = Assert.Single(build.Diagnostics, d => d.IsError);

            var error = Assert.Throws<InvalidOperationException>(() => FakeTracker.Start(new FakeTrackerOptions { FixturesDirectory = dir.FullName }));

            Assert.Equal(FixtureDiagnosticIds.InvalidManifest, expected.Id);
            Assert.Contains("a/b/endpoint.json" + position, error.Message, StringComparison.Ordinal);
            Assert.EndsWith("error MTG0003: " + expected.Message, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
