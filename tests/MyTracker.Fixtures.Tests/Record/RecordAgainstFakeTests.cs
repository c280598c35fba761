using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using MyTracker.Client.Auth;
using MyTracker.Fake;
using MyTracker.Fixtures.Tests.Support;

namespace MyTracker.Fixtures.Tests.Record;

/// <summary>
/// The recording proxy in front of the in-process fake: a plain HttpClient drives every documented
/// scenario through it, and the folder it writes is the fake's own fixtures after redaction, with no
/// secret in any file or log line.
/// </summary>
public sealed class RecordAgainstFakeTests
{
    private static readonly FakeApiUser User = new("20002", "record-test-secret-7c41e9");

    private static readonly JsonDocumentOptions Tolerant = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// Both export families: segment export from the built-in fixtures and the modelled event-export family
    /// (the integration tests' fixture folder), which the fake serves with no code of its own; each as
    /// strict JSON (the default) and as the documented bytes (comments and trailing commas included).
    /// </summary>
    public static TheoryData<string, bool> Families => new()
    {
        { "segment-export", false },
        { "segment-export", true },
        { "event-export", false },
        { "event-export", true },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task The_recorded_folder_is_the_fakes_fixtures_after_redaction_and_holds_no_secret(string area, bool documentedBytes)
    {
        var family = RecordedFamily.Of(area);
        using var temp = new TempDirectory();
        var output = temp["recorded"];
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions
        {
            Users = [User],
            FirstCreatedExportId = 5100,
            FixturesDirectory = family.FakeFixtures,
            ServeDocumentedBytes = documentedBytes,
        });
        fake.Given(Export.WithId(7001).In(area).InProgress(family.DocumentedProgress).ThenSuccess(files: 2, rowsPerFile: 10));
        fake.Given(Export.WithId(7002).In(area).ErrorOccurred());

        var log = new ConcurrentQueue<string>();
        var targets = new List<(string Method, string Target)>();
        await using (var proxy = await RecordingProxy.StartAsync(new RecordingOptions
        {
            Upstream = fake.BaseUrl,
            OutputDirectory = output,
            Credentials = new ApiCredentials(User.ApiUserId, User.Secret),
            FixturesDirectory = family.Fixtures,
            Log = log.Enqueue,
        }))
        {
            using var client = new HttpClient { BaseAddress = proxy.BaseUrl };
            foreach (var (method, target) in new[]
            {
                ("GET", family.Poll(7001)),                      // in progress
                ("GET", family.Poll(7001)),                      // success with 2 files
                ("GET", family.Poll(7001)),                      // the same scenario again: not written twice
                ("GET", family.Poll(7002)),                      // error
                ("GET", family.Poll(31337)),                     // 404
                ("POST", family.Create),                         // 200 created
                ("POST", family.CreateMissingARequiredParameter), // 400
            })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), target);
                // Whatever the client sends as its own Authorization goes nowhere: the proxy signs.
                request.Headers.TryAddWithoutValidation("Authorization", "AuthHMAC 1:client-made-signature");
                using var response = await client.SendAsync(request);
                Assert.True((int)response.StatusCode is 200 or 400 or 404, $"{method} {target}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                targets.Add((method, target));
            }

