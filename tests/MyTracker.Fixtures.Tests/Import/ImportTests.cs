using System.Text.Json;
using System.Text.Json.Nodes;
using MyTracker.Fixtures.Tests.Support;

namespace MyTracker.Fixtures.Tests.Import;

/// <summary>Documentation pages in, fixture folders out: the seed page and pages written to test one rule each.</summary>
public sealed class ImportTests
{
    private static readonly string SeedFolder = Path.Combine(Repository.Fixtures, "segment-export", "get");

    private static readonly JsonDocumentOptions Tolerant = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    [Fact]
    public void The_seed_page_reproduces_the_repository_fixtures_of_segment_export_get()
    {
        using var temp = new TempDirectory();
        var imported = DocumentationImporter.Read(Repository.Page("segment-export-get.txt"));
        DocumentationImporter.Write(imported, temp.Path);

        var folder = temp["segment-export/get"];
        Assert.Equal(TempDirectory.Files(SeedFolder), TempDirectory.Files(folder));
        foreach (var sample in TempDirectory.Files(SeedFolder).Where(f => f != "endpoint.json"))
        {
            Assert.Equal(Lf(File.ReadAllText(Path.Combine(SeedFolder, sample))), Lf(File.ReadAllText(Path.Combine(folder, sample))));
        }

        AssertEquivalentManifest(Path.Combine(SeedFolder, "endpoint.json"), Path.Combine(folder, "endpoint.json"));
        Assert.Empty(imported.Notes);
        Assert.Equal("line 74: the sample repeats the one at line 34; written once", Assert.Single(imported.Info));
    }

