using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MyTracker.Fake.Tests.Support;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fake.Tests.Generic;

/// <summary>
/// Export families of shapes the README's recognition rules accept, each of which the fake read
/// differently from the generator before it rendered by the fixture model (issue 20): the id as a path
/// segment, a decimal percent, a numeric progress under a scenario name that says nothing, a failure
/// and a status field the old rules picked otherwise, and folders the build rejects. Each test failed
/// before: the family got no lifecycle (every poll answered the first sample in name order), or its
/// progress stayed frozen, or the wrong sample or text was picked, or the folder was served.
/// </summary>
public sealed class ModelFamilyShapesTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-01T10:00:00Z", CultureInfo.InvariantCulture));

    /// <summary>A family: start.json answers the id; state answers running (with <paramref name="progress"/>), done (files), broken.</summary>
    private static Dictionary<string, string> Family(string statusPath = "/api/x/v1/state.json", string idIn = "query", string progress = "\"progress\": \"40%\"", string running = "running") => new()
    {
        ["x-export/start/endpoint.json"] = """
            { "method": "POST", "path": "/api/x/v1/start.json",
              "parameters": [ { "name": "idThing", "in": "query", "type": "integer", "required": true } ] }
            """,
        ["x-export/start/200.started.json"] = """{ "code": 200, "message": "Ok", "data": { "idXExport": "9" } }""",
        ["x-export/state/endpoint.json"] = $$"""
            { "method": "GET", "path": "{{statusPath}}",
              "parameters": [ { "name": "idXExport", "in": "{{idIn}}", "type": "integer", "required": true } ] }
            """,
        [$"x-export/state/200.{running}.json"] = $$"""{ "code": 200, "message": "Ok", "data": { "idXExport": "9", "status": "running", {{progress}} } }""",
        ["x-export/state/200.done.json"] = """
            { "code": 200, "message": "Ok", "data": { "idXExport": "9", "status": "done",
              "files": [ { "link": "https://cdn.example.net/x/9.1.csv.gz", "timestampExpires": "1617197992" } ] } }
            """,
        ["x-export/state/200.broken.json"] = """{ "code": 200, "message": "Ok", "data": { "idXExport": "9", "status": "broken" } }""",
        ["x-export/state/404.not-found.json"] = """{ "code": 404, "message": "Not Found", "data": { "error": { "detail": "No such export" } } }""",
    };

    [Fact]
    public async Task A_status_id_in_the_path_gets_a_lifecycle()
    {
        using var folder = new FixtureFolder(Family(statusPath: "/api/x/v1/exports/{idXExport}.json", idIn: "path"));
        var answers = await RunAsync(folder, id => $"api/x/v1/exports/{id}.json");

        Assert.Equal("done", answers[^1].Body.Status());
        Assert.Contains(answers, a => a.Body.Status() == "running");
    }

    [Fact]
    public async Task A_decimal_percent_is_a_percentage_the_fake_moves()
    {
        using var folder = new FixtureFolder(Family(progress: "\"progress\": \"35.5%\""));
        var answers = await RunAsync(folder, id => $"api/x/v1/state.json?idXExport={id}");

        var running = answers.Where(a => a.Body.Status() == "running").Select(a => a.Body.GetProperty("data").GetProperty("progress").GetString()).ToList();
        Assert.Equal(["10%", "64%"], running);
        Assert.Equal("done", answers[^1].Body.Status());
    }

    [Fact]
    public async Task A_numeric_progress_under_a_scenario_name_that_says_nothing_is_the_running_case_and_stays_a_number()
    {
        using var folder = new FixtureFolder(Family(progress: "\"progress\": 35", running: "partial"));
        var answers = await RunAsync(folder, id => $"api/x/v1/state.json?idXExport={id}");

        var running = answers.Where(a => a.Body.Status() == "running").Select(a => a.Body.GetProperty("data").GetProperty("progress")).ToList();
        Assert.Equal([JsonValueKind.Number, JsonValueKind.Number], running.Select(p => p.ValueKind));
        Assert.Equal([10, 64], running.Select(p => p.GetInt32()));
        Assert.Equal("done", answers[^1].Body.Status());
    }

    [Fact]
    public async Task The_failure_is_a_case_the_model_reads_as_failed_not_a_running_one_whose_name_says_fail()
    {
        // "failover-waiting" runs too (its name says waiting), "broken" failed: the old rule took the name with "fail".
        var files = Family();
        files["x-export/state/200.failover-waiting.json"] = """{ "code": 200, "message": "Ok", "data": { "idXExport": "9", "status": "waiting" } }""";
        using var folder = new FixtureFolder(files);
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = folder.Path, TimeProvider = _clock });
        fake.Given(Export.WithId(8).In("x-export").ErrorOccurred());
        using var http = Wire.Client(fake);

        var answer = await http.GetSigned(fake, "api/x/v1/state.json?idXExport=8").Read();

        Assert.Equal("broken", answer.Body.Status());
        Assert.Equal(new ExportStatusTexts("running", "done", "broken"), fake.ExportFamilies.Single().StatusTexts);
    }

    [Fact]
    public async Task The_status_texts_are_read_at_the_models_discriminator()
    {
        // Two strings differ in every status sample at the same depth: the model prefers the status-like name
        // ("state"); the old rule took the first in document order ("note").
        var files = Family();
        foreach (var (scenario, note) in new[] { ("running", "a"), ("done", "b"), ("broken", "c") })
        {
            var key = $"x-export/state/200.{scenario}.json";
            files[key] = files[key].Replace("\"status\":", $"\"note\": \"{note}\", \"state\":", StringComparison.Ordinal);
        }

        using var folder = new FixtureFolder(files);
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = folder.Path, TimeProvider = _clock });

        Assert.Equal(new ExportStatusTexts("running", "done", "broken"), fake.ExportFamilies.Single().StatusTexts);
    }

    [Theory]
    [InlineData("x-export/state/201.done.json", "{ \"code\": 201 }", FixtureDiagnosticIds.DuplicateScenario)]
    [InlineData("x-export/state/200.extra.json", "{ \"code\": 200,\n  \"data\": { ] }", FixtureDiagnosticIds.InvalidJson)]
    public void A_sample_the_build_rejects_is_refused_with_the_builds_message_and_place(string name, string text, string id)
    {
        var files = Family();
        files[name] = text;
        using var folder = new FixtureFolder(files);
        var expected = Assert.Single(FixtureModels.Read(string.Empty, files).Diagnostics, d => d.IsError);

        var error = Assert.Throws<InvalidOperationException>(() => FakeTracker.Start(new FakeTrackerOptions { FixturesDirectory = folder.Path }));

        Assert.Equal(id, expected.Id);
        Assert.Equal(expected.Format(), error.Message);
        Assert.StartsWith(expected.Location.FilePath + "(", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts an export, then polls it until it is no longer running (at most 10 polls).</summary>
    private async Task<List<(int Status, JsonElement Body, string Text)>> RunAsync(FixtureFolder folder, Func<string, string> statusTarget)
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = folder.Path, TimeProvider = _clock });
        using var http = Wire.Client(fake);
        Assert.Equal("x-export", fake.ExportFamilies.Single().Area);

        var created = await http.PostSigned(fake, "api/x/v1/start.json?idThing=4").Read();
        var id = created.Body.GetProperty("data").GetProperty("idXExport").GetString()!;
        var answers = new List<(int Status, JsonElement Body, string Text)>();
        do
        {
            answers.Add(await http.GetSigned(fake, statusTarget(id)).Read());
        }
        while (answers[^1].Body.Status() == "running" && answers.Count < 10);

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        return answers;
    }
}
