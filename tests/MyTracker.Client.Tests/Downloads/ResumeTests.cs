using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using MyTracker.Client.Tests.Support;
using static MyTracker.Client.Tests.Support.StorageAnswers;

namespace MyTracker.Client.Tests.Downloads;

/// <summary>
/// A download that breaks off resumes with Range + If-Range where the server allows it, starts over
/// where it does not, and never leaves a partial file under a final name, also when cancelled in the
/// middle of a retry.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private const string Link = "https://rawdata.hb.bizmrg.com/segment/1.1.aaa.csv.gz?X-Amz-Signature=t";
    private static readonly byte[] File1 = TestData.Gzip(string.Concat(Enumerable.Range(0, 3000).Select(i => $"gaid-{i:D6},{i * 7}\n")));

    private readonly VirtualClock _time = new();
    private readonly string _directory = TestData.TempDirectory();
    private readonly ConcurrentQueue<(RangeHeaderValue? Range, string? IfRange)> _downloads = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private DateTimeOffset Later => _time.GetUtcNow().AddHours(1);

    /// <summary>A client whose get.json lists the given links and whose downloads answer through <paramref name="download"/> (call number, request).</summary>
    private MyTrackerClient Create(Func<int, HttpRequestMessage, HttpResponseMessage> download, string[]? links = null, Action<MyTrackerClientOptions>? configure = null)
    {
        var calls = 0;
        var stub = new StubHttpHandler(r =>
        {
            if (r.RequestUri!.AbsolutePath.EndsWith("get.json", StringComparison.Ordinal))
            {
                return StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Success(Later, links ?? [Link]));
            }

            _downloads.Enqueue((r.Headers.Range, r.Headers.IfRange?.ToString()));
            return download(Interlocked.Increment(ref calls), r);
        });
        var options = TestData.Options(_time);
        options.DownloadStallTimeout = Timeout.InfiniteTimeSpan;
        configure?.Invoke(options);
        return new MyTrackerClient(new HttpClient(stub), options);
    }

    private async Task<IReadOnlyList<DownloadedExportFile>> DownloadAsync(MyTrackerClient client)
    {
        var operation = client.SegmentExports.GetOperation(1);
        await operation.UpdateStatusAsync();
        return await _time.RunAsync(operation.DownloadAsync(_directory));
    }

    [Fact]
    public async Task A_transfer_cut_mid_body_resumes_from_where_it_broke_off_with_range_and_if_range()
    {
        using var client = Create((n, r) => Serve(r, File1, breakAfter: n == 1 ? 1000 : n == 2 ? 500 : null));

        var files = await DownloadAsync(client);

        Assert.Equal(File1, File.ReadAllBytes(files[0].Path));
        var seen = _downloads.ToArray();
        Assert.Equal(3, seen.Length);
        Assert.Null(seen[0].Range);
        Assert.Equal("bytes=1000-", seen[1].Range!.ToString());
        Assert.Equal("\"v1\"", seen[1].IfRange);
        Assert.Equal("bytes=1500-", seen[2].Range!.ToString());
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Without_range_support_a_cut_transfer_starts_over()
    {
        using var client = Create((n, r) => Serve(r, File1, ranges: false, breakAfter: n == 1 ? 1000 : null));

        var files = await DownloadAsync(client);

        Assert.Equal(File1, File.ReadAllBytes(files[0].Path));
        Assert.All(_downloads, d => Assert.Null(d.Range));
        Assert.Equal(2, _downloads.Count);
    }

    [Fact]
    public async Task A_file_that_changed_meanwhile_is_sent_whole_through_if_range_and_replaces_what_was_there()
    {
        var changed = TestData.Gzip("other content\n");
        using var client = Create((n, r) => n == 1 ? Serve(r, File1, breakAfter: 1000) : Serve(r, changed, etag: "\"v2\""));

        var files = await DownloadAsync(client);

        Assert.Equal(changed, File.ReadAllBytes(files[0].Path));
        Assert.Equal("bytes=1000-", _downloads.ToArray()[1].Range!.ToString());
    }

    [Fact]
    public async Task A_partial_answer_for_another_range_is_not_spliced_in()
    {
        using var client = Create((n, r) =>
        {
            if (n == 2)
            {
                // Claims to continue at byte 10 though 1000 were asked for.
                var wrong = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = new ByteArrayContent(File1[10..]) };
                wrong.Content.Headers.ContentRange = new ContentRangeHeaderValue(10, File1.Length - 1, File1.Length);
                wrong.Headers.ETag = EntityTagHeaderValue.Parse("\"v1\"");
                return wrong;
            }

            return Serve(r, File1, breakAfter: n == 1 ? 1000 : null);
        });

        var files = await DownloadAsync(client);

        Assert.Equal(File1, File.ReadAllBytes(files[0].Path));
        Assert.Null(_downloads.ToArray()[2].Range);
    }

    [Fact]
    public async Task A_body_shorter_than_its_length_is_resumed_and_416_means_start_over()
    {
        using var client = Create((n, r) => n switch
        {
            // A clean but short body: the length says more was due.
            1 => Short(Serve(r, File1), 2000),
            2 => new HttpResponseMessage(HttpStatusCode.RequestedRangeNotSatisfiable),
            _ => Serve(r, File1),
        });

        var files = await DownloadAsync(client);

        Assert.Equal(File1, File.ReadAllBytes(files[0].Path));
        var seen = _downloads.ToArray();
        Assert.Equal("bytes=2000-", seen[1].Range!.ToString());
        Assert.Null(seen[2].Range);

    }

    [Fact]
    public async Task Cancelling_in_the_middle_of_a_retry_leaves_no_file_under_a_final_name_and_no_partial_file()
    {
        using var client = Create((_, r) => Serve(r, File1, breakAfter: 1000));
        var operation = client.SegmentExports.GetOperation(1);
        await operation.UpdateStatusAsync();
        using var cts = new CancellationTokenSource();

        var download = operation.DownloadAsync(_directory, cts.Token);

        // The first transfer broke off; the download now waits before its next attempt.
        await _time.NextWaitAsync();
        Assert.Single(Directory.GetFiles(_directory, "*.partial"));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        Assert.Empty(Directory.GetFiles(_directory));
        Assert.Single(_downloads);
    }

    [Fact]
    public async Task Downloads_run_in_parallel_up_to_the_limit()
    {
        var release = new TaskCompletionSource();
        var limitReached = new TaskCompletionSource();
        var inFlight = 0;
        var most = 0;
        var links = Enumerable.Range(1, 8).Select(i => $"https://rawdata.hb.bizmrg.com/segment/1.{i}.x.csv.gz").ToArray();
        using var client = Create(
            (_, _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                if (now == 3)
                {
                    limitReached.TrySetResult();
                }

                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new GatedStream(File1, release.Task, () => Interlocked.Decrement(ref inFlight))) };
            },
            links,
            o => o.MaxParallelDownloads = 3);
        var operation = client.SegmentExports.GetOperation(1);
        await operation.UpdateStatusAsync();

        var download = operation.DownloadAsync(_directory);
        await limitReached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, _downloads.Count);
        release.SetResult();
        var files = await download.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(8, files.Count);
        Assert.Equal(3, most);
        Assert.Equal(links, files.Select(f => f.Source.Link.AbsoluteUri));
        Assert.All(files, f => Assert.Equal(File1, File.ReadAllBytes(f.Path)));
    }

    [Fact]
    public async Task A_file_that_fails_for_good_fails_the_job_with_its_name_and_leaves_no_partial_file()
    {
        var links = Enumerable.Range(1, 4).Select(i => $"https://rawdata.hb.bizmrg.com/segment/1.{i}.x.csv.gz?sig=s").ToArray();
        using var client = Create((_, r) => r.RequestUri!.AbsolutePath.Contains("1.3.", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.BadRequest)
            : Serve(r, File1), links);
        var operation = client.SegmentExports.GetOperation(9);
        await operation.UpdateStatusAsync();

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => operation.DownloadAsync(_directory));

        Assert.Equal("segment-export-9.003.csv.gz", error.FileName);
        Assert.Equal(9, error.ExportId);
        Assert.Equal("https://rawdata.hb.bizmrg.com/segment/1.3.x.csv.gz?***", error.RequestUri!.OriginalString);
        Assert.Empty(Directory.GetFiles(_directory, "*.partial"));
        Assert.DoesNotContain(Directory.GetFiles(_directory), p => p.EndsWith("003.csv.gz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_of_several_gzip_members_is_accepted()
    {
        byte[] twoMembers = [.. TestData.Gzip("a,1\n"), .. TestData.Gzip("b,2\n")];
        using var client = Create((_, r) => Serve(r, twoMembers));

        var files = await DownloadAsync(client);

        var rows = new List<string>();
        await foreach (var row in ExportCsv.ReadRowsAsync(files.Select(f => f.Path), firstFileHasHeader: false))
        {
            rows.Add(row.ToString());
        }

        Assert.Equal(["a,1", "b,2"], rows);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rows_read_straight_from_a_link_resume_where_the_transfer_broke_off(bool serverHonoursTheRange)
    {
        using var client = Create((n, r) => n switch
        {
            1 => Serve(r, File1, breakAfter: 1000),

            // A server may send the same file whole instead of the range: the bytes already read are skipped.
            _ when !serverHonoursTheRange => Serve(new HttpRequestMessage(HttpMethod.Get, r.RequestUri), File1),
            _ => Serve(r, File1),
        });
        var operation = client.SegmentExports.GetOperation(1);
        await operation.UpdateStatusAsync();

        var rows = await _time.RunAsync(ToListAsync(operation.ReadRowsAsync(firstFileHasHeader: false)));

        Assert.Equal(3000, rows.Count);
        Assert.Equal(rows, rows.Distinct());
        Assert.Equal("gaid-002999,20993", rows[^1]);
        Assert.Equal("bytes=1000-", _downloads.ToArray()[1].Range!.ToString());
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Rows_read_from_a_server_without_ranges_fail_with_the_one_exception_when_the_transfer_breaks()
    {
        using var client = Create((_, r) => Serve(r, File1, ranges: false, breakAfter: 1000));
        var operation = client.SegmentExports.GetOperation(1);
        await operation.UpdateStatusAsync();

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => ToListAsync(operation.ReadRowsAsync(firstFileHasHeader: false)));

        Assert.Contains("does not support resuming", error.Reason);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal("https://rawdata.hb.bizmrg.com/segment/1.1.aaa.csv.gz?***", error.RequestUri!.OriginalString);
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<ExportRow> rows)
    {
        var list = new List<string>();
        await foreach (var row in rows)
        {
            list.Add(row.ToString());
        }

        return list;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
