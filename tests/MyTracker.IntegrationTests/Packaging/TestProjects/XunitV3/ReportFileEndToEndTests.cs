using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using MyTracker.Client;
using MyTracker.Fake.Xunit;
using Xunit;

// A consumer with no fixtures of its own: report files are built into both packages. The workbook is
// opened with nothing but ZipArchive and XML, a reader independent of the library that wrote it.
public sealed class ReportFileEndToEndTests(FakeTrackerFixture tracker)
{
    private static readonly XNamespace Sheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Two date intervals (2 and 3 days) and two apps, grouped by date and app.</summary>
    private static ReportFileCreateRequest Request(ReportFileCreateFileType fileType) => new()
    {
        FileType = fileType,
        Settings = new()
        {
            Filter = new()
            {
                Date = [new(new DateOnly(2024, 1, 30), new DateOnly(2024, 1, 31)), new(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 3))],
                Dimension = new() { IdApp = new() { Value = [11, 22] } },
            },
            Dimensions = ["date", "idApp"],
            Metrics = ["installs", "revenue"],
            Precision = 2,
        },
    };

    [Fact]
    public async Task A_report_for_two_intervals_and_two_apps_is_polled_and_downloaded_as_a_workbook_that_opens()
    {
        using var client = tracker.Fake.CreateClient();
        var folder = Directory.CreateTempSubdirectory("report-file-").FullName;
        try
        {
            var operation = await client.ReportFiles.StartAsync(Request(ReportFileCreateFileType.Xlsx), TestContext.Current.CancellationToken);
            Assert.IsType<ExportOutcome.Succeeded>(await operation.WaitForCompletionAsync(cancellationToken: TestContext.Current.CancellationToken));
            var file = Assert.Single(await operation.DownloadAsync(folder, TestContext.Current.CancellationToken));

            Assert.Equal(ExportFileFormat.Xlsx, file.Format);
            Assert.Equal($"report-file-{operation.Id}.001.xlsx", Path.GetFileName(file.Path));
            Assert.Throws<NotSupportedException>(() => ExportCsv.ReadRowsAsync([file.Path], cancellationToken: TestContext.Current.CancellationToken));
            using var zip = ZipFile.OpenRead(file.Path);
            var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            var rows = XDocument.Load(sheet.Open()).Descendants(Sheet + "row").Select(r => r.Elements(Sheet + "c").ToList()).ToList();
            Assert.Equal(["date", "idApp", "installs", "revenue"], rows[0].Select(c => c.Value));
            Assert.Equal(1 + (5 * 2), rows.Count);
            var first = rows[1];
            Assert.Equal(new DateTime(2024, 1, 30), DateTime.FromOADate(double.Parse(first[0].Value, CultureInfo.InvariantCulture)));
            Assert.Equal(("n", "11"), (first[1].Attribute("t")?.Value, first[1].Value));
            Assert.Equal(["11", "22"], rows.Skip(1).Select(r => r[1].Value).Distinct().Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_same_report_as_csv_downloads_in_one_call_and_its_rows_read_back()
    {
        using var client = tracker.Fake.CreateClient();
        var folder = Directory.CreateTempSubdirectory("report-file-").FullName;
        try
        {
            var result = await client.ReportFiles.ExportAsync(Request(ReportFileCreateFileType.Csv), folder, TestContext.Current.CancellationToken);

            var file = Assert.Single(result.Files);
            Assert.Equal(ExportFileFormat.Csv, file.Format);
            var rows = new List<ExportRow>();
            await foreach (var row in ExportCsv.ReadRowsAsync([file.Path], cancellationToken: TestContext.Current.CancellationToken))
            {
                rows.Add(row);
            }

            Assert.Equal(10, rows.Count);
            Assert.Equal(["date", "idApp", "installs", "revenue"], rows[0].Header);
            Assert.Equal(["2024-01-30", "2024-01-31", "2024-03-01", "2024-03-02", "2024-03-03"], rows.Select(r => r["date"]).Distinct());
            Assert.All(rows, r => Assert.True(long.TryParse(r["installs"], out _), r["installs"]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_date_order_is_refused_before_sending_and_by_the_fake_with_the_documented_400_after()
    {
        using var client = tracker.Fake.CreateClient();
        var backwards = new ReportFileCreateRequest
        {
            Settings = new() { Filter = new() { Date = [new(new DateOnly(2024, 3, 3), new DateOnly(2024, 3, 1))] } },
        };

        var before = await Assert.ThrowsAsync<ArgumentException>(() => client.ReportFiles.StartAsync(backwards, TestContext.Current.CancellationToken));
        Assert.Equal("settings[filter][date][from]", before.ParamName);

        // The same request on the wire, signed by the client's pipeline, without the client's check.
        using var http = client.CreateHttpClient();
        using var after = await http.PostAsync(
            "api/report/v1/file/create.json?settings%5Bfilter%5D%5Bdate%5D%5Bfrom%5D=2024-03-03&settings%5Bfilter%5D%5Bdate%5D%5Bto%5D=2024-03-01",
            content: null,
            TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
        Assert.Equal(400, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("Invalid parameter: settings[filter][date][from]", body.RootElement.GetProperty("data").GetProperty("error").GetProperty("detail").GetString());
    }
}
