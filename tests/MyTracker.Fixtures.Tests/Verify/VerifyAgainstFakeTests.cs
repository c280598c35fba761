using Microsoft.Extensions.Time.Testing;
using MyTracker.Fake;
using MyTracker.Fixtures.Tests.Support;

namespace MyTracker.Fixtures.Tests.Verify;

/// <summary>
/// The drift check against the in-process fake: an unmodified fake with other ids, times and link hosts
/// shows no drift, for segment export and for the modelled event-export family, as strict JSON and as the
/// documented bytes; a fake serving a mutated copy of the fixtures shows each kind of drift exactly once,
/// and samples the fixtures lack (another status, another status value) show as drift when served.
/// </summary>
public sealed class VerifyAgainstFakeTests
{
    private static readonly DocumentedApi Documented = DocumentedApi.Load(Repository.Fixtures);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unmodified_fake_whose_ids_timestamps_and_links_differ_shows_no_drift(bool documentedBytes)
    {
        // Another year, another link host, ids the samples never use: values all differ, types do not.
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 7, 9, 8, 30, 0, TimeSpan.Zero));
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions
        {
            TimeProvider = clock,
            LinkHost = "localhost",
            FirstCreatedExportId = 770001,
            ServeDocumentedBytes = documentedBytes,
        });
        fake.Given(Export.WithId(4242).InProgress(37).ThenSuccess(files: 3, rowsPerFile: 5));
        fake.Given(Export.WithId(4243).ErrorOccurred());
        fake.Given(Export.WithId(4244).Success(files: 3, rowsPerFile: 5));

        var signed = await DriftVerifier.VerifyAsync(Documented, Signed(fake,
            "GET /api/segment/v1/export/get.json?idSegmentExport=4242",
            "GET /api/segment/v1/export/get.json?idSegmentExport=4243",
            "GET /api/segment/v1/export/get.json?idSegmentExport=4244",
            "GET /api/segment/v1/export/get.json?idSegmentExport=987654",
            "POST /api/segment/v1/export/create.json?idSegment=31",
            "POST /api/segment/v1/export/create.json?requestFields=gaid"));
        var unsigned = await DriftVerifier.VerifyAsync(Documented, Unsigned(fake, "GET /api/segment/v1/export/get.json?idSegmentExport=4242", "POST /api/segment/v1/export/create.json?idSegment=31"));

        Assert.Equal(
            ["200 in-progress", "200 error-occurred", "200 success", "404 not-found", "200 created", "400 invalid-parameters"],
            signed.Answers.Select(a => $"{a.Status} {a.Scenario}"));
        Assert.Equal(["403 access-denied", "403 access-denied"], unsigned.Answers.Select(a => $"{a.Status} {a.Scenario}"));
        Assert.Empty(signed.Findings);
        Assert.Empty(unsigned.Findings);
        Assert.False(signed.HasDrift);
        Assert.EndsWith(": no drift", signed.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fake_serving_mutated_fixtures_shows_each_kind_of_drift_exactly_once()
    {
        using var temp = new TempDirectory();
        var mutated = temp.CopyFrom(Repository.Fixtures, "mutated");
        var get = Path.Combine(mutated, "segment-export", "get");
        FixtureEdit.Replace(Path.Combine(get, "200.in-progress.json"), "\"progress\": \"64%\",", "\"progress\": \"64%\",\n\"queuePosition\": \"3\",");
        FixtureEdit.Replace(Path.Combine(get, "404.not-found.json"), "\"message\": \"Not Found\",\n", string.Empty);
        FixtureEdit.Replace(Path.Combine(get, "200.error-occurred.json"), "\"idSegmentExport\": \"1\"", "\"idSegmentExport\": 1");
        FixtureEdit.Replace(Path.Combine(get, "200.success.json"), "\"Success!\"", "\"Done\"");

        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = mutated });
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess());
        fake.Given(Export.WithId(2).ErrorOccurred());
        fake.Given(Export.WithId(3).Success());
        // An HTTP status no sample documents: the fake's own fault, answered in the error envelope.
        fake.Given(Export.WithId(5).WithFault(Fault.ServerError(503).OnPoll(1)));

        var report = await DriftVerifier.VerifyAsync(Documented, Signed(fake,
            "GET /api/segment/v1/export/get.json?idSegmentExport=1",
            "GET /api/segment/v1/export/get.json?idSegmentExport=1",
            "GET /api/segment/v1/export/get.json?idSegmentExport=2",
            "GET /api/segment/v1/export/get.json?idSegmentExport=3",
            "GET /api/segment/v1/export/get.json?idSegmentExport=404",
            "GET /api/segment/v1/export/get.json?idSegmentExport=5"));

        Assert.Equal(
            [
                "new-field segment-export/get 200 data.queuePosition: not in the fixtures, received an integer string",
                "type-changed segment-export/get 200 data.idSegmentExport: documented as an integer string, received an integer",
                "new-discriminator-value segment-export/get 200 data.status: received \"Done\", documented \"Error occurred\", \"In progress\", \"Success!\"",
                "missing-field segment-export/get 404 message: missing, though every sample has it (a string)",
                "undocumented-status segment-export/get 503: not documented (documented: 200, 403, 404)",
            ],
            report.Findings.Select(f => f.Drift.ToString()));
        // Not JSON and the meaning kinds have tests of their own (CheckTests, MeaningVerifyTests).
        Assert.Equal(Enum.GetValues<DriftKind>().Where(k => k is not (DriftKind.NotJson or DriftKind.MeaningContradicted or DriftKind.MeaningUndocumented)).Order(), report.Findings.Select(f => f.Drift.Kind).Order());
        Assert.Equal(
            ["meaning-undocumented segment-export/get 200 data.status: status \"Done\" has no documented meaning; the export runtime keeps polling and then ends it as an unrecognized status"],
            report.Notes.Select(n => n.Drift.ToString()));

        // Both polls of export 1 showed the new field: one finding, seen in two answers.
        var newField = report.Findings.Single(f => f.Drift.Kind == DriftKind.NewField);
        Assert.Equal(2, newField.Answers);
        Assert.Equal(["GET /api/segment/v1/export/get.json?idSegmentExport=1"], newField.Requests);
        Assert.Equal(["in-progress", "in-progress", "error-occurred", null, "not-found", null], report.Answers.Select(a => a.Scenario));
        Assert.True(report.HasDrift);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_fake_serving_the_raw_export_family_unmodified_shows_no_drift(bool documentedBytes)
    {
        var documented = DocumentedApi.Load(Repository.EventExportFixtures);
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 7, 9, 8, 30, 0, TimeSpan.Zero));
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions
        {
            FixturesDirectory = Repository.EventExportFixtures,
            ServeDocumentedBytes = documentedBytes,
            TimeProvider = clock,
            FirstCreatedExportId = 880001,
        });
        fake.Given(Export.WithId(4242).In("event-export").InProgress(37).ThenSuccess(files: 3, rowsPerFile: 5));
        fake.Given(Export.WithId(4243).In("event-export").ErrorOccurred());

        var signed = await DriftVerifier.VerifyAsync(documented, Signed(fake,
            "GET /api/event/v1/export/get.json?idEventExport=4242",
            "GET /api/event/v1/export/get.json?idEventExport=4242",
            "GET /api/event/v1/export/get.json?idEventExport=4243",
            "GET /api/event/v1/export/get.json?idEventExport=987654",
            "POST /api/event/v1/export/create.json?idApp=3&event=sessions&dateFrom=2031-07-01&dateTo=2031-07-08",
            "POST /api/event/v1/export/create.json?idApp=3&event=sessions&dateTo=2031-07-08"));
        var unsigned = await DriftVerifier.VerifyAsync(documented, Unsigned(fake, "GET /api/event/v1/export/get.json?idEventExport=4242"));

        Assert.Equal(
            ["200 in-progress", "200 success", "200 error", "404 not-found", "200 created", "400 invalid-parameters"],
            signed.Answers.Select(a => $"{a.Status} {a.Scenario}"));
        Assert.Equal(["403 access-denied"], unsigned.Answers.Select(a => $"{a.Status} {a.Scenario}"));
        Assert.Empty(signed.Findings);
        Assert.Empty(unsigned.Findings);
    }

    [Fact]
    public async Task Answers_served_from_sample_files_the_fixtures_do_not_have_are_an_undocumented_status_and_a_new_value()
    {
        // The API has moved on: the fake serves a copy of the fixtures with two samples more, chosen by
        // setup code and by the X-Fake-Scenario header; the verifier holds the fixtures as they were.
        using var temp = new TempDirectory();
        var served = temp.CopyFrom(Repository.EventExportFixtures, "served");
        var get = Path.Combine(served, "event-export", "get");
        File.WriteAllText(Path.Combine(get, "429.rate-limited.json"), """
            { "code": 429, "message": "Too Many Requests", "data": { "error": { "detail": "Too many export requests; retry later" } } }
            """);
        File.WriteAllText(Path.Combine(get, "200.queued.json"), """
            // Waits for a worker before processing starts.
            { "code": 200, "message": "Ok", "data": { "idEventExport": "17", "state": "queued", "progress": "0%", } }
            """);
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = served, ServeDocumentedBytes = true });
        fake.Given(Scenario.For("event-export/get").WithParameter("idEventExport", 9).Answer("rate-limited"));
        fake.Given(Scenario.For("event-export/get").WithParameter("idEventExport", 10).Answer("queued"));

        var report = await DriftVerifier.VerifyAsync(DocumentedApi.Load(Repository.EventExportFixtures), Signed(fake,
            "GET /api/event/v1/export/get.json?idEventExport=9",
            "GET /api/event/v1/export/get.json?idEventExport=10",
            "GET /api/event/v1/export/get.json?idEventExport=11"));
        using var http = new HttpClient();
        using var chosen = new HttpRequestMessage(HttpMethod.Get, new Uri(fake.BaseUrl, "api/event/v1/export/get.json?idEventExport=12"))
        {
            Headers = { { "X-Fake-Scenario", "rate-limited" } },
        };
        chosen.Headers.TryAddWithoutValidation("Authorization", fake.Sign(HttpMethod.Get, chosen.RequestUri!));
        using var byHeader = await http.SendAsync(chosen);
        var headerDrift = DocumentedApi.Load(Repository.EventExportFixtures).Check("GET", "/api/event/v1/export/get.json?idEventExport=12", (int)byHeader.StatusCode, await byHeader.Content.ReadAsStringAsync());

        Assert.Equal(
            [
                "undocumented-status event-export/get 429: not documented (documented: 200, 403, 404)",
                "new-discriminator-value event-export/get 200 data.state: received \"queued\", documented \"failed\", \"processing\", \"ready\"",
            ],
            report.Findings.Select(f => f.Drift.ToString()));
        Assert.Equal(["429 ", "200 ", "404 not-found"], report.Answers.Select(a => $"{a.Status} {a.Scenario}"));
        Assert.Equal("undocumented-status event-export/get 429: not documented (documented: 200, 403, 404)", Assert.Single(headerDrift).ToString());
    }

    [Fact]
    public async Task The_documented_requests_come_from_the_samples_when_the_manifest_has_no_examples_and_writes_are_skipped()
    {
        // segment-export alone: its manifests list no examples (raw-export's do).
        using var temp = new TempDirectory();
        var segmentOnly = temp["fixtures"];
        TempDirectory.Copy(Path.Combine(Repository.Fixtures, "segment-export"), Path.Combine(segmentOnly, "segment-export"));
        var documented = DocumentedApi.Load(segmentOnly);
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(64).ThenSuccess());

        Assert.Equal(
            ["POST /api/segment/v1/export/create.json?idSegment=1", "GET /api/segment/v1/export/get.json?idSegmentExport=1"],
            DriftVerifier.DocumentedRequests(documented).Select(r => r.ToString()));

        var report = await DriftVerifier.VerifyAsync(documented, Signed(fake));

        Assert.Equal("checked GET /api/segment/v1/export/get.json?idSegmentExport=1: 200 in-progress, no drift", Assert.Single(report.Answers.Select(Line)));
        var skipped = Assert.Single(report.Skipped);
        Assert.Equal("POST /api/segment/v1/export/create.json?idSegment=1", skipped.Request);
        Assert.DoesNotContain(fake.Journal.Entries, r => r.Endpoint.Kind == ExportEndpointKinds.Create);
    }

    [Fact]
    public async Task The_built_in_raw_export_examples_are_verified_against_the_fake_without_drift()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(4).In("raw-export").InProgress(64).ThenStaysInProgress());

        Assert.Contains("GET /api/raw/v1/export/get.json?idRawExport=4", DriftVerifier.DocumentedRequests(Documented).Select(r => r.ToString()));
        var report = await DriftVerifier.VerifyAsync(Documented, Signed(fake, "GET /api/raw/v1/export/get.json?idRawExport=4"));

        Assert.Equal("checked GET /api/raw/v1/export/get.json?idRawExport=4: 200 in-progress, no drift", Assert.Single(report.Answers.Select(Line)));
        Assert.Empty(report.Findings);
    }

    /// <summary>Verifying against the fake, signed as its default user: these requests, or the documented ones when none are given.</summary>
    private static VerifyOptions Signed(FakeTracker fake, params string[] requests) =>
        Unsigned(fake, requests) with { Credentials = new ApiCredentials(fake.DefaultUser.ApiUserId, fake.DefaultUser.Secret) };

    /// <summary>Listed requests are sent with consent to writes (their POSTs are the point); the documented ones without.</summary>
    private static VerifyOptions Unsigned(FakeTracker fake, params string[] requests) =>
        new() { Upstream = fake.BaseUrl, Requests = requests.Length == 0 ? null : [.. requests.Select(DocumentedRequest.Parse)], AllowWrites = requests.Length > 0 };

    private static string Line(CheckedAnswer answer) => $"checked {answer.Request}: {answer.Status} {answer.Scenario}, {(answer.Drifts.Count == 0 ? "no drift" : "drift")}";
}
