using BenchmarkDotNet.Attributes;
using MyTracker.Client;
using MyTracker.Fake;

namespace MyTracker.Benchmarks;

/// <summary>
/// Downloads through the client from an in-process fake on loopback, by
/// <see cref="MyTrackerClientOptions.MaxParallelDownloads"/>: an export of 20 files whose every download
/// waits 50 ms before the first byte (the latency parallel downloads hide), and one large file (where
/// parallelism cannot help, so its rows per second must not suffer from it): downloaded, then every row read.
/// Run in process (<c>--inProcess</c>, see the README): on a busy shared machine building the
/// out-of-process boilerplate outlasts BenchmarkDotNet's build timeout.
/// </summary>
[MemoryDiagnoser]
public class DownloadBenchmarks
{
    private const long ManyFiles = 20;
    private const long OneLargeFile = 21;
    private const int LargeFileRows = 400_000;

    private FakeTracker _fake = null!;
    private MyTrackerClient _client = null!;
    private ExportOperation<SegmentExportCreateRequest, SegmentExportGetResult> _many = null!;
    private ExportOperation<SegmentExportCreateRequest, SegmentExportGetResult> _large = null!;
    private string _root = null!;

    [Params(1, 2, 4, 8)]
    public int Parallel { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _fake = await FakeTracker.StartAsync();
        _fake.Given(Export.WithId(ManyFiles).Success(files: 20, rowsPerFile: 1000).WithLinkLifetime(TimeSpan.FromDays(1))
                .WithFault(Fault.Latency(TimeSpan.FromMilliseconds(50)).OnEveryDownload()))
            .Given(Export.WithId(OneLargeFile).Success(files: 1, rowsPerFile: LargeFileRows).WithFields("gaid", "idfa").WithLinkLifetime(TimeSpan.FromDays(1)));
        _client = new MyTrackerClient(new MyTrackerClientOptions
        {
            BaseAddress = _fake.BaseUrl,
            ApiUserId = _fake.DefaultUser.ApiUserId,
            SecretKey = _fake.DefaultUser.Secret,
            MaxParallelDownloads = Parallel,
        });
        _many = _client.SegmentExports.GetOperation(ManyFiles);
        _large = _client.SegmentExports.GetOperation(OneLargeFile);
        await _many.UpdateStatusAsync();
        await _large.UpdateStatusAsync();
        _root = Directory.CreateTempSubdirectory("mytracker-bench-downloads-").FullName;

        // The fake builds each file on its first download; that belongs to no iteration.
        await DownloadTwentyFilesWithLatency();
        await OneLargeFileDownloadedAndRead();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark]
    public async Task<int> DownloadTwentyFilesWithLatency()
    {
        var directory = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        var files = await _many.DownloadAsync(directory);
        Directory.Delete(directory, recursive: true);
        return files.Count;
    }

    /// <summary>Rows per second = <see cref="LargeFileRows"/> / the mean.</summary>
    [Benchmark]
    public async Task<long> OneLargeFileDownloadedAndRead()
    {
        var directory = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        var files = await _large.DownloadAsync(directory);
        long rows = 0;
        await foreach (var _ in ExportCsv.ReadRowsAsync(files.Select(f => f.Path)))
        {
            rows++;
        }

        Directory.Delete(directory, recursive: true);
        return rows;
    }
}
