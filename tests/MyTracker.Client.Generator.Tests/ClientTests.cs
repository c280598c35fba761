using System.Net;
using System.Text;

namespace MyTracker.Client.Generator.Tests;

/// <summary>The generated SegmentExportClient against a recording handler: exact URLs, cases, and the one exception.</summary>
public sealed class ClientTests
{
    private static readonly string FixturesRoot = Infrastructure.TestPaths.FixturesRoot;

    [Fact]
    public async Task GetAsync_sends_the_documented_url_and_returns_the_scenario_case()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, File.ReadAllText(Path.Combine(FixturesRoot, "segment-export/get/200.in-progress.json")));
        var client = new SegmentExportClient(new HttpClient(handler) { BaseAddress = new Uri("https://tracker.my.com/") });

        var result = await client.GetAsync(1);

        Assert.Equal(HttpMethod.Get, handler.Requests.Single().Method);
        Assert.Equal("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1", handler.Requests.Single().RequestUri!.AbsoluteUri);
        var inProgress = Assert.IsType<SegmentExportGetResult.InProgress>(result);
        Assert.Equal("64%", inProgress.Response.Data.Progress.ToString());
    }

    [Fact]
    public async Task CreateAsync_sends_typed_arguments_as_the_documented_query()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, File.ReadAllText(Path.Combine(FixturesRoot, "segment-export/create/200.created.json")));
        var client = new SegmentExportClient(new HttpClient(handler) { BaseAddress = new Uri("https://tracker.my.com/") });

        var result = await client.CreateAsync(7, requestFields: new[] { "gaid", "idfa" }, includeHeaderLine: false, registerType: SegmentExportCreateRegisterType.Lower, hashType: SegmentExportCreateHashType.Sha256, maxBatchFileSize: 100);

        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://tracker.my.com/api/segment/v1/export/create.json?idSegment=7&requestFields=gaid,idfa&includeHeaderLine=0&registerType=2&hashType=2&maxBatchFileSize=100", request.RequestUri!.AbsoluteUri);
        Assert.Equal(1L, Assert.IsType<SegmentExportCreateResult.Created>(result).Response.Data.IdSegmentExport);
    }

    [Fact]
    public async Task Optional_arguments_left_null_are_not_sent_and_values_are_escaped()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, File.ReadAllText(Path.Combine(FixturesRoot, "segment-export/create/200.created.json")));
        var client = new SegmentExportClient(new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:5080/prefix/") });

        await client.CreateAsync(7, requestFields: new[] { "a b", "c&d=é" });

        Assert.Equal("http://127.0.0.1:5080/prefix/api/segment/v1/export/create.json?idSegment=7&requestFields=a%20b,c%26d%3D%C3%A9", handler.Requests.Single().RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task Documented_error_statuses_are_cases_not_exceptions()
    {
        var handler = new RecordingHandler(HttpStatusCode.Forbidden, File.ReadAllText(Path.Combine(FixturesRoot, "segment-export/get/403.access-denied.json")));
        var client = new SegmentExportClient(new HttpClient(handler) { BaseAddress = new Uri("https://tracker.my.com/") });

        var result = await client.GetAsync(1);

        var denied = Assert.IsType<SegmentExportGetResult.AccessDenied>(result);
        Assert.Equal("Access denied", denied.Response.Message);
        Assert.Null(denied.Response.Data);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "upstream failed", "undocumented status 500")]
    [InlineData(HttpStatusCode.OK, "<html><body>maintenance</body></html>", "not the documented JSON")]
    [InlineData(HttpStatusCode.OK, "{\"code\":200,\"message\":\"Ok\",\"data\":{\"idSegmentExport\":\"1\",", "not the documented JSON")]
    [InlineData(HttpStatusCode.OK, "", "not the documented JSON")]
    [InlineData(HttpStatusCode.TooManyRequests, "{\"code\":429}", "undocumented status 429")]
    public async Task Undocumented_answers_throw_the_one_exception_with_status_url_and_body(HttpStatusCode status, string body, string reason)
    {
        var handler = new RecordingHandler(status, body);
        var client = new SegmentExportClient(new HttpClient(handler) { BaseAddress = new Uri("https://tracker.my.com/") });

        var ex = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => client.GetAsync(42));

        Assert.Equal((int)status, ex.Status);
        Assert.Equal("GET", ex.Method);
        Assert.Equal("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=42", ex.RequestUri!.AbsoluteUri);
        Assert.Equal(body, ex.BodyExcerpt);
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transport_failure_is_the_same_exception_with_status_zero()
    {
        var client = new SegmentExportClient(new HttpClient(new FailingHandler()) { BaseAddress = new Uri("https://tracker.my.com/") });

        var ex = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => client.GetAsync(1));

        Assert.Equal(0, ex.Status);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1", ex.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task The_client_can_be_mocked_through_the_protected_constructor_and_virtual_methods()
    {
        SegmentExportClient client = new StubClient();

        var result = await client.GetAsync(3);

        Assert.IsType<SegmentExportGetResult.Unknown>(result);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreateAsync(1));
    }

    [Fact]
    public void The_constructor_rejects_a_null_http_client()
    {
        Assert.Throws<ArgumentNullException>(() => new SegmentExportClient(null!));
    }

    private sealed class StubClient : SegmentExportClient
    {
        public override Task<SegmentExportGetResult> GetAsync(long idSegmentExport, CancellationToken cancellationToken = default)
            => Task.FromResult<SegmentExportGetResult>(new SegmentExportGetResult.Unknown(200, "{}"));
    }

    private sealed class RecordingHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request });
        }
    }

    private sealed class FailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => throw new HttpRequestException("connection refused");
    }
}