            Assert.True(6 == proxy.Written.Count, string.Join("\n", log));
        }

        // The 403s: a second recording into the same folder with a key the fake does not accept.
        await using (var refused = await RecordingProxy.StartAsync(new RecordingOptions
        {
            Upstream = fake.BaseUrl,
            OutputDirectory = output,
            Credentials = new ApiCredentials(User.ApiUserId, "wrong-secret-for-403"),
            FixturesDirectory = family.Fixtures,
            Log = log.Enqueue,
        }))
        {
            using var client = new HttpClient { BaseAddress = refused.BaseUrl };
            Assert.Equal(403, (int)(await client.GetAsync(family.Poll(7001))).StatusCode);
            Assert.Equal(403, (int)(await client.PostAsync(family.Create, null)).StatusCode);
            Assert.Equal([$"{area}/get/403.access-denied.json", $"{area}/create/403.access-denied.json"], refused.Written);
        }

        var fixtures = Path.Combine(family.Fixtures, area);
        var recorded = Path.Combine(output, area);
        Assert.Equal(TempDirectory.Files(fixtures).Where(f => f.EndsWith(".json", StringComparison.Ordinal)), TempDirectory.Files(recorded));
        var redactor = new Redactor();
        foreach (var file in TempDirectory.Files(recorded).Where(f => !f.EndsWith("endpoint.json", StringComparison.Ordinal)))
        {
            var expected = JsonNode.Parse(redactor.Redact(File.ReadAllText(Path.Combine(fixtures, file)))!);
            var actual = JsonNode.Parse(File.ReadAllText(Path.Combine(recorded, file)));
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{file}: expected {expected?.ToJsonString()}, recorded {actual?.ToJsonString()}");
        }

        foreach (var endpoint in new[] { "get", "create" })
        {
            using var documented = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtures, endpoint, "endpoint.json")), Tolerant);
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(recorded, endpoint, "endpoint.json")))!;
            var expected = JsonNode.Parse(documented.RootElement.GetRawText())!;
            foreach (var member in new[] { "summary", "method", "path", "parameters" })
            {
                Assert.True(JsonNode.DeepEquals(expected[member], manifest[member]), $"{endpoint}/endpoint.json {member}");
            }

            Assert.StartsWith($"recorded from {fake.BaseUrl.GetLeftPart(UriPartial.Authority)} on ", (string?)manifest["recorded"]!["403.access-denied.json"], StringComparison.Ordinal);
        }

        // Log: one line per request, what became of it; the third poll was already recorded.
        Assert.Equal(9, log.Count);
        Assert.Contains(log, l => l.EndsWith($"GET /{family.Poll(7001)} -> 200 already recorded: {area}/get/200.success.json", StringComparison.Ordinal));

        // No secret, no signature, no Authorization value anywhere: every written file and every log line.
        var secrets = new List<string> { User.Secret, "wrong-secret-for-403", "client-made-signature", "AuthHMAC" };
        foreach (var (method, target) in targets)
        {
            var header = AuthHmac.CreateHeaderValue(User.ApiUserId, User.Secret, method, new Uri(fake.BaseUrl, target));
            secrets.Add(header[(header.IndexOf(':') + 1)..]);
        }

        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(File.ReadAllText).Concat(log).ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(written, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Without_fixtures_scenarios_are_named_from_the_discriminating_field_and_the_manifest_is_inferred()
    {
        using var temp = new TempDirectory();
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Users = [User] });
        fake.Given(Export.WithId(40).InProgress(5).ThenSuccess(files: 1, rowsPerFile: 1));
        fake.Given(Export.WithId(41).ErrorOccurred());

        await using (var proxy = await RecordingProxy.StartAsync(new RecordingOptions
        {
            Upstream = fake.BaseUrl,
            OutputDirectory = temp.Path,
            Credentials = new ApiCredentials(User.ApiUserId, User.Secret),
        }))
        {
            using var client = new HttpClient { BaseAddress = proxy.BaseUrl };
            foreach (var target in new[] { "idSegmentExport=40", "idSegmentExport=40", "idSegmentExport=41", "idSegmentExport=4040" })
            {
                (await client.GetAsync("api/segment/v1/export/get.json?" + target)).Dispose();
            }

            (await client.PostAsync("api/segment/v1/export/create.json?idSegment=3", null)).Dispose();
        }

        Assert.Equal(
            ["segment-export/create/200.ok.json", "segment-export/create/endpoint.json", "segment-export/get/200.error-occurred.json", "segment-export/get/200.in-progress.json", "segment-export/get/200.success.json", "segment-export/get/404.not-found.json", "segment-export/get/endpoint.json"],
            TempDirectory.Files(temp.Path));
        var manifest = JsonNode.Parse(File.ReadAllText(temp["segment-export/get/endpoint.json"]))!;
        Assert.Equal("""[{"name":"idSegmentExport","in":"query","type":"integer","required":false}]""", manifest["parameters"]!.ToJsonString());
        Assert.Equal("GET", (string?)manifest["method"]);

        // The recorded folder is a fixture folder in its own right: the generator types it, and it checks clean against the documented one.
        var report = DriftVerifier.VerifyRecorded(DocumentedApi.Load(Repository.Fixtures), temp.Path);
        Assert.Equal(5, report.Answers.Count);
        Assert.False(report.HasDrift, string.Join("\n", report.ToLines()));
        Assert.Equal(4, DocumentedApi.Load(temp.Path)["segment-export/get"]!.Scenarios.Count);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.10")]
    [InlineData("example.com")]
    public async Task The_proxy_listens_on_loopback_only(string host)
    {
        using var temp = new TempDirectory();
        var error = await Assert.ThrowsAsync<FixturesException>(() => RecordingProxy.StartAsync(new RecordingOptions { Upstream = new Uri("http://127.0.0.1:9/"), OutputDirectory = temp.Path, Host = host }));
        Assert.Equal($"the recording proxy listens on loopback only (127.0.0.1, ::1 or localhost), not '{host}'", error.Message);
    }

    /// <summary>
    /// An export family as the recording test drives it: where its fixtures are, its requests, and the
    /// progress its in-progress sample shows (recorded values equal the documented ones after redaction).
    /// </summary>
    private sealed record RecordedFamily(
        string Fixtures, string? FakeFixtures, string StatusPath, string IdParameter, int DocumentedProgress, string Create, string CreateMissingARequiredParameter)
    {
        public static RecordedFamily Of(string area) => area switch
        {
            "segment-export" => new(
                Repository.Fixtures, null, "api/segment/v1/export/get.json", "idSegmentExport", 64,
                "api/segment/v1/export/create.json?idSegment=12", "api/segment/v1/export/create.json?requestFields=gaid"),
            "event-export" => new(
                Repository.EventExportFixtures, Repository.EventExportFixtures, "api/event/v1/export/get.json", "idEventExport", 35,
                "api/event/v1/export/create.json?idApp=7&event=installs&dateFrom=2026-01-01&dateTo=2026-01-31",
                "api/event/v1/export/create.json?idApp=7&event=installs&dateTo=2026-01-31"),
            _ => throw new ArgumentOutOfRangeException(nameof(area), area, "no such family in the tests"),
        };

        public string Poll(long id) => $"{StatusPath}?{IdParameter}={id}";
    }
}
