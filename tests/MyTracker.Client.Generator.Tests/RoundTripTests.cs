using MyTracker.Fixtures.Model.Inference;
using System.Text;
using System.Text.Json;
using MyTracker.Client.Generator.Tests.Infrastructure;
using MyTracker.Client.Json;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// Every documented sample, read with the types generated into MyTracker.Client and written back:
/// equal in values, strings stay strings, "64%" stays "64%".
/// </summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(TestPaths.FixturesRoot, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path) != "endpoint.json")
            {
                data.Add(Path.GetRelativePath(TestPaths.FixturesRoot, path).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Fact]
    public void All_documented_samples_are_covered()
    {
        // segment-export: 8; raw-export: create 3, get 7, cancel 5; report-file: create 3, get 5.
        Assert.Equal(31, ((IEnumerable<object[]>)Samples()).Count());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_reads_into_its_scenario_case_and_writes_back_equal_json(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.FixturesRoot, relativePath));
        var fileName = Path.GetFileName(relativePath);
        var status = int.Parse(fileName[..3], System.Globalization.CultureInfo.InvariantCulture);
        var scenario = Naming.ToPascalCase(fileName[4..^5], "x");
        var bytes = Encoding.UTF8.GetBytes(text);

        object result = relativePath[..relativePath.LastIndexOf('/')] switch
        {
            "segment-export/get" => SegmentExportGetResult.FromResponse(status, bytes)!,
            "segment-export/create" => SegmentExportCreateResult.FromResponse(status, bytes)!,
            "raw-export/get" => RawExportGetResult.FromResponse(status, bytes)!,
            "raw-export/create" => RawExportCreateResult.FromResponse(status, bytes)!,
            "report-file/create" => ReportFileCreateResult.FromResponse(status, bytes)!,
            "report-file/get" => ReportFileGetResult.FromResponse(status, bytes)!,
            _ => RawExportCancelResult.FromResponse(status, bytes)!,
        };

        Assert.Equal(scenario, result.GetType().Name);
        var written = result switch
        {
            SegmentExportGetResult.InProgress c => c.Response.ToJson(),
            SegmentExportGetResult.ErrorOccurred c => c.Response.ToJson(),
            SegmentExportGetResult.Success c => c.Response.ToJson(),
            SegmentExportGetResult.NotFound c => c.Response.ToJson(),
            SegmentExportGetResult.AccessDenied c => c.Response.ToJson(),
            SegmentExportCreateResult.Created c => c.Response.ToJson(),
            SegmentExportCreateResult.InvalidParameters c => c.Response.ToJson(),
            SegmentExportCreateResult.AccessDenied c => c.Response.ToJson(),
            RawExportGetResult.InProgress c => c.Response.ToJson(),
            RawExportGetResult.ErrorOccurred c => c.Response.ToJson(),
            RawExportGetResult.UserErrorOccurred c => c.Response.ToJson(),
            RawExportGetResult.CanceledByUser c => c.Response.ToJson(),
            RawExportGetResult.Success c => c.Response.ToJson(),
            RawExportGetResult.NotFound c => c.Response.ToJson(),
            RawExportGetResult.AccessDenied c => c.Response.ToJson(),
            RawExportCreateResult.Created c => c.Response.ToJson(),
            RawExportCreateResult.InvalidParameters c => c.Response.ToJson(),
            RawExportCreateResult.AccessDenied c => c.Response.ToJson(),
            RawExportCancelResult.Canceled c => c.Response.ToJson(),
            RawExportCancelResult.Completed c => c.Response.ToJson(),
            RawExportCancelResult.NotCancellable c => c.Response.ToJson(),
            RawExportCancelResult.NotFound c => c.Response.ToJson(),
            RawExportCancelResult.AccessDenied c => c.Response.ToJson(),
            ReportFileCreateResult.Created c => c.Response.ToJson(),
            ReportFileCreateResult.InvalidParameters c => c.Response.ToJson(),
            ReportFileCreateResult.AccessDenied c => c.Response.ToJson(),
            ReportFileGetResult.InProgress c => c.Response.ToJson(),
            ReportFileGetResult.ErrorOccurred c => c.Response.ToJson(),
            ReportFileGetResult.Success c => c.Response.ToJson(),
            ReportFileGetResult.NotFound c => c.Response.ToJson(),
            ReportFileGetResult.AccessDenied c => c.Response.ToJson(),
            _ => throw new InvalidOperationException("Unexpected case " + result),
        };

        Assert.Null(JsonEquality.Difference(text, written));
    }

    [Fact]
    public void In_progress_keeps_the_percent_text_and_the_string_id()
    {
        var response = SegmentExportGetResponse.FromJson(Read("segment-export/get/200.in-progress.json"));

        Assert.Equal(1L, response.Data.IdSegmentExport);
        Assert.Equal(SegmentExportGetStatus.InProgress, response.Data.Status);
        Assert.Equal(64m, response.Data.Progress!.Value.Value);
        Assert.Equal(0.64, response.Data.Progress.Value.Fraction, 10);
        Assert.Null(response.Data.Files);
        Assert.Equal("""{"code":200,"message":"Ok","data":{"idSegmentExport":"1","status":"In progress","progress":"64%"}}""", response.ToJson());
    }

    [Fact]
    public void Success_reads_links_as_uris_and_timestamps_as_unix_seconds_written_back_as_strings()
    {
        var response = SegmentExportGetResponse.FromJson(Read("segment-export/get/200.success.json"));

        var files = response.Data.Files!;
        Assert.Equal(2, files.Count);
        Assert.Equal(new Uri("https://tracker.my.com/storage/download/segment/1.1.c3217d0d061c695550c9cf8a8fa72520.csv.gz"), files[0].Link);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1617197992), files[0].TimestampExpires);
        var json = response.ToJson();
        Assert.Contains("\"timestampExpires\":\"1617197992\"", json, StringComparison.Ordinal);
        Assert.Contains("\"idSegmentExport\":\"1\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undocumented_status_text_gives_the_unknown_case_with_the_raw_body()
    {
        const string body = """{"code":200,"message":"Ok","data":{"idSegmentExport":"5","status":"Queued"}}""";

        var result = SegmentExportGetResult.FromResponse(200, Encoding.UTF8.GetBytes(body));

        var unknown = Assert.IsType<SegmentExportGetResult.Unknown>(result);
        Assert.Equal(200, unknown.StatusCode);
        Assert.Equal(body, unknown.RawBody);
    }

    [Fact]
    public void An_undocumented_status_text_is_kept_in_the_model_and_written_back()
    {
        var response = SegmentExportGetResponse.FromJson("""{"code":200,"message":"Ok","data":{"idSegmentExport":"5","status":"Queued"}}""");

        Assert.Equal(SegmentExportGetStatus.Unknown, response.Data.Status);
        Assert.Equal("Queued", response.Data.StatusText);
        Assert.Contains("\"status\":\"Queued\"", response.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_undocumented_http_status_has_no_case()
    {
        Assert.Null(SegmentExportGetResult.FromResponse(500, Encoding.UTF8.GetBytes("<html>oops</html>")));
        Assert.Null(SegmentExportCreateResult.FromResponse(404, Read("segment-export/get/404.not-found.json")));
    }

    [Theory]
    [InlineData("""{"code":200,"message":"Ok","data":{"idSegmentExport":"1","status":"In progress",""")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("")]
    [InlineData("""{"code":200,"message":"Ok","data":{"idSegmentExport":1,"status":"In progress"}}""")]
    [InlineData("""{"code":200,"message":"Ok","data":{"status":"In progress"}}""")]
    [InlineData("""{"code":200,"message":"Ok","data":{"idSegmentExport":"1","status":"In progress","progress":"lots"}}""")]
    [InlineData("""{"code":200,"message":"Ok","data":{"idSegmentExport":"1","status":"Success!","files":[{"link":"not a url","timestampExpires":"1"}]}}""")]
    [InlineData("""{"code":200,"message":"Ok","data":{"idSegmentExport":"1","status":"Error occurred"}} trailing""")]
    public void A_body_that_is_not_the_documented_json_is_a_json_exception(string body)
    {
        Assert.ThrowsAny<JsonException>(() => SegmentExportGetResult.FromResponse(200, Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Comments_trailing_commas_and_unknown_properties_are_accepted()
    {
        const string body = """
            // a comment
            { "code": 200, "message": "Ok", /* another */ "extra": [1, {"x": 2}],
              "data": { "idSegmentExport": "9", "status": "Error occurred", }, }
            """;

        var result = SegmentExportGetResult.FromResponse(200, Encoding.UTF8.GetBytes(body));

        var error = Assert.IsType<SegmentExportGetResult.ErrorOccurred>(result);
        Assert.Equal(9L, error.Response.Data.IdSegmentExport);
    }

    [Fact]
    public void Percent_round_trips_its_text()
    {
        Assert.Equal("64%", Percent.Parse("64%").ToString());
        Assert.Equal("64.50%", Percent.Parse("64.50%").ToString());
        Assert.Equal(Percent.Parse("64%"), new Percent(64m));
        Assert.False(Percent.TryParse("64", out _));
        Assert.False(Percent.TryParse("%", out _));
    }

    private static byte[] Read(string relativePath) => File.ReadAllBytes(Path.Combine(TestPaths.FixturesRoot, relativePath));
}
