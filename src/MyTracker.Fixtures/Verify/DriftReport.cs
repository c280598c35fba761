using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MyTracker.Fixtures;

/// <summary>One answer the drift check looked at.</summary>
/// <param name="Request">The request (<c>GET /api/...</c>) or, for a recording, the sample file.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Endpoint">The endpoint folder it was checked against.</param>
/// <param name="Scenario">The documented scenario it is; null when it is none (an undocumented status or value).</param>
/// <param name="Drifts">What differs.</param>
/// <param name="Notes">What the fixtures leave open for this answer (<see cref="DriftKind.MeaningUndocumented"/>); not drift.</param>
public sealed record CheckedAnswer(string Request, int Status, string Endpoint, string? Scenario, IReadOnlyList<Drift> Drifts, IReadOnlyList<Drift>? Notes = null);

/// <summary>A request the check did not send, or a recorded file it did not read, and why.</summary>
/// <param name="Request">The request or file.</param>
/// <param name="Reason">Why.</param>
public sealed record SkippedRequest(string Request, string Reason);

/// <summary>One difference, with the answers it was seen in.</summary>
/// <param name="Drift">The difference.</param>
/// <param name="Answers">How many answers showed it.</param>
/// <param name="Requests">The requests (or recorded files) whose answers showed it, each once.</param>
public sealed record DriftFinding(Drift Drift, int Answers, IReadOnlyList<string> Requests);

/// <summary>
/// What a drift check found: each difference once, however many answers showed it; the answers; what was
/// skipped. <see cref="ToJson"/> is the machine-readable report for CI.
/// </summary>
public sealed class DriftReport
{
    internal DriftReport(string fixtures, string source, IReadOnlyList<CheckedAnswer> answers, IReadOnlyList<SkippedRequest> skipped)
    {
        Fixtures = fixtures;
        Source = source;
        Answers = answers;
        Skipped = skipped;
        Findings = Group(answers, a => a.Drifts);
        Notes = Group(answers, a => a.Notes ?? []);
    }

    /// <summary>The fixture folder compared with.</summary>
    public string Fixtures { get; }

    /// <summary>Where the answers came from: the upstream's address or the recorded folder.</summary>
    public string Source { get; }

    /// <summary>Every answer checked, in order.</summary>
    public IReadOnlyList<CheckedAnswer> Answers { get; }

    /// <summary>Each difference once.</summary>
    public IReadOnlyList<DriftFinding> Findings { get; }

    /// <summary>
    /// Each note once: what the fixtures leave open for answers that came (a scenario or status text with
    /// no documented meaning). Notes are not drift: <see cref="HasDrift"/> and the exit code ignore them.
    /// </summary>
    public IReadOnlyList<DriftFinding> Notes { get; }

    /// <summary>What was not sent or not read.</summary>
    public IReadOnlyList<SkippedRequest> Skipped { get; }

    /// <summary>Whether anything differs.</summary>
    public bool HasDrift => Findings.Count > 0;

    /// <summary>The report as people read it: one line per answer, one per difference, a closing count.</summary>
    /// <returns>The lines.</returns>
    public IEnumerable<string> ToLines()
    {
        foreach (var answer in Answers)
        {
            var count = answer.Drifts.Count;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"checked {answer.Request}: {answer.Status} {answer.Scenario ?? "(no documented scenario)"}, {(count == 0 ? "no drift" : count == 1 ? "1 drift" : $"{count} drifts")}");
        }

        foreach (var skipped in Skipped)
        {
            yield return $"skipped {skipped.Request}: {skipped.Reason}";
        }

        foreach (var finding in Findings)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"drift: {finding.Drift} ({Answered(finding.Answers)})");
        }

        foreach (var note in Notes)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"note: {note.Drift} ({Answered(note.Answers)})");
        }

        yield return Summary();
    }

    /// <summary>The closing line, e.g. <c>5 answers from http://127.0.0.1:5080/ checked against fixtures: 2 drifts (1 new-field, 1 type-changed)</c>.</summary>
    /// <returns>One line.</returns>
    public string Summary()
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{Answered(Answers.Count)} from {Source} checked against {Fixtures}");
        var notes = Notes.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; {Notes.Count} note{(Notes.Count == 1 ? string.Empty : "s")} ({Kinds(Notes)})");
        if (!HasDrift)
        {
            return head + ": no drift" + notes;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{head}: {Findings.Count} drift{(Findings.Count == 1 ? string.Empty : "s")} ({Kinds(Findings)}){notes}");
    }

    private static string Kinds(IReadOnlyList<DriftFinding> findings) =>
        string.Join(", ", findings.GroupBy(f => f.Drift.Kind).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {Drift.NameOf(g.Key)}")));

    private static List<DriftFinding> Group(IReadOnlyList<CheckedAnswer> answers, Func<CheckedAnswer, IReadOnlyList<Drift>> of) => [.. answers
        .SelectMany(a => of(a).Select(d => (Drift: d, a.Request)))
        .GroupBy(x => x.Drift)
        .Select(g => new DriftFinding(g.Key, g.Count(), [.. g.Select(x => x.Request).Distinct()]))];

    /// <summary>The report as JSON: <c>fixtures</c>, <c>source</c>, <c>answers</c>, <c>drift</c> (count), <c>findings</c>, <c>notes</c> (count), <c>noted</c>, <c>checked</c>, <c>skipped</c>.</summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("fixtures", Fixtures);
            json.WriteString("source", Source);
            json.WriteNumber("answers", Answers.Count);
            json.WriteNumber("drift", Findings.Count);
            json.WriteStartArray("findings");
            WriteFindings(json, Findings);
            json.WriteEndArray();
            json.WriteNumber("notes", Notes.Count);
            json.WriteStartArray("noted");
            WriteFindings(json, Notes);
            json.WriteEndArray();
            json.WriteStartArray("checked");
            foreach (var answer in Answers)
            {
                json.WriteStartObject();
                json.WriteString("request", answer.Request);
                json.WriteNumber("status", answer.Status);
                json.WriteString("endpoint", answer.Endpoint);
                if (answer.Scenario is null)
                {
                    json.WriteNull("scenario");
                }
                else
                {
                    json.WriteString("scenario", answer.Scenario);
                }

                json.WriteNumber("drift", answer.Drifts.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (var skipped in Skipped)
            {
                json.WriteStartObject();
                json.WriteString("request", skipped.Request);
                json.WriteString("reason", skipped.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteFindings(Utf8JsonWriter json, IReadOnlyList<DriftFinding> findings)
    {
        foreach (var finding in findings)
        {
            var drift = finding.Drift;
            json.WriteStartObject();
            json.WriteString("kind", drift.KindName);
            json.WriteString("endpoint", drift.Endpoint);
            json.WriteNumber("status", drift.Status);
            json.WriteString("path", drift.Path);
            json.WriteString("documented", drift.Documented);
            json.WriteString("received", drift.Received);
            json.WriteString("message", drift.ToString());
            json.WriteNumber("answers", finding.Answers);
            json.WriteStartArray("seenIn");
            foreach (var request in finding.Requests)
            {
                json.WriteStringValue(request);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    private static string Answered(int count) => count == 1 ? "1 answer" : string.Create(CultureInfo.InvariantCulture, $"{count} answers");
}