    [Fact]
    public void The_meanings_come_from_the_prose_and_a_status_it_leaves_open_gets_a_note_not_a_guess()
    {
        var imported = DocumentationImporter.Read(Repository.Page("report-export-get.meanings.txt"));

        var manifest = JsonNode.Parse(imported.Files[0].Text)!;
        var meanings = manifest["meanings"]!.AsObject().Select(m => (m.Key, m.Value!.GetValue<string>())).ToList();
        Assert.Equal(
            [("building", "running"), ("interrupted", "failed-repeatable"), ("too-large", "failed-final"), ("withdrawn", "canceled"), ("done", "succeeded")],
            meanings);
        Assert.Null(manifest["meanings"]!["parked"]);
        var note = manifest["notes"]!["200.parked.json"]!.GetValue<string>();
        Assert.Contains("does not say what this status means", note, StringComparison.Ordinal);
        Assert.Contains(imported.Notes, n => n.StartsWith("200.parked.json: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("The Error occurred status means the file will never be created.", "failed-final")]
    [InlineData("With these settings the export cannot be completed; narrow the period.", "failed-final")]
    [InlineData("Repeating the request will not help: the export is too large.", "failed-final")]
    [InlineData("Something went wrong on our side; try again later.", "failed-repeatable")]
    [InlineData("The export stopped, and it may be requested again.", "failed-repeatable")]
    [InlineData("The Queued status: the export waits in the queue for a worker.", "running")]
    [InlineData("The file is being prepared.", "running")]
    [InlineData("The Cancelled status: the export has been cancelled by its owner.", "canceled")]
    [InlineData("The Done status: the files are ready to download.", "succeeded")]
    [InlineData("The Archived status is kept for a week.", null)]
    [InlineData("Do not repeat the request with the same settings.", null)]
    [InlineData("Please don't try again.", null)]
    public void Prose_in_other_words_of_the_documented_style_still_gives_its_meaning_or_none(string lead, string? meaning) =>
        Assert.Equal(meaning, global::MyTracker.Fixtures.Import.ImportMeanings.Of(lead));

    [Fact]
    public void The_raw_export_page_of_the_repository_fixtures_reads_as_their_meanings()
    {
        Assert.Equal("running", global::MyTracker.Fixtures.Import.ImportMeanings.Of("The In progress status shows the progress percentage and the isCancellable position (true if the cancel method is a success)."));
        Assert.Equal("failed-repeatable", global::MyTracker.Fixtures.Import.ImportMeanings.Of("The Error occurred status means that the export is interrupted and you can repeat the request."));
        Assert.Equal("failed-final", global::MyTracker.Fixtures.Import.ImportMeanings.Of("The User error occurred status means that the request under these conditions will never be complete."));
        Assert.Equal("canceled", global::MyTracker.Fixtures.Import.ImportMeanings.Of("The Canceled by user status means that the request was canceled."));
        Assert.Equal("succeeded", global::MyTracker.Fixtures.Import.ImportMeanings.Of("The Success status means that export is complete. You will get the link to the file."));
        Assert.Null(global::MyTracker.Fixtures.Import.ImportMeanings.Of("The Parked status is shown for some reports."));
    }

    [Fact]
    public void A_page_with_the_samples_in_another_order_gives_the_same_files()
    {
        var seed = DocumentationImporter.Read(Repository.Page("segment-export-get.txt"));
        var reordered = DocumentationImporter.Read(Repository.Page("segment-export-get.reordered.txt"));

        Assert.Equal(["endpoint.json", "403.access-denied.json", "404.not-found.json", "200.success.json", "200.in-progress.json", "200.error-occurred.json"], reordered.Files.Select(f => f.FileName));
        Assert.Equal(Texts(seed), Texts(reordered));
        Assert.Equal(JsonNode.Parse(seed.Files[0].Text)!["parameters"]!.ToJsonString(), JsonNode.Parse(reordered.Files[0].Text)!["parameters"]!.ToJsonString());
        Assert.Empty(reordered.Notes);
    }

    [Fact]
    public void A_sample_whose_status_the_page_does_not_state_is_written_with_a_note_and_no_status()
    {
        using var temp = new TempDirectory();
        var imported = DocumentationImporter.Read(Repository.Page("segment-export-get.unstated-status.txt"));
        DocumentationImporter.Write(imported, temp.Path);

        Assert.Equal(["endpoint.json", "200.in-progress.json", "403.access-denied.json", "unclassified.3.json", "unclassified.4.json"], imported.Files.Select(f => f.FileName));

        // Its body says 429, but the prose never does: said, not guessed (and not taken for the 403 before it).
        var tooMany = imported.Files.Single(f => f.FileName == "unclassified.3.json");
        Assert.Equal("the page does not state its HTTP status (its body's code is 429); rename it to <status>.<scenario>.json once you know it", tooMany.Note);
        Assert.Contains("\"code\": 429", tooMany.Text, StringComparison.Ordinal);
        Assert.Equal("the page does not state its HTTP status; rename it to <status>.<scenario>.json once you know it", imported.Files.Single(f => f.FileName == "unclassified.4.json").Note);
        Assert.Equal(
            ["line 26: unclassified.3.json: " + tooMany.Note, "line 32: unclassified.4.json: the page does not state its HTTP status; rename it to <status>.<scenario>.json once you know it"],
            imported.Notes);

        var manifest = JsonNode.Parse(File.ReadAllText(temp["segment-export/get/endpoint.json"]))!;
        Assert.Equal("line 26: " + tooMany.Note, (string?)manifest["notes"]!["unclassified.3.json"]);
        Assert.NotNull(manifest["notes"]!["unclassified.4.json"]);

        // The folder still builds: the generator and the fake ignore the unclassified files (the build warns, MTG0002).
        var api = DocumentedApi.Load(temp.Path);
        Assert.Equal(["in-progress", "access-denied"], api.Endpoints.Single().Scenarios.Select(s => s.Name));
    }

    [Fact]
    public void An_html_page_gives_the_same_files_as_the_text_page()
    {
        var text = DocumentationImporter.Read(Repository.Page("segment-export-get.txt"));
        var html = DocumentationImporter.Read(Repository.Page("segment-export-get.html"));

        Assert.Equal(text.Files.Select(f => f.FileName), html.Files.Select(f => f.FileName));
        Assert.Equal(Texts(text), Texts(html));
        var manifest = JsonNode.Parse(html.Files[0].Text)!;
        var expected = JsonNode.Parse(text.Files[0].Text)!;
        foreach (var member in new[] { "summary", "method", "path", "parameters", "examples" })
        {
            Assert.True(JsonNode.DeepEquals(expected[member], manifest[member]), member + ": " + manifest[member]?.ToJsonString());
        }

        Assert.Contains("https://tracker.my.com/docs/api/export-api/segment/export/get", (string?)manifest["source"], StringComparison.Ordinal);
        Assert.Empty(html.Notes);
    }

    [Fact]
    public void Samples_of_one_status_that_the_prose_does_not_name_are_named_by_the_field_that_tells_them_apart()
    {
        using var temp = new TempDirectory();
        var imported = DocumentationImporter.Read(Repository.Page("raw-export-cancel.txt"));
        DocumentationImporter.Write(imported, temp.Path);

        Assert.Equal("raw-export", imported.Area);
        Assert.Equal("cancel", imported.Endpoint);
        Assert.Equal(
            ["endpoint.json", "200.ok.json", "404.not-found.json", "400.this-raw-export-can-not-be-cancel-its-completed.json", "400.this-raw-export-can-not-be-cancel.json", "403.access-denied.json"],
            imported.Files.Select(f => f.FileName));
        var named = imported.Files.Where(f => f.FileName.StartsWith("400.", StringComparison.Ordinal)).ToList();
        Assert.All(named, f => Assert.StartsWith("the prose does not name its scenario; named after its data.error.detail", f.Note, StringComparison.Ordinal));
        Assert.Equal(2, imported.Notes.Count);

        // The generator agrees: two result cases for the two 400s.
        var api = DocumentedApi.Load(temp.Path);
        Assert.Equal(5, api.Endpoints.Single().Scenarios.Count);
    }

    [Fact]
    public void A_page_with_the_url_and_method_on_separate_lines_and_a_markdown_table_is_read()
    {
        var imported = DocumentationImporter.Read(Repository.Page("raw-export-get.split-request-line.txt"));

        Assert.Equal(("raw-export", "get", "GET", "/api/raw/v1/export/get.json"), (imported.Area, imported.Endpoint, imported.Method, imported.Path));
        Assert.Equal(
            ["endpoint.json", "200.in-progress.json", "200.error-occurred.json", "200.user-error-occurred.json", "200.canceled-by-user.json", "200.success.json", "404.not-found.json"],
            imported.Files.Select(f => f.FileName));
        var manifest = JsonNode.Parse(imported.Files[0].Text)!;
        Assert.Equal("Get information about the state of a request to export raw data.", (string?)manifest["summary"]);
        Assert.Equal(
            """[{"name":"idRawExport","in":"query","type":"integer","required":true,"description":"Unique export identifier."}]""",
            manifest["parameters"]!.ToJsonString());
        Assert.Empty(imported.Notes);
    }

    [Fact]
    public void A_parameter_table_with_wrapped_cells_a_note_column_value_lists_and_ranges_becomes_typed_parameters()
    {
        var imported = DocumentationImporter.Read(Repository.Page("segment-export-create.txt"));

        Assert.Equal(("segment-export", "create", "POST"), (imported.Area, imported.Endpoint, imported.Method));
        Assert.Equal(["endpoint.json", "200.ok.json", "403.access-denied.json"], imported.Files.Select(f => f.FileName));
        var manifest = JsonNode.Parse(imported.Files[0].Text)!;
        Assert.Equal("Start exporting a segment to CSV files.", (string?)manifest["summary"]);
        Assert.Equal(
            """
            [{"name":"idSegment","in":"query","type":"integer","required":true,"description":"The segment to export."},\
            {"name":"requestFields","in":"query","type":"list","required":false,"description":"Columns of the export; empty means all. Which fields exist depends on the segment's audience. For user segments:"},\
            {"name":"includeHeaderLine","in":"query","type":"boolean","required":false,"default":"1","description":"Whether the first file starts with column names."},\
            {"name":"registerType","in":"query","type":"enum","required":false,"default":"0","values":{"0":"KeepAsIs","1":"Original","2":"LowerCase","3":"UpperCase"},"description":"Letter case of identifiers. Only for device segments."},\
            {"name":"maxBatchFileSize","in":"query","type":"integer","required":false,"minimum":10,"maximum":4095,"description":"Split the export into files. Value ranges from 10 to 4 095."}]
            """.Replace("\\\n", string.Empty, StringComparison.Ordinal),
            manifest["parameters"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(["/api/segment/v1/export/create.json?idSegment=1&requestFields=gaid,idfa"], manifest["examples"]!.AsArray().Select(e => (string?)e));
        Assert.Empty(imported.Notes);

        // What the generator makes of it: the enum parameter, the boolean, the range.
        using var temp = new TempDirectory();
        DocumentationImporter.Write(imported, temp.Path);
        Assert.Equal("POST /api/segment/v1/export/create.json?idSegment=1&requestFields=gaid,idfa", Assert.Single(DriftVerifier.DocumentedRequests(DocumentedApi.Load(temp.Path))).ToString());
    }

    [Fact]
    public void A_page_copied_from_a_browser_with_blank_lines_bullets_indented_samples_and_a_table_without_pipes_is_read()
    {
        var imported = DocumentationImporter.Read(Repository.Page("raw-export-get.browser-copy.txt"));

        Assert.Equal(["endpoint.json", "200.in-progress.json", "200.success.json", "404.not-found.json", "403.access-denied.json"], imported.Files.Select(f => f.FileName));
        var manifest = JsonNode.Parse(imported.Files[0].Text)!;
        Assert.Equal("Get information about the state of a raw data export and download its files.", (string?)manifest["summary"]);
        Assert.Equal(
            """[{"name":"idRawExport","in":"query","type":"integer","required":true,"description":"Unique export identifier, received in response to a successfully created request."}]""",
            manifest["parameters"]!.ToJsonString());

        // The list item's indentation is the page's layout, not the sample's: the file starts where the JSON does.
        Assert.Equal("{\n  \"code\": 404,\n  \"message\": \"Not Found\",\n  \"data\": {\n    \"error\": {\n      \"detail\": \"Raw export request not found\"\n    }\n  }\n}\n", imported.Files[3].Text);
        Assert.Empty(imported.Notes);
    }

    [Fact]
    public void A_table_without_pipes_whose_cells_span_blank_lines_is_split_by_the_kind_of_line()
    {
        var imported = DocumentationImporter.Read(Repository.Page("raw-export-create.browser-copy.txt"));

        var parameters = JsonNode.Parse(imported.Files[0].Text)!["parameters"]!.AsArray()
            .Select(p => $"{p!["name"]} {p["type"]} {((bool)p["required"]! ? "required" : "optional")}{(p["default"] is { } d ? " default " + d : string.Empty)}: {p["description"]}");
        Assert.Equal(
            [
                "idApp list optional: The id is in the address of the app's page Only these apps Combined with SDKKey, data matching either filter is exported.",
                "SDKKey list optional: Only these SDK keys.",
                "isVerified integer optional: Only verified payments.",
                "eventNameInvert boolean optional default 0: Exclude the named custom events instead.",
                "event string required: The kind of event.",
            ],
            parameters);
        Assert.Equal(["endpoint.json", "200.ok.json"], imported.Files.Select(f => f.FileName));
    }

    [Fact]
    public void Html_code_blocks_with_br_line_ends_and_entities_keep_their_lines()
    {
        const string page = """
            <html><body><p>Report status.</p><p>GET https://tracker.my.com/api/report/v1/export/get.json</p>
            <p>A 200 status code indicates success.</p>
            <pre><code><span>{</span><br><span>&quot;code&quot;: 200,</span><br/>&#34;message&#34;:&nbsp;&quot;Ok &amp; fine&quot;<br>}</code></pre>
            </body></html>
            """;

        var sample = DocumentationImporter.Parse(page, "report.html").Samples.Single();
        Assert.Equal("200.ok-fine.json", sample.FileName);
        Assert.Equal("{\n\"code\": 200,\n\"message\": \"Ok & fine\"\n}\n", sample.Text);
    }

    [Fact]
    public void Importing_over_existing_files_writes_nothing_without_overwrite()
    {
        using var temp = new TempDirectory();
        var imported = DocumentationImporter.Read(Repository.Page("segment-export-get.txt"));
        DocumentationImporter.Write(imported, temp.Path);
        File.WriteAllText(temp["segment-export/get/200.success.json"], "{\"edited\": true}");

        var error = Assert.Throws<FixturesException>(() => DocumentationImporter.Write(imported, temp.Path));
        Assert.Equal($"{temp["segment-export/get/endpoint.json"]} already exists; nothing was written (pass --force to overwrite)", error.Message);
        Assert.Equal("{\"edited\": true}", File.ReadAllText(temp["segment-export/get/200.success.json"]));

        DocumentationImporter.Write(imported, temp.Path, overwrite: true);
        Assert.StartsWith("{\n\"code\": 200", File.ReadAllText(temp["segment-export/get/200.success.json"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Just prose.\n{\n\"code\": 200\n}\n", "page.txt: no request line found")]
    [InlineData("GET https://tracker.my.com/api/segment/v1/export/get.json\nNo samples here.\n", "page.txt: no JSON sample found")]
    [InlineData("GET https://tracker.my.com/api/get.json\nA 200 status code.\n{\"code\": 200}\n", "page.txt: the path /api/get.json gives no <area>/<endpoint> folder names; pass --area and --endpoint")]
    public void A_page_that_cannot_be_imported_says_why_in_one_line(string page, string expected)
    {
        var error = Assert.Throws<FixturesException>(() => DocumentationImporter.Parse(page, "page.txt"));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_sample_that_is_not_valid_json_is_written_as_documented_with_a_note()
    {
        const string page = "GET https://tracker.my.com/api/report/v1/export/get.json\nA 200 status code indicates success.\n{\n\"code\": 200,\n\"message\": \"Ok\" \"data\": null\n}\n";
        var imported = DocumentationImporter.Parse(page, "page.txt");

        var sample = imported.Samples.Single();
        Assert.Equal("200.ok.json", sample.FileName);
        Assert.Equal("{\n\"code\": 200,\n\"message\": \"Ok\" \"data\": null\n}\n", sample.Text);
        Assert.Equal("the sample is not valid JSON (line 5, column 17: unexpected '\"', ',' or '}' was expected); written as on the page, and the build reports MTG0001 until it is fixed", sample.Note);
    }

    private static void AssertEquivalentManifest(string expectedPath, string actualPath)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(expectedPath), Tolerant);
        var actual = JsonNode.Parse(File.ReadAllText(actualPath))!;
        var documented = JsonNode.Parse(expected.RootElement.GetRawText())!;
        foreach (var member in new[] { "summary", "method", "path", "parameters" })
        {
            Assert.True(JsonNode.DeepEquals(documented[member], actual[member]), $"{member}: expected {documented[member]?.ToJsonString()}, got {actual[member]?.ToJsonString()}");
        }

        Assert.Contains("segment-export-get.txt", (string?)actual["source"], StringComparison.Ordinal);
    }

    private static List<string> Texts(ImportedEndpoint endpoint) =>
        [.. endpoint.Samples.OrderBy(f => f.FileName, StringComparer.Ordinal).Select(f => f.FileName + "\n" + Lf(f.Text))];

    private static string Lf(string text) => text.ReplaceLineEndings("\n");
}
