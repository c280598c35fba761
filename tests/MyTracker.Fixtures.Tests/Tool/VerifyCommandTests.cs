using System.Text.Json;
using MyTracker.Fake;
using MyTracker.Fixtures.Tests.Support;

namespace MyTracker.Fixtures.Tests.Tool;

/// <summary>fake-tracker fixtures verify as CI runs it: exit 0 without drift, 1 with drift, 2 for a usage error; a JSON report.</summary>
public sealed class VerifyCommandTests
{
    private const string Get = "GET /api/segment/v1/export/get.json?idSegmentExport=";

    [Fact]
    public async Task Drift_exits_1_with_one_line_per_finding_and_a_json_report()
    {
        using var temp = new TempDirectory();
        var mutated = temp.CopyFrom(Repository.Fixtures, "mutated");
        FixtureEdit.Replace(Path.Combine(mutated, "segment-export", "get", "200.in-progress.json"), "\"idSegmentExport\": \"1\"", "\"idSegmentExport\": 1");
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = mutated });
        fake.Given(Export.WithId(8).InProgress(64).ThenSuccess());
        using var secret = new SecretVariable(fake.DefaultUser.Secret);

        var run = await ToolRun.RunToEndAsync(
            "fixtures", "verify", "--fixtures", Repository.Fixtures, "--upstream", fake.BaseUrl.ToString(),
            "--api-user", fake.DefaultUser.ApiUserId, "--secret-env", secret.Name,
            "--request", Get + "8", "--request", Get + "9", "--report", temp["report.json"]);

        Assert.Equal(1, await run.Completion);
        Assert.Equal(
            [
                $"checked {Get}8: 200 in-progress, 1 drift",
                $"checked {Get}9: 404 not-found, no drift",
                "drift: type-changed segment-export/get 200 data.idSegmentExport: documented as an integer string, received an integer (1 answer)",
                $"2 answers from {fake.BaseUrl} checked against {Repository.Fixtures}: 1 drift (1 type-changed)",
            ],
            run.Output.Lines);
        Assert.Equal(string.Empty, run.Error.Text);

        using var report = JsonDocument.Parse(File.ReadAllText(temp["report.json"]));
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("type-changed", finding.GetProperty("kind").GetString());
        Assert.Equal("data.idSegmentExport", finding.GetProperty("path").GetString());
        Assert.Equal(1, report.RootElement.GetProperty("drift").GetInt32());
        Assert.Equal(2, report.RootElement.GetProperty("checked").GetArrayLength());
    }

    [Fact]
    public async Task No_drift_exits_0_and_report_dash_prints_only_json()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { RequireAuthentication = false });
        fake.Given(Export.WithId(1).Success(files: 1));
        using var temp = new TempDirectory();
        File.WriteAllText(temp["requests.txt"], $"# the documented answers\n{Get}1\n\n{Get}2\n");

        var run = await ToolRun.RunToEndAsync(
            "fixtures", "verify", "--fixtures", Repository.Fixtures, "--upstream", fake.BaseUrl.ToString(), "--no-sign", "--requests", temp["requests.txt"], "--report", "-");

        Assert.Equal(0, await run.Completion);
        using var report = JsonDocument.Parse(run.Output.Text);
        Assert.Equal(0, report.RootElement.GetProperty("drift").GetInt32());
        Assert.Equal(["success", "not-found"], report.RootElement.GetProperty("checked").EnumerateArray().Select(a => a.GetProperty("scenario").GetString()));
    }

    [Fact]
    public async Task Recorded_answers_are_checked_without_calling_anything()
    {
        using var temp = new TempDirectory();
        var recorded = temp.CopyFrom(Repository.Fixtures, "recorded");
        FixtureEdit.Replace(Path.Combine(recorded, "segment-export", "get", "404.not-found.json"), "\"detail\": \"Segment export request not found\"", "\"detail\": \"Segment export request not found\", \"hint\": \"check the id\"");

        var run = await ToolRun.RunToEndAsync("fixtures", "verify", "--fixtures", Repository.Fixtures, "--recorded", recorded);

        Assert.Equal(1, await run.Completion);
        Assert.Contains("drift: new-field segment-export/get 404 data.error.hint: not in the fixtures, received a string (1 answer)", run.Output.Lines);
        Assert.Contains("checked segment-export/get/404.not-found.json: 404 not-found, 1 drift", run.Output.Lines);
        // Every built-in sample: segment export's 8 and raw export's 15.
        Assert.Equal(23, run.Output.Lines.Count(l => l.StartsWith("checked ", StringComparison.Ordinal)));
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["--fixtures", "FIXTURES"], "fake-tracker: give --upstream <url> or --recorded <dir> (one of them)" },
        { ["--fixtures", "FIXTURES", "--upstream", "http://127.0.0.1:9/", "--recorded", "FIXTURES"], "fake-tracker: give --upstream <url> or --recorded <dir> (one of them)" },
        { ["--fixtures", "FIXTURES", "--upstream", "ftp://example.com/"], "fake-tracker: --upstream 'ftp://example.com/' is not an http(s) URL" },
        { ["--fixtures", "/definitely/not/here", "--recorded", "FIXTURES"], "fake-tracker: fixture folder /definitely/not/here does not exist" },
        { ["--fixtures", "FIXTURES", "--recorded", "/definitely/not/here"], "fake-tracker: recorded folder /definitely/not/here does not exist" },
        { ["--fixtures", "FIXTURES", "--upstream", "http://127.0.0.1:9/"], "fake-tracker: give --api-user <id> (or set MYTRACKER_API_USER_ID) to sign requests, or --no-sign to send them unsigned" },
        { ["--fixtures", "FIXTURES", "--upstream", "http://127.0.0.1:9/", "--api-user", "1", "--secret-env", "MYTRACKER_TEST_UNSET_VARIABLE"], "fake-tracker: no secret key: set MYTRACKER_TEST_UNSET_VARIABLE (or run in a terminal to be asked); it is never taken from an argument or a file" },
        { ["--fixtures", "FIXTURES", "--upstream", "http://127.0.0.1:9/", "--no-sign", "--request", "FETCH it"], "fake-tracker: --request: 'FETCH it' is not a request such as 'GET /api/segment/v1/export/get.json?idSegmentExport=1'" },
        { ["--fixtures", "FIXTURES", "--upstream", "http://127.0.0.1:9/", "--no-sign", "--request", "GET /api/other.json"], "fake-tracker: request GET /api/other.json: no fixture folder of FIXTURES documents GET /api/other.json" },
        { ["--fixtures", "FIXTURES", "--upstream", "http://127.0.0.1:9/", "--no-sign", "--request", Get + "1"], "fake-tracker: cannot reach http://127.0.0.1:9/api/segment/v1/export/get.json?idSegmentExport=1: " },
        { ["--fixtures", "FIXTURES", "--recorded", "FIXTURES", "--report", ""], "fake-tracker: --report needs a file name (or - for stdout)" },
        { ["--fixtures", "FIXTURES", "--recorded", "FIXTURES", "--secret", "s"], "fake-tracker: Unrecognized command or argument '--secret'." },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task A_usage_error_exits_2_with_one_line_on_stderr(string[] args, string expected)
    {
        args = [.. new[] { "fixtures", "verify" }.Concat(args.Select(a => a == "FIXTURES" ? Repository.Fixtures : a))];
        var run = await ToolRun.RunToEndAsync(args);

        Assert.Equal(2, await run.Completion);
        Assert.StartsWith(expected.Replace("FIXTURES", Repository.Fixtures, StringComparison.Ordinal), Assert.Single(run.Error.Lines), StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output.Text);
    }
}
