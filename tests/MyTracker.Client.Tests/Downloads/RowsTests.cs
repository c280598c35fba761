using System.IO.Compression;
using System.Net;
using System.Text;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Downloads;

public sealed class RowsTests : IDisposable
{
    private readonly string _directory = TestData.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task The_header_comes_from_the_first_file_and_rows_from_all_files_in_order()
    {
        var a = Write("a.csv.gz", TestData.Gzip("gaid,idfa\ng-1,i-1\n\"g,2\",\"i \"\"2\"\"\"\n"));
        var b = Write("b.csv.gz", TestData.Gzip("g-3,i-3\r\ng-4,i-4"));

        var rows = await AsyncEnumerable.ToListAsync(ExportCsv.ReadRowsAsync([a, b]));

        Assert.Equal(["gaid", "idfa"], rows[0].Header);
        Assert.Equal([["g-1", "i-1"], ["g,2", "i \"2\""], ["g-3", "i-3"], ["g-4", "i-4"]], rows.Select(r => r.Values.ToArray()));
        Assert.Equal([0, 0, 1, 1], rows.Select(r => r.FileIndex));
        Assert.Equal("i-3", rows[2]["idfa"]);
        Assert.Throws<KeyNotFoundException>(() => rows[2]["oaid"]);
    }

    [Fact]
    public async Task Without_a_header_line_the_first_line_is_data()
    {
        var a = Write("a.csv.gz", TestData.Gzip("g-1\ng-2\n"));
        var rows = await AsyncEnumerable.ToListAsync(ExportCsv.ReadRowsAsync([a], firstFileHasHeader: false));
        Assert.Equal(["g-1", "g-2"], rows.Select(r => r[0]));
        Assert.Empty(rows[0].Header);
    }

    [Fact]
    public async Task A_header_repeated_at_the_top_of_a_later_file_is_not_data()
    {
        var a = Write("a.csv.gz", TestData.Gzip("gaid\ng-1\n"));
        var b = Write("b.csv.gz", TestData.Gzip("gaid\ng-2\n"));
        var rows = await AsyncEnumerable.ToListAsync(ExportCsv.ReadRowsAsync([a, b]));
        Assert.Equal(["g-1", "g-2"], rows.Select(r => r[0]));
    }

    [Fact]
    public async Task A_truncated_file_ends_the_enumeration_with_an_error_not_with_fewer_rows()
    {
        var full = TestData.Gzip("gaid\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"g-{i}\n")));
        var a = Write("a.csv.gz", full[..(full.Length * 2 / 3)]);
        await Assert.ThrowsAsync<InvalidDataException>(() => AsyncEnumerable.ToListAsync(ExportCsv.ReadRowsAsync([a])).AsTask());
    }

    [Fact]
    public async Task Files_are_opened_one_at_a_time_and_closed_before_the_next()
    {
        var open = 0;
        var maxOpen = 0;
        var sources = Enumerable.Range(0, 3).Select(i => (Func<CancellationToken, Task<Stream>>)(_ =>
        {
            maxOpen = Math.Max(maxOpen, ++open);
            return Task.FromResult<Stream>(new OnDispose(TestData.Gzip($"v-{i}\n"), () => open--));
        }));

        var rows = await AsyncEnumerable.ToListAsync(ExportCsv.ReadRowsAsync(sources, firstFileHasHeader: false));

        Assert.Equal(["v-0", "v-1", "v-2"], rows.Select(r => r[0]));
        Assert.Equal(1, maxOpen);
        Assert.Equal(0, open);
    }

    [Fact]
    public async Task Cancelling_stops_the_enumeration_between_rows_and_while_opening_a_file()
    {
        var a = Write("a.csv.gz", TestData.Gzip("gaid\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"g-{i}\n"))));
        using var cts = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var row in ExportCsv.ReadRowsAsync([a], cancellationToken: cts.Token))
            {
                if (++read == 10)
                {
                    cts.Cancel();
                }
            }
        });
        Assert.Equal(10, read);

        var opened = false;
        Func<CancellationToken, Task<Stream>> open = ct =>
        {
            opened = true;
            ct.ThrowIfCancellationRequested();
            return Task.FromResult<Stream>(new MemoryStream());
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AsyncEnumerable.ToListAsync(ExportCsv.ReadRowsAsync([open], cancellationToken: new CancellationToken(true))).AsTask());
        Assert.True(opened);
    }

