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
        // Every built-in sample: segment export's 8, raw export's 15 and report files' 8.
        Assert.Equal(31, run.Output.Lines.Count(l => l.StartsWith("checked ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_explicit_request_that_changes_state_is_sent_only_with_allow_writes()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { RequireAuthentication = false });
        const string create = "POST /api/segment/v1/export/create.json?idSegment=1";
        string[] args = ["fixtures", "verify", "--fixtures", Repository.Fixtures, "--upstream", fake.BaseUrl.ToString(), "--no-sign", "--request", create];

        var guarded = await ToolRun.RunToEndAsync(args);

        Assert.Equal(0, await guarded.Completion);
        Assert.Contains($"skipped {create}: POST may change state upstream; pass --allow-writes to send it", guarded.Output.Lines);
        Assert.DoesNotContain(fake.Journal.Entries, e => e.Method == "POST");

        var allowed = await ToolRun.RunToEndAsync([.. args, "--allow-writes"]);

        Assert.Equal(0, await allowed.Completion);
        Assert.Single(fake.Journal.Entries, e => e.Method == "POST");
        Assert.DoesNotContain(allowed.Output.Lines, l => l.StartsWith("skipped ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Zx9QpL2mN7wK")]                   // looks like a variable name, is unset
    [InlineData("s3cr3t/key+with=signs")]          // the secret itself, passed by mistake
    public async Task The_secret_env_value_is_never_echoed(string value)
    {
        var run = await ToolRun.RunToEndAsync(
            "fixtures", "verify", "--fixtures", Repository.Fixtures, "--upstream", "http://127.0.0.1:9/", "--api-user", "1", "--secret-env", value);

        Assert.Equal(2, await run.Completion);
        var line = Assert.Single(run.Error.Lines);
        Assert.Contains("--secret-env", line, StringComparison.Ordinal);
        Assert.DoesNotContain(value, run.Error.Text + run.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_record_banner_does_not_echo_the_secret_env_value()
    {
        using var secret = new SecretVariable("any-secret");
        using var temp = new TempDirectory();
        await using var run = ToolRun.Start("fixtures", "record", "--upstream", "http://127.0.0.1:9/", "--out", temp.Path, "--port", "0", "--api-user", "1", "--secret-env", secret.Name);

        var line = await run.LineAsync("Requests are forwarded");
        Assert.Contains("signed as API user 1 (secret from the variable --secret-env names)", line, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Name, run.Output.Text + run.Error.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "fixtures", "verify", "--fixtures", "FIXTURES", "--bogus" }, "(see fake-tracker fixtures verify --help)")]
    [InlineData(new[] { "fixtures", "verify", "--fixtures", "FIXTURES", "--recorded", "FIXTURES", "--report", "" }, "(see fake-tracker fixtures verify --help)")]
    [InlineData(new[] { "fixtures", "record", "--upstream", "ftp://x/", "--out", "FIXTURES" }, "(see fake-tracker fixtures record --help)")]
    [InlineData(new[] { "fixtures", "import", "page.txt" }, "(see fake-tracker fixtures import --help)")]
    [InlineData(new[] { "openapi", "--server-url", "ftp://x/" }, "(see fake-tracker openapi --help)")]
    [InlineData(new[] { "--port", "x" }, "(see fake-tracker --help)")]
    public async Task A_usage_error_points_at_the_help_of_its_own_command(string[] args, string expected)
    {
        var run = await ToolRun.RunToEndAsync([.. args.Select(a => a == "FIXTURES" ? Repository.Fixtures : a)]);

        Assert.Equal(2, await run.Completion);
        Assert.EndsWith(expected, Assert.Single(run.Error.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_name_options_as_the_user_types_them()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { RequireAuthentication = false });

        var run = await ToolRun.RunToEndAsync("fixtures", "verify", "--fixtures", Repository.Fixtures, "--upstream", fake.BaseUrl.ToString(), "--no-sign");

        Assert.Equal(0, await run.Completion);
        // The three create endpoints (raw and segment export, report files) are writes.
        var skipped = run.Output.Lines.Where(l => l.StartsWith("skipped ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, skipped.Count);
        Assert.All(skipped, line => Assert.EndsWith("pass --allow-writes to send it", line, StringComparison.Ordinal));
        Assert.DoesNotContain("AllowWrites", run.Output.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["--fixtures", "FIXTURES"], "fake-tracker: give --upstream <url> or --recorded <dir> (one of them)" },
        { ["--fixtures", "FIXTURES", "--upstream", "http://127.0.0.1:9/", "--recorded", "FIXTURES"], "fake-tracker: give --upstream <url> or --recorded <dir> (one of them)" },
        { ["--fixtures", "FIXTURES", "--upstream", "ftp://example.com/"], "fake-tracker: --upstream 'ftp://example.com/' is not an http(s) URL" },
        { ["--fixtures", "/definitely/not/here", "--recorded", "FIXTURES"], "fake-tracker: fixture folder /definitely/not/here does not exist" },
        { ["--fixtures", "FIXTURES", "--recorded", "/definitely/not/here"], "fake-tracker: recorded folder /definitely/not/here does not exist" },
        { ["--fixtures", "FIXTURES", "--upstream", "http://127.0.0.1:9/"], "fake-tracker: give --api-user <id> (or set MYTRACKER_API_USER_ID) to sign requests, or --no-sign to send them unsigned" },
        { ["--fixtures", "FIXTURES", "--upstream", "http://127.0.0.1:9/", "--api-user", "1", "--secret-env", "MYTRACKER_TEST_UNSET_VARIABLE"], "fake-tracker: no secret key: the variable --secret-env names is not set (or run in a terminal to be asked); it is never taken from an argument or a file" },
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
