using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Tests.Model;

/// <summary>
/// The fixture model is the one reading of the format, shared as source with the generator and as an
/// assembly with the fake, the tool and this library: it must not need a compiler, and its problems
/// must read as the build prints them.
/// </summary>
public sealed class FixtureModelLibraryTests
{
    [Fact]
    public void The_model_assembly_references_no_Roslyn_and_no_generator()
    {
        var references = typeof(FixtureModels).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.Contains("Generator", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lower_case_method_is_an_located_error_with_the_builds_id_and_text()
    {
        var set = FixtureModels.Read("fixtures", new Dictionary<string, string>
        {
            ["a/b/endpoint.json"] = "{\n  \"method\": \"get\",\n  \"path\": \"/a/b.json\"\n}",
            ["a/b/200.ok.json"] = "{ \"x\": 1 }",
        });

        var error = Assert.Single(set.Diagnostics, d => d.IsError);
        Assert.Equal(FixtureDiagnosticIds.InvalidManifest, error.Id);
        Assert.StartsWith("fixtures/a/b/endpoint.json(2,", error.Format(), StringComparison.Ordinal);
        Assert.Contains("error MTG0003: 'a/b/endpoint.json' is not a valid endpoint manifest:", error.Format(), StringComparison.Ordinal);
    }
}
