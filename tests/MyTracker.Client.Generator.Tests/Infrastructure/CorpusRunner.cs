using MyTracker.Fixtures.Model.Inference;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace MyTracker.Client.Generator.Tests.Infrastructure;

/// <summary>Runs one JSON document through the whole chain: generate, compile, read, write, compare.</summary>
internal static class CorpusRunner
{
    public const string EndpointManifest = """{ "method": "GET", "path": "/corpus/sample.json", "summary": "A corpus sample." }""";

    public sealed record Outcome(bool Passed, string Detail, IReadOnlyList<Diagnostic> GeneratorDiagnostics);

    public static string TypeNameFor(string endpoint) => GeneratorHarness.Namespace + ".Corpus" + Naming.ToPascalCase(endpoint, "Endpoint").TrimStart('_') + "Response";

    public static Outcome Run(string endpoint, string json)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = GeneratorHarness.Run(new[]
        {
            new Fixture($"corpus/{endpoint}/endpoint.json", EndpointManifest),
            new Fixture($"corpus/{endpoint}/200.sample.json", json),
        });

        var generated = watch.Elapsed;
        var lines = run.Sources.Values.Sum(s => s.Count(c => c == '\n'));
        var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            return new Outcome(false, "generator errors: " + string.Join("; ", errors), run.Diagnostics);
        }

        var (image, problems) = run.Emit();
        var compiled = watch.Elapsed;
        if (problems.Count > 0)
        {
            return new Outcome(false, $"{problems.Count} compiler errors/warnings, first: " + string.Join("; ", problems.Take(3)), run.Diagnostics);
        }

        var assembly = GeneratorHarness.Load(image!, out var context);
        try
        {
            var typeName = TypeNameFor(endpoint);
            var type = assembly.GetType(typeName) ?? throw new InvalidOperationException("No type " + typeName);
            var fromJson = type.GetMethod("FromJson", BindingFlags.Public | BindingFlags.Static, new[] { typeof(string) })!;
            var toJson = type.GetMethod("ToJson", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!;
            object model;
            try
            {
                model = fromJson.Invoke(null, new object[] { json })!;
            }
            catch (TargetInvocationException ex)
            {
                return new Outcome(false, "reading the sample failed: " + ex.InnerException, run.Diagnostics);
            }

            string written;
            try
            {
                written = (string)toJson.Invoke(model, null)!;
            }
            catch (TargetInvocationException ex)
            {
                return new Outcome(false, "writing the model failed: " + ex.InnerException, run.Diagnostics);
            }

            var difference = JsonEquality.Difference(json, written);
            return difference is null
                ? new Outcome(true, $"ok; generate {generated.TotalMilliseconds:F0} ms, {lines} lines, check {(compiled - generated).TotalMilliseconds:F0} ms, total {watch.Elapsed.TotalMilliseconds:F0} ms", run.Diagnostics)
                : new Outcome(false, "written JSON differs: " + difference, run.Diagnostics);
        }
        finally
        {
            context.Unload();
        }
    }
}
