using System.IO.Compression;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// Export-shaped families recognized from their fixtures by shape alone, and the glue emitted for
/// them (&lt;Area&gt;Operations with its Adapter and the create request): snapshots, a family with
/// no name in common with segment export driven end to end through the runtime, MTG0014 for each
/// condition a files-listing area misses, and the switch that turns it off.
/// </summary>
public sealed class ExportOperationsTests
{
    private const string Namespace = "Test.Generated";

    /// <summary>Families with names of their own, from the fixture folders of two consumers of the toolkit.</summary>
    [Theory]
    [InlineData("event-export", "MyTracker.IntegrationTests.EventExport", "EventExportOperations")]
    [InlineData("usage-report", "UsageReports", "UsageReportOperations")]
    public void A_family_with_names_of_its_own_is_recognized_from_its_fixture_folder_and_generates_the_snapshotted_operations(string area, string @namespace, string operations)
    {
        // event-export: the integration tests' own family; usage-report: the package test's consumer's, which no code of the toolkit names.
        var root = area == "event-export" ? TestPaths.IntegrationFixturesRoot : TestPaths.UsageReportFixturesRoot;

        var run = GeneratorHarness.Run(GeneratorHarness.FixturesIn(root), @namespace);

        // link-export (beside event-export) leaves the meaning of its 'broken' unstated: told, not guessed.
        Assert.Equal(area == "event-export" ? ["MTG0015 200.broken.json"] : [], run.Diagnostics.Select(d => d.Id + " " + Path.GetFileName(d.Location.GetLineSpan().Path)));
        Assert.Empty(run.CompilationProblems);
        Snapshot.Verify(operations, run.Sources[operations + ".g.cs"]);
    }

    [Fact]
    public void The_warning_free_check_sees_a_missing_xml_comment_so_the_operations_are_documented()
    {
        // The snapshot tests assert no compilation problem; that would prove nothing if CS1591 were not reported here.
        var run = GeneratorHarness.Run(GeneratorHarness.FixturesIn(TestPaths.UsageReportFixturesRoot), Namespace, userSource: "namespace User { public class Undocumented { } }");

        Assert.Equal("CS1591", Assert.Single(run.CompilationProblems).Id);
    }

