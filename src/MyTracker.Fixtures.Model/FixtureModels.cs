using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Model;

/// <summary>
/// The generator's reading and inference without a compiler: a fixture folder in, the same
/// <see cref="EndpointModel"/>s the emitters get out. Tools that must agree with the generated client
/// (an OpenAPI writer, a drift check) use this instead of inferring types a second time.
/// </summary>
public static class FixtureModels
{
    /// <summary>The namespace generated code goes to unless the consumer sets <c>MyTrackerNamespace</c>.</summary>
    public const string DefaultNamespace = "MyTracker.Client.Generated";

    /// <summary>Reads every fixture file and infers each endpoint's model, as a build would.</summary>
    /// <param name="root">The fixture root (the folder holding <c>&lt;area&gt;/&lt;endpoint&gt;/</c>); used in diagnostics.</param>
    /// <param name="files">Each file's path relative to <paramref name="root"/> ('/' separators) and its text.</param>
    /// <param name="namespace">The namespace the model names would be generated into.</param>
    /// <returns>One result per endpoint folder, ordered by area and endpoint, and the diagnostics of reading.</returns>
    public static FixtureModelSet Read(string root, IEnumerable<KeyValuePair<string, string>> files, string @namespace = DefaultNamespace)
    {
        var normalizedRoot = root.Replace('\\', '/');
        if (normalizedRoot.Length > 0 && !normalizedRoot.EndsWith("/", StringComparison.Ordinal))
        {
            normalizedRoot += "/";
        }

        var parsed = files
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => FixtureReader.Read(new FixtureFile(normalizedRoot + f.Key, f.Key, normalizedRoot, f.Value)))
            .ToImmutableArray();
        var endpoints = EndpointGrouping.Group(parsed)
            .Select(input => (Input: input, Result: EndpointInference.Infer(input, @namespace)))
            .ToImmutableArray();
        var diagnostics = parsed.SelectMany(p => p.Diagnostics).Concat(endpoints.SelectMany(e => e.Result.Diagnostics)).ToImmutableArray();
        return new FixtureModelSet(endpoints.Select(e => e.Result).ToImmutableArray(), endpoints.Select(e => e.Input).ToImmutableArray(), diagnostics);
    }

    /// <summary>One diagnostic as the compiler would print it: <c>file(line,col): severity MTG0001: message</c>.</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>One line.</returns>
    public static string Format(DiagnosticInfo diagnostic) => diagnostic.Format();

    /// <summary>
    /// Whether one JSON value reads as <paramref name="type"/> by the rules that inferred it: what a drift
    /// check asks of a live answer, so "the same type" means exactly the generated client's type. Only the
    /// value itself is judged; an object's members, an array's items and an enum's documented values are
    /// the caller's to walk.
    /// </summary>
    /// <param name="type">A property's or item's type from an <see cref="EndpointModel"/>.</param>
    /// <param name="value">The value as received.</param>
    /// <returns>True when the generated reader would take the value as that type.</returns>
    public static bool Accepts(TypeRef type, JsonNode value)
    {
        if (value.Kind == JsonKind.Null)
        {
            return type.Nullable || type.Kind == TypeKind.Any;
        }

        var shape = new Shape();
        shape.Add(value, default);
        return type.Kind switch
        {
            TypeKind.Any => true,
            TypeKind.String or TypeKind.Enum => shape.StringCount == 1,
            TypeKind.Int64String => shape.StringCount == 1 && shape.AllInt64Strings,
            TypeKind.UnixSecondsString => shape.StringCount == 1 && shape.AllUnixSecondsStrings,
            TypeKind.Percent => shape.StringCount == 1 && shape.AllPercentStrings,
            TypeKind.Uri => shape.StringCount == 1 && shape.AllAbsoluteUrls,
            TypeKind.Boolean => shape.BooleanCount == 1,
            TypeKind.Int32 => shape.NumberCount == 1 && shape.AllIntegers && shape.AllInt32,
            TypeKind.Int64 => shape.NumberCount == 1 && shape.AllIntegers && shape.AllInt64,
            TypeKind.Decimal => shape.NumberCount == 1 && shape.AllIntegers && shape.AllDecimal,
            TypeKind.Double => shape.NumberCount == 1 && shape.AllDouble,
            TypeKind.Object or TypeKind.Map => shape.ObjectCount == 1,
            TypeKind.Array => shape.ArrayCount == 1,
            _ => false,
        };
    }

    /// <summary>
    /// What the generator would make of one value seen alone, in the words of <see cref="TypeKind"/>
    /// (an integer string is <see cref="TypeKind.Int64String"/>, <c>"64%"</c> is <see cref="TypeKind.Percent"/>):
    /// how a drift report names the type that arrived instead of the documented one.
    /// </summary>
    /// <param name="jsonName">The member name (timestamps are recognised by name, as in inference).</param>
    /// <param name="value">The value as received.</param>
    /// <returns>The inferred kind; <see cref="TypeKind.Any"/> for null.</returns>
    public static TypeKind KindOf(string jsonName, JsonNode value)
    {
        var shape = new Shape();
        shape.Add(value, default);
        if (shape.BooleanCount > 0)
        {
            return TypeKind.Boolean;
        }

        if (shape.NumberCount > 0)
        {
            return !shape.AllIntegers ? TypeKind.Double : shape.AllInt32 ? TypeKind.Int32 : shape.AllInt64 ? TypeKind.Int64 : TypeKind.Decimal;
        }

        if (shape.StringCount > 0)
        {
            return shape.AllUnixSecondsStrings && EndpointInference.IsTimestampName(jsonName) ? TypeKind.UnixSecondsString
                : shape.AllInt64Strings ? TypeKind.Int64String
                : shape.AllPercentStrings ? TypeKind.Percent
                : shape.AllAbsoluteUrls ? TypeKind.Uri
                : TypeKind.String;
        }

        return shape.ObjectCount > 0 ? TypeKind.Object : shape.ArrayCount > 0 ? TypeKind.Array : TypeKind.Any;
    }

    /// <summary>Whether a diagnostic stops generation (severity error).</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>True for errors.</returns>
    public static bool IsError(DiagnosticInfo diagnostic) => diagnostic.IsError;
}

