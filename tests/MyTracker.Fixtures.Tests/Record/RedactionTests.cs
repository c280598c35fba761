using MyTracker.Fixtures.Tests.Support;

namespace MyTracker.Fixtures.Tests.Record;

/// <summary>What redaction replaces, that it keeps every value's kind, and how its rules are configured.</summary>
public sealed class RedactionTests
{
    [Fact]
    public void Ids_timestamps_and_links_are_replaced_by_values_of_the_same_kind_and_the_rest_is_kept_in_order()
    {
        const string answer = """
            {"code":200,"message":"Ok","data":{"idSegmentExport":"918273","status":"Success!","progress":"64%","userId":77,"export_id":"abc-def",
             "createdAt":"2031-07-09T08:30:00Z","files":[{"link":"http://127.0.0.1:5080/storage/download/segment/918273.2.9f86d081884c7d659a2feaa0c55ad015.csv.gz?auth=1&X-Amz-Signature=deadbeef","timestampExpires":"1943512345","expires":1943512345}]}}
            """;

        var redacted = new Redactor().Redact(answer);

        Assert.Equal(
            """
            {
              "code": 200,
              "message": "Ok",
              "data": {
                "idSegmentExport": "1",
                "status": "Success!",
                "progress": "64%",
                "userId": 1,
                "export_id": "redacted",
                "createdAt": "2021-03-31T13:39:52Z",
                "files": [
                  {
                    "link": "https://download.example/storage/download/segment/1.1.00000000000000000000000000000000.csv.gz?auth=1&X-Amz-Signature=redacted",
                    "timestampExpires": "1617197992",
                    "expires": 1617197992
                  }
                ]
              }
            }

            """.ReplaceLineEndings("\n"),
            redacted);
    }

    [Fact]
    public void Rules_from_a_file_keep_replace_and_move_the_link_host()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["rules.json"], """
            // comments are fine
            { "keep": ["^idApp$"], "replace": { "^email$": "user@example.com" }, "linkHost": "files.example", "idValue": 7, "timestampFields": ["^when$"], }
            """);

        var redacted = new Redactor(RedactionRules.Load(temp["rules.json"])).Redact("""{"idApp":"123","idProfile":"9","email":"a@b.c","when":"1700000000","timestampExpires":"1700000000","url":"https://tracker.my.com/x/55"}""");

        Assert.Equal(
            """{"idApp":"123","idProfile":"7","email":"user@example.com","when":"1617197992","timestampExpires":"1700000000","url":"https://files.example/x/1"}""",
            System.Text.Json.Nodes.JsonNode.Parse(redacted!)!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"idFields": "id"}""", "rules.json: \"idFields\" must be an array of regular expressions, not \"id\"")]
    [InlineData("""{"keep": ["(unclosed"]}""", "rules.json: \"keep\": '(unclosed' is not a regular expression")]
    [InlineData("""{"linkHost": "not a host"}""", "rules.json: \"linkHost\" must be a host name, not \"not a host\"")]
    [InlineData("""{"idValue": -1}""", "rules.json: \"idValue\" must be a non-negative integer, not -1")]
    [InlineData("""{"hosts": []}""", "rules.json: unknown key \"hosts\" (known: idFields, idValue, timestampFields, timestampValue, links, linkHost, keep, replace)")]
    [InlineData("""{"links": }""", "rules.json: not valid JSON (line 1)")]
    public void A_bad_rules_file_is_named_with_its_key_in_one_line(string rules, string expected)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["rules.json"], rules);
        var error = Assert.Throws<FixturesException>(() => RedactionRules.Load(temp["rules.json"]));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_body_that_is_not_json_is_not_redacted_into_anything()
    {
        Assert.Null(new Redactor().Redact("<html>502 Bad Gateway</html>"));
        Assert.Null(new Redactor().Redact(string.Empty));
    }
}
