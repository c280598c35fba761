using System.Collections.Concurrent;
using System.Net;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Operations;

/// <summary>The whole job in one call: operation.DownloadAsync and client.ExportSegmentAsync.</summary>
public sealed class ExportJobTests : IDisposable
{
    private static readonly byte[] File1 = TestData.Gzip("gaid\ng-1\n");
    private static readonly byte[] File2 = TestData.Gzip("g-2\n");

    private readonly VirtualClock _time = new();
    private readonly string _directory = TestData.TempDirectory();
    private readonly ConcurrentQueue<string> _requests = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// A fake API: create.json hands out ids from 1; each export polls in progress once, then ends as
    /// <paramref name="ending"/> says for that id; downloads serve two files.
    /// </summary>
    private MyTrackerClient Create(
        Func<long, string>? ending = null, Func<HttpRequestMessage, HttpResponseMessage?>? download = null, int firstId = 1, int parallel = 4)
    {
        var nextId = firstId - 1;
        var polls = new ConcurrentDictionary<long, int>();
        var stub = new StubHttpHandler(r =>
        {
            var path = r.RequestUri!.AbsolutePath;
            _requests.Enqueue($"{r.Method} {path}{r.RequestUri.Query}");
            if (path.EndsWith("create.json", StringComparison.Ordinal))
            {
                var id = Interlocked.Increment(ref nextId);
                return StubHttpHandler.Json(HttpStatusCode.OK, $"{{\"code\":200,\"message\":\"Ok\",\"data\":{{\"idSegmentExport\":\"{id}\"}}}}");
            }

            if (path.EndsWith("get.json", StringComparison.Ordinal))
            {
                var id = long.Parse(r.RequestUri.Query.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (polls.AddOrUpdate(id, 1, (_, n) => n + 1) == 1)
                {
                    return StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Get("200.in-progress.json"));
                }

                return (ending?.Invoke(id) ?? "success") switch
                {
                    "error" => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Get("200.error-occurred.json")),
                    "gone" => StubHttpHandler.Json(HttpStatusCode.NotFound, Fixtures.Get("404.not-found.json")),
                    _ => StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Success(_time.GetUtcNow().AddHours(1),
                        $"https://rawdata.hb.bizmrg.com/segment/{id}.1.x.csv.gz", $"https://rawdata.hb.bizmrg.com/segment/{id}.2.x.csv.gz")),
                };
            }

            return download?.Invoke(r) ?? StubHttpHandler.Bytes(path.Contains(".1.", StringComparison.Ordinal) ? File1 : File2);
        });
        var options = TestData.Options(_time);
        options.MaxParallelDownloads = parallel;
        return new MyTrackerClient(new HttpClient(stub), options);
    }

    private int Count(string prefix) => _requests.Count(r => r.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public async Task Operation_download_waits_then_downloads_every_file_and_reports_progress()
    {
        using var client = Create();
        var operation = client.SegmentExports.GetOperation(5);
        var progress = new RecordingProgress<ExportProgress>();

        var files = await _time.RunAsync(operation.DownloadAsync(_directory, progress));

        Assert.Equal(["segment-export-5.001.csv.gz", "segment-export-5.002.csv.gz"], files.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(File2, File.ReadAllBytes(files[1].Path));
        Assert.Equal(ExportStage.Waiting, progress.Values[0].Stage);
        Assert.Equal(64, progress.Values[0].Percent);
        Assert.Equal(new ExportProgress(5, ExportStage.Downloading, 100, 2, 2), progress.Values[^1]);
        var completed = progress.Values.Where(p => p.Stage == ExportStage.Downloading).Select(p => p.FilesCompleted).ToArray();
        Assert.Equal(completed.Order(), completed);
        Assert.All(progress.Values, p => Assert.Equal(5, p.ExportId));
    }

    [Fact]
    public async Task Operation_download_of_a_failed_export_is_the_typed_failure()
    {
        using var client = Create(_ => "error");
        var failure = await Assert.ThrowsAsync<ExportFailedException>(() => _time.RunAsync(client.SegmentExports.GetOperation(5).DownloadAsync(_directory)));
        Assert.True(failure.CanBeRequestedAgain);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Export_segment_creates_once_waits_downloads_and_remembers_the_export_in_the_folder()
    {
        using var client = Create();
        var request = new SegmentExportCreateRequest { IdSegment = 7, RequestFields = ["gaid"] };

        var result = await _time.RunAsync(client.SegmentExports.ExportAsync(request, _directory));

        Assert.Equal(1, result.ExportId);
        Assert.Equal([File1, File2], result.Files.Select(f => File.ReadAllBytes(f.Path)));
        Assert.Equal(1, Count("POST"));
        var job = File.ReadAllText(Path.Combine(_directory, "segment-export-job.json"));
        Assert.Contains("\"exportId\": 1", job);
        Assert.Contains("\"fileCount\": 2", job);
        Assert.DoesNotContain("rawdata", job);
        Assert.DoesNotContain(TestData.Secret, job);
    }

    [Fact]
    public async Task A_second_call_for_the_same_folder_resumes_the_export_instead_of_creating_another()
    {
        var request = new SegmentExportCreateRequest { IdSegment = 7, RequestFields = ["gaid"] };

        // The first run dies while downloading file 2 (a caller's cancellation stands in for the crash).
        using var cts = new CancellationTokenSource();
        using (var first = Create(download: r => r.RequestUri!.AbsolutePath.Contains(".2.", StringComparison.Ordinal) ? Cancel(cts) : null, parallel: 1))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _time.RunAsync(first.SegmentExports.ExportAsync(request, _directory, cts.Token)));
        }

        Assert.Equal(["segment-export-1.001.csv.gz", "segment-export-job.json"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());

        // A new process: a new client, the same request and folder.
        _requests.Clear();
        using var second = Create();
        var result = await _time.RunAsync(second.SegmentExports.ExportAsync(request, _directory));

        Assert.Equal(1, result.ExportId);
        Assert.Equal(0, Count("POST"));
        Assert.Equal([true, false], result.Files.Select(f => f.Skipped));
        Assert.Equal(1, Count("GET /segment/"));

        static HttpResponseMessage Cancel(CancellationTokenSource cts)
        {
            cts.Cancel();
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }
    }

    [Fact]
    public async Task A_finished_job_called_again_downloads_nothing()
    {
        var request = new SegmentExportCreateRequest { IdSegment = 7 };
        using var client = Create();
        await _time.RunAsync(client.SegmentExports.ExportAsync(request, _directory));
        _requests.Clear();

        var again = await _time.RunAsync(client.SegmentExports.ExportAsync(request, _directory));

        Assert.All(again.Files, f => Assert.True(f.Skipped));
        Assert.Equal(0, Count("POST"));
        Assert.Equal(0, Count("GET /segment/"));
    }

    [Fact]
    public async Task Error_occurred_is_requested_again_up_to_the_limit()
    {
        using var client = Create(id => id < 3 ? "error" : "success");

        var result = await _time.RunAsync(client.SegmentExports.ExportAsync(new SegmentExportCreateRequest { IdSegment = 7 }, _directory));

        Assert.Equal(3, result.ExportId);
        Assert.Equal(3, Count("POST"));
        Assert.Equal(3, Directory.GetFiles(_directory).Length);

        using var failing = Create(_ => "error");
        var failure = await Assert.ThrowsAsync<ExportFailedException>(() =>
            _time.RunAsync(failing.SegmentExports.ExportAsync(new SegmentExportCreateRequest { IdSegment = 7 }, Path.Combine(_directory, "other"))));
        Assert.IsType<ExportOutcome.Failed>(failure.Outcome);
    }

    [Fact]
    public async Task A_remembered_export_gone_from_the_server_is_started_anew_unless_the_folder_already_holds_it_all()
    {
        var request = new SegmentExportCreateRequest { IdSegment = 7 };
        using (var client = Create())
        {
            await _time.RunAsync(client.SegmentExports.ExportAsync(request, _directory));
        }

        _requests.Clear();

        // Complete before: the folder is the result, the server is not asked to export again.
        using (var gone = Create(_ => "gone"))
        {
            var kept = await _time.RunAsync(gone.SegmentExports.ExportAsync(request, _directory));
            Assert.Equal(1, kept.ExportId);
            Assert.All(kept.Files, f => Assert.True(f.Skipped));
            Assert.Equal(0, Count("POST"));
        }

        // Incomplete: a new export is the only way to the files.
        File.Delete(Path.Combine(_directory, "segment-export-1.002.csv.gz"));
        _requests.Clear();
        using var restarted = Create(id => id == 1 ? "gone" : "success", firstId: 2);
        var fresh = await _time.RunAsync(restarted.SegmentExports.ExportAsync(request, _directory));
        Assert.Equal(2, fresh.ExportId);
        Assert.Equal(1, Count("POST"));
        Assert.Equal(["segment-export-2.001.csv.gz", "segment-export-2.002.csv.gz", "segment-export-job.json"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_folder_holding_the_job_of_another_request_is_refused_before_anything_is_sent()
    {
        using var client = Create();
        await _time.RunAsync(client.SegmentExports.ExportAsync(new SegmentExportCreateRequest { IdSegment = 7 }, _directory));
        _requests.Clear();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SegmentExports.ExportAsync(new SegmentExportCreateRequest { IdSegment = 8 }, _directory));

        Assert.Contains("another request", error.Message);
        Assert.Empty(_requests);
    }
}
