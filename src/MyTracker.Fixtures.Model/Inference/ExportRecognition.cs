using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>
/// Finds the export-shaped families among the endpoint models, by shape alone (no endpoint, field
/// or scenario name of segment export is looked for):
/// <list type="bullet">
/// <item>a GET status endpoint with exactly one required parameter, an integer (the export id);</item>
/// <item>a 2xx case of it whose answer has, through objects from the root and not nullable in that
/// case, a list of objects that each hold an absolute URL and (optionally) a unix-seconds expiry, or a
/// list of absolute URLs (the files);</item>
/// <item>another 2xx case that shows the export running: a percentage such as <c>"35%"</c> (or a
/// number named like progress or percent), or a scenario named like in-progress, pending,
/// processing, running, queued or waiting;</item>
/// <item>a POST endpoint of the same area whose 2xx answer carries, not nullable, an integer field
/// named exactly like the status endpoint's id parameter.</item>
/// </list>
/// Every other case gets a meaning from its HTTP status (see <see cref="Classify"/>). An area that
/// lists files like an export but misses a condition gets MTG0014, naming the condition.
/// Pure: the same models give the same result.
/// </summary>
public static class ExportRecognition
{
    private static readonly string[] RunningWords = { "progress", "pending", "process", "running", "queued", "wait" };

    /// <summary>Finds the export families among the endpoints of a fixture folder (one per area at most).</summary>
    public static ImmutableArray<ExportFamilyResult> Recognize(ImmutableArray<EndpointModel> models)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            taken.Add(model.ClientName);
            taken.Add(model.Result.Name);
            foreach (var obj in model.Objects)
            {
                taken.Add(obj.Name);
            }

