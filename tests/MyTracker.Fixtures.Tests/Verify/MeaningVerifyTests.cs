using MyTracker.Fixtures.Tests.Support;

namespace MyTracker.Fixtures.Tests.Verify;

/// <summary>
/// Verify judges an export's status answers by what their scenario means (endpoint.json's "meanings"):
/// an answer that carries what only a scenario of another meaning has is drift; a scenario or status
/// text with no documented meaning is a note.
/// </summary>
public sealed class MeaningVerifyTests
{
    private const string RawGet = "/api/raw/v1/export/get.json";

    private static readonly DocumentedApi Api = DocumentedApi.Load(Repository.Fixtures);

    [Theory]
    [InlineData(
        """{"code":200,"message":"Ok","data":{"idRawExport":"4","status":"Error occurred","errorMessage":"Too much export data"}}""",
        "meaning-contradicted raw-export/get 200 data.errorMessage: the answer is 'error-occurred' (failed-repeatable), but it carries what only 'user-error-occurred' (failed-final) has")]
    [InlineData(
        """{"code":200,"message":"Ok","data":{"idRawExport":"4","status":"Canceled by user","files":[{"link":"https://tracker.my.com/storage/download/raw/4.a.0.csv.gz","timestampExpires":"1609502400"}]}}""",
        "meaning-contradicted raw-export/get 200 data.files: the answer is 'canceled-by-user' (canceled), but it carries what only 'success' (succeeded) has")]
    [InlineData(
        """{"code":200,"message":"Ok","data":{"idRawExport":"4","status":"Success!"}}""",
        "meaning-contradicted raw-export/get 200 data.files: 'success' (succeeded) documents it in every sample, received an answer without it")]
    public void An_answer_that_contradicts_its_scenarios_documented_meaning_is_drift(string body, string expected)
    {
        Assert.Equal(expected, Assert.Single(Api.Check("GET", RawGet, 200, body)).ToString());
    }

    [Theory]
    [InlineData("""{"code":200,"message":"Ok","data":{"idRawExport":"9","status":"In progress","progress":"12%","isCancellable":true}}""")]
    [InlineData("""{"code":200,"message":"Ok","data":{"idRawExport":"9","status":"User error occurred","errorMessage":"Too much export data"}}""")]
    [InlineData("""{"code":200,"message":"Ok","data":{"idRawExport":"9","status":"Error occurred","errorMessage":null}}""")]
    [InlineData("""{"code":200,"message":"Ok","data":{"idSegmentExport":"9","status":"Error occurred","progress":"40%"}}""")]
    public void Answers_that_fit_their_meaning_are_not_drift_and_a_progress_beside_a_failure_is_no_evidence(string body)
    {
        var get = body.Contains("idSegmentExport", StringComparison.Ordinal) ? "/api/segment/v1/export/get.json" : RawGet;
        Assert.Empty(Api.Check("GET", get, 200, body));
    }

    [Fact]
    public void Every_built_in_sample_read_back_as_a_recording_fits_its_meaning_and_leaves_nothing_open()
    {
        var report = DriftVerifier.VerifyRecorded(Api, Repository.Fixtures);

        Assert.Contains(report.Answers, a => a.Scenario == "user-error-occurred");
        Assert.Empty(report.Findings);
        Assert.Empty(report.Notes);
    }

    [Fact]
    public void A_recorded_scenario_or_status_text_with_no_documented_meaning_is_a_note_and_not_drift()
    {
        using var temp = new TempDirectory();
        var fixtures = temp.CopyFrom(Repository.Fixtures, "fixtures");
        FixtureEdit.Replace(Path.Combine(fixtures, "raw-export", "get", "endpoint.json"), "\"canceled-by-user\": \"canceled\",", string.Empty);
        var recorded = temp["recorded"];
        Directory.CreateDirectory(Path.Combine(recorded, "raw-export", "get"));
        File.Copy(Path.Combine(Repository.Fixtures, "raw-export", "get", "200.canceled-by-user.json"), Path.Combine(recorded, "raw-export", "get", "200.canceled-by-user.json"));
        File.WriteAllText(Path.Combine(recorded, "raw-export", "get", "200.paused.json"), """{"code":200,"message":"Ok","data":{"idRawExport":"4","status":"Paused"}}""");

        var report = DriftVerifier.VerifyRecorded(DocumentedApi.Load(fixtures), recorded);

        Assert.Equal(
            [
                "meaning-undocumented raw-export/get 200: scenario 'canceled-by-user' has no documented meaning, so the generated operations do not request it again; state it in raw-export/get/endpoint.json \"meanings\"",
                "meaning-undocumented raw-export/get 200 data.status: status \"Paused\" has no documented meaning; the export runtime keeps polling and then ends it as an unrecognized status",
            ],
            report.Notes.Select(n => n.Drift.ToString()));
        // The new status text is drift by type as well; the note says what the runtime does with it.
        Assert.Equal(["new-discriminator-value"], report.Findings.Select(f => f.Drift.KindName));
        var lines = report.ToLines().ToList();
        Assert.Contains(lines, l => l.StartsWith("note: meaning-undocumented raw-export/get 200: scenario 'canceled-by-user'", StringComparison.Ordinal));
        Assert.EndsWith(": 1 drift (1 new-discriminator-value); 2 notes (2 meaning-undocumented)", report.Summary(), StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        Assert.Equal((1, 2), (json.RootElement.GetProperty("drift").GetInt32(), json.RootElement.GetProperty("notes").GetInt32()));
        Assert.Equal("meaning-undocumented", json.RootElement.GetProperty("noted")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public void Notes_alone_leave_the_report_without_drift()
    {
        using var temp = new TempDirectory();
        var fixtures = temp.CopyFrom(Repository.Fixtures, "fixtures");
        FixtureEdit.Replace(Path.Combine(fixtures, "segment-export", "get", "endpoint.json"), "\"error-occurred\": \"failed-repeatable\",", string.Empty);

        var report = DriftVerifier.VerifyRecorded(DocumentedApi.Load(fixtures), Repository.Fixtures);

        Assert.False(report.HasDrift);
        Assert.StartsWith("meaning-undocumented segment-export/get 200: scenario 'error-occurred' has no documented meaning", Assert.Single(report.Notes).Drift.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(": no drift; 1 note (1 meaning-undocumented)", report.Summary(), StringComparison.Ordinal);
    }
}