    [Fact]
    public async Task Memory_stays_flat_while_a_large_export_streams_through()
    {
        // ~37 MB of CSV produced on the fly and compressed on the fly: nothing of that size is ever held.
        const int Rows = 1_000_000;
        var source = (Func<CancellationToken, Task<Stream>>)(_ => Task.FromResult<Stream>(GeneratedGzip(Rows)));
        long count = 0;
        long peakGrowth = 0;
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        await foreach (var row in ExportCsv.ReadRowsAsync([source], firstFileHasHeader: false))
        {
            if (++count % 250_000 == 0)
            {
                peakGrowth = Math.Max(peakGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.Equal(Rows, count);
        Assert.True(peakGrowth < 8 * 1024 * 1024, $"Retained memory grew by {peakGrowth} bytes while streaming.");
    }

    [Fact]
    public async Task Rows_stream_straight_from_the_links_of_an_operation()
    {
        var time = new VirtualClock();
        var expires = time.GetUtcNow().AddHours(1);
        var stub = new StubHttpHandler(r => r.RequestUri!.AbsolutePath.EndsWith("get.json", StringComparison.Ordinal)
            ? StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Success(expires, "https://tracker.my.com/s/1.csv.gz", "https://rawdata.hb.bizmrg.com/s/2.csv.gz"))
            : StubHttpHandler.Bytes(r.RequestUri.AbsolutePath.EndsWith("1.csv.gz", StringComparison.Ordinal) ? TestData.Gzip("gaid\ng-1\n") : TestData.Gzip("g-2\n")));
        using var client = new MyTrackerClient(new HttpClient(stub), TestData.Options(time));
        var operation = client.SegmentExports.GetOperation(1);
        await operation.WaitForCompletionAsync();

        var rows = await AsyncEnumerable.ToListAsync(operation.ReadRowsAsync());

        Assert.Equal(["g-1", "g-2"], rows.Select(r => r["gaid"]));
        Assert.Null(stub.Requests.Single(r => r.Uri.Host == "rawdata.hb.bizmrg.com").Authorization);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Rows_from_an_expired_link_come_from_a_fresh_one()
    {
        var time = new VirtualClock();
        var polls = 0;
        var stub = new StubHttpHandler(r => r.RequestUri!.AbsolutePath.EndsWith("get.json", StringComparison.Ordinal)
            ? StubHttpHandler.Json(HttpStatusCode.OK, ++polls == 1
                ? Fixtures.Success(time.GetUtcNow().AddMinutes(5), "https://tracker.my.com/s/old.csv.gz")
                : Fixtures.Success(time.GetUtcNow().AddHours(1), "https://tracker.my.com/s/new.csv.gz"))
            : r.RequestUri.AbsolutePath.EndsWith("new.csv.gz", StringComparison.Ordinal)
                ? StubHttpHandler.Bytes(TestData.Gzip("gaid\ng-1\n"))
                : new HttpResponseMessage(HttpStatusCode.Gone));
        using var client = new MyTrackerClient(new HttpClient(stub), TestData.Options(time));
        var operation = client.SegmentExports.GetOperation(1);
        await operation.WaitForCompletionAsync();
        time.Advance(TimeSpan.FromMinutes(5));

        var rows = await AsyncEnumerable.ToListAsync(operation.ReadRowsAsync());

        Assert.Equal("g-1", Assert.Single(rows)["gaid"]);
        Assert.DoesNotContain(stub.Requests, r => r.Uri.AbsolutePath.EndsWith("old.csv.gz", StringComparison.Ordinal));
        Assert.Equal("https://tracker.my.com/s/new.csv.gz", Assert.Single(operation.Value).Link.AbsoluteUri);
    }

    private static Stream GeneratedGzip(int rows)
    {
        // A pipe: a producer compresses rows as the reader pulls them.
        var pipe = new System.IO.Pipelines.Pipe();
        _ = Task.Run(async () =>
        {
            await using var gzip = new GZipStream(pipe.Writer.AsStream(), CompressionLevel.Fastest);
            var batch = new StringBuilder();
            for (var i = 0; i < rows; i++)
            {
                batch.Append(i.ToString("x8")).Append("-1234-5678-9abc-def012345678\n");
                if (batch.Length > 64 * 1024 || i == rows - 1)
                {
                    await gzip.WriteAsync(Encoding.ASCII.GetBytes(batch.ToString()));
                    batch.Clear();
                }
            }
        });
        return pipe.Reader.AsStream();
    }

    private sealed class OnDispose(byte[] data, Action disposed) : MemoryStream(data)
    {
        private bool _done;

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_done)
            {
                _done = true;
                disposed();
            }

            base.Dispose(disposing);
        }
    }
}
