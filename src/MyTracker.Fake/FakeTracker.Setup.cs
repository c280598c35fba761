using MyTracker.Fake.Exports;

namespace MyTracker.Fake;

public sealed partial class FakeTracker
{
    /// <summary>
    /// Adds (or replaces) an export. Its lifecycle starts now: per-poll lifecycles advance with each
    /// served poll, timed ones with the fake's <see cref="FakeTrackerOptions.TimeProvider"/>.
    /// </summary>
    /// <param name="export">The export, e.g. <c>Export.WithId(42).InProgress(10, 64).ThenSuccess()</c>.</param>
    /// <returns>This fake, to chain more setup.</returns>
    /// <exception cref="ArgumentException">When the builder has no id or names an unknown user.</exception>
    public FakeTracker Given(ExportBuilder export)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (export.Id is not { } id)
        {
            throw new ArgumentException("Give the export an id: Export.WithId(...); Export.Create() is the template for FakeTrackerOptions.CreatedExports.");
        }

        var user = export.ApiUserId ?? DefaultUser.ApiUserId;
        if (!Users.Any(u => u.ApiUserId == user))
        {
            throw new ArgumentException(UnknownUser(user));
        }

        var family = _exports.Resolve(export.Area);
        CheckColumns(export, family);
        _store.Put(new ExportState(family, user, id, export.Copy(), Options.TimeProvider.GetUtcNow()));
        return this;
    }

    /// <summary>
    /// Chooses the answers of any endpoint of the fixtures for requests with given parameter values:
    /// one scenario, or a sequence advancing per served request or on the fake's clock. Setup rules win
    /// over the export lifecycle and the endpoint's default answer.
    /// </summary>
    /// <param name="scenario">E.g. <c>Scenario.For("raw-export/get").WithParameter("idRawExport", 5).Answer("in-progress").Then("success")</c>.</param>
    /// <returns>This fake.</returns>
    /// <exception cref="ArgumentException">When the endpoint, a parameter or a scenario is not in the fixtures (the message lists what is).</exception>
    public FakeTracker Given(ScenarioBuilder scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        AddRule(scenario, place: null);
        return this;
    }

    private void AddRule(ScenarioBuilder scenario, string? place)
    {
        string Where(string message) => place is null ? message : $"{place}: {message}";
        var fixtures = _fixtures;
        var endpoint = fixtures.Find(scenario.Endpoint)
            ?? throw new ArgumentException(Where($"the fixtures have no endpoint '{scenario.Endpoint}'{StrictJson.DidYouMean(scenario.Endpoint, fixtures.Endpoints.Select(e => e.Key))}; known: {string.Join(", ", fixtures.Endpoints.Select(e => e.Key))}"));
        if (scenario.Answers.Count == 0)
        {
            throw new ArgumentException(Where($"give {scenario.Endpoint} at least one answer: .Answer(\"{endpoint.Default?.Name ?? "<scenario>"}\")"));
        }

        foreach (var name in scenario.Parameters.Keys)
        {
            if (endpoint.Find(name) is null)
            {
                throw new ArgumentException(Where($"{endpoint.Key} has no parameter '{name}'{StrictJson.DidYouMean(name, endpoint.Parameters.Select(p => p.Name))}; its parameters: {string.Join(", ", endpoint.Parameters.Select(p => p.Name))}"));
            }
        }

        var steps = scenario.Answers.Select(name => endpoint.Scenarios.GetValueOrDefault(name)
            ?? throw new ArgumentException(Where($"{endpoint.Key} has no scenario '{name}'{StrictJson.DidYouMean(name, endpoint.Scenarios.Keys)}; its scenarios: {string.Join(", ", endpoint.Ordered.Select(o => o.Name))}"))).ToList();
        _rules.Add(endpoint, new Dictionary<string, string>(scenario.Parameters, StringComparer.Ordinal), steps, scenario.AdvanceInterval, Options.TimeProvider.GetUtcNow());
    }

    /// <summary>Chosen columns must be the family's: segment export's known fields, or what another family's create documents.</summary>
    private static void CheckColumns(ExportBuilder export, ExportFamily family)
    {
        if (!export.FieldsChosen)
        {
            return;
        }

        var known = family.KnownColumns(ExportBuilder.KnownFields);
        if (known is not null && export.Fields.FirstOrDefault(f => !known.Contains(f, StringComparer.Ordinal)) is { } unknown)
        {
            throw new ArgumentException($"Unknown field '{unknown}' for {family.Area}; known: {string.Join(", ", known)}.");
        }
    }

    /// <summary>How to register a user: the only way is the options the fake starts with.</summary>
    private string UnknownUser(string user) =>
        $"API user '{user}' is not registered with this fake (it knows {string.Join(", ", Users.Select(u => u.ApiUserId))}). "
        + $"Register users when starting it: FakeTracker.StartAsync(new FakeTrackerOptions {{ Users = [FakeApiUser.Default, new FakeApiUser(\"{user}\", \"<secret>\")] }}).";

    /// <summary>Adds every export of a scenario (its users must be among <see cref="FakeTrackerOptions.Users"/>).</summary>
    /// <param name="scenario">The scenario, e.g. <see cref="FakeScenario.Default"/> or <see cref="FakeScenario.Load"/>.</param>
    /// <returns>This fake.</returns>
    public FakeTracker Given(FakeScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        for (var i = 0; i < scenario.Exports.Count; i++)
        {
            var export = scenario.Exports[i];
            var user = export.ApiUserId ?? DefaultUser.ApiUserId;
            if (!Users.Any(u => u.ApiUserId == user))
            {
                // The file lists the user, but the fake was started without it.
                throw new ArgumentException(
                    $"{scenario.Source}: {scenario.Places[i]}.user: API user '{user}' is not registered with this fake; start it with "
                    + "new FakeTrackerOptions { Users = scenario.UsersWith([FakeApiUser.Default]) } so the file's users are known.");
            }

            try
            {
                Given(export);
            }
            catch (ArgumentException ex)
            {
                // E.g. an "area" that is not an export-shaped family of these fixtures, or its columns.
                throw new ArgumentException($"{scenario.Source}: {scenario.Places[i]}: {ex.Message}", ex);
            }
        }

        for (var i = 0; i < scenario.Scenarios.Count; i++)
        {
            AddRule(scenario.Scenarios[i], $"{scenario.Source}: scenarios[{i}]");
        }

        return this;
    }

    /// <summary>Adds a fault for every request of the fake (counted over the whole fake).</summary>
    /// <param name="fault">The fault, e.g. <c>Fault.ServerError(503).OnPoll(2)</c>.</param>
    /// <returns>This fake.</returns>
    public FakeTracker WithFault(FaultBuilder fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _faults.Add(fault);
        return this;
    }

    /// <summary>Switches seeded random faults on (or off with null), replacing <see cref="FakeTrackerOptions.RandomFaults"/>.</summary>
    /// <param name="faults">The random fault settings, or null for none.</param>
    /// <returns>This fake.</returns>
    public FakeTracker WithRandomFaults(RandomFaults? faults)
    {
        _faults.Random = faults;
        return this;
    }

    /// <summary>A snapshot of one export's state, or null when the user has no export with this id.</summary>
    /// <param name="id">The export id.</param>
    /// <param name="apiUserId">The owner; null for the default user.</param>
    /// <returns>The snapshot.</returns>
    /// <param name="area">The export's family; null for the default one (segment export).</param>
    public ExportSnapshot? GetExport(long id, string? apiUserId = null, string? area = null)
    {
        var state = _store.Find(_exports.Resolve(area).Area, apiUserId ?? DefaultUser.ApiUserId, id);
        return state is null ? null : new ExportSnapshot(state.Id, state.ApiUserId, state.PollAttempts, state.PollsServed, state.Spec.FileCount, state.Spec.RowsPerFile, state.Spec.Fields);
    }

    /// <summary>
    /// The exact CSV text (uncompressed) of one file of an export, as its download serves it: for
    /// checking that a client received every row once (counts, checksums). For a report served as a
    /// workbook, the same header and rows as CSV would have them (a cell's text: dates as yyyy-MM-dd).
    /// </summary>
    /// <param name="id">The export id.</param>
    /// <param name="fileNumber">The file number, from 1.</param>
    /// <param name="apiUserId">The owner; null for the default user.</param>
    /// <returns>The CSV text.</returns>
    /// <exception cref="ArgumentException">When the export or file does not exist.</exception>
    /// <param name="area">The export's family; null for the default one (segment export).</param>
    public string GetExpectedCsv(long id, int fileNumber, string? apiUserId = null, string? area = null)
    {
        var state = _store.Find(_exports.Resolve(area).Area, apiUserId ?? DefaultUser.ApiUserId, id) ?? throw new ArgumentException($"No export {id}.", nameof(id));
        if (fileNumber < 1 || fileNumber > state.Spec.FileCount)
        {
            throw new ArgumentException($"Export {id} has files 1..{state.Spec.FileCount}.", nameof(fileNumber));
        }

        return System.Text.Encoding.UTF8.GetString(FileContent.Csv(state, fileNumber));
    }

    /// <summary>The exports currently known, for every user.</summary>
    /// <returns>Snapshots, ordered by user and id.</returns>
    public IReadOnlyList<ExportSnapshot> GetExports() =>
        [.. _store.Exports.OrderBy(e => e.ApiUserId, StringComparer.Ordinal).ThenBy(e => e.Id)
            .Select(s => new ExportSnapshot(s.Id, s.ApiUserId, s.PollAttempts, s.PollsServed, s.Spec.FileCount, s.Spec.RowsPerFile, s.Spec.Fields))];
}

