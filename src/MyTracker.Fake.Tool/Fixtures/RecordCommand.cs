using System.CommandLine;
using System.Globalization;
using MyTracker.Fixtures;

namespace MyTracker.Fake.Tool.Fixtures;

/// <summary>
/// <c>fake-tracker fixtures record --upstream &lt;url&gt; --out &lt;dir&gt;</c>: a signing proxy on loopback that
/// writes each new (endpoint, status, scenario) it sees as a redacted sample, until Ctrl+C.
/// </summary>
internal static class RecordCommand
{
    /// <summary>The proxy's port when none is given: next to the fake's 5080.</summary>
    public const int DefaultPort = 5081;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var upstream = new Option<string>("--upstream") { HelpName = "url", Description = "The API to forward to, e.g. https://tracker.my.com/.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "Fixture root new samples go to (what is there stays; known scenarios are not written again).", Required = true };
        var fixtures = new Option<DirectoryInfo?>("--fixtures") { HelpName = "dir", Description = "Documented fixtures whose folders and scenario names to follow (default: what --out holds)." };
        var port = new Option<int>("--port", "-p") { HelpName = "port", Description = $"Port of the proxy on 127.0.0.1 (default {DefaultPort}; 0 picks a free one).", DefaultValueFactory = _ => DefaultPort };
        var redaction = new Option<FileInfo?>("--redaction") { HelpName = "rules.json", Description = "Redaction rules instead of the defaults (ids, timestamps, links)." };
        var credentials = new Credentials();

        var command = new Command("record", "Record a live API: a proxy on 127.0.0.1 signs and forwards each request and writes each new scenario as a redacted sample.")
        {
            upstream, outDir, fixtures, port, redaction,
        };
        credentials.AddTo(command);
        upstream.Validators.Add(FixturesCommand.HttpUrl("--upstream"));
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var value && value is < 0 or > 65535)
            {
                result.AddError($"--port must be a number from 0 to 65535, not '{value}'");
            }
        });

        command.SetAction(async (parsed, stop) =>
        {
            var url = FixturesCommand.Url(parsed.GetValue(upstream)!)!;
            var (signing, problem, description) = credentials.Read(parsed, error);
            if (problem is not null)
            {
                return await FixturesCommand.FailAsync(error, problem).ConfigureAwait(false);
            }

            var root = parsed.GetValue(outDir)!;
            RecordingProxy proxy;
            try
            {
                var rules = parsed.GetValue(redaction) is { } file ? RedactionRules.Load(file.FullName) : RedactionRules.Default;
                proxy = await RecordingProxy.StartAsync(new RecordingOptions
                {
                    Upstream = url,
                    OutputDirectory = root.FullName,
                    FixturesDirectory = parsed.GetValue(fixtures)?.FullName,
                    Credentials = signing,
                    Redaction = rules,
                    Port = parsed.GetValue(port),
                    Log = output.WriteLine,
                }, stop).ConfigureAwait(false);
            }
            catch (FixturesException e)
            {
                return await FixturesCommand.FailAsync(error, e.Message).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return FakeTrackerApp.ExitOk;
            }

            await using (proxy.ConfigureAwait(false))
            {
                await output.WriteLineAsync($"Recording proxy listening on {proxy.BaseUrl} -> {proxy.Upstream}").ConfigureAwait(false);
                await output.WriteLineAsync($"Requests are forwarded {description}; new samples go to {root.FullName}, redacted.").ConfigureAwait(false);
                await output.WriteLineAsync("Point your client at the proxy (its own Authorization header is dropped), e.g.").ConfigureAwait(false);
                await output.WriteLineAsync($"  curl -s '{proxy.BaseUrl}{ExampleTarget(parsed.GetValue(fixtures)?.FullName ?? root.FullName)}'").ConfigureAwait(false);
                await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C is the normal way to stop.
                }
            }

            var count = proxy.Written.Count;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Stopped. Recorded {count} new sample{(count == 1 ? string.Empty : "s")} into {root.FullName}.")).ConfigureAwait(false);
            return FakeTrackerApp.ExitOk;
        });
        return command;
    }

    /// <summary>
    /// The example call: the first documented GET of the fixtures the recording follows (any API
    /// family, with its required parameters filled as verify fills them), else segment export's get.json.
    /// </summary>
    private static string ExampleTarget(string fixtures)
    {
        if (Directory.Exists(fixtures))
        {
            try
            {
                if (DriftVerifier.DocumentedRequests(DocumentedApi.Load(fixtures)).FirstOrDefault(r => r.Method == "GET") is { } get)
                {
                    return get.Target.TrimStart('/');
                }
            }
            catch (FixturesException)
            {
                // The proxy has already reported a folder it cannot read; the example falls back.
            }
        }

        return "api/segment/v1/export/get.json?idSegmentExport=1";
    }
}
