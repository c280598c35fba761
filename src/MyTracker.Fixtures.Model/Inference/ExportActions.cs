using System;
using System.Collections.Generic;
using System.Linq;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>
/// The parts of an export family that come from what the documentation says rather than from shape:
/// the stated meaning of each status scenario, the failures whose meaning is not stated (MTG0015), and
/// the family's other endpoints that act on one export by its id (raw export's cancel.json).
/// </summary>
internal static class ExportActions
{
    /// <summary>The meaning endpoint.json states for a scenario, or null.</summary>
    public static ExportMeaning? MeaningOf(EndpointModel endpoint, string scenario)
    {
        foreach (var entry in endpoint.Meanings)
        {
            if (string.Equals(entry.Scenario, scenario, StringComparison.Ordinal))
            {
                return entry.Meaning;
            }
        }

        return null;
    }

    /// <summary>
    /// Every endpoint of the area besides create and status whose only required parameter is the
    /// status endpoint's export id: an action on one export, generated as a method of the operations.
    /// </summary>
    public static EquatableArray<ExportActionModel> Of(ExportFamilyModel family, EndpointModel status, List<EndpointModel> endpoints) => endpoints
        .Where(e => !ReferenceEquals(e, status) && e.Area + "/" + e.Endpoint != family.CreateLabel)
        .Where(e =>
        {
            var required = e.Parameters.Where(p => p.Required).ToList();
            return required.Count == 1 && required[0].JsonName == family.IdParameter && required[0].Kind == ParameterKind.Integer && !required[0].InPath;
        })
        .Select(e => new ExportActionModel(
            e.Area + "/" + e.Endpoint,
            e.MethodName,
            e.Result.Name,
            e.Summary,
            IsCancel(e) ? ExportRecognition.CancelCases(e) : EquatableArray<ExportCaseModel>.Empty,
            e.HttpMethod))
        .ToEquatableArray();

    /// <summary>
    /// The family's cancel endpoint is the action named <c>cancel</c> (raw export's cancel.json): the
    /// runtime's <c>ExportOperation.CancelAsync</c> goes through it. What a refusal means (already ended,
    /// or past the point of canceling) is not read from this endpoint but from the status endpoint's meanings.
    /// </summary>
    private static bool IsCancel(EndpointModel endpoint) => string.Equals(endpoint.Endpoint, "cancel", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// MTG0015 for each 2xx status scenario read as a failure whose meaning endpoint.json does not state:
    /// the generated operations do not request it again, and the user is told where to say otherwise.
    /// </summary>
    public static EquatableArray<DiagnosticInfo> UndocumentedFailures(ExportFamilyModel family, EndpointModel status)
    {
        var folder = status.ManifestPath.Substring(0, status.ManifestPath.LastIndexOf('/') + 1);
        var result = new List<DiagnosticInfo>();
        foreach (var c in family.StatusCases.Where(c => c.Kind == ExportCaseKind.Failed && c.StatusCode >= 200 && c.StatusCode <= 299))
        {
            if (MeaningOf(status, c.Scenario) is not null)
            {
                continue;
            }

            var @case = status.Result.Cases.First(x => x.Name == c.CaseName);
            result.Add(DiagnosticInfo.Create(
                FixtureDiagnosticKind.UndocumentedFailureMeaning,
                FixtureLocation.StartOf(folder + @case.Fixture),
                c.Scenario,
                @case.FixturePath,
                family.OperationsName,
                family.StatusFolder + "/endpoint.json"));
        }

        return result.ToEquatableArray();
    }
}
