using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using MyTracker.Client.Generator.Emitting;
using MyTracker.Fixtures.Model.Inference;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;
using MyTracker.Client.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// Deterministic mutations of the fixtures (truncation, character flips, deep nesting, huge numbers,
/// odd names, cut and doubled spans): nothing escapes, and every invalid input gets a located MTG0001.
/// </summary>
public sealed class RobustnessTests(ITestOutputHelper output)
{
    private const int Mutations = 10_000;
    private const string Manifest = """{ "method": "GET", "path": "/api/m.json", "parameters": [ { "name": "id", "type": "integer", "required": true } ] }""";

    private static readonly JsonDocumentOptions Oracle = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = JsonParser.MaxDepth };

    private static readonly string[] OddNames = { "", "class", "1x", "\uD83D\uDE1C", "a b", "\\u0000", "toJson", "TestEpResponse", "__", "Value", "id", "ID", "\u4e2d", "\\\"", "@if" };
    private static readonly string[] HugeNumbers = { "1e999", "-1e999", "123456789012345678901234567890", "0.000000000000000000000000000000001", "9223372036854775808", "-9223372036854775809", "1E+308", "4.9e-324" };
    private static readonly char[] FlipChars = "{}[]\",:\\ 0123456789abcdefntru-+.eE/*\n\t\r%".ToCharArray();

    [Fact]
    public void Ten_thousand_mutations_never_escape_and_every_invalid_input_is_located()
    {
        var seeds = SeedTexts();
        var random = new Random(20261126);
        var failures = new List<string>();
        var invalid = 0;
        var generated = 0;
        for (var i = 0; i < Mutations; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var mutation = Mutate(seed, i % 7, random);
            var mutateManifest = i % 10 == 9;
            var fileName = mutateManifest ? "endpoint.json" : "200.sample.json";
            var files = mutateManifest
                ? new[] { ("m/e/endpoint.json", mutation), ("m/e/200.sample.json", seed) }
                : new[] { ("m/e/endpoint.json", Manifest), ("m/e/200.sample.json", mutation) };

            var outcome = RunPipeline(files);
            var path = GeneratorHarness.PathOf("m/e/" + fileName);
            var isValid = IsValidJson(mutation);
            if (!isValid)
            {
                invalid++;
            }

            if (outcome.Exception is not null)
            {
                failures.Add($"#{i}: escaped {outcome.Exception.GetType().Name}: {outcome.Exception.Message}");
                continue;
            }

            if (outcome.Diagnostics.Any(d => d.Id == "MTG0011"))
            {
                failures.Add($"#{i}: MTG0011 {string.Join(", ", outcome.Diagnostics.Select(d => d.Arguments.LastOrDefault()))}");
                continue;
            }

            var located = outcome.Diagnostics.Where(d => d.Id == "MTG0001" && d.Location.FilePath == path).ToList();
            if (!isValid && !(located.Count == 1 && Within(located[0].Location, mutation)))
            {
                failures.Add($"#{i}: invalid {fileName} without one located MTG0001: {Escape(mutation)}");
            }
            else if (isValid && located.Count > 0)
            {
                failures.Add($"#{i}: valid {fileName} reported as invalid ({located[0].Arguments[1]}): {Escape(mutation)}");
            }

            generated += outcome.Sources;
        }

        output.WriteLine($"{Mutations} mutations, {invalid} invalid, {generated} sources generated, {failures.Count} failures");
        Assert.True(invalid > Mutations / 4, "enough invalid inputs were produced");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void Mutations_through_the_compiler_driver_never_crash_the_generator()
    {
        var seeds = SeedTexts();
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var mutation = Mutate(seeds[random.Next(seeds.Count)], i % 7, random);
            var run = GeneratorHarness.Run(new[] { new Fixture("m/e/endpoint.json", Manifest), new Fixture("m/e/200.sample.json", mutation) });

            Assert.Null(run.Result.Results.Single().Exception);
            Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8785" or "MTG0011");
        }
    }

    [Fact]
    public void Odd_names_and_huge_numbers_still_generate_code_that_compiles_without_warnings()
    {
        var seeds = SeedTexts();
        var random = new Random(99);
        var compiled = 0;
        for (var i = 0; compiled < 30 && i < 500; i++)
        {
            var mutation = Mutate(seeds[random.Next(seeds.Count)], i % 2 == 0 ? 4 : 3, random);
            if (!IsValidJson(mutation))
            {
                continue;
            }

            var run = GeneratorHarness.Run(new[] { new Fixture("m/e/endpoint.json", Manifest), new Fixture("m/e/200.sample.json", mutation) });
            Assert.True(run.CompilationProblems.Count == 0, Escape(mutation) + Environment.NewLine + string.Join(Environment.NewLine, run.CompilationProblems.Take(5)));
            compiled++;
        }

        Assert.Equal(30, compiled);
    }

    private sealed record Outcome(Exception? Exception, IReadOnlyList<DiagnosticInfoView> Diagnostics, int Sources);

    private sealed record DiagnosticInfoView(string Id, FixtureLocation Location, IReadOnlyList<string> Arguments);

    /// <summary>The generator's own stages, without the compiler: read, group, infer, emit.</summary>
    private static Outcome RunPipeline((string RelativePath, string Text)[] files)
    {
        try
        {
            var parsed = files.Select(f => FixtureReader.Read(new FixtureFile(GeneratorHarness.PathOf(f.RelativePath), f.RelativePath, GeneratorHarness.Root, f.Text))).ToImmutableArray();
            var diagnostics = parsed.SelectMany(p => p.Diagnostics).ToList();
            var sources = 0;
            foreach (var endpoint in EndpointGrouping.Group(parsed))
            {
                var result = EndpointInference.Infer(endpoint, "Test.Generated");
                diagnostics.AddRange(result.Diagnostics);
                if (result.Model is not null)
                {
                    sources += ModelEmitter.EmitModels(result.Model).Length > 0 ? 1 : 0;
                    sources += ClientEmitter.EmitMethod(result.Model).Length > 0 ? 1 : 0;
                }
            }

            return new Outcome(null, diagnostics.Select(d => new DiagnosticInfoView(d.Id, d.Location, d.Arguments.ToList())).ToList(), sources);
        }
        catch (Exception ex)
        {
            return new Outcome(ex, Array.Empty<DiagnosticInfoView>(), 0);
        }
    }

    private static bool IsValidJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Oracle);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Within(FixtureLocation location, string text)
    {
        var lines = text.Split('\n');
        return location.Line >= 0 && location.Line < lines.Length
               && location.Column >= 0 && location.Column <= lines[location.Line].Length
               && location.Start >= 0 && location.Start + location.Length <= text.Length;
    }

    private static List<string> SeedTexts()
    {
        var seeds = Directory.EnumerateFiles(TestPaths.FixturesRoot, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();
        foreach (var name in new[] { "kitchen-sink.json", "identifiers.json", "null-safe.json", "unions.json", "list.json", "simple-identifiers.json" })
        {
            seeds.Add(File.ReadAllText(Path.Combine(TestPaths.CorpusFolder, name)));
        }

        return seeds;
    }

    /// <summary>A mutation as the compiler would see it: files are UTF-8, so a cut surrogate pair reads as U+FFFD.</summary>
    private static string Mutate(string text, int kind, Random random)
        => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(MutateText(text, kind, random)));

    private static string MutateText(string text, int kind, Random random)
    {
        switch (kind)
        {
            case 0: // truncation
                return text[..random.Next(text.Length)];
            case 1: // character flips
            {
                var chars = text.ToCharArray();
                var flips = random.Next(1, 4);
                for (var f = 0; f < flips; f++)
                {
                    chars[random.Next(chars.Length)] = FlipChars[random.Next(FlipChars.Length)];
                }

                return new string(chars);
            }

            case 2: // deep nesting
            {
                var depth = random.Next(1, JsonParser.MaxDepth + 10);
                var builder = new StringBuilder();
                for (var d = 0; d < depth; d++)
                {
                    builder.Append(d % 2 == 0 ? "{\"n\":" : "[");
                }

                builder.Append(text);
                for (var d = depth - 1; d >= 0; d--)
                {
                    builder.Append(d % 2 == 0 ? "}" : "]");
                }

                return builder.ToString();
            }

            case 3: // huge numbers in place of values
                return ReplaceValues(text, random, () => HugeNumbers[random.Next(HugeNumbers.Length)]);
            case 4: // odd property names
                return ReplaceNames(text, random);
            case 5: // cut a span
            {
                var start = random.Next(text.Length);
                var length = random.Next(1, Math.Min(20, text.Length - start) + 1);
                return text.Remove(start, length);
            }

            default: // double a span
            {
                var start = random.Next(text.Length);
                var length = random.Next(1, Math.Min(20, text.Length - start) + 1);
                return text.Insert(start, text.Substring(start, length));
            }
        }
    }

    private static string ReplaceValues(string text, Random random, Func<string> value)
    {
        // Replace what follows a ':' up to the next ',' or '}' or newline, in about a third of the places.
        var builder = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            builder.Append(text[i]);
            if (text[i] == ':' && random.Next(3) == 0)
            {
                var end = i + 1;
                while (end < text.Length && text[end] is not (',' or '}' or '\n' or '{' or '['))
                {
                    end++;
                }

                if (end < text.Length && text[end] is '{' or '[')
                {
                    i++;
                    continue;
                }

                builder.Append(' ').Append(value());
                i = end;
                continue;
            }

            i++;
        }

        return builder.ToString();
    }

    private static string ReplaceNames(string text, Random random)
    {
        // A JSON name is a string directly followed by ':' (after spaces); rename about half of them.
        var builder = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                var end = i + 1;
                while (end < text.Length && text[end] != '"')
                {
                    end += text[end] == '\\' ? 2 : 1;
                }

                if (end >= text.Length)
                {
                    builder.Append(text, i, text.Length - i);
                    break;
                }

                var after = end + 1;
                while (after < text.Length && text[after] == ' ')
                {
                    after++;
                }

                if (after < text.Length && text[after] == ':' && random.Next(2) == 0)
                {
                    builder.Append('"').Append(OddNames[random.Next(OddNames.Length)]).Append('"');
                }
                else
                {
                    builder.Append(text, i, end + 1 - i);
                }

                i = end + 1;
                continue;
            }

            builder.Append(text[i]);
            i++;
        }

        return builder.ToString();
    }

    private static string Escape(string text) => text.Length > 300 ? JsonEncodedText.Encode(text[..300]) + "..." : JsonEncodedText.Encode(text).ToString();
}
