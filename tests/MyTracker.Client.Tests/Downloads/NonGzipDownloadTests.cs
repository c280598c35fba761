using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MyTracker.Client.Tests.Support;
using static MyTracker.Client.Tests.Support.StorageAnswers;

namespace MyTracker.Client.Tests.Downloads;

/// <summary>
/// Report files are not gzip: an <c>.xlsx</c> workbook or a plain <c>.csv</c>. They download with the
/// same resume, atomic rename and retries as <c>.csv.gz</c>, verified by length and, for a workbook, as
/// a zip package; their format is the link's extension's (the content type only for a link without one).
/// </summary>
public sealed class NonGzipDownloadTests : IDisposable
{
    private const string XlsxLink = "https://tracker.my.com/storage/download/report/2.8e8defceaf77a773550a8a011fb74b85.xlsx";
    private const string CsvLink = "https://rawdata.hb.bizmrg.com/report/2.aaa.csv?X-Amz-Signature=t";
    private static readonly byte[] Workbook = MakeWorkbook(rows: 400);
    private static readonly byte[] Csv = Encoding.UTF8.GetBytes("date,idApp,installs\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"2024-01-{i % 28 + 1:D2},{i % 2 + 1},{i}\n")));

    private readonly VirtualClock _time = new();
    private readonly string _directory = TestData.TempDirectory();
    private readonly ConcurrentQueue<RangeHeaderValue?> _ranges = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task An_xlsx_cut_mid_body_resumes_with_a_range_and_lands_whole_under_its_positional_xlsx_name()
    {
        using var client = Create((n, r) => Serve(r, Workbook, breakAfter: n == 1 ? Workbook.Length / 2 : null), XlsxLink);

        var files = await DownloadAsync(client, exportId: 2);

        var file = Assert.Single(files);
        Assert.Equal(Path.Combine(_directory, "segment-export-2.001.xlsx"), file.Path);
        Assert.Equal(ExportFileFormat.Xlsx, file.Format);
        Assert.Equal(ExportFileFormat.Xlsx, file.Source.Format);
        Assert.Equal(Workbook, File.ReadAllBytes(file.Path));
        Assert.Equal([null, $"bytes={Workbook.Length / 2}-"], _ranges.Select(r => r?.ToString()));
        Assert.Equal([file.Path], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_truncated_xlsx_whose_length_matches_is_refused_by_its_zip_structure_and_fetched_again()
    {
        // The server announces exactly the bytes it sends, so the length check passes; the central directory is missing.
        using var client = Create((n, r) => n == 1 ? Serve(r, Workbook[..(Workbook.Length - 30)]) : Serve(r, Workbook), XlsxLink);

        var files = await DownloadAsync(client);

        Assert.Equal(Workbook, File.ReadAllBytes(Assert.Single(files).Path));
        Assert.Equal(2, _ranges.Count);
    }

    [Fact]
    public async Task A_workbook_that_stays_corrupt_fails_with_the_one_exception_and_leaves_nothing_under_a_final_name()
    {
        // One byte of a stored (uncompressed) part changed: only the entry's CRC-32 can tell.
        var corrupt = (byte[])Workbook.Clone();
        var at = IndexOf(corrupt, "<sheetData>"u8) + 3;
        corrupt[at] ^= 0x20;
        using var client = Create((_, r) => Serve(r, corrupt, etag: "\"bad\""), XlsxLink, o => o.MaxDownloadAttempts = 2);

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => DownloadAsync(client, exportId: 5));

        Assert.Equal("segment-export-5.001.xlsx", error.FileName);
        Assert.Contains("is not a complete xlsx workbook", error.Reason, StringComparison.Ordinal);
        Assert.Contains("CRC-32", error.Reason, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_zip_that_is_not_a_workbook_is_refused()
    {
        var notAWorkbook = Zip(("readme.txt", "hello"));
        using var client = Create((_, r) => Serve(r, notAWorkbook), XlsxLink, o => o.MaxDownloadAttempts = 1);

        var error = await Assert.ThrowsAsync<MyTrackerRequestFailedException>(() => DownloadAsync(client));

        Assert.Contains("[Content_Types].xml", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_csv_shorter_than_its_length_is_resumed_and_its_rows_read_as_they_are()
    {
        using var client = Create((n, r) => n == 1 ? Short(Serve(r, Csv), 1000) : Serve(r, Csv), CsvLink);

        var files = await DownloadAsync(client, exportId: 3);

        var file = Assert.Single(files);
        Assert.Equal("segment-export-3.001.csv", Path.GetFileName(file.Path));
        Assert.Equal(ExportFileFormat.Csv, file.Format);
        Assert.Equal(Csv, File.ReadAllBytes(file.Path));
        Assert.Equal("bytes=1000-", _ranges.ToArray()[1]!.ToString());
        var rows = await AsyncEnumerable.ToListAsync(ExportCsv.ReadRowsAsync([file.Path]));
        Assert.Equal(2000, rows.Count);
        Assert.Equal(["date", "idApp", "installs"], rows[0].Header);
        Assert.Equal("1999", rows[^1]["installs"]);
    }

    [Fact]
    public async Task A_plain_csv_cut_short_without_range_support_starts_over_and_never_appears_half_written()
    {
        using var client = Create((n, r) => Serve(r, Csv, ranges: false, breakAfter: n == 1 ? 700 : null), CsvLink);

        var files = await DownloadAsync(client);

        Assert.Equal(Csv, File.ReadAllBytes(Assert.Single(files).Path));
        Assert.All(_ranges, r => Assert.Null(r));
        Assert.Empty(Directory.GetFiles(_directory, "*.partial"));
    }

    [Fact]
    public async Task Rows_of_a_plain_csv_stream_straight_from_its_link_and_resume_where_the_transfer_broke_off()
    {
        using var client = Create((n, r) => Serve(r, Csv, breakAfter: n == 1 ? 900 : null), CsvLink);
        var operation = client.SegmentExports.GetOperation(1);
        await operation.UpdateStatusAsync();

        var rows = await _time.RunAsync(AsyncEnumerable.ToListAsync(operation.ReadRowsAsync()).AsTask());

        Assert.Equal(2000, rows.Count);
        Assert.Equal(rows.Select(r => r.ToString()), rows.Select(r => r.ToString()).Distinct());
        Assert.Equal("bytes=900-", _ranges.ToArray()[1]!.ToString());
    }

    [Fact]
    public async Task Reading_csv_rows_of_a_workbook_is_refused_before_any_request_and_names_the_way_to_read_it()
    {
        using var client = Create((_, r) => Serve(r, Workbook), XlsxLink);
        var operation = client.SegmentExports.GetOperation(1);
        await operation.UpdateStatusAsync();
        var local = Path.Combine(_directory, "report.xlsx");
        await File.WriteAllBytesAsync(local, Workbook);

        var streamed = Assert.Throws<NotSupportedException>(() => operation.ReadRowsAsync());
        var fromDisk = Assert.Throws<NotSupportedException>(() => ExportCsv.ReadRowsAsync([local]));

        Assert.Contains("xlsx workbook", streamed.Message, StringComparison.Ordinal);
        Assert.Contains("docs/export-operations.md", fromDisk.Message, StringComparison.Ordinal);
        Assert.Empty(_ranges);
    }

    [Fact]
    public async Task A_link_without_an_extension_is_verified_by_the_content_type_of_its_answer()
    {
        const string bare = "https://rawdata.hb.bizmrg.com/report/2?X-Amz-Signature=t";
        using var client = Create(
            (n, r) => WithType(n == 1 ? Serve(r, Workbook[..(Workbook.Length - 30)]) : Serve(r, Workbook), ExportFileFormatsContentType),
            bare);

        var files = await DownloadAsync(client);

        // Refused once as a cut workbook (as gzip it would have been refused for another reason, with no second look at the zip).
        Assert.Equal(Workbook, File.ReadAllBytes(Assert.Single(files).Path));
        Assert.Equal(2, _ranges.Count);
    }

    [Fact]
    public async Task The_one_call_job_finds_its_finished_xlsx_again_by_position_after_the_export_is_gone()
    {
        var gone = false;
        using var client = Create((_, r) => Serve(r, Workbook), XlsxLink, notFound: () => gone);
        var request = new SegmentExportCreateRequest { IdSegment = 7 };
        var first = await _time.RunAsync(client.SegmentExports.ExportAsync(request, _directory));
        gone = true;

        var again = await _time.RunAsync(client.SegmentExports.ExportAsync(request, _directory));

        Assert.Equal(first.Files.Select(f => f.Path), again.Files.Select(f => f.Path));
        Assert.True(Assert.Single(again.Files).Skipped);
        Assert.EndsWith(".001.xlsx", again.Files[0].Path, StringComparison.Ordinal);
        Assert.Single(_ranges);
    }

    [Fact]
    public async Task Over_real_sockets_a_workbook_whose_connection_closes_mid_body_resumes_with_a_range_and_is_verified()
    {
        var half = Workbook.Length / 2;
        var heads = new ConcurrentQueue<string>();
        await using var storage = new LoopbackHttpServer(head =>
        {
            heads.Enqueue(head);
            var range = System.Text.RegularExpressions.Regex.Match(head, @"(?im)^Range: bytes=(\d+)-");
            var common = $"Accept-Ranges: bytes\r\nETag: \"w1\"\r\nContent-Type: {ExportFileFormatsContentType}\r\nConnection: close\r\n";
            if (!range.Success)
            {
                // The whole length announced, half of it sent, then the connection closes.
                return [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {Workbook.Length}\r\n{common}\r\n"), .. Workbook[..half]];
            }

            var from = int.Parse(range.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return [.. Encoding.ASCII.GetBytes($"HTTP/1.1 206 Partial Content\r\nContent-Length: {Workbook.Length - from}\r\nContent-Range: bytes {from}-{Workbook.Length - 1}/{Workbook.Length}\r\n{common}\r\n"), .. Workbook[from..]];
        });
        var link = new Uri(storage.BaseAddress, "report/2.8e8defceaf77a773550a8a011fb74b85.xlsx?X-Amz-Signature=t").AbsoluteUri;
        await using var api = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(200, "OK", Fixtures.Success(DateTimeOffset.UtcNow.AddHours(1), link)));
        var options = TestData.Options(TimeProvider.System, api.BaseAddress);
        options.Retry = new MyTrackerRetryOptions { Delay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, TotalTimeout = TimeSpan.FromMinutes(1) };
        using var client = new MyTrackerClient(options);
        var operation = client.SegmentExports.GetOperation(2);
        await operation.UpdateStatusAsync();

        var file = Assert.Single(await operation.DownloadAsync(_directory));

        Assert.Equal(Workbook, File.ReadAllBytes(file.Path));
        Assert.Equal("segment-export-2.001.xlsx", Path.GetFileName(file.Path));
        Assert.Equal(2, heads.Count);
        Assert.Contains($"Range: bytes={half}-", heads.ToArray()[1], StringComparison.OrdinalIgnoreCase);
        Assert.Equal([file.Path], Directory.GetFiles(_directory));
    }

    private const string ExportFileFormatsContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private MyTrackerClient Create(Func<int, HttpRequestMessage, HttpResponseMessage> download, string link, Action<MyTrackerClientOptions>? configure = null, Func<bool>? notFound = null)
    {
        var calls = 0;
        var stub = new StubHttpHandler(r =>
        {
            var path = r.RequestUri!.AbsolutePath;
            if (path.EndsWith("create.json", StringComparison.Ordinal))
            {
                return StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Create("200.created.json"));
            }

            if (path.EndsWith("get.json", StringComparison.Ordinal))
            {
                return notFound?.Invoke() == true
                    ? StubHttpHandler.Json(HttpStatusCode.NotFound, Fixtures.Get("404.not-found.json"))
                    : StubHttpHandler.Json(HttpStatusCode.OK, Fixtures.Success(_time.GetUtcNow().AddHours(1), link));
            }

            _ranges.Enqueue(r.Headers.Range);
            return download(Interlocked.Increment(ref calls), r);
        });
        var options = TestData.Options(_time);
        options.DownloadStallTimeout = Timeout.InfiniteTimeSpan;
        configure?.Invoke(options);
        return new MyTrackerClient(new HttpClient(stub), options);
    }

    private async Task<IReadOnlyList<DownloadedExportFile>> DownloadAsync(MyTrackerClient client, long exportId = 1)
    {
        var operation = client.SegmentExports.GetOperation(exportId);
        await operation.UpdateStatusAsync();
        return await _time.RunAsync(operation.DownloadAsync(_directory));
    }

    private static HttpResponseMessage WithType(HttpResponseMessage response, string mediaType)
    {
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return response;
    }

    /// <summary>The parts a workbook package has (what the runtime checks is the zip and these names, not SpreadsheetML), stored uncompressed.</summary>
    private static byte[] MakeWorkbook(int rows)
    {
        var sheet = new StringBuilder("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (var i = 1; i <= rows; i++)
        {
            sheet.Append($"<row r=\"{i}\"><c r=\"A{i}\"><v>{i}</v></c></row>");
        }

        sheet.Append("</sheetData></worksheet>");
        return Zip(
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"),
            ("xl/worksheets/sheet1.xml", sheet.ToString()));
    }

    private static byte[] Zip(params (string Name, string Text)[] parts)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in parts)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
