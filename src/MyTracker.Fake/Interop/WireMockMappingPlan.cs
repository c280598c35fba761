using System.Globalization;

namespace MyTracker.Fake.Interop;

/// <summary>
/// Turns the fake's answers into dialect-neutral WireMock mappings that keep each export's lifecycle:
/// one WireMock scenario per export whose states step through its get.json answers poll by poll (the
/// last answer repeats), downloads that answer once the success has been served, create.json handing
/// out the next ids (each a scenario of its own, started by its create call), and the fake's 404 and 403
/// envelopes. Lower priority numbers win.
/// </summary>
internal static class WireMockMappingPlan
{
    /// <summary>The largest number of created exports one export may hold (each is a handful of mappings with its files inline).</summary>
    public const int MaxCreatedExports = 50;

    /// <summary>The folder under WireMock's <c>__files</c> that body files go to.</summary>
    public const string BodyFileFolder = "fake-tracker";

    private const int PriorityExport = 10;
    private const int PriorityCreateSlot = 20;
    private const int PriorityCreateExhausted = 80;
    private const int PriorityUnknownId = 85;
    private const int PriorityAccessDenied = 90;
    private const int PriorityUnlistedFile = 95;
    private const int PriorityFallback = 100;

    public static IReadOnlyList<MappingRule> Build(ITrackerAnswers answers, int createdExports)
    {
        if (createdExports is < 0 or > MaxCreatedExports)
        {
            throw new ArgumentOutOfRangeException(nameof(createdExports), createdExports, $"The number of created exports must be 0 to {MaxCreatedExports}.");
        }

        var paths = answers.Paths;
        var known = answers.ApiUserIds;
        var rules = new List<MappingRule>();
        foreach (var export in answers.Exports)
        {
            AddLifecycle(rules, paths, export, [export.ApiUserId], startedBy: null);
        }

        var created = answers.NextCreated(createdExports);
        for (var i = 0; i < created.Count; i++)
        {
            var export = created[i];
            var scenario = ScenarioName(export, created: true);
            var afterCreate = "created";

            // Every free slot matches a create.json; the lowest priority number (the next id) wins, and
            // once its scenario has left the start state the next slot's matches.
            rules.Add(new MappingRule(
                $"{paths.CreateName} -> export {Id(export.Id)}",
                PriorityCreateSlot + i,
                new RequestRule("POST", paths.Create, null, null, known),
                answers.Created(export.Id),
                new ScenarioRule(scenario, null, afterCreate)));

            // Created exports answer any known user: WireMock cannot remember who created them.
            AddLifecycle(rules, paths, export, known, startedBy: afterCreate);
        }

        var exhausted = created.Count == 0
            ? answers.Error(503, "Service Unavailable", "These WireMock mappings hold no created exports")
            : answers.Error(503, "Service Unavailable", string.Create(CultureInfo.InvariantCulture, $"All {created.Count} created exports of these WireMock mappings have been handed out"));
        rules.Add(new MappingRule($"{paths.CreateName}: no created export left", PriorityCreateExhausted, new RequestRule("POST", paths.Create, null, null, known), exhausted, null));
        rules.Add(new MappingRule($"{paths.GetName}: unknown id", PriorityUnknownId, new RequestRule("GET", paths.Get, null, null, known), answers.NotFound(null), null));
        rules.Add(new MappingRule($"{paths.GetName}: no AuthHMAC of a known user", PriorityAccessDenied, new RequestRule("GET", paths.Get, null, null, null), answers.AccessDenied(create: false), null));
        rules.Add(new MappingRule($"{paths.CreateName}: no AuthHMAC of a known user", PriorityAccessDenied, new RequestRule("POST", paths.Create, null, null, null), answers.AccessDenied(create: true), null));
        rules.Add(new MappingRule("download: a file not listed (yet)", PriorityUnlistedFile, new RequestRule("GET", null, paths.DownloadPrefix, null, null), answers.NotFound("File not found"), null));
        rules.Add(new MappingRule("anything else", PriorityFallback, new RequestRule(null, null, null, null, null), answers.NotFound("Not found"), null));
        return rules;
    }

    /// <summary>
    /// Step i answers in the state the previous poll left (the start state, or <paramref name="startedBy"/>,
    /// for the first) and moves on to "served step i"; the last step then repeats in its own state,
    /// where the listed files answer too (the fake serves a file only once its link was listed).
    /// </summary>
    private static void AddLifecycle(List<MappingRule> rules, TrackerPaths paths, ExportLifecycle export, IReadOnlyList<string> users, string? startedBy)
    {
        var scenario = ScenarioName(export, created: startedBy is not null);
        var id = Id(export.Id);
        string? state = startedBy;
        string Served(int step) => string.Create(CultureInfo.InvariantCulture, $"served step {step + 1}: {export.Steps[step].Label}");
        RequestRule Poll() => paths.IdInPath
            ? new("GET", paths.Get.Replace("{" + paths.IdParameter + "}", id, StringComparison.Ordinal), null, null, users)
            : new("GET", paths.Get, null, (paths.IdParameter, id), users);

        for (var step = 0; step < export.Steps.Count; step++)
        {
            rules.Add(new MappingRule(
                $"{paths.GetName} {id} of {export.ApiUserId}, poll {step + 1}: {export.Steps[step].Label}",
                PriorityExport, Poll(), export.Steps[step].Answer, new ScenarioRule(scenario, state, Served(step))));
            state = Served(step);
        }

        // Every mapping in the scenario sets the state again, even where it stays: WireMock.Net drops
        // the state after a mapping that sets none, and the next poll would then match nothing.
        var last = export.Steps.Count - 1;
        rules.Add(new MappingRule(
            $"{paths.GetName} {id} of {export.ApiUserId}, every later poll: {export.Steps[last].Label}",
            PriorityExport, Poll(), export.Steps[last].Answer, new ScenarioRule(scenario, state, state)));
        foreach (var file in export.Downloads)
        {
            rules.Add(new MappingRule(
                $"download {file.Path[paths.DownloadPrefix.Length..]}",
                PriorityExport, new RequestRule("GET", file.Path, null, null, null), file.Answer, new ScenarioRule(scenario, state, state))
            {
                BodyFile = BodyFileFolder + "/" + file.Path[paths.DownloadPrefix.Length..],
            });
        }
    }

    private static string ScenarioName(ExportLifecycle export, bool created) =>
        created ? $"export {Id(export.Id)} (created)" : $"export {Id(export.Id)} of {export.ApiUserId}";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One mapping before it is written in a dialect; <c>BodyFile</c>: where its body goes when bodies are written as files (relative to <c>__files</c>).</summary>
internal sealed record MappingRule(string Title, int Priority, RequestRule Request, CannedAnswer Response, ScenarioRule? Scenario)
{
    public string? BodyFile { get; init; }
}

/// <summary>
/// What a request must look like. Null members are no condition; <c>PathPrefix</c> matches paths that
/// start with it; <c>AuthUsers</c> asks for <c>Authorization: AuthHMAC &lt;one of them&gt;:&lt;anything&gt;</c>.
/// </summary>
internal sealed record RequestRule(string? Method, string? Path, string? PathPrefix, (string Name, string Value)? Query, IReadOnlyList<string>? AuthUsers);

/// <summary>A scenario step: the state required (null: the scenario's start) and the state set after answering (null: unchanged).</summary>
internal sealed record ScenarioRule(string Name, string? RequiredState, string? NewState);
