using System.Net;
using MyTracker.Client.Auth;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests;

/// <summary>The client over a stub transport answering the documented samples from fixtures/.</summary>
public sealed class MyTrackerClientTests
{
    private readonly VirtualClock _time = new();

    private (MyTrackerClient Client, StubHttpHandler Stub) Create(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        var stub = new StubHttpHandler(respond);
        return (new MyTrackerClient(new HttpClient(stub), TestData.Options(_time)), stub);
    }

    private static bool IsGet(HttpRequestMessage r) => r.RequestUri!.AbsolutePath == "/api/segment/v1/export/get.json";

    private static bool IsCreate(HttpRequestMessage r) => r.RequestUri!.AbsolutePath == "/api/segment/v1/export/create.json";

    [Fact]
    public async Task Start_sends_a_signed_create_json_with_every_typed_option()
    {
        var (client, stub) = Create(r => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Create("200.created.json")));
        var request = new SegmentExportCreateRequest { IdSegment = 7,
            RequestFields = [SegmentExportCreateRequest.DeviceFields.Gaid, SegmentExportCreateRequest.DeviceFields.Idfa],
            IncludeHeaderLine = false,
            RegisterType = SegmentExportCreateRegisterType.Upper,
            HashType = SegmentExportCreateHashType.Sha256,
            MaxBatchFileSize = 4095,
        };

        var operation = await client.SegmentExports.StartAsync(request);

