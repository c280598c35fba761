using System.Net;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Downloads;

public sealed class DownloadTests : IDisposable
{
    private const string ApiLink = "https://tracker.my.com/storage/download/segment/1.1.aaa.csv.gz";
    private const string StorageLink = "https://rawdata.hb.bizmrg.com/segment/2021.03.30/1.1.bbb.csv.gz?X-Amz-Signature=storage-token";

    private static readonly byte[] First = TestData.Gzip("gaid,idfa\ng-1,i-1\ng-2,\"i,2\"\n");
    private static readonly byte[] Second = TestData.Gzip("g-3,i-3\n");

    private readonly VirtualClock _time = new();
    private readonly string _directory = TestData.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private DateTimeOffset Later => _time.GetUtcNow().AddHours(1);

    private (MyTrackerClient Client, StubHttpHandler Stub) Create(Func<HttpRequestMessage, HttpResponseMessage> respond, Action<MyTrackerClientOptions>? configure = null)
    {
        var stub = new StubHttpHandler(respond);
        var options = TestData.Options(_time);
        configure?.Invoke(options);
        return (new MyTrackerClient(new HttpClient(stub), options), stub);
    }

    private static HttpResponseMessage Files(HttpRequestMessage r, byte[]? second = null) => r.RequestUri!.Host == "tracker.my.com"
        ? StubHttpHandler.Bytes(First)
        : StubHttpHandler.Bytes(second ?? Second);

    private async Task<ExportOperation<SegmentExportCreateRequest, SegmentExportGetResult>> SucceededAsync(MyTrackerClient client, StubHttpHandler stub)
    {
        var operation = client.SegmentExports.GetOperation(1);
        await operation.WaitForCompletionAsync();
        return operation;
    }

    private Func<HttpRequestMessage, HttpResponseMessage> Api(Func<int, string> getBody, Func<HttpRequestMessage, HttpResponseMessage> files)
    {
        var polls = 0;
        return r => r.RequestUri!.AbsolutePath.EndsWith("get.json", StringComparison.Ordinal)
            ? StubHttpHandler.Json(HttpStatusCode.OK, getBody(++polls))
            : files(r);
    }

