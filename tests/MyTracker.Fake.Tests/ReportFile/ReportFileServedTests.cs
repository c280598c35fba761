using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MyTracker.Client;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.ReportFile;

/// <summary>
/// The built-in report files served out of the box: create runs the report lifecycle (In progress,
/// then Success! with one file, or Error occurred as a final ending), each report its owner's alone;
/// <c>fileType=xlsx</c> downloads a real workbook that two independent readers open (the Open XML SDK,
/// and plain ZipArchive + XML), with a header row of the requested dimensions and metrics and typed
/// cells; <c>csv</c>, the documented default, downloads plain CSV with the same rows.
/// </summary>
public sealed class ReportFileServedTests
{
    private const string SpreadsheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static string Q(string name, string value) => "&" + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);

    /// <summary>Two intervals (2 + 3 days) and two apps, grouped by date and app, two metrics.</summary>
    private static readonly string TwoIntervalsTwoApps =
        Q("settings[filter][date][0][from]", "2024-01-30") + Q("settings[filter][date][0][to]", "2024-01-31")
        + Q("settings[filter][date][1][from]", "2024-03-01") + Q("settings[filter][date][1][to]", "2024-03-03")
        + Q("settings[filter][dimension][idApp][value][]", "11") + Q("settings[filter][dimension][idApp][value][]", "22")
        + Q("settings[dimensions][]", "date") + Q("settings[dimensions][]", "idApp")
        + Q("settings[metrics][]", "installs") + Q("settings[metrics][]", "revenue")
        + Q("settings[precision]", "2");

    private static string Create(string? fileType) =>
        "api/report/v1/file/create.json?" + (fileType is null ? string.Empty : "fileType=" + fileType) + TwoIntervalsTwoApps;

    private static Task<HttpResponseMessage> Get(HttpClient http, FakeTracker fake, long id, FakeApiUser? user = null) =>
        http.GetSigned(fake, $"api/report/v1/file/get.json?idReportFile={id}", user);

    private static long IdOf(JsonElement body) => long.Parse(body.GetProperty("data").GetProperty("idReportFile").GetString()!, CultureInfo.InvariantCulture);

    /// <summary>Creates a report, polls it to its end and downloads its one file.</summary>
    private static async Task<(Uri Link, HttpResponseMessage Download, byte[] Bytes)> CreatePollDownloadAsync(FakeTracker fake, HttpClient http, string? fileType)
    {
        var created = await http.PostSigned(fake, Create(fileType)).Read();
        Assert.True(created.Status == 200, created.Text);
        var id = IdOf(created.Body);
        var statuses = new List<string>();
        JsonElement last;
        do
        {
            last = (await Get(http, fake, id).Read()).Body;
            statuses.Add(last.Status());
        }
        while (last.Status() == "In progress" && statuses.Count < 10);

        Assert.Equal(["In progress", "In progress", "Success!"], statuses);
        var (link, _) = Assert.Single(last.Files());
        var download = await http.GetAsync(link);
        Assert.Equal(200, (int)download.StatusCode);
        return (link, download, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_xlsx_report_is_a_real_workbook_with_a_header_row_and_typed_cells_that_the_open_xml_sdk_reads()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var (link, download, bytes) = await CreatePollDownloadAsync(fake, http, "xlsx");

        Assert.EndsWith(".xlsx", link.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("/storage/download/report/", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(["date", "idApp", "installs", "revenue"], rows[0].Elements<Cell>().Select(c => c.InlineString!.InnerText));

        // (2 + 3 days) x 2 apps, in request order: each day of each interval, each app.
        Assert.Equal(1 + (5 * 2), rows.Count);
        var dateFormats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var days = new List<DateOnly>();
        foreach (var row in rows.Skip(1))
        {
            var cells = row.Elements<Cell>().ToList();
            Assert.Null(cells[0].DataType);
            Assert.Equal(14u, dateFormats[(int)cells[0].StyleIndex!.Value].NumberFormatId!.Value);
            days.Add(DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(cells[0].CellValue!.Text, CultureInfo.InvariantCulture))));
            Assert.All(cells.Skip(1), c => Assert.Equal(CellValues.Number, c.DataType!.Value));
            Assert.Contains(cells[1].CellValue!.Text, (string[])["11", "22"]);
            Assert.True(long.TryParse(cells[2].CellValue!.Text, out _), cells[2].CellValue!.Text);
            Assert.True(double.TryParse(cells[3].CellValue!.Text, CultureInfo.InvariantCulture, out _), cells[3].CellValue!.Text);
        }

        Assert.Equal(
            [new(2024, 1, 30), new(2024, 1, 30), new(2024, 1, 31), new(2024, 1, 31), new(2024, 3, 1), new(2024, 3, 1), new(2024, 3, 2), new(2024, 3, 2), new(2024, 3, 3), new(2024, 3, 3)],
            days);
    }

    [Fact]
    public async Task The_same_workbook_opens_with_nothing_but_zip_and_xml_and_a_range_resumes_it_byte_for_byte()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);
        var (link, download, bytes) = await CreatePollDownloadAsync(fake, http, "xlsx");

        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        var workbookXml = XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
        Assert.Equal("Report", workbookXml.Descendants(XName.Get("sheet", SpreadsheetNs)).Single().Attribute("name")!.Value);
        var sheetEntry = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        var sheetRows = XDocument.Load(sheetEntry.Open()).Descendants(XName.Get("row", SpreadsheetNs)).ToList();
        var header = sheetRows[0].Elements(XName.Get("c", SpreadsheetNs)).Select(c => (c.Attribute("t")?.Value, c.Value)).ToList();
        Assert.Equal([("inlineStr", "date"), ("inlineStr", "idApp"), ("inlineStr", "installs"), ("inlineStr", "revenue")], header);
        Assert.Equal("n", sheetRows[1].Elements(XName.Get("c", SpreadsheetNs)).ElementAt(1).Attribute("t")!.Value);

        // The file resumes as every export file does: Range + If-Range on its strong ETag.
        var from = bytes.Length / 2;
        using var ranged = new HttpRequestMessage(HttpMethod.Get, link);
        ranged.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(from, null);
        ranged.Headers.IfRange = new System.Net.Http.Headers.RangeConditionHeaderValue(download.Headers.ETag!);
        using var rest = await http.SendAsync(ranged);
        Assert.Equal(206, (int)rest.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", rest.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes[from..], await rest.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Without_a_file_type_the_report_is_plain_csv_with_the_same_columns_and_rows()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var (link, download, bytes) = await CreatePollDownloadAsync(fake, http, fileType: null);

        Assert.EndsWith(".csv", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,idApp,installs,revenue", lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.StartsWith("2024-01-30,11,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2024-03-03,22,", lines[^1], StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d{2}$", lines[1].Split(',')[3]);
    }

    [Fact]
    public async Task A_csv_request_of_the_same_report_has_the_rows_the_workbook_has()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);
        var created = await http.PostSigned(fake, Create("xlsx")).Read();
        var id = IdOf(created.Body);

        // The expected CSV of a workbook report is its cells' text: what a reader of the workbook sees.
        var expected = fake.GetExpectedCsv(id, 1, area: "report-file").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("date,idApp,installs,revenue", expected[0]);
        Assert.Equal(11, expected.Length);
    }

    [Fact]
    public async Task Error_occurred_is_a_final_ending_of_a_report_as_its_documentation_says()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(2).In("report-file").InProgress(40).ThenError());
        using var client = fake.CreateClient();
        var operation = client.ReportFiles.GetOperation(2);

        Assert.Equal(ExportStatus.InProgress, await operation.UpdateStatusAsync());
        await operation.UpdateStatusAsync();

        var failed = Assert.IsType<ExportOutcome.Failed>(operation.Outcome);
        Assert.False(failed.CanBeRequestedAgain);
        Assert.Equal("Error occurred", operation.RawStatus);
    }

    [Fact]
    public async Task Another_users_report_cannot_be_seen_or_downloaded()
    {
        var other = new FakeApiUser("20002", "other-secret-key-0000000000000000");
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Users = [FakeApiUser.Default, other] });
        fake.Given(Export.WithId(2).In("report-file").Success().WithFileFormat(ExportFileFormat.Xlsx));
        using var http = Wire.Client(fake);

        var theirs = await Get(http, fake, 2, other).Read();
        var mine = await Get(http, fake, 2).Read();
        var link = Assert.Single(mine.Body.Files()).Link;
        var foreignDownload = await http.GetSigned(fake, link.PathAndQuery.TrimStart('/') + "?auth=1", other);

        Assert.Equal((404, "File Report request not found"), (theirs.Status, theirs.Body.Detail()));
        Assert.EndsWith(".xlsx", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(403, (int)foreignDownload.StatusCode);
    }

    [Fact]
    public async Task A_report_set_up_without_a_request_is_one_workbook_of_days_with_the_default_columns()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(3).In("report-file").Success(rowsPerFile: 7).WithFileFormat(ExportFileFormat.Xlsx));
        using var http = Wire.Client(fake);

        var done = await Get(http, fake, 3).Read();
        var bytes = await http.GetByteArrayAsync(Assert.Single(done.Body.Files()).Link);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(8, rows.Count);
        Assert.Equal(["date", "installs"], rows[0].Elements<Cell>().Select(c => c.InlineString!.InnerText));
        Assert.Equal(new DateTime(2024, 1, 7), DateTime.FromOADate(double.Parse(rows[^1].Elements<Cell>().First().CellValue!.Text, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_documented_success_sample_lists_an_xlsx_that_the_fake_serves_as_a_workbook()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);
        using var request = Wire.Signed(HttpMethod.Get, new Uri(fake.BaseUrl, "api/report/v1/file/get.json?idReportFile=2"), fake.DefaultUser);
        request.Headers.Add("X-Fake-Scenario", "success");

        var sample = await http.SendAsync(request).Read();
        var link = Assert.Single(sample.Body.Files()).Link;
        using var download = await http.GetAsync(link);
        var bytes = await download.Content.ReadAsByteArrayAsync();

        Assert.EndsWith("/report/2.8e8defceaf77a773550a8a011fb74b85.xlsx", link.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(101, rows.Count);
        Assert.Equal(CellValues.Number, rows[1].Elements<Cell>().First().DataType!.Value);
    }

    [Fact]
    public async Task A_workbook_cut_short_without_a_length_is_refused_by_the_clients_zip_check_and_fetched_again()
    {
        // Chunked and ending cleanly, half the bytes: no length to compare, only the zip structure tells.
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(4).In("report-file").Success().WithFileFormat(ExportFileFormat.Xlsx).WithFault(Fault.TruncatedGzip(0.5).OnDownload(attempt: 1)));
        using var client = fake.CreateClient();
        var folder = Directory.CreateTempSubdirectory("report-file-").FullName;
        try
        {
            var file = Assert.Single(await client.ReportFiles.GetOperation(4).DownloadAsync(folder));

            using var document = SpreadsheetDocument.Open(file.Path, isEditable: false);
            Assert.NotEmpty(document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>());
            Assert.Equal(2, fake.Journal.Entries.Count(e => e.Target.EndsWith(".xlsx", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
