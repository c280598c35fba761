using MyTracker.Fixtures.Tests.Support;

namespace MyTracker.Fixtures.Tests.Verify;

/// <summary>DocumentedApi.Check on single answers: by type as the generated client reads them, never by value.</summary>
public sealed class CheckTests
{
    private const string Get = "/api/segment/v1/export/get.json";

    private static readonly DocumentedApi Api = DocumentedApi.Load(Repository.Fixtures);

    [Fact]
    public void Other_ids_timestamps_links_and_percentages_are_not_drift()
    {
        const string body = """
            {"code":200,"message":"Ok","data":{"idSegmentExport":"918273","status":"Success!","files":[
              {"link":"https://rawdata.hb.bizmrg.com/segment/2031.07.09/918273.4.0123456789abcdef0123456789abcdef.csv.gz","timestampExpires":"1943512345"}]}}
            """;
        Assert.Empty(Api.Check("GET", Get, 200, body));
        Assert.Empty(Api.Check("GET", Get + "?idSegmentExport=918273", 200, """{"code":200,"message":"Ok","data":{"idSegmentExport":"5","status":"In progress","progress":"99.5%"}}"""));
    }

    [Fact]
    public void A_field_missing_from_some_samples_may_be_missing_and_a_field_documented_as_null_may_hold_anything()
    {
        Assert.Empty(Api.Check("GET", Get, 200, """{"code":200,"message":"Ok","data":{"idSegmentExport":"5","status":"Error occurred"}}"""));
        Assert.Empty(Api.Check("GET", Get, 403, """{"code":403,"message":"Access denied","data":{"reason":"token"}}"""));
    }

    [Theory]
    [InlineData("""{"code":200,"message":null,"data":{"idSegmentExport":"5","status":"Error occurred"}}""", "type-changed segment-export/get 200 message: documented as a string, received null")]
    [InlineData("""{"code":2147483648,"message":"Ok","data":{"idSegmentExport":"5","status":"Error occurred"}}""", "type-changed segment-export/get 200 code: documented as an integer (int), received an integer too large for int")]
    [InlineData("""{"code":200,"message":"Ok","data":{"idSegmentExport":"5","status":"In progress","progress":0.64}}""", "type-changed segment-export/get 200 data.progress: documented as a percentage string or null, received a number with a fraction")]
    [InlineData("""{"code":200,"message":"Ok","data":{"idSegmentExport":"5","status":"Success!","files":[{"link":"/relative.csv.gz","timestampExpires":"1"}]}}""", "type-changed segment-export/get 200 data.files[].link: documented as an absolute URL, received a string")]
    [InlineData("""{"code":200,"message":"Ok","data":{"idSegmentExport":"5","status":"Success!","files":[{"link":"https://x.example/a","timestampExpires":"1","size":"12"}]}}""", "new-field segment-export/get 200 data.files[].size: not in the fixtures, received an integer string")]
    [InlineData("""{"code":404,"message":"Not Found","data":{"error":{}}}""", "missing-field segment-export/get 404 data.error.detail: missing, though every sample has it (a string)")]
    [InlineData("""<html>502</html>""", "not-json segment-export/get 200 $: documented as an object, received no JSON (unexpected '<', a value was expected)")]
    [InlineData("""["code", 200]""", "type-changed segment-export/get 200 $: documented as an object, received an array")]
    public void A_value_the_generated_client_would_read_differently_is_drift(string body, string expected)
    {
        var status = body.Contains("404", StringComparison.Ordinal) ? 404 : 200;
        Assert.Equal(expected, Assert.Single(Api.Check("GET", Get, status, body)).ToString());
    }

    [Fact]
    public void A_thousand_items_with_the_same_new_field_are_one_drift()
    {
        var files = string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"link":"https://x.example/{{i}}","timestampExpires":"1","size":"{{i}}"}"""));
        var drift = Api.Check("GET", Get, 200, """{"code":200,"message":"Ok","data":{"idSegmentExport":"5","status":"Success!","files":[""" + files + "]}}");
        Assert.Equal("data.files[].size", Assert.Single(drift).Path);
    }

    [Fact]
    public void A_request_no_fixture_documents_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Api.Check("DELETE", Get, 200, "{}"));
        Assert.StartsWith($"No fixture folder of {Repository.Fixtures} documents DELETE {Get}.", error.Message, StringComparison.Ordinal);
        Assert.Equal("get", Api.Find("GET", Get + "?idSegmentExport=1")!.Name);
        Assert.Null(Api.Find("GET", "/api/segment/v1/export/get.json/extra"));
    }
}
