using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MyTracker.Fake.Exports;

namespace MyTracker.Fake.Dashboard;

/// <summary>
/// The JSON a dashboard page is pushed: on a fresh start the setup (endpoints and their documented
/// scenarios, families, user ids, endings and fault kinds); every time the exports, the armed faults and
/// answers, and the journal entries the page has not seen. Read from the fake's own state; no secret is
/// ever written (the curl lines carry signatures, made on request by <see cref="DashboardControls"/>).
/// </summary>
internal static class DashboardState
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(FakeTracker fake, DashboardFeed feed, IReadOnlyList<FakeRequest> journal, bool fresh)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteBoolean("fresh", fresh);
            if (fresh)
            {
                WriteSetup(json, fake);
            }

            WriteExports(json, fake, feed);
            WriteArmed(json, fake);
            json.WriteStartArray("journal");
            foreach (var entry in journal)
            {
                WriteEntry(json, entry);
            }

            json.WriteEndArray();
            json.WriteNumber("dropped", fake.Journal.Dropped);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteSetup(Utf8JsonWriter json, FakeTracker fake)
    {
        json.WriteStartObject("setup");
        json.WriteString("baseUrl", fake.BaseUrl.ToString());
        json.WriteBoolean("requireAuthentication", fake.Options.RequireAuthentication);
        json.WriteStartArray("users");
        foreach (var user in fake.Users)
        {
            json.WriteStringValue(user.ApiUserId);
        }

        json.WriteEndArray();
        var families = fake.ExportFamilies;
        json.WriteStartArray("endpoints");
        foreach (var endpoint in fake.Endpoints)
        {
            json.WriteStartObject();
            json.WriteString("key", endpoint.Key);
            json.WriteString("method", endpoint.Method);
            json.WriteString("path", endpoint.Path);
            json.WriteString("example", DashboardControls.ExampleTarget(fake, endpoint));
            json.WriteString("family", families.FirstOrDefault(f => f.StatusEndpoint.Key == endpoint.Key || f.CreateEndpoint.Key == endpoint.Key)?.Area);
            json.WriteStartArray("scenarios");
            foreach (var (scenario, status) in endpoint.Scenarios)
            {
                json.WriteStartObject();
                json.WriteString("name", scenario);
                json.WriteNumber("status", status);
                json.WriteBoolean("default", scenario == endpoint.DefaultScenario);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("parameters");
            foreach (var parameter in endpoint.Parameters)
            {
                json.WriteStringValue(parameter.Required ? parameter.Name + " (required)" : parameter.Name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("endings");
        foreach (var ending in Enum.GetValues<ExportEnding>())
        {
            json.WriteStringValue(ending.ToString());
        }

        json.WriteEndArray();
        json.WriteStartArray("outcomes");
        foreach (var outcome in Enum.GetNames<FakeOutcome>())
        {
            json.WriteStringValue(outcome);
        }

        json.WriteEndArray();
        json.WriteStartObject("faultKinds");
        json.WriteStartArray("poll");
        foreach (var kind in DashboardControls.PollFaults.Keys)
        {
            json.WriteStringValue(kind);
        }

        json.WriteEndArray();
        json.WriteStartArray("download");
        foreach (var kind in DashboardControls.DownloadFaults.Keys)
        {
            json.WriteStringValue(kind);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteExports(Utf8JsonWriter json, FakeTracker fake, DashboardFeed feed)
    {
        var now = fake.Options.TimeProvider.GetUtcNow();
        json.WriteStartArray("exports");
        foreach (var export in fake.Store.Exports.OrderBy(e => e.Family.Area, StringComparer.Ordinal).ThenBy(e => e.ApiUserId, StringComparer.Ordinal).ThenBy(e => e.Id))
        {
            var family = export.Family;
            var spec = export.Spec;
            var next = export.PlanAnswers(now)[0];
            var activity = feed.ActivityOf(family.Status.Key, export.Id);
            json.WriteStartObject();
            json.WriteString("area", family.Area);
            json.WriteString("user", export.ApiUserId);
            json.WriteNumber("id", export.Id);
            json.WriteString("ending", spec.Ending.ToString());
            json.WriteString("lifecycle", Lifecycle(spec));
            json.WriteString("next", Words(family, next));
            json.WriteString("state", activity?.LastStatus ?? "not polled yet");
            if (activity?.LastProgress is { } progress)
            {
                json.WriteNumber("progress", progress);
            }

            json.WriteNumber("polls", export.PollsServed);
            json.WriteNumber("pollAttempts", export.PollAttempts);
            json.WriteNumber("files", spec.FileCount);
            json.WriteNumber("rowsPerFile", spec.RowsPerFile);
            json.WriteNumber("downloads", activity?.Downloads ?? 0);
            if (activity?.LinksExpireAt is { } expires)
            {
                json.WriteString("expires", expires.ToString("O", CultureInfo.InvariantCulture));
                json.WriteBoolean("expired", now >= expires);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Words(ExportFamily family, ExportAnswer answer) => answer.Status switch
    {
        ExportStatus.InProgress => string.Create(CultureInfo.InvariantCulture, $"{family.InProgressText} {answer.Progress}%"),
        ExportStatus.ErrorOccurred => family.ErrorText,
        _ => family.SuccessText,
    };

    private static string Lifecycle(ExportBuilder spec)
    {
        var steps = string.Join(", ", spec.ProgressSteps.Select(p => p.ToString(CultureInfo.InvariantCulture) + "%"));
        var pace = spec.AdvanceInterval is { } every ? string.Create(CultureInfo.InvariantCulture, $"every {every.TotalSeconds:0.###} s") : "per poll";
        return steps.Length == 0 ? $"{spec.Ending}" : $"{steps}, then {spec.Ending} ({pace})";
    }

    private static void WriteArmed(Utf8JsonWriter json, FakeTracker fake)
    {
        json.WriteStartArray("faults");
        var plan = fake.Faults;
        foreach (var fault in plan.Global)
        {
            var seen = plan.GlobalAttempts(fault.Target);
            WriteFault(json, "every export", fault, seen);
        }

        foreach (var export in fake.Store.Exports.OrderBy(e => e.Id))
        {
            foreach (var fault in export.Spec.Faults)
            {
                // Per-export download counts are per file and not kept here: such a fault shows as armed.
                var seen = fault.Target == FaultTarget.Poll ? export.PollAttempts : 0;
                WriteFault(json, string.Create(CultureInfo.InvariantCulture, $"export {export.Id} ({export.Family.Area}, user {export.ApiUserId})"), fault, seen);
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("nextAnswers");
        foreach (var (endpoint, scenario) in fake.Rules.PendingOnce)
        {
            json.WriteStartObject();
            json.WriteString("endpoint", endpoint);
            json.WriteString("scenario", scenario);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteFault(Utf8JsonWriter json, string scope, FaultBuilder fault, int seen)
    {
        var last = (long)fault.FirstAttempt + fault.Count - 1;
        json.WriteStartObject();
        json.WriteString("scope", scope);
        json.WriteString("kind", DashboardControls.Describe(fault));
        json.WriteString("target", fault.Target.ToString());
        json.WriteString("when", fault.Count == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"every {Noun(fault.Target)} from #{fault.FirstAttempt}")
            : fault.Count == 1
                ? string.Create(CultureInfo.InvariantCulture, $"{Noun(fault.Target)} #{fault.FirstAttempt}")
                : string.Create(CultureInfo.InvariantCulture, $"{Noun(fault.Target)}s #{fault.FirstAttempt} to #{last}"));
        if (fault.File is { } file)
        {
            json.WriteNumber("file", file);
        }

        json.WriteBoolean("pending", last > seen);
        json.WriteEndObject();
    }

    private static string Noun(FaultTarget target) => target switch
    {
        FaultTarget.Poll => "poll",
        FaultTarget.Create => "create",
        FaultTarget.Download => "download",
        _ => "request",
    };

    private static void WriteEntry(Utf8JsonWriter json, FakeRequest entry)
    {
        json.WriteStartObject();
        json.WriteNumber("seq", entry.Sequence);
        json.WriteString("time", entry.Timestamp.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
        json.WriteString("method", entry.Method);
        json.WriteString("target", entry.Target);
        json.WriteString("endpoint", entry.Endpoint.ToString());
        json.WriteNumber("status", entry.StatusCode);
        json.WriteString("outcome", entry.Outcome.ToString());
        json.WriteString("user", entry.ApiUserId);
        if (entry.ExportId is { } id)
        {
            json.WriteNumber("exportId", id);
        }

        json.WriteString("served", entry.ExportStatus is null ? null : entry.Progress is { } p ? string.Create(CultureInfo.InvariantCulture, $"{entry.ExportStatus} {p}%") : entry.ExportStatus);
        json.WriteString("fault", entry.Fault?.ToString());
        json.WriteString("scenario", entry.Scenario);
        json.WriteString("detail", entry.Detail);
        json.WriteEndObject();
    }
}
