using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>
/// Infers the models, result cases and client method of one endpoint from all its samples.
/// Pure: the same input gives the same model, and nothing here throws out of <see cref="Infer"/>.
/// </summary>
public sealed partial class EndpointInference
{
    private readonly EndpointInput _input;
    private readonly string _namespace;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly List<ObjectModel> _objects = new();
    private readonly List<EnumModel> _enums = new();
    private readonly List<RequestTypeModel> _requestTypes = new();
    private string _folder = string.Empty;
    private string _endpointLabel = string.Empty;

    private EndpointInference(EndpointInput input, string @namespace)
    {
        _input = input;
        _namespace = @namespace;
    }

    /// <summary>Infers one endpoint's model (types, scenarios, discriminator, parameters) from its manifest and samples.</summary>
    public static EndpointResult Infer(EndpointInput input, string @namespace)
    {
        var inference = new EndpointInference(input, @namespace);
        try
        {
            var model = inference.Run();
            return new EndpointResult(model, inference._diagnostics.ToEquatableArray());
        }
        catch (Exception ex)
        {
            var file = input.Manifest?.FilePath ?? input.Samples.FirstOrDefault()?.FilePath ?? string.Empty;
            var diagnostic = DiagnosticInfo.Create(FixtureDiagnosticKind.GeneratorFailure, FixtureLocation.StartOf(file), input.Area + "/" + input.Endpoint, ex.GetType().Name + ": " + ex.Message);
            return new EndpointResult(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
        }
    }

    private EndpointModel? Run()
    {
        _folder = "fixtures/" + _input.Area + "/" + _input.Endpoint;
        _endpointLabel = _input.Area + "/" + _input.Endpoint;
        var manifest = _input.Manifest;
        if (manifest is null)
        {
            var first = _input.Samples.FirstOrDefault();
            if (first is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(FixtureDiagnosticKind.MissingManifest, FixtureLocation.StartOf(first.FilePath), _endpointLabel));
            }

            return null;
        }

        if (_input.CollidesWith is not null)
        {
            var at = FixtureLocation.StartOf(manifest.FilePath);
            _diagnostics.Add(DiagnosticInfo.Create(FixtureDiagnosticKind.NameCollision, at, _endpointLabel, _input.CollidesWith, _input.CollidingName!));
            return null;
        }

        var samples = _input.Samples.Where(s => s.Root is not null).ToList();
        if (_input.Samples.Count == 0)
        {
            _diagnostics.Add(DiagnosticInfo.Create(FixtureDiagnosticKind.NoSamples, FixtureLocation.StartOf(manifest.FilePath), _endpointLabel));
            return null;
        }

        // A broken manifest or sample was reported where it was read; generating from what is left
        // would silently change the API, so the endpoint waits until the fixture is fixed.
        if (manifest.Manifest is null || samples.Count != _input.Samples.Count)
        {
            return null;
        }

        // The passes, in order: C# names of the endpoint (CSharpNames); scenarios (one case per sample,
        // grouped by status, with each group's discriminator) and, per group, types (the response class
        // and what it holds); what each case promises; parameters. Each pass adds its diagnostics.
        var prefix = CSharpNames.Prefix(_input.Area, _input.Endpoint);
        var clientName = CSharpNames.Client(_input.Area);
        var methodName = CSharpNames.Method(_input.Endpoint);
        var resultName = CSharpNames.Result(prefix);
        _typeNames.Add(clientName);
        _typeNames.Add(resultName);

        var cases = AssignCases(samples, resultName);
        var groups = BuildGroups(cases, prefix);
        var caseModels = CaseModels(cases, groups);
        var parameters = BuildParameters(manifest.Manifest.Parameters, prefix);
        return new EndpointModel(
            _namespace,
            _input.Area,
            _input.Endpoint,
            clientName,
            methodName,
            prefix,
            manifest.Manifest.Method,
            manifest.Manifest.Path,
            manifest.Manifest.Summary,
            _folder,
            manifest.FilePath,
            parameters.ToEquatableArray(),
            _enums.ToEquatableArray(),
            _objects.ToEquatableArray(),
            new ResultModel(resultName, caseModels.ToEquatableArray(), groups.ToEquatableArray()),
            manifest.Manifest.Meanings,
            _requestTypes.ToEquatableArray());
    }

    private string FixturePathOf(ParsedFixture sample) => _input.Area + "/" + _input.Endpoint + "/" + sample.FileName;

    private sealed record AssignedCase(string Name, ParsedFixture Sample);
}