    [Fact]
    public void The_segment_export_fixtures_are_recognized_too_and_compile_without_a_warning()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.RepositoryFixtures(), Namespace);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
        var source = run.Sources["SegmentExportOperations.g.cs"];
        Assert.Contains("SegmentExportGetResult.ErrorOccurred c => global::MyTracker.Client.ExportState.Failed(canBeRequestedAgain: true, detail: null, rawStatus: c.Response.Data.StatusText),", source, StringComparison.Ordinal);
        Assert.Contains("public override bool FirstFileHasHeader(SegmentExportCreateRequest? request) => request?.IncludeHeaderLine ?? true;", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Generation_of_the_operations_is_deterministic()
    {
        var fixtures = GeneratorHarness.FixturesIn(TestPaths.IntegrationFixturesRoot);

        Assert.Equal(GeneratorHarness.Run(fixtures).Sources["EventExportOperations.g.cs"], GeneratorHarness.Run(fixtures).Sources["EventExportOperations.g.cs"]);
    }

    [Fact]
    public void Each_documented_answer_of_a_family_with_names_of_its_own_means_what_its_shape_says()
    {
        WithFamily(AudienceDump.Fixtures(), "AudienceDump", family =>
        {
            var running = family.Read(200, AudienceDump.Running);
            Assert.Equal((ExportStatus.InProgress, 42d, "running"), (running.Status, running.Percent, running.RawStatus));

            var queued = family.Read(200, AudienceDump.Queued);
            Assert.Equal((ExportStatus.InProgress, (double?)null, "queued"), (queued.Status, queued.Percent, queued.RawStatus));

            var finished = family.Read(200, AudienceDump.Finished);
            Assert.Equal(ExportStatus.Succeeded, finished.Status);
            Assert.Equal(new ExportFile(new Uri("https://storage.example/d/901-1.csv.gz"), DateTimeOffset.FromUnixTimeSeconds(AudienceDump.ExpiresOn)), Assert.Single(finished.Files!));

            // No meaning stated for it: a failure, and not requested again (MTG0015 says so at build time).
            var cancelled = family.Read(200, AudienceDump.Cancelled);
            Assert.Equal((ExportStatus.Failed, false, "Cancelled by an operator", "cancelled"), (cancelled.Status, cancelled.CanBeRequestedAgain, cancelled.Detail, cancelled.RawStatus));

            var gone = family.Read(410, AudienceDump.Problem("Dump expired"));
            Assert.Equal((ExportStatus.Failed, false, "Dump expired"), (gone.Status, gone.CanBeRequestedAgain, gone.Detail));

            var missing = family.Read(404, AudienceDump.Problem("No such dump"));
            Assert.Equal((ExportStatus.NotFound, "No such dump"), (missing.Status, missing.Detail));

            var paused = family.Read(200, """{"ok": true, "job": {"dumpId": 901, "phase": "paused"}}""");
            Assert.Equal((ExportStatus.Unrecognized, "paused"), (paused.Status, paused.RawStatus));

            var adapter = family.Adapter(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
            var request = AudienceDump.Request(family.Assembly, audienceId: 7, withHeader: false, columns: ["a", "b c"]);
            Assert.Equal("?audienceId=7&withHeader=0&columns=a,b%20c", Invoke<string>(adapter, "DescribeRequest", request));
            Assert.False(Invoke<bool>(adapter, "FirstFileHasHeader", request));
            Assert.True(Invoke<bool>(adapter, "FirstFileHasHeader", new object?[] { null }));
            Assert.Equal("audience-dump", Invoke<string>(adapter, "get_Name"));
        });
    }

    [Theory]
    [InlineData("canceled", ExportStatus.Canceled, false)]
    [InlineData("failed-repeatable", ExportStatus.Failed, true)]
    [InlineData("failed-final", ExportStatus.Failed, false)]
    public void A_stated_meaning_decides_what_a_status_means_and_silences_MTG0015(string meaning, ExportStatus status, bool again)
    {
        var manifest = """
            { "method": "GET", "path": "/api/audience/v2/dumps/state.json", "parameters": [
              { "name": "dumpId", "in": "query", "type": "integer", "required": true } ],
              "meanings": { "cancelled": "MEANING", "queued": "running" } }
            """.Replace("MEANING", meaning, StringComparison.Ordinal);
        WithFamily(AudienceDump.Fixtures(manifest), "AudienceDump", family =>
        {
            var cancelled = family.Read(200, AudienceDump.Cancelled);
            Assert.Equal((status, again, "cancelled"), (cancelled.Status, cancelled.CanBeRequestedAgain, cancelled.RawStatus));
            Assert.Equal(ExportStatus.InProgress, family.Read(200, AudienceDump.Queued).Status);
        }, string.Empty);
    }

    [Fact]
    public void MTG0015_names_the_scenario_its_file_and_the_manifest_to_state_it_in()
    {
        var run = GeneratorHarness.Run(AudienceDump.Fixtures(), Namespace);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("MTG0015", DiagnosticSeverity.Info), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(GeneratorHarness.PathOf("audience-dump/state/200.cancelled.json"), diagnostic.Location.GetLineSpan().Path);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'cancelled' (audience-dump/state/200.cancelled.json)", message);
        Assert.Contains("does not request it again", message);
        Assert.Contains("fixtures/audience-dump/state/endpoint.json", message);
    }

    [Fact]
    public void A_meaning_that_is_not_one_of_the_words_is_reported_at_its_value()
    {
        var manifest = """{ "method": "GET", "path": "/api/audience/v2/dumps/state.json", "parameters": [{ "name": "dumpId", "in": "query", "type": "integer", "required": true }], "meanings": { "cancelled": "maybe" } }""";
        var run = GeneratorHarness.Run(AudienceDump.Fixtures(manifest), Namespace);

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "MTG0003");
        Assert.Contains("meanings.cancelled must be one of running, succeeded, failed-repeatable, failed-final, canceled", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("""["https://storage.example/d/901-1.csv.gz"]""")]
    [InlineData("""[{"href": "https://storage.example/d/901-1.csv.gz", "bytes": 1000}]""")]
    public void Files_without_an_expiry_are_files_that_never_expire_and_are_renewed_only_when_refused(string parts)
    {
        var finished = """{"ok": true, "job": {"dumpId": 901, "phase": "finished", "parts": PARTS}}""".Replace("PARTS", parts, StringComparison.Ordinal);
        var fixtures = AudienceDump.Fixtures().Select(f => f.RelativePath.EndsWith("200.finished.json", StringComparison.Ordinal) ? f with { Text = finished } : f);

        WithFamily(fixtures, "AudienceDump", family =>
        {
            var state = family.Read(200, finished);
            Assert.Equal(ExportStatus.Succeeded, state.Status);
            Assert.Equal(new ExportFile(new Uri("https://storage.example/d/901-1.csv.gz"), DateTimeOffset.MaxValue), Assert.Single(state.Files!));
        });
    }

    [Fact]
    public void A_percentage_inside_an_object_some_answers_lack_is_read_through_one_null_check_and_compiles()
    {
        // job.progress is missing from queued and finished, so the shared type keeps it nullable while
        // its percentage is not. Reading it in queued once gave "Progress?.Done?.Value": '?' applied to
        // the non-nullable Percent (CS0023), and the family did not compile. Typed paths put '?.' only
        // after a step that may be null: "(double?)c.Response.Job.Progress?.Done.Value".
        const string running = """{"ok": true, "job": {"dumpId": 901, "phase": "running", "progress": {"done": "42%"}}}""";
        var fixtures = AudienceDump.Fixtures().Select(f => f.RelativePath.EndsWith("200.running.json", StringComparison.Ordinal) ? f with { Text = running } : f).ToList();
        var source = GeneratorHarness.Run(fixtures, Namespace).Sources["AudienceDumpOperations.g.cs"];
        Assert.Contains("AudienceDumpStateResult.Queued c => global::MyTracker.Client.ExportState.InProgress((double?)c.Response.Job.Progress?.Done.Value, rawStatus: c.Response.Job.PhaseText)", source, StringComparison.Ordinal);
        Assert.Contains("AudienceDumpStateResult.Running c => global::MyTracker.Client.ExportState.InProgress((double)c.Progress.Done.Value, rawStatus: c.Response.Job.PhaseText)", source, StringComparison.Ordinal);

        WithFamily(fixtures, "AudienceDump", family =>
        {
            Assert.Equal(42, family.Read(200, running).Percent);
            var queued = family.Read(200, AudienceDump.Queued);
            Assert.Equal((ExportStatus.InProgress, (double?)null), (queued.Status, queued.Percent));
        });
    }

    [Fact]
    public async Task A_family_with_names_of_its_own_runs_the_whole_job_through_the_runtime_with_no_code_of_the_caller()
    {
        var gzip = Gzip("audience,segment\nu-1,s-1\nu-2,s-2\n");
        var polls = 0;
        var requests = new List<string>();
        var transport = new Stub(request =>
        {
            var path = request.RequestUri!.AbsolutePath;
            lock (requests)
            {
                requests.Add(request.Method + " " + request.RequestUri.PathAndQuery + (request.Headers.Authorization is null ? string.Empty : " signed"));
            }

            return path switch
            {
                "/api/audience/v2/dumps/start.json" => Json(HttpStatusCode.Created, AudienceDump.Started),
                "/api/audience/v2/dumps/state.json" => Json(HttpStatusCode.OK, Interlocked.Increment(ref polls) switch
                {
                    1 => AudienceDump.Queued,
                    2 => AudienceDump.Running,
                    _ => AudienceDump.Finished,
                }),
                "/d/901-1.csv.gz" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(gzip) },
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            };
        });
        var directory = Path.Combine(Path.GetTempPath(), "mytracker-generator-" + Guid.NewGuid().ToString("N"));
        var run = GeneratorHarness.Run(AudienceDump.Fixtures(), Namespace);
        var (image, problems) = run.Emit();
        Assert.Empty(problems);
        var assembly = GeneratorHarness.Load(image!, out var context);
        try
        {
            using var client = new MyTrackerClient(new HttpClient(transport), new MyTrackerClientOptions
            {
                BaseAddress = new Uri("https://api.example/"),
                ApiUserId = "1",
                SecretKey = "s",
                Polling = new MyTrackerPollingOptions { InitialInterval = TimeSpan.FromMilliseconds(1), MaxInterval = TimeSpan.FromMilliseconds(2) },
            });
            var operationsType = assembly.GetType(Namespace + ".AudienceDumpOperations")!;
            var operations = Activator.CreateInstance(operationsType, client)!;
            var request = AudienceDump.Request(assembly, audienceId: 7, withHeader: true, columns: null);
            var export = operationsType.GetMethod("ExportAsync", [request.GetType(), typeof(string), typeof(CancellationToken)])!;

            var result = await (Task<ExportResult>)export.Invoke(operations, [request, directory, CancellationToken.None])!;

            Assert.Equal(901, result.ExportId);
            var file = Assert.Single(result.Files);
            Assert.Equal("audience-dump-901.001.csv.gz", Path.GetFileName(file.Path));
            var rows = new List<string>();
            await foreach (var row in ExportCsv.ReadRowsAsync([file.Path]))
            {
                rows.Add(row["audience"]);
            }

            Assert.Equal(["u-1", "u-2"], rows);
            Assert.True(File.Exists(Path.Combine(directory, "audience-dump-job.json")));
            Assert.Equal(
                [
                    "POST /api/audience/v2/dumps/start.json?audienceId=7&withHeader=1 signed",
                    "GET /api/audience/v2/dumps/state.json?dumpId=901 signed",
                    "GET /api/audience/v2/dumps/state.json?dumpId=901 signed",
                    "GET /api/audience/v2/dumps/state.json?dumpId=901 signed",
                    "GET /d/901-1.csv.gz",
                ],
                requests);
        }
        finally
        {
            context.Unload();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_cancel_endpoint_gives_the_adapter_the_runtimes_cancel_with_each_documented_answer_read_by_its_status()
    {
        var fixtures = AudienceDump.Fixtures();
        fixtures.AddRange(
        [
            new("audience-dump/cancel/endpoint.json", """
                { "method": "GET", "path": "/api/audience/v2/dumps/cancel.json", "parameters": [
                  { "name": "dumpId", "in": "query", "type": "integer", "required": true } ] }
                """),
            new("audience-dump/cancel/202.stopping.json", """{"ok": true, "job": {"dumpId": 901, "note": "stopping"}}"""),
            new("audience-dump/cancel/409.finished.json", AudienceDump.Problem("Dump already finished")),
            new("audience-dump/cancel/404.unknown.json", AudienceDump.Problem("No such dump")),
        ]);
        WithFamily(fixtures, "AudienceDump", family =>
        {
            Assert.Equal("Canceled (stopping)", family.Cancel(HttpStatusCode.Accepted, """{"ok": true, "job": {"dumpId": 901, "note": "stopping"}}""").ToString());
            Assert.Equal("Refused (Dump already finished)", family.Cancel(HttpStatusCode.Conflict, AudienceDump.Problem("Dump already finished")).ToString());
            Assert.Equal("NotFound (No such dump)", family.Cancel(HttpStatusCode.NotFound, AudienceDump.Problem("No such dump")).ToString());
            // An undocumented status fails in the generated client, as every call does.
            Assert.Equal(500, Assert.Throws<MyTrackerRequestFailedException>(() => family.Cancel(HttpStatusCode.InternalServerError, "{}")).Status);
            Assert.True(Invoke<bool>(family.Adapter(_ => Json(HttpStatusCode.OK, "{}")), "get_CanCancel"));
        });

        // Without one, the adapter says it cannot cancel.
        WithFamily(AudienceDump.Fixtures(), "AudienceDump", family => Assert.False(Invoke<bool>(family.Adapter(_ => Json(HttpStatusCode.OK, "{}")), "get_CanCancel")));
    }

    [Fact]
    public void A_refused_start_is_the_documented_outcome_and_the_id_comes_from_the_create_answer()
    {
        WithFamily(AudienceDump.Fixtures(), "AudienceDump", family =>
        {
            var request = AudienceDump.Request(family.Assembly, 7, null, null);
            Assert.Equal(901, family.Start(HttpStatusCode.Created, AudienceDump.Started, request).GetAwaiter().GetResult().ExportId);
            var refused = family.Start(HttpStatusCode.BadRequest, AudienceDump.Problem("audienceId must be positive"), request).GetAwaiter().GetResult();
            Assert.Equal(new ExportOutcome.InvalidParameters("audienceId must be positive"), refused.Refusal);

            // A 2xx answer without the id is no documented answer: one typed exception, not a started export.
            var odd = family.Start(HttpStatusCode.Created, """{"ok": true, "job": {}}""", request);
            Assert.IsType<MyTrackerRequestFailedException>(Assert.ThrowsAny<AggregateException>(() => odd.Wait()).InnerException);
        });
    }

    [Fact]
    public void MTG0014_a_status_endpoint_that_takes_more_than_the_id_is_named_at_its_manifest()
    {
        var fixtures = AudienceDump.Fixtures(statusManifest: """
            { "method": "GET", "path": "/api/audience/v2/dumps/state.json", "parameters": [
              { "name": "dumpId", "in": "query", "type": "integer", "required": true },
              { "name": "region", "in": "query", "type": "string", "required": true } ] }
            """);

        AssertNotRecognized(fixtures, "its status endpoint 'audience-dump/state' takes 2 required parameters (dumpId (integer), region (string)); an export's status endpoint takes exactly one, the integer export id");
    }

    [Fact]
    public void MTG0014_no_answer_that_shows_the_export_running()
    {
        var fixtures = AudienceDump.Fixtures().Where(f => !f.RelativePath.EndsWith("200.queued.json", StringComparison.Ordinal) && !f.RelativePath.EndsWith("200.running.json", StringComparison.Ordinal));

        AssertNotRecognized(fixtures, "no other 2xx answer of 'audience-dump/state' shows the export running");
    }

    [Fact]
    public void MTG0014_no_create_endpoint_answering_the_id_as_for_a_status_endpoint_alone()
    {
        AssertNotRecognized(Samples.ReportExport(), "no POST endpoint of area 'report-export' answers 'idReportExport'", area: "report-export", status: "report-export/get");

        var renamed = AudienceDump.Fixtures().Select(f => f.RelativePath.EndsWith("start/201.started.json", StringComparison.Ordinal) ? f with { Text = f.Text.Replace("dumpId", "jobId", StringComparison.Ordinal) } : f);
        AssertNotRecognized(renamed, "no POST endpoint of area 'audience-dump' answers 'dumpId'");
    }

    [Fact]
    public void MTG0014_a_name_the_glue_needs_is_taken_by_a_generated_type()
    {
        // The create answer's "request" object becomes the class AudienceDumpStartRequest.
        var fixtures = AudienceDump.Fixtures().Select(f => f.RelativePath.EndsWith("start/201.started.json", StringComparison.Ordinal)
            ? f with { Text = """{"ok": true, "job": {"dumpId": 901}, "request": {"audienceId": 7}}""" }
            : f);

        AssertNotRecognized(fixtures, "the name 'AudienceDumpStartRequest' is already taken by another generated type");
    }

    [Fact]
    public void An_endpoint_that_lists_no_files_is_no_export_and_gets_no_message()
    {
        var run = GeneratorHarness.Run([
            new Fixture("items/get/endpoint.json", """{ "method": "GET", "path": "/api/items.json", "parameters": [{ "name": "id", "in": "query", "type": "integer", "required": true }] }"""),
            new Fixture("items/get/200.ok.json", """{ "name": "x", "progress": "10%" }"""),
        ]);

        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain(run.Sources.Keys, k => k.EndsWith("Operations.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void MyTrackerGenerateExportOperations_false_generates_only_the_typed_clients_and_says_nothing()
    {
        var properties = new Dictionary<string, string> { ["MyTrackerGenerateExportOperations"] = "false" };

        var off = GeneratorHarness.Run(AudienceDump.Fixtures(), properties: properties);
        var offReport = GeneratorHarness.Run(Samples.ReportExport(), properties: properties);

        Assert.DoesNotContain("AudienceDumpOperations.g.cs", off.Sources.Keys);
        Assert.Contains("AudienceDumpClient.g.cs", off.Sources.Keys);
        Assert.Empty(offReport.Diagnostics);
        Assert.Contains("AudienceDumpOperations.g.cs", GeneratorHarness.Run(AudienceDump.Fixtures(), properties: new Dictionary<string, string> { ["MyTrackerGenerateExportOperations"] = "true" }).Sources.Keys);
    }

    private static void AssertNotRecognized(IEnumerable<Fixture> fixtures, string reason, string area = "audience-dump", string status = "audience-dump/state")
    {
        var run = GeneratorHarness.Run(fixtures);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("MTG0014", DiagnosticSeverity.Info), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(GeneratorHarness.PathOf(status + "/endpoint.json"), diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(0, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.StartsWith($"Area '{area}' looks like an export ('{status}' lists files to download), but no ", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(reason, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Sources.Keys, k => k.EndsWith("Operations.g.cs", StringComparison.Ordinal));
        Assert.Empty(run.CompilationProblems);
    }

    /// <summary>
    /// Generates, compiles and loads a family (no warning; no diagnostic but the MTG0015 of the audience
    /// dump's <c>cancelled</c>, whose meaning its manifest does not state, unless told otherwise), then runs the test on it.
    /// </summary>
    private static void WithFamily(IEnumerable<Fixture> fixtures, string prefix, Action<LoadedFamily> test, params string[] diagnostics)
    {
        var run = GeneratorHarness.Run(fixtures, Namespace);
        Assert.Equal(diagnostics.Length == 0 ? ["MTG0015 200.cancelled.json"] : diagnostics.Where(d => d.Length > 0), run.Diagnostics.Select(d => d.Id + " " + Path.GetFileName(d.Location.GetLineSpan().Path)));
        var (image, problems) = run.Emit();
        Assert.Empty(problems);
        var assembly = GeneratorHarness.Load(image!, out var context);
        try
        {
            test(new LoadedFamily(assembly, prefix));
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>A generated family in a loaded assembly: its adapter over a generated client whose calls get the answers a test gives.</summary>
    private sealed class LoadedFamily(Assembly assembly, string prefix)
    {
        public Assembly Assembly => assembly;

        public object Adapter(Func<HttpRequestMessage, HttpResponseMessage> answer)
        {
            var client = Activator.CreateInstance(assembly.GetType(Namespace + "." + prefix + "Client")!, new HttpClient(new Stub(answer)) { BaseAddress = new Uri("https://api.example/") })!;
            return Activator.CreateInstance(assembly.GetType(Namespace + "." + prefix + "Operations+Adapter")!, client)!;
        }

        /// <summary>The adapter's reading of one answer of the status endpoint, received as the generated client receives it.</summary>
        public ExportState Read(int status, string body)
        {
            var adapter = Adapter(_ => Json((HttpStatusCode)status, body));
            var call = Invoke<Task>(adapter, "GetStatusAsync", 901L, CancellationToken.None);
            call.GetAwaiter().GetResult();
            return Invoke<ExportState>(adapter, "ReadStatus", call.GetType().GetProperty("Result")!.GetValue(call));
        }

        /// <summary>The adapter's cancel call against one answer.</summary>
        public ExportCancelAnswer Cancel(HttpStatusCode status, string body) =>
            Invoke<Task<ExportCancelAnswer>>(Adapter(_ => Json(status, body)), "CancelAsync", 901L, CancellationToken.None).GetAwaiter().GetResult();

        /// <summary>The adapter's create call against one answer.</summary>
        public Task<ExportStartResult> Start(HttpStatusCode status, string body, object request) =>
            Invoke<Task<ExportStartResult>>(Adapter(_ => Json(status, body)), "CreateAsync", request, CancellationToken.None);
    }

    private static T Invoke<T>(object target, string method, params object?[] arguments) =>
        (T)target.GetType().GetMethod(method)!.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private sealed class Stub(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }

    /// <summary>
    /// An export family with no name in common with segment export: create is <c>start</c> (201,
    /// the id as a JSON number under <c>job.dumpId</c>), status is <c>state</c> with a <c>phase</c>,
    /// a numeric <c>percentDone</c>, a waiting scenario without progress, files as <c>parts</c> of
    /// <c>href</c> + numeric <c>expiresOn</c>, a cancellation with a reason, and 404/410 answers.
    /// </summary>
    private static class AudienceDump
    {
        public const string Started = """{"ok": true, "job": {"dumpId": 901}}""";
        public const string Queued = """{"ok": true, "job": {"dumpId": 901, "phase": "queued"}}""";
        public const string Running = """{"ok": true, "job": {"dumpId": 901, "phase": "running", "percentDone": 42}}""";
        /// <summary>When the link of <see cref="Finished"/> expires: 2100-01-01, so the runtime takes it as valid.</summary>
        public const long ExpiresOn = 4102444800;

        public const string Finished = """{"ok": true, "job": {"dumpId": 901, "phase": "finished", "parts": [{"href": "https://storage.example/d/901-1.csv.gz", "expiresOn": 4102444800, "bytes": 1000}]}}""";
        public const string Cancelled = """{"ok": true, "job": {"dumpId": 901, "phase": "cancelled", "why": "Cancelled by an operator"}}""";

        public static string Problem(string text) => """{"ok": false, "problem": {"text": "TEXT"}}""".Replace("TEXT", text, StringComparison.Ordinal);

        public static List<Fixture> Fixtures(string? statusManifest = null) =>
        [
            new("audience-dump/start/endpoint.json", """
                { "method": "POST", "path": "/api/audience/v2/dumps/start.json", "parameters": [
                  { "name": "audienceId", "in": "query", "type": "integer", "required": true },
                  { "name": "withHeader", "in": "query", "type": "boolean", "required": false },
                  { "name": "columns", "in": "query", "type": "list", "required": false } ] }
                """),
            new("audience-dump/start/201.started.json", Started),
            new("audience-dump/start/400.bad-request.json", Problem("audienceId must be positive")),
            new("audience-dump/state/endpoint.json", statusManifest ?? """
                { "method": "GET", "path": "/api/audience/v2/dumps/state.json", "parameters": [
                  { "name": "dumpId", "in": "query", "type": "integer", "required": true },
                  { "name": "verbose", "in": "query", "type": "boolean", "required": false } ] }
                """),
            new("audience-dump/state/200.queued.json", Queued),
            new("audience-dump/state/200.running.json", Running),
            new("audience-dump/state/200.finished.json", Finished),
            new("audience-dump/state/200.cancelled.json", Cancelled),
            new("audience-dump/state/404.unknown.json", Problem("No such dump")),
            new("audience-dump/state/410.gone.json", Problem("Dump expired")),
        ];

        public static object Request(Assembly assembly, long audienceId, bool? withHeader, string[]? columns)
        {
            var type = assembly.GetType(Namespace + ".AudienceDumpStartRequest")!;
            var request = Activator.CreateInstance(type)!;
            type.GetProperty("AudienceId")!.SetValue(request, audienceId);
            type.GetProperty("WithHeader")!.SetValue(request, withHeader);
            type.GetProperty("Columns")!.SetValue(request, columns);
            return request;
        }
    }
}