        Assert.Equal(1, operation.Id);
        Assert.Same(request, operation.Request);
        var seen = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Post, seen.Method);
        Assert.Equal("?idSegment=7&requestFields=gaid,idfa&includeHeaderLine=0&registerType=3&hashType=2&maxBatchFileSize=4095", seen.Uri.Query);
        Assert.True(AuthHmac.TryParseHeader(seen.Authorization, out var user, out var signature));
        Assert.Equal(TestData.User, user);
        Assert.True(AuthHmac.Verify(TestData.Secret, "POST", seen.Uri, seen.Body, signature));
        Assert.StartsWith("MyTracker.Client/", seen.UserAgent);
    }

    [Fact]
    public async Task The_documented_example_create_is_signed_as_the_reference_says()
    {
        var (client, stub) = Create(r => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Create("200.created.json")));
        await client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 7, RequestFields = ["gaid", "idfa"] });
        Assert.Equal("AuthHMAC 10001:N8MMzQjP54rVE6qwSBAlE69Srgk=", Assert.Single(stub.Requests).Authorization);
    }

    [Fact]
    public async Task Create_then_poll_the_documented_samples_to_success()
    {
        var polls = 0;
        var (client, stub) = Create(r => IsCreate(r)
            ? StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Create("200.created.json"))
            : StubHttpHandler.Json(HttpStatusCode.OK, ++polls < 3 ? Fixtures.Get("200.in-progress.json") : Fixtures.Get("200.success.json")));
        var progress = new RecordingProgress<double>();

        var operation = await client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 1 });
        var outcome = await _time.RunAsync(operation.WaitForCompletionAsync(progress: progress));

        var files = Assert.IsType<ExportOutcome.Succeeded>(outcome).Files;
        Assert.Equal(2, files.Count);
        Assert.Equal("https://tracker.my.com/storage/download/segment/1.1.c3217d0d061c695550c9cf8a8fa72520.csv.gz", files[0].Link.AbsoluteUri);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1617197992), files[0].ExpiresAt);
        Assert.Equal([64d, 100], progress.Values);
        Assert.All(stub.Requests.Skip(1), r => Assert.Equal("?idSegmentExport=1", r.Uri.Query));
        Assert.Equal("AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=", stub.Requests.Last().Authorization);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "200.error-occurred.json", typeof(ExportOutcome.Failed))]
    [InlineData(HttpStatusCode.NotFound, "404.not-found.json", typeof(ExportOutcome.NotFound))]
    [InlineData(HttpStatusCode.Forbidden, "403.access-denied.json", typeof(ExportOutcome.AccessDenied))]
    public async Task Each_documented_failure_sample_is_a_typed_outcome(HttpStatusCode status, string fixture, Type expected)
    {
        var (client, _) = Create(_ => StubHttpHandler.Json(status, Fixtures.Get(fixture)));
        var outcome = await client.SegmentExports.GetOperation(1).WaitForCompletionAsync();
        Assert.IsType(expected, outcome);
        if (outcome is ExportOutcome.NotFound notFound)
        {
            Assert.Equal("Segment export request not found", notFound.Detail);
        }
    }

    [Fact]
    public async Task An_undocumented_status_text_is_bounded_not_fatal()
    {
        var body = Fixtures.Get("200.in-progress.json").Replace("In progress", "Queued", StringComparison.Ordinal);
        var (client, stub) = Create(_ => StubHttpHandler.Json(HttpStatusCode.OK, body));
        var operation = client.SegmentExports.GetOperation(1);
        var outcome = await _time.RunAsync(operation.WaitForCompletionAsync());
        Assert.Equal("Queued", Assert.IsType<ExportOutcome.UnrecognizedStatus>(outcome).RawStatus);
        Assert.Equal(5, stub.Requests.Count);
    }

    public static TheoryData<int, string, string> Undocumented() => new()
    {
        { 500, "{\"code\":500,\"message\":\"Internal Server Error\",\"data\":null}", "500" },
        { 200, "<html><body>Bad gateway</body></html>", "<html>" },
        { 200, "{\"code\":200,\"message\":\"Ok\",\"data\":{\"idSegmentExport\":\"1\",\"sta", "{\"code\":200" },
        { 200, "", "empty body" },
        { 502, "", "502" },
        { 429, "slow down", "slow down" },
    };

    [Theory]
    [MemberData(nameof(Undocumented))]
    public async Task Undocumented_answers_raise_the_one_exception_with_status_url_and_excerpt(int status, string body, string inMessage)
    {
        var (client, stub) = Create(_ => new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body) });

        // One poll: transient statuses are retried by the pipeline first (on the virtual clock), a 200 is not.
        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => _time.RunAsync(client.SegmentExports.GetOperation(1).UpdateStatusAsync()));

        var attempts = status == 200 ? 1 : 4;
        Assert.Equal(attempts, stub.Requests.Count);
        Assert.Equal(attempts, error.Attempts);

        Assert.Equal(status, error.Status);
        Assert.Equal("GET", error.Method);
        Assert.Equal("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1", error.RequestUri?.AbsoluteUri);
        Assert.Equal(body, error.BodyExcerpt);
        Assert.Contains(inMessage, error.Message);
        Assert.DoesNotContain(TestData.Secret, error.ToString());
    }

    [Fact]
    public async Task Create_refusals_are_typed_and_an_undocumented_create_answer_is_sent_once()
    {
        var answer = StubHttpHandler.Json(HttpStatusCode.BadRequest, Fixtures.Create("400.invalid-parameters.json"));
        var (client, stub) = Create(_ => answer);

        var invalid = await Assert.ThrowsAsync<ExportFailedException>(() => client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 1 }));
        Assert.Equal("Invalid parameter: idSegment", Assert.IsType<ExportOutcome.InvalidParameters>(invalid.Outcome).Detail);

        answer = StubHttpHandler.Json(HttpStatusCode.Forbidden, Fixtures.Create("403.access-denied.json"));
        Assert.IsType<ExportOutcome.AccessDenied>((await Assert.ThrowsAsync<ExportFailedException>(() => client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 1 }))).Outcome);

        answer = StubHttpHandler.Json(HttpStatusCode.ServiceUnavailable, "");
        var before = stub.Requests.Count;
        var failed = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 1 }));
        Assert.Equal(503, failed.Status);
        Assert.Equal(before + 1, stub.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_reaches_create_and_poll_requests()
    {
        var (client, stub) = Create(_ => throw new InvalidOperationException("must not be sent"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 1 }, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SegmentExports.GetOperation(1).UpdateStatusAsync(cancelled.Token));
        Assert.Empty(stub.Requests);

        var started = new TaskCompletionSource();
        var hanging = new StubHttpHandler(async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage();
        });
        using var client2 = new MyTrackerClient(new HttpClient(hanging), TestData.Options(_time));
        using var cts = new CancellationTokenSource();
        var poll = client2.SegmentExports.GetOperation(1).UpdateStatusAsync(cts.Token);
        await started.Task;
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
    }

    [Fact]
    public async Task The_generated_area_client_is_exposed_and_signed()
    {
        var (client, stub) = Create(_ => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Get("200.in-progress.json")));
        var result = await client.SegmentExport.GetAsync(1);
        Assert.Equal(64m, Assert.IsType<SegmentExportGetResult.InProgress>(result).Response.Data.Progress?.Value);
        Assert.Equal("AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=", Assert.Single(stub.Requests).Authorization);
    }

    [Fact]
    public void Options_are_validated_without_echoing_the_secret()
    {
        var options = TestData.Options(_time);
        options.ApiUserId = "";
        var error = Assert.Throws<ArgumentException>(() => new MyTrackerClient(options));
        Assert.Contains("ApiUserId", error.Message);
        Assert.DoesNotContain(TestData.Secret, error.Message);

        options = TestData.Options(_time);
        options.BaseAddress = new Uri("/relative", UriKind.Relative);
        Assert.Throws<ArgumentException>(() => new MyTrackerClient(options));
    }

    [Fact]
    public void The_minimal_constructor_needs_both_credentials()
    {
        using var client = new MyTrackerClient("10001", TestData.Secret);
        Assert.NotNull(client.SegmentExport);
        Assert.Contains("SecretKey", Assert.Throws<ArgumentException>(() => new MyTrackerClient("10001", "")).Message);
    }

    [Fact]
    public void Options_ToString_masks_the_secret_and_defaults_match_the_reference()
    {
        var options = new MyTrackerClientOptions { ApiUserId = "10001", SecretKey = TestData.Secret };
        Assert.DoesNotContain(TestData.Secret, options.ToString());
        Assert.Contains("SecretKey = ***", options.ToString());
        Assert.Equal(new Uri("https://tracker.my.com/"), options.BaseAddress);
        Assert.DoesNotContain(TestData.Secret, options.Clone().ToString());
    }

    [Fact]
    public async Task Options_are_copied_so_later_changes_do_not_reach_the_client()
    {
        var options = TestData.Options(_time);
        var (_, stub) = (0, new StubHttpHandler(_ => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Get("200.in-progress.json"))));
        using var client = new MyTrackerClient(new HttpClient(stub), options);
        options.SecretKey = "changed";
        options.BaseAddress = new Uri("https://elsewhere.example/");
        await client.SegmentExports.GetOperation(1).UpdateStatusAsync();
        Assert.Equal("AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=", Assert.Single(stub.Requests).Authorization);
    }

    [Fact]
    public async Task A_client_can_be_mocked_through_its_protected_constructor()
    {
        var mock = new MockClient();
        var operation = await mock.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 1 });
        Assert.Equal(123, operation.Id);
        Assert.True(operation.HasCompleted);
    }

    private sealed class MockClient : MyTrackerClient
    {
        public override SegmentExportOperations SegmentExports { get; } = new MockOperations();
    }

    private sealed class MockOperations : SegmentExportOperations
    {
        public override Task<ExportOperation<SegmentExportCreateRequest, SegmentExportGetResult>> StartAsync(SegmentExportCreateRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<ExportOperation<SegmentExportCreateRequest, SegmentExportGetResult>>(new MockOperation());
    }

    private sealed class MockOperation : ExportOperation<SegmentExportCreateRequest, SegmentExportGetResult>
    {
        public override long Id => 123;

        public override bool HasCompleted => true;
    }
}
