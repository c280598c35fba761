using System.Net;
using System.Net.Sockets;
using MyTracker.Fake;
using MyTracker.Fixtures.Tests.Support;

namespace MyTracker.Fixtures.Tests.Tool;

/// <summary>fake-tracker fixtures record as a user runs it: banner, one log line per request, Ctrl+C, and no secret printed or written.</summary>
public sealed class RecordCommandTests
{
    [Fact]
    public async Task Record_serves_until_stopped_logs_each_request_and_never_prints_or_writes_the_secret()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(12).InProgress(64).ThenSuccess(files: 1, rowsPerFile: 1));
        using var secret = new SecretVariable(fake.DefaultUser.Secret);
        using var temp = new TempDirectory();

        await using var run = await RecordAsync(fake, temp, secret, Repository.Fixtures);
        var proxy = ProxyOf(run);
        Assert.Equal("127.0.0.1", proxy.Host);
        Assert.Contains($"Requests are forwarded signed as API user {fake.DefaultUser.ApiUserId} (secret from the variable --secret-env names); new samples go to {temp.Path}, redacted.", run.Output.Lines);

        using (var client = new HttpClient { BaseAddress = proxy })
        {
            Assert.Contains("In progress", await client.GetStringAsync("api/segment/v1/export/get.json?idSegmentExport=12"), StringComparison.Ordinal);
            Assert.Contains("Success!", await client.GetStringAsync("api/segment/v1/export/get.json?idSegmentExport=12"), StringComparison.Ordinal);
        }

        Assert.Equal(0, await run.StopAsync());

        var log = run.Output.Lines.Where(l => l.Contains(" GET /", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, log.Count);
        Assert.EndsWith("GET /api/segment/v1/export/get.json?idSegmentExport=12 -> 200 wrote segment-export/get/200.in-progress.json", log[0], StringComparison.Ordinal);
        Assert.EndsWith("-> 200 wrote segment-export/get/200.success.json", log[1], StringComparison.Ordinal);
        Assert.Equal($"Stopped. Recorded 2 new samples into {temp.Path}.", run.Output.Lines[^1]);

        var everything = Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllText).Append(run.Output.Text).Append(run.Error.Text);
        Assert.All(everything, text =>
        {
            Assert.DoesNotContain(fake.DefaultUser.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("AuthHMAC", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Recording_another_family_the_banner_offers_a_call_of_its_own_fixtures_and_that_call_is_recorded()
    {
        // A folder of raw-export alone: the integration fixtures hold link-export too, which comes first by area.
        using var followed = new TempDirectory();
        TempDirectory.Copy(Path.Combine(Repository.RawExportFixtures, "raw-export"), followed["raw-export"]);
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = followed.Path });
        fake.Given(Export.WithId(17).In("raw-export").InProgress(35).ThenSuccess(files: 1, rowsPerFile: 1));
        using var secret = new SecretVariable(fake.DefaultUser.Secret);
        using var temp = new TempDirectory();

        await using var run = await RecordAsync(fake, temp, secret, followed.Path);
        var proxy = ProxyOf(run);

        // The example is a documented request of the followed fixtures (the id from their samples), not segment export's.
        var curl = Assert.Single(run.Output.Lines, l => l.TrimStart().StartsWith("curl ", StringComparison.Ordinal));
        Assert.Equal($"  curl -s '{proxy}api/raw/v1/export/get.json?idRawExport=17'", curl);
        using (var client = new HttpClient())
        {
            var url = curl.Split('\'')[1];
            Assert.Contains("\"processing\"", await client.GetStringAsync(url), StringComparison.Ordinal);
            Assert.Contains("\"ready\"", await client.GetStringAsync(url), StringComparison.Ordinal);
        }

        Assert.Equal(0, await run.StopAsync());
        Assert.Equal(["raw-export/get/200.in-progress.json", "raw-export/get/200.success.json", "raw-export/get/endpoint.json"], TempDirectory.Files(temp.Path));
    }

    [Fact]
    public async Task A_taken_port_exits_2_with_one_line()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var temp = new TempDirectory();

        var run = await ToolRun.RunToEndAsync("fixtures", "record", "--upstream", "http://127.0.0.1:9/", "--out", temp.Path, "--port", port, "--no-sign");

        Assert.Equal(2, await run.Completion);
        Assert.Equal($"fake-tracker: port {port} on 127.0.0.1 is already in use; pick another with --port <n> (0 picks a free one)", Assert.Single(run.Error.Lines));
    }

    /// <summary>Records the fake into <paramref name="temp"/> on a free port, following <paramref name="fixtures"/>; returns once the proxy listens.</summary>
    private static async Task<ToolRun> RecordAsync(FakeTracker fake, TempDirectory temp, SecretVariable secret, string fixtures)
    {
        var run = ToolRun.Start(
            "fixtures", "record", "--upstream", fake.BaseUrl.ToString(), "--out", temp.Path, "--port", "0",
            "--api-user", fake.DefaultUser.ApiUserId, "--secret-env", secret.Name, "--fixtures", fixtures);
        try
        {
            await run.LineAsync("Press Ctrl+C to stop.");
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>The address the banner says the proxy listens on.</summary>
    private static Uri ProxyOf(ToolRun run)
    {
        const string Listening = "Recording proxy listening on ";
        return new Uri(run.Output.Lines.Single(l => l.StartsWith(Listening, StringComparison.Ordinal))[Listening.Length..].Split(' ')[0]);
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["--out", "OUT"], "fake-tracker: Option '--upstream' is required." },
        { ["--upstream", "http://127.0.0.1:9/", "--out", "OUT"], "fake-tracker: give --api-user <id> (or set MYTRACKER_API_USER_ID) to sign requests, or --no-sign to send them unsigned" },
        { ["--upstream", "http://127.0.0.1:9/", "--out", "OUT", "--api-user", "7", "--secret-env", "MYTRACKER_TEST_UNSET_VARIABLE"], "fake-tracker: no secret key: the variable --secret-env names is not set (or run in a terminal to be asked); it is never taken from an argument or a file" },
        { ["--upstream", "mailto:x@example.com", "--out", "OUT", "--no-sign"], "fake-tracker: --upstream 'mailto:x@example.com' is not an http(s) URL" },
        { ["--upstream", "http://127.0.0.1:9/", "--out", "OUT", "--no-sign", "--port", "70000"], "fake-tracker: --port must be a number from 0 to 65535, not '70000'" },
        { ["--upstream", "http://127.0.0.1:9/", "--out", "OUT", "--no-sign", "--redaction", "/definitely/not/here.json"], "fake-tracker: redaction rules /definitely/not/here.json: " },
        { ["--upstream", "http://127.0.0.1:9/", "--out", "OUT", "--no-sign", "--fixtures", "/definitely/not/here"], "fake-tracker: fixture folder /definitely/not/here does not exist" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task A_usage_error_exits_2_with_one_line_on_stderr(string[] args, string expected)
    {
        using var temp = new TempDirectory();
        var run = await ToolRun.RunToEndAsync([.. new[] { "fixtures", "record" }.Concat(args.Select(a => a == "OUT" ? temp.Path : a))]);

        Assert.Equal(2, await run.Completion);
        Assert.StartsWith(expected, Assert.Single(run.Error.Lines), StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output.Text);
    }
}