    [Fact]
    public async Task Downloads_every_file_signing_only_the_api_host()
    {
        var (client, stub) = Create(Api(_ => Fixtures.Success(Later, ApiLink, StorageLink), r => Files(r)));
        var operation = await SucceededAsync(client, stub);

        var files = await operation.DownloadAsync(_directory);

        Assert.Equal(["segment-export-1.001.csv.gz", "segment-export-1.002.csv.gz"], files.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(First, File.ReadAllBytes(files[0].Path));
        Assert.Equal(Second, File.ReadAllBytes(files[1].Path));
        Assert.All(files, f => Assert.False(f.Skipped));
        Assert.Equal(["segment-export-1.001.csv.gz", "segment-export-1.002.csv.gz"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());

        var downloads = stub.Requests.Where(r => !r.Uri.AbsolutePath.EndsWith("get.json", StringComparison.Ordinal)).ToArray();
        Assert.StartsWith("AuthHMAC 10001:", downloads.Single(r => r.Uri.Host == "tracker.my.com").Authorization);
        Assert.Null(downloads.Single(r => r.Uri.Host == "rawdata.hb.bizmrg.com").Authorization);
    }

    [Fact]
    public async Task A_resumed_download_skips_complete_files()
    {
        var (client, stub) = Create(Api(_ => Fixtures.Success(Later, ApiLink, StorageLink), r => Files(r)));
        var operation = await SucceededAsync(client, stub);
        File.WriteAllBytes(Path.Combine(_directory, "segment-export-1.001.csv.gz"), First);
        File.WriteAllBytes(Path.Combine(_directory, "segment-export-1.002.csv.gz.0123.partial"), [1, 2, 3]);

        var files = await operation.DownloadAsync(_directory);

        Assert.True(files[0].Skipped);
        Assert.False(files[1].Skipped);
        Assert.DoesNotContain(stub.Requests, r => r.Uri.AbsoluteUri == ApiLink);
        Assert.Equal(2, Directory.GetFiles(_directory).Length);

        var again = await operation.DownloadAsync(_directory);
        Assert.All(again, f => Assert.True(f.Skipped));
    }

    [Fact]
    public async Task A_download_that_stays_truncated_fails_after_its_attempts_and_leaves_nothing_under_either_name()
    {
        // One file after another, so the first is complete before the second fails.
        var (client, stub) = Create(Api(_ => Fixtures.Success(Later, ApiLink, StorageLink), r => Files(r, second: Second[..^3])), o => o.MaxParallelDownloads = 1);
        var operation = await SucceededAsync(client, stub);

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => _time.RunAsync(operation.DownloadAsync(_directory)));

        Assert.Equal(6, stub.Requests.Count(r => r.Uri.Host == "rawdata.hb.bizmrg.com"));
        Assert.Equal(1, error.ExportId);
        Assert.Equal("segment-export-1.002.csv.gz", error.FileName);
        Assert.Equal("https://rawdata.hb.bizmrg.com/segment/2021.03.30/1.1.bbb.csv.gz?***", error.RequestUri!.OriginalString);
        Assert.Contains("6 failed attempts", error.Reason);
        Assert.Contains("not a complete gzip file", error.Reason);
        Assert.IsType<InvalidDataException>(error.InnerException!.InnerException);
        Assert.DoesNotContain("storage-token", error.ToString());
        Assert.Equal(["segment-export-1.001.csv.gz"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_download_truncated_once_is_fetched_again()
    {
        var cut = true;
        var (client, stub) = Create(Api(_ => Fixtures.Success(Later, StorageLink), r =>
        {
            var body = cut ? Second[..^3] : Second;
            cut = false;
            return StubHttpHandler.Bytes(body);
        }));
        var operation = await SucceededAsync(client, stub);

        var files = await _time.RunAsync(operation.DownloadAsync(_directory));

        Assert.Equal(Second, File.ReadAllBytes(files[0].Path));
        Assert.Equal(2, stub.Requests.Count(r => r.Uri.Host == "rawdata.hb.bizmrg.com"));
    }

    [Fact]
    public async Task A_link_expired_by_the_clock_is_refreshed_by_polling_again_before_any_download()
    {
        const string Fresh = "https://tracker.my.com/storage/download/segment/1.1.fresh.csv.gz";
        var (client, stub) = Create(Api(
            poll => poll == 1 ? Fixtures.Success(_time.GetUtcNow().AddMinutes(10), ApiLink) : Fixtures.Success(Later.AddHours(1), Fresh),
            r => Files(r)));
        var operation = await SucceededAsync(client, stub);
        _time.Advance(TimeSpan.FromMinutes(10));

        var files = await operation.DownloadAsync(_directory);

        Assert.Equal(Fresh, files[0].Source.Link.AbsoluteUri);
        Assert.Equal("segment-export-1.001.csv.gz", Path.GetFileName(files[0].Path));
        Assert.DoesNotContain(stub.Requests, r => r.Uri.AbsoluteUri == ApiLink);
        Assert.Equal(Fresh, stub.Requests.Last().Uri.AbsoluteUri);
    }

    [Fact]
    public async Task The_safety_margin_counts_a_link_about_to_expire_as_expired()
    {
        var (client, stub) = Create(Api(
            poll => Fixtures.Success(poll == 1 ? _time.GetUtcNow().AddSeconds(20) : Later, ApiLink),
            r => Files(r)));
        var operation = await SucceededAsync(client, stub);
        await operation.DownloadAsync(_directory);
        Assert.Equal(2, stub.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("get.json", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.Gone)]
    public async Task A_link_refused_as_expired_is_refreshed_once(HttpStatusCode refusal)
    {
        var refusedOnce = false;
        var (client, stub) = Create(Api(
            _ => Fixtures.Success(Later, StorageLink),
            r =>
            {
                if (!refusedOnce)
                {
                    refusedOnce = true;
                    return new HttpResponseMessage(refusal) { Content = new StringContent("<Error>AccessDenied</Error>") };
                }

                return Files(r);
            }));
        var operation = await SucceededAsync(client, stub);

        var files = await operation.DownloadAsync(_directory);

        Assert.Equal(Second, File.ReadAllBytes(files[0].Path));
        Assert.Equal(2, stub.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("get.json", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_link_refused_every_time_is_renewed_until_the_attempts_are_spent_then_fails_with_status_and_a_redacted_url()
    {
        var (client, stub) = Create(Api(_ => Fixtures.Success(Later, StorageLink), _ => new HttpResponseMessage(HttpStatusCode.Gone)));
        var operation = await SucceededAsync(client, stub);

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => operation.DownloadAsync(_directory));

        Assert.Equal(410, error.Status);
        Assert.Contains("refused", error.Reason);
        Assert.DoesNotContain("storage-token", error.Message);
        Assert.Equal(6, stub.Requests.Count(r => r.Uri.Host == "rawdata.hb.bizmrg.com"));

        // One poll to succeed, then one renewal after each refusal but the last.
        Assert.Equal(1 + 5, stub.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("get.json", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Without_a_way_to_refresh_an_expired_link_fails_at_once()
    {
        var (client, stub) = Create(r => Files(r));
        var expired = new ExportFile(new Uri(ApiLink), _time.GetUtcNow().AddMinutes(-1));
        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => client.ExportDownloader.DownloadAsync([expired], _directory, refreshLinks: null, default));
        Assert.Contains("expired", error.Reason);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task A_server_error_on_every_download_is_the_request_failed_exception_after_every_retry()
    {
        var (client, stub) = Create(Api(_ => Fixtures.Success(Later, ApiLink), _ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("<html>oops</html>") }));
        var operation = await SucceededAsync(client, stub);

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => _time.RunAsync(operation.DownloadAsync(_directory)));

        // 6 attempts of the file, each retried 3 times by the request pipeline.
        Assert.Equal(500, error.Status);
        Assert.Equal("<html>oops</html>", error.BodyExcerpt);
        Assert.Equal(24, error.Attempts);
        Assert.Equal(24, stub.Requests.Count(r => r.Uri.AbsoluteUri == ApiLink));
    }

    [Fact]
    public async Task An_answer_no_retry_can_change_fails_the_file_at_once()
    {
        var (client, stub) = Create(Api(_ => Fixtures.Success(Later, ApiLink), _ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("bad") }));
        var operation = await SucceededAsync(client, stub);

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => operation.DownloadAsync(_directory));

        Assert.Equal(400, error.Status);
        Assert.Single(stub.Requests, r => r.Uri.AbsoluteUri == ApiLink);
    }

    [Fact]
    public async Task Cancelling_mid_file_removes_the_partial_file()
    {
        var midway = new TaskCompletionSource();
        var (client, stub) = Create(Api(_ => Fixtures.Success(Later, ApiLink), _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new StallingStream(First[..10], midway)),
        }));
        var operation = await SucceededAsync(client, stub);
        using var cts = new CancellationTokenSource();

        var download = operation.DownloadAsync(_directory, cts.Token);
        await midway.Task;
        Assert.Single(Directory.GetFiles(_directory, "*.partial"));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_given_up_after_the_stall_timeout_on_the_clock_and_fetched_again()
    {
        var stall = new StallOnce(Second);
        var (client, stub) = Create(Api(_ => Fixtures.Success(Later, StorageLink), _ => stall.Respond()), o => o.Retry.Delay = TimeSpan.Zero);
        var operation = await SucceededAsync(client, stub);

        var download = operation.DownloadAsync(_directory);
        await stall.Midway.Task;
        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.False(download.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        // WaitAsync bounds the test itself: without the guard it would fail with a TimeoutException, not hang.
        var files = await download.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Second, File.ReadAllBytes(files[0].Path));
        Assert.Equal(2, stall.Attempts);
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_redirected_download_stays_streamed_so_its_stall_guard_still_works()
    {
        const string Redirected = "https://rawdata.hb.bizmrg.com/segment/moved/1.1.bbb.csv.gz";
        var stall = new StallOnce(First);
        var (client, stub) = Create(
            Api(_ => Fixtures.Success(Later, ApiLink), r => r.RequestUri!.AbsoluteUri == ApiLink ? StubHttpHandler.Redirect(Redirected, HttpStatusCode.TemporaryRedirect) : stall.Respond()),
            o => o.Retry.Delay = TimeSpan.Zero);
        var operation = await SucceededAsync(client, stub);

        // Buffered like an API answer, the stalled body would never reach the guard; streamed, it does.
        var download = operation.DownloadAsync(_directory);
        await stall.Midway.Task;
        _time.Advance(TimeSpan.FromMinutes(2));

        var files = await download.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(First, File.ReadAllBytes(files[0].Path));
        Assert.Equal(2, stall.Attempts);
    }

    [Fact]
    public async Task The_value_of_a_failed_export_cannot_be_downloaded()
    {
        var (client, _) = Create(_ => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Get("200.error-occurred.json")));
        var operation = client.SegmentExports.GetOperation(1);
        await operation.WaitForCompletionAsync();
        var failure = await Assert.ThrowsAsync<ExportFailedException>(() => operation.DownloadAsync(_directory));
        Assert.True(failure.CanBeRequestedAgain);
    }

    [Fact]
    public void Local_names_are_safe_unique_and_positional_when_a_link_has_none()
    {
        var expires = DateTimeOffset.UnixEpoch;
        var names = MyTracker.Client.Downloads.ExportDownloader.LocalNames(
        [
            new(new Uri("https://h/a/..%2F..%2Fetc%2Fpasswd"), expires),
            new(new Uri("https://h/x/1.csv.gz"), expires),
            new(new Uri("https://h/y/1.csv.gz"), expires),
            new(new Uri("https://h/"), expires),
        ]);
        Assert.Equal(["_.._etc_passwd", "1.csv.gz", "part-003-1.csv.gz", "part-004.csv.gz"], names);
        Assert.All(names, n => Assert.Equal(n, Path.GetFileName(n)));
    }
}
