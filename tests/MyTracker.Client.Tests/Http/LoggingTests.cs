using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MyTracker.Client.Http;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Http;

public sealed class LoggingTests
{
    private const string StorageLink = "https://rawdata.hb.bizmrg.com/segment/1.1.bbb.csv.gz?X-Amz-Signature=storage-token";

    [Fact]
    public async Task Logs_method_url_status_and_duration_but_never_credentials()
    {
        var time = new VirtualClock();
        var provider = new FakeLoggerProvider();
        using var factory = new LoggerFactory([provider]);
        var stub = new StubHttpHandler(r =>
        {
            time.Advance(TimeSpan.FromMilliseconds(150));
            return r.RequestUri!.AbsolutePath switch
            {
                "/api/segment/v1/export/create.json" => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Create("200.created.json")),
                "/api/segment/v1/export/get.json" => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Success(time.GetUtcNow().AddHours(1), StorageLink)),
                _ => StubHttpHandler.Bytes(TestData.Gzip("gaid\ng-1\n")),
            };
        });
        using var client = new MyTrackerClient(new HttpClient(stub), TestData.Options(time), factory);
        var directory = TestData.TempDirectory();
        try
        {
            var operation = await client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 7 });
            await operation.WaitForCompletionAsync();
            await operation.DownloadAsync(directory);
        }
        finally
        {
            Directory.Delete(directory, true);
        }

        var messages = provider.Collector.GetSnapshot().Select(r => r.Message).ToArray();
        Assert.Equal(
        [
            "HTTP POST https://tracker.my.com/api/segment/v1/export/create.json?idSegment=7 answered 200 in 150.0 ms",
            "HTTP GET https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1 answered 200 in 150.0 ms",
            "HTTP GET https://rawdata.hb.bizmrg.com/segment/1.1.bbb.csv.gz?*** answered 200 in 150.0 ms",
        ], messages);
        Assert.All(stub.Requests.Where(r => r.Uri.Host == "tracker.my.com"), r => Assert.NotNull(r.Authorization));
        var everything = string.Join("\n", provider.Collector.GetSnapshot().Select(r => r.Message + string.Join(",", r.StructuredState ?? [])));
        Assert.DoesNotContain(TestData.Secret, everything);
        Assert.DoesNotContain("AuthHMAC", everything);
        Assert.DoesNotContain("storage-token", everything);
        foreach (var signature in stub.Requests.Select(r => r.Authorization).OfType<string>())
        {
            Assert.DoesNotContain(signature[(signature.IndexOf(':') + 1)..], everything);
        }
    }

    [Fact]
    public async Task A_transport_failure_is_logged_as_a_warning_with_its_type_only()
    {
        var provider = new FakeLoggerProvider();
        using var factory = new LoggerFactory([provider]);
        var stub = new StubHttpHandler((_, _) => throw new HttpRequestException("connect to 10.0.0.1 with token=abc failed"));
        var time = new VirtualClock();
        using var client = new MyTrackerClient(new HttpClient(stub), TestData.Options(time), factory);

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => time.RunAsync(client.SegmentExports.GetOperation(1).UpdateStatusAsync()));

        // Every attempt is logged, the retries included.
        Assert.Equal(0, error.Status);
        Assert.Equal(4, error.Attempts);
        Assert.IsType<HttpRequestException>(error.InnerException);
        var records = provider.Collector.GetSnapshot();
        Assert.Equal(4, records.Count);
        Assert.All(records, record =>
        {
            Assert.Equal(LogLevel.Warning, record.Level);
            Assert.EndsWith("failed after 0.0 ms: HttpRequestException", record.Message);
            Assert.DoesNotContain("token=abc", record.Message);
        });
    }

    [Theory]
    [InlineData("https://tracker.my.com/api/x.json?id=1", "https://tracker.my.com/api/x.json?id=1")]
    [InlineData("https://user:pass@tracker.my.com/api/x.json", "https://tracker.my.com/api/x.json")]
    [InlineData("https://cdn.example/f.csv.gz?sig=1", "https://cdn.example/f.csv.gz?***")]
    [InlineData("https://cdn.example/f.csv.gz", "https://cdn.example/f.csv.gz")]
    public void Urls_are_redacted_for_logs(string url, string expected)
    {
        Assert.Equal(expected, MyTrackerLoggingHandler.RedactUrl(TestData.Api, new Uri(url)));
    }
}
