using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MyTracker.Client.Auth;
using MyTracker.Fake;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.Benchmarks;

/// <summary>
/// <c>scenario-race</c>: how each server keeps an export's lifecycle under concurrent polls. One export
/// with <c>steps</c> "In progress" answers then "Success!"; each round, <c>pollers</c> clients start
/// together and poll until each has seen the success. A server that keeps state correctly answers each
/// step exactly once per round (every poll advances one step, as the fake does); the counts say how
/// often a step was answered twice (two polls matched the same state), skipped, or seen going backwards
/// by a poller. Runs the fake, WireMock.Net (in-process, its dialect) and, given the jar, stock WireMock
/// (Java, the wiremock-org dialect from its mappings folder). See README.md for the command.
/// </summary>
internal static class ScenarioRace
{
    public static async Task<int> RunAsync(string[] args)
    {
        var steps = Int(args, "--steps", 10);
        var pollers = Int(args, "--pollers", 8);
        var rounds = Int(args, "--rounds", 200);
        var jar = Text(args, "--wiremock-jar");
        var export = Export.WithId(1).InProgress([.. Enumerable.Range(1, steps).Select(i => i * 100 / (steps + 1))]).ThenSuccess(files: 1, rowsPerFile: 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{steps} in-progress steps, {pollers} concurrent pollers, {rounds} rounds; {Environment.ProcessorCount} cores"));
        Console.WriteLine("| server | rounds with a wrong lifecycle | steps answered twice (all rounds) | steps skipped | seen going backwards | other answers | polls |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");

        await using (var fake = await FakeTracker.StartAsync())
        {
            await RaceAsync("fake (MyTracker.Fake)", fake.BaseUrl, fake.DefaultUser, steps, pollers, rounds, () =>
            {
                fake.Reset();
                fake.Given(export);
                return Task.CompletedTask;
            });
        }

        await using (var source = await FakeTracker.StartAsync())
        {
            source.Given(export);
            using var net = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], MaxRequestLogCount = 0 });
            var url = new Uri(net.Url! + "/");
            net.WithMapping(source.ExportWireMockMappings(new WireMockMappingOptions { BaseUrl = url, CreatedExports = 0 }));
            await RaceAsync("WireMock.Net 2.21.0 (mapping export)", url, source.DefaultUser, steps, pollers, rounds, () =>
            {
                net.ResetScenarios();
                return Task.CompletedTask;
            });

            if (jar is not null)
            {
                await RaceJavaAsync(jar, source, steps, pollers, rounds);
            }
        }

        return 0;
    }

    private static async Task RaceJavaAsync(string jar, FakeTracker source, int steps, int pollers, int rounds)
    {
        var root = Directory.CreateTempSubdirectory("scenario-race-");
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        Directory.CreateDirectory(Path.Combine(root.FullName, "mappings"));
        await File.WriteAllTextAsync(
            Path.Combine(root.FullName, "mappings", "fake-tracker.json"),
            source.ExportWireMockMappings(new WireMockMappingOptions { Format = WireMockMappingFormat.WireMockOrg, BaseUrl = url, CreatedExports = 0 }));
        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-jar", jar, "--bind-address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--root-dir", root.FullName, "--no-request-journal", "--disable-banner" })
        {
            start.ArgumentList.Add(arg);
        }

        using var java = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = url };
            var ready = false;
            for (var i = 0; i < 600 && !ready; i++)
            {
                try
                {
                    ready = (await http.GetAsync("__admin/health")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            var version = (await http.GetStringAsync("__admin/version")).Trim();
            await RaceAsync($"WireMock (Java) {JsonDocument.Parse(version).RootElement.GetProperty("version").GetString()} (mapping export)", url, source.DefaultUser, steps, pollers, rounds, async () =>
                (await http.PostAsync("__admin/scenarios/reset", null)).EnsureSuccessStatusCode());
        }
        finally
        {
            java.Kill(entireProcessTree: true);
            await java.WaitForExitAsync();
            root.Delete(recursive: true);
        }

    }

    private static async Task RaceAsync(string name, Uri baseUrl, FakeApiUser user, int steps, int pollers, int rounds, Func<Task> reset)
    {
        var url = new Uri(baseUrl, "api/segment/v1/export/get.json?idSegmentExport=1");
        var authorization = AuthHmac.CreateHeaderValue(user.ApiUserId, user.Secret, "GET", url);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = pollers }) { Timeout = TimeSpan.FromSeconds(30) };
        int wrongRounds = 0, twice = 0, skipped = 0, backwards = 0, other = 0, polls = 0;
        var kinds = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>();
        for (var round = 0; round < rounds; round++)
        {
            await reset();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var seen = Enumerable.Range(0, pollers).Select(poller => Task.Run(async () =>
            {
                await gate.Task;
                var answers = new List<int>();
                var unexpected = 0;
                for (var poll = 0; poll < (steps + 2) * pollers * 4; poll++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    var data = response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(body).RootElement.GetProperty("data") : default;
                    if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("status", out _))
                    {
                        unexpected++;
                        kinds.TryAdd(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + body.ReplaceLineEndings(" ")[..Math.Min(body.Length, 80)], 0);
                        continue;
                    }

                    if (data.GetProperty("status").GetString() == "Success!")
                    {
                        answers.Add(int.MaxValue);
                        break;
                    }

                    answers.Add(int.Parse(data.GetProperty("progress").GetString()!.TrimEnd('%'), CultureInfo.InvariantCulture));
                }

                return (Answers: answers, Unexpected: unexpected);
            })).ToList();
            gate.SetResult();
            var results = await Task.WhenAll(seen);

            var progress = results.SelectMany(r => r.Answers).Where(a => a != int.MaxValue).ToList();
            var roundTwice = progress.Count - progress.Distinct().Count();
            var roundSkipped = steps - progress.Distinct().Count();
            var roundBackwards = results.Sum(r => r.Answers.Zip(r.Answers.Skip(1)).Count(p => p.Second < p.First));
            var roundOther = results.Sum(r => r.Unexpected);
            if (roundTwice + roundSkipped + roundBackwards + roundOther > 0)
            {
                wrongRounds++;
            }

            twice += roundTwice;
            skipped += roundSkipped;
            backwards += roundBackwards;
            other += roundOther;
            polls += results.Sum(r => r.Answers.Count + r.Unexpected);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {wrongRounds} of {rounds} | {twice} | {skipped} | {backwards} | {other} | {polls} |"));
        foreach (var kind in kinds.Keys.Order(StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"  {name}, other answer: {kind}");
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static int Int(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