            foreach (var @enum in model.Enums)
            {
                taken.Add(@enum.Name);
            }
        }

        var result = ImmutableArray.CreateBuilder<ExportFamilyResult>();
        foreach (var area in models.GroupBy(m => m.Area, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            try
            {
                result.Add(RecognizeArea(area.Key, area.OrderBy(m => m.Endpoint, StringComparer.Ordinal).ToList(), taken));
            }
            catch (Exception ex)
            {
                var at = area.First();
                var diagnostic = DiagnosticInfo.Create(FixtureDiagnosticKind.GeneratorFailure, FixtureLocation.StartOf(at.ManifestPath), area.Key + " (export operations)", ex.GetType().Name + ": " + ex.Message);
                result.Add(new ExportFamilyResult(area.Key, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic })));
            }
        }

        return result.ToImmutable();
    }

    private static ExportFamilyResult RecognizeArea(string area, List<EndpointModel> endpoints, HashSet<string> taken)
    {
        // The first endpoint that lists files decides what the user is told when nothing is recognized.
        (EndpointModel Endpoint, string Reason)? nearMiss = null;
        foreach (var status in endpoints.Where(e => e.HttpMethod == "GET"))
        {
            var cases = status.Result.Cases.Select(c => (Case: c, Fields: Fields(status, c))).ToList();
            var files = cases.Where(c => IsSuccess(c.Case.StatusCode)).Select(c => FileList(status, c.Fields)).FirstOrDefault(f => f is not null);
            if (files is null)
            {
                continue;
            }

            var reason = TryFamily(area, status, endpoints, files.Value, cases, taken, out var family);
            if (family is not null)
            {
                taken.Add(family.OperationsName);
                taken.Add(family.RequestName);
                family = family with { Actions = ExportActions.Of(family, status, endpoints) };
                return new ExportFamilyResult(area, family, ExportActions.UndocumentedFailures(family, status));
            }

            nearMiss ??= (status, reason!);
        }

        if (nearMiss is not { } miss)
        {
            return new ExportFamilyResult(area, null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var info = DiagnosticInfo.Create(
            FixtureDiagnosticKind.ExportShapeNotRecognized,
            FixtureLocation.StartOf(miss.Endpoint.ManifestPath),
            area,
            miss.Endpoint.Area + "/" + miss.Endpoint.Endpoint,
            CSharpNames.Operations(miss.Endpoint.ClientName),
            miss.Reason);
        return new ExportFamilyResult(area, null, new EquatableArray<DiagnosticInfo>(new[] { info }));
    }

    private static string? TryFamily(
        string area,
        EndpointModel status,
        List<EndpointModel> endpoints,
        (ExportFileShape Shape, Field Field) files,
        List<(CaseModel Case, List<Field> Fields)> cases,
        HashSet<string> taken,
        out ExportFamilyModel? family)
    {
        family = null;
        var label = status.Area + "/" + status.Endpoint;
        var required = status.Parameters.Where(p => p.Required).ToList();
        if (required.Count != 1 || required[0].Kind != ParameterKind.Integer)
        {
            var names = required.Count == 0 ? "none" : string.Join(", ", required.Select(p => p.JsonName + " (" + p.Kind.ToString().ToLowerInvariant() + ")"));
            return "its status endpoint '" + label + "' takes " + required.Count + " required parameter" + (required.Count == 1 ? "" : "s") + " (" + names + "); an export's status endpoint takes exactly one, the integer export id";
        }

        var id = required[0];
        var statusCases = cases.Select(c => Classify(status, c.Case, c.Fields, creating: false)).ToList();
        if (!statusCases.Any(c => c.Kind == ExportCaseKind.InProgress))
        {
            return "no other 2xx answer of '" + label + "' shows the export running (a percentage such as \"35%\" or a number named like progress, or a scenario named like in-progress, pending, processing, running, queued or waiting)";
        }

        EndpointModel? create = null;
        List<ExportCaseModel>? createCases = null;
        foreach (var candidate in endpoints.Where(e => e.HttpMethod == "POST" && !ReferenceEquals(e, status)))
        {
            var classified = candidate.Result.Cases.Select(c => Classify(candidate, c, Fields(candidate, c), creating: true, idField: id.JsonName)).ToList();
            if (classified.Any(c => c.Kind == ExportCaseKind.Started))
            {
                create = candidate;
                createCases = classified;
                break;
            }
        }

        if (create is null || createCases is null)
        {
            return "no POST endpoint of area '" + area + "' answers '" + id.JsonName + "' (an integer, in every sample of a 2xx scenario) for the status endpoint to take";
        }

        var operationsName = CSharpNames.Operations(status.ClientName);
        var requestName = create.Prefix + "Request";
        foreach (var name in new[] { operationsName, requestName })
        {
            if (taken.Contains(name))
            {
                return "the name '" + name + "' is already taken by another generated type";
            }
        }

        var statusTexts = status.Result.Groups
            .Where(g => g.Discriminator is not null)
            .Select(g => TextOf(status, g))
            .Where(t => t is not null)
            .Select(t => t!)
            .ToEquatableArray();
        var header = create.Parameters.FirstOrDefault(p => p.Kind == ParameterKind.Boolean && p.JsonName.IndexOf("header", StringComparison.OrdinalIgnoreCase) >= 0);
        family = new ExportFamilyModel(
            status.Namespace,
            area,
            status.ClientName,
            operationsName,
            requestName,
            status.FixtureFolder,
            label,
            status.MethodName,
            status.Result.Name,
            id.JsonName,
            files.Shape,
            statusCases.ToEquatableArray(),
            statusTexts,
            create.FixtureFolder,
            create.Area + "/" + create.Endpoint,
            create.MethodName,
            create.Result.Name,
            create.Parameters.Select(RequestProperty).ToEquatableArray(),
            createCases.ToEquatableArray(),
            header is null ? null : CSharpNames.RequestProperty(header.JsonName),
            IdLocation: id.InPath ? ExportIdLocation.Path : ExportIdLocation.Query,
            DiscriminatorJsonPath: DiscriminatorOf(status, statusCases));
        return null;
    }

    /// <summary>
    /// What a case means. Status endpoint, 2xx: the meaning endpoint.json states for the scenario; where
    /// it states none, files -> succeeded, a percentage or a running name -> in progress, anything else ->
    /// failed, not requested again (reported as MTG0015). Create, 2xx: the id -> started, else refused.
    /// Either endpoint: 404 -> not found, 401/403 -> access denied, 400/422 (create) -> invalid
    /// parameters, any other documented status -> failed, not to be requested again as is.
    /// </summary>
    private static ExportCaseModel Classify(EndpointModel endpoint, CaseModel @case, List<Field> fields, bool creating, string? idField = null)
    {
        ExportCaseModel Make(ExportCaseKind kind, CaseValueModel? value = null, CaseValueModel? detail = null, bool again = false, ProgressEncoding progress = ProgressEncoding.None) =>
            new(@case.Name, @case.Scenario, @case.StatusCode, kind, value, detail, RawStatusOf(fields), again, value is null ? ProgressEncoding.None : progress, @case.DiscriminatorValue);
        ExportCaseModel Running(Progress? found) => Make(ExportCaseKind.InProgress, found?.Value, progress: found?.Encoding ?? ProgressEncoding.None);

        if (IsSuccess(@case.StatusCode))
        {
            if (creating)
            {
                var idValue = fields.FirstOrDefault(f => !f.Nullable && f.Property.JsonName == idField && f.Property.Type.Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Int64String);
                return idValue is not null ? Make(ExportCaseKind.Started, idValue.Value) : Make(ExportCaseKind.Failed, detail: GuaranteedText(fields));
            }

            // What the documentation says the scenario means (endpoint.json's "meanings") comes first;
            // the shape decides only what it does not say.
            var stated = ExportActions.MeaningOf(endpoint, @case.Scenario);
            var files = FileList(endpoint, fields);
            switch (stated)
            {
                case ExportMeaning.Succeeded when files is { } listed:
                    return Make(ExportCaseKind.Succeeded, listed.Field.Value);
                case ExportMeaning.Running:
                    return Running(ProgressOf(fields, nullableAllowed: false) ?? ProgressOf(fields, nullableAllowed: true));
                case ExportMeaning.FailedRepeatable:
                    return Make(ExportCaseKind.Failed, detail: GuaranteedText(fields), again: true);
                case ExportMeaning.FailedFinal:
                    return Make(ExportCaseKind.Failed, detail: GuaranteedText(fields));
                case ExportMeaning.Canceled:
                    return Make(ExportCaseKind.Canceled, detail: GuaranteedText(fields));
            }

            if (files is { } found)
            {
                return Make(ExportCaseKind.Succeeded, found.Field.Value);
            }

            // A progress this case has (in every sample of it), else a running name; a named one
            // still reports a progress the shared type may hold.
            if (ProgressOf(fields, nullableAllowed: false) is { } progress)
            {
                return Running(progress);
            }

            if (RunningWords.Any(w => @case.Scenario.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return Running(ProgressOf(fields, nullableAllowed: true));
            }

            // A failure whose meaning the documentation does not state: never requested again by
            // itself, because a wrong guess costs the user a new export that can never finish (MTG0015).
            return Make(ExportCaseKind.Failed, detail: GuaranteedText(fields));
        }

        return @case.StatusCode switch
        {
            404 => Make(ExportCaseKind.NotFound, detail: DeepestText(fields)),
            401 or 403 => Make(ExportCaseKind.AccessDenied),
            400 or 422 when creating => Make(ExportCaseKind.InvalidParameters, detail: DeepestText(fields)),
            _ => Make(ExportCaseKind.Failed, detail: DeepestText(fields)),
        };
    }

    private static bool IsSuccess(int status) => status >= 200 && status <= 299;

    /// <summary>The JSON path of the string that tells the succeeded case from the others of its HTTP status, if the inference found one.</summary>
    private static string? DiscriminatorOf(EndpointModel status, List<ExportCaseModel> cases)
    {
        var succeeded = cases.FirstOrDefault(c => c.Kind == ExportCaseKind.Succeeded);
        return succeeded is null ? null : status.Result.Groups.FirstOrDefault(g => g.CaseNames.Contains(succeeded.CaseName))?.DiscriminatorJsonPath;
    }

    /// <summary>
    /// What each documented case of a family's cancel endpoint means to the runtime's cancel, by HTTP
    /// status: 2xx canceled, 404 not found, 401/403 access denied, any other documented status a refusal
    /// (its detail the text that tells the refusals apart, as received, else the deepest text).
    /// </summary>
    internal static EquatableArray<ExportCaseModel> CancelCases(EndpointModel endpoint) => endpoint.Result.Cases
        .Select(@case =>
        {
            var fields = Fields(endpoint, @case);
            ExportCaseModel Make(ExportCaseKind kind, CaseValueModel? detail = null) =>
                new(@case.Name, @case.Scenario, @case.StatusCode, kind, null, detail, RawStatusOf(fields), false, ProgressEncoding.None, @case.DiscriminatorValue);
            return @case.StatusCode switch
            {
                _ when IsSuccess(@case.StatusCode) => Make(ExportCaseKind.Canceled, DeepestText(fields)),
                404 => Make(ExportCaseKind.NotFound, DeepestText(fields)),
                401 or 403 => Make(ExportCaseKind.AccessDenied),
                _ => Make(ExportCaseKind.Failed, RawStatusOf(fields) ?? DeepestText(fields)),
            };
        })
        .ToEquatableArray();

    /// <summary>A field reached from a case's response root through objects.</summary>
    // Value: where the adapter reads it (through the case's own property where the case promises a prefix).
    // Nullable: the value may be null in this case. Text: the discriminator's text as received, for a discriminator.
    private sealed record Field(PropertyModel Property, CaseValueModel Value, bool Guaranteed, int Depth, CaseValueModel? Text)
    {
        public bool Nullable { get; } = Value.MayBeNull;
    }

    private static List<Field> Fields(EndpointModel model, CaseModel @case)
    {
        var objects = model.Objects.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var result = new List<Field>();
        if (!objects.TryGetValue(@case.ResponseType, out var root) || root.IsValueWrapper)
        {
            return result;
        }

        void Walk(ObjectModel obj, PropertyPath? parent, CaseValueModel? through, int depth)
        {
            if (depth > 8)
            {
                return;
            }

            foreach (var property in obj.Properties)
            {
                var step = new PropertyStep(property.JsonName, property.CSharpName, property.Type.Nullable);
                var path = parent is null ? PropertyPath.Root(step) : parent.Then(step);
                var promised = PromisedAt(@case, path);
                var value = promised is not null ? new CaseValueModel(path, promised.CSharpName, path.Steps.Count) : Below(path, through);
                CaseValueModel? text = null;
                if (property.RawTextName is not null)
                {
                    var textStep = new PropertyStep(property.JsonName, property.RawTextName, true);
                    text = Below(parent is null ? PropertyPath.Root(textStep) : parent.Then(textStep), through);
                }

                result.Add(new Field(property, value, promised is not null, depth, text));
                if (property.Type.Kind == TypeKind.Object && property.Type.Name is { } typeName && objects.TryGetValue(typeName, out var nested) && !nested.IsValueWrapper)
                {
                    Walk(nested, path, value, depth + 1);
                }
            }
        }

        Walk(root, null, null, 1);
        return result;
    }

    /// <summary>The property the case promises at exactly this path, if any.</summary>
    private static ScenarioPropertyModel? PromisedAt(CaseModel @case, PropertyPath path)
    {
        foreach (var promised in @case.Guaranteed)
        {
            if (promised.Path.Equals(path))
            {
                return promised;
            }
        }

        return null;
    }

    /// <summary>A path read through what the case promises of its parent, if anything.</summary>
    private static CaseValueModel Below(PropertyPath path, CaseValueModel? parent) =>
        parent is { CaseProperty: { } name } ? new CaseValueModel(path, name, parent.CaseSteps) : new CaseValueModel(path);

    /// <summary>
    /// The files: a list, not nullable in the case, of objects that each hold an absolute URL (the
    /// first such property is the link) and, if any, an expiry (unix seconds, as a string or a number
    /// under a timestamp-like name; without one a link counts as never expiring and is renewed only
    /// when refused), or a list of absolute URLs.
    /// </summary>
    private static (ExportFileShape Shape, Field Field)? FileList(EndpointModel model, List<Field> fields)
    {
        foreach (var field in fields.Where(f => !f.Nullable && f.Property.Type.Kind == TypeKind.Array))
        {
            var element = field.Property.Type.Element;
            if (element is { Kind: TypeKind.Uri, Nullable: false })
            {
                return (new ExportFileShape(element, null, null, field.Value.Path.JsonPath), field);
            }

            if (element is not { Kind: TypeKind.Object, Nullable: false, Name: { } itemType })
            {
                continue;
            }

            var item = model.Objects.FirstOrDefault(o => o.Name == itemType);
            var link = item?.Properties.FirstOrDefault(p => p.Type.Kind == TypeKind.Uri && !p.Type.Nullable);
            if (item is null || link is null)
            {
                continue;
            }

            var expires = item.Properties.FirstOrDefault(p => p.Type.Kind == TypeKind.UnixSecondsString && !p.Type.Nullable);
            var seconds = item.Properties.FirstOrDefault(p => p.Type.Kind is TypeKind.Int32 or TypeKind.Int64 && !p.Type.Nullable && EndpointInference.IsTimestampName(p.JsonName));
            var (expiry, encoding) = expires is not null ? (expires, ExpiryEncoding.UnixSecondsString)
                : seconds is not null ? (seconds, ExpiryEncoding.UnixSecondsNumber)
                : ((PropertyModel?)null, ExpiryEncoding.None);
            return (new ExportFileShape(element, StepOf(link), expiry is null ? null : StepOf(expiry), field.Value.Path.JsonPath, encoding), field);
        }

        return null;
    }

    private static PropertyStep StepOf(PropertyModel property) => new(property.JsonName, property.CSharpName, property.Type.Nullable);

    /// <summary>A progress: where it is and how it is written.</summary>
    private sealed record Progress(CaseValueModel Value, ProgressEncoding Encoding);

    /// <summary>
    /// How far a running export is: a percentage (<c>"35%"</c>), else a number under a name that says
    /// so (<c>progress</c>, <c>percent</c>), taken as percent (which may be missing from the case when
    /// <paramref name="nullableAllowed"/>).
    /// </summary>
    private static Progress? ProgressOf(List<Field> fields, bool nullableAllowed)
    {
        foreach (var field in fields.Where(f => nullableAllowed || !f.Nullable))
        {
            var kind = field.Property.Type.Kind;
            if (kind == TypeKind.Percent)
            {
                return new Progress(field.Value, ProgressEncoding.PercentString);
            }

            if (kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Decimal
                && (field.Property.JsonName.IndexOf("progress", StringComparison.OrdinalIgnoreCase) >= 0 || field.Property.JsonName.IndexOf("percent", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return new Progress(field.Value, ProgressEncoding.Number);
            }
        }

        return null;
    }

    private static CaseValueModel? RawStatusOf(List<Field> fields) => fields.FirstOrDefault(f => f.Text is not null)?.Text;

    /// <summary>A text this case alone promises (e.g. a failure's reason).</summary>
    private static CaseValueModel? GuaranteedText(List<Field> fields) =>
        fields.FirstOrDefault(f => f.Guaranteed && f.Property.Type.Kind == TypeKind.String)?.Value;

    /// <summary>The deepest text every answer of the case has (e.g. <c>data.error.detail</c> rather than <c>message</c>).</summary>
    private static CaseValueModel? DeepestText(List<Field> fields) => fields
        .Where(f => !f.Nullable && f.Property.Type.Kind == TypeKind.String && f.Property.RawTextName is null)
        .OrderByDescending(f => f.Depth)
        .FirstOrDefault()?.Value;

    /// <summary>Where a discriminated status keeps its text as received, read from the body of an answer no case describes.</summary>
    private static StatusTextModel? TextOf(EndpointModel model, StatusGroupModel group)
    {
        var @case = model.Result.Cases.FirstOrDefault(c => c.StatusCode == group.StatusCode);
        if (@case is null)
        {
            return null;
        }

        var text = RawStatusOf(Fields(model, @case with { Guaranteed = EquatableArray<ScenarioPropertyModel>.Empty }));
        return text is null ? null : new StatusTextModel(group.StatusCode, group.ResponseType, text.Path);
    }

    private static RequestPropertyModel RequestProperty(ParameterModel parameter) => new(CSharpNames.RequestProperty(parameter.JsonName), parameter);
}