/// <summary>What <see cref="FixtureModels.Read"/> found: per endpoint its input (parsed samples) and its inference result.</summary>
public sealed record FixtureModelSet(ImmutableArray<EndpointResult> Results, ImmutableArray<EndpointInput> Inputs, ImmutableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The endpoints that could be inferred.</summary>
    public IEnumerable<EndpointModel> Models => Results.Where(r => r.Model is not null).Select(r => r.Model!);

    /// <summary>
    /// Each inferred endpoint with what it was inferred from: the manifest as written (ranges and
    /// defaults as numbers, value lists) and the parsed samples (their JSON, status and scenario).
    /// </summary>
    public IEnumerable<FixtureEndpoint> Endpoints => Results
        .Select((result, i) => (Result: result, Input: Inputs[i]))
        .Where(e => e.Result.Model is not null && e.Input.Manifest?.Manifest is not null)
        .Select(e => new FixtureEndpoint(e.Result.Model!, e.Input.Manifest!.Manifest!, e.Input.Samples));
}

/// <summary>One inferred endpoint, its manifest and its samples (in file-name order).</summary>
public sealed record FixtureEndpoint(EndpointModel Model, ManifestModel Manifest, EquatableArray<ParsedFixture> Samples)
{
    /// <summary>The sample of a scenario, as the generator read it.</summary>
    /// <param name="scenario">The scenario name from the file name (<c>in-progress</c>).</param>
    /// <returns>The parsed sample.</returns>
    public ParsedFixture Sample(string scenario) => Samples.First(s => string.Equals(s.Scenario, scenario, StringComparison.Ordinal));
}
