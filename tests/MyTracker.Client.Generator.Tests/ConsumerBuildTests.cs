using System.Diagnostics;
using MyTracker.Client.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// A real <c>dotnet build</c> of a small consumer project outside the repository: it references the
/// generator as an analyzer plus MyTracker.Client, brings its own fixture folder for an endpoint the
/// generator has never seen, picks its namespace, fixture folder and glob through MSBuild, and compiles code that uses the
/// generated client, cases and models, with warnings as errors. Its switches name every case without
/// a discard arm and build without a warning; then a sample <c>200.queued.json</c> is added and each
/// switch that does not handle the new case warns (MTG0013, and CS8509 where the switch is no longer
/// exhaustive), at an .editorconfig-chosen severity for one file.
/// </summary>
public sealed class ConsumerBuildTests(ITestOutputHelper output)
{
    [Fact]
    public void A_consumer_project_builds_with_its_own_fixtures_and_a_new_documented_scenario_shows_up_at_each_switch_that_ignores_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mytracker-consumer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            WriteConsumer(folder);
            var (exitCode, log) = DotnetBuild(folder);
            output.WriteLine(log);

            Assert.True(exitCode == 0, "dotnet build failed:" + Environment.NewLine + Tail(log));
            Assert.Contains(" 0 Warning(s)", log, StringComparison.Ordinal);
            var generated = Directory.EnumerateFiles(Path.Combine(folder, "obj"), "*.g.cs", SearchOption.AllDirectories)
                .Where(p => p.Contains("MyTracker.Client.Generator", StringComparison.Ordinal))
                .Select(Path.GetFileName)
                .Order()
                .ToList();
            Assert.Equal(new[] { "WeatherClient.ForecastAsync.g.cs", "WeatherClient.g.cs", "WeatherForecast.g.cs" }, generated);
            var models = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(folder, "obj"), "WeatherForecast.g.cs", SearchOption.AllDirectories).Single());
            Assert.Contains("namespace Consumer.Weather;", models, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "bin", Configuration, "net10.0", "Consumer.dll")));

            // The API documents a new scenario: the export can wait in a queue.
            File.WriteAllText(Path.Combine(folder, "api-samples", "weather", "forecast", "200.queued.json"), """
                { "code": 200, "message": "Ok", "data": { "city": "Berlin", "status": "queued" } }
                """);
            var (queuedExitCode, queuedLog) = DotnetBuild(folder, "-p:TreatWarningsAsErrors=false");
            output.WriteLine(queuedLog);

            var usage = Path.Combine(folder, "Usage.cs");
            var strict = Path.Combine(folder, "Strict.cs");
            const string Missing = "does not handle 'Queued' (weather/forecast/200.queued.json)";
            var expected = new[]
            {
                (SwitchAt(usage, "// switch: every case"), "warning MTG0013"),
                (SwitchAt(usage, "// switch: every case"), "warning CS8509"),
                (SwitchAt(usage, "// switch: documented cases and a discard"), "warning MTG0013"),
                (SwitchAt(usage, "// switch: statement with default"), "warning MTG0013"),
                (SwitchAt(usage, "// switch: every status"), "warning MTG0013"),
                (SwitchAt(usage, "// switch: every status"), "warning CS8509"),
                (SwitchAt(strict, "// switch: strict"), "error MTG0013"),
            };
            var reported = Problems(queuedLog);
            Assert.Equal(expected.Select(e => e.Item1 + ": " + e.Item2).Order(StringComparer.Ordinal), reported.Select(r => r.Where + ": " + r.What).Order(StringComparer.Ordinal));
            Assert.All(reported.Where(r => r.What.EndsWith("MTG0013", StringComparison.Ordinal)), r => Assert.Contains(Missing, r.Message, StringComparison.Ordinal));
            Assert.NotEqual(0, queuedExitCode);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the OS cleans the temp folder.
            }
        }
    }

    /// <summary>Where the compiler reports at the <c>switch</c> keyword on the line holding <paramref name="marker"/>: <c>path(line,column)</c>.</summary>
    private static string SwitchAt(string path, string marker)
    {
        var lines = File.ReadAllLines(path);
        var index = Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(index >= 0, marker);
        var column = System.Text.RegularExpressions.Regex.Match(lines[index], @"\bswitch\b").Index + 1;
        return $"{path}({index + 1},{column})";
    }

    /// <summary>Each distinct compiler warning or error of a build log: place, "warning ID", message.</summary>
    private static List<(string Where, string What, string Message)> Problems(string log) => log
        .Split('\n')
        .Select(l => System.Text.RegularExpressions.Regex.Match(l.Trim(), @"^(?<where>.+?\(\d+,\d+\)): (?<what>(warning|error) [A-Z]+\d+): (?<message>.*?)( \[[^\]]+\])?$"))
        .Where(m => m.Success)
        .Select(m => (m.Groups["where"].Value, m.Groups["what"].Value, m.Groups["message"].Value))
        .Distinct()
        .ToList();

    private static string Configuration => AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    private static void WriteConsumer(string folder)
    {
        var src = Path.Combine(TestPaths.RepositoryRoot, "src");
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <IsAotCompatible>true</IsAotCompatible>
                <RootNamespace>Consumer.App</RootNamespace>
                <MyTrackerNamespace>Consumer.Weather</MyTrackerNamespace>
                <MyTrackerFixturesRoot>$(MSBuildProjectDirectory)/api-samples/</MyTrackerFixturesRoot>
                <MyTrackerFixturesGlob>weather/**/*.json</MyTrackerFixturesGlob>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{src}/MyTracker.Client.Generator/MyTracker.Client.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{src}/MyTracker.Client/MyTracker.Client.csproj" />
              </ItemGroup>
              <!-- What the MyTracker.Client package does through buildTransitive. -->
              <Import Project="{src}/MyTracker.Client/buildTransitive/MyTracker.Client.targets" />
            </Project>
            """);

        var endpoint = Path.Combine(folder, "api-samples", "weather", "forecast");
        // A JSON file outside the configured root must not be read (it would be MTG0007 and fail the build).
        Directory.CreateDirectory(Path.Combine(folder, "fixtures"));
        File.WriteAllText(Path.Combine(folder, "fixtures", "stray.json"), "{");
        // Nor one under the root that the glob leaves out.
        Directory.CreateDirectory(Path.Combine(folder, "api-samples", "drafts", "wip"));
        File.WriteAllText(Path.Combine(folder, "api-samples", "drafts", "wip", "200.broken.json"), "{ not json");
        Directory.CreateDirectory(endpoint);
        File.WriteAllText(Path.Combine(endpoint, "endpoint.json"), """
            {
              "summary": "Forecast for a city.",
              "method": "GET",
              "path": "/api/weather/v1/forecast.json",
              "parameters": [
                { "name": "city", "in": "query", "type": "string", "required": true, "description": "City name." },
                { "name": "days", "in": "query", "type": "integer", "required": false, "description": "How many days." },
                { "name": "units", "in": "query", "type": "enum", "values": { "m": "Metric", "i": "Imperial" }, "description": "Units." }
              ]
            }
            """);
        File.WriteAllText(Path.Combine(endpoint, "200.ok.json"), """
            {
              "code": 200,
              "message": "Ok",
              "data": {
                "city": "Berlin",
                "status": "ready",
                "updatedAt": "1617197992",
                "days": [
                  { "date": "2021-03-31", "high": 14.5, "low": 3, "chance": "20%" },
                  { "date": "2021-04-01", "high": 12, "low": 2, "chance": "35%", "note": "windy" },
                ],
              }
            }
            """);
        File.WriteAllText(Path.Combine(endpoint, "200.in-progress.json"), """
            { "code": 200, "message": "Ok", "data": { "city": "Berlin", "status": "computing", "progress": "40%" } }
            """);
        File.WriteAllText(Path.Combine(endpoint, "404.not-found.json"), """
            { "code": 404, "message": "Not Found", "data": { "error": { "detail": "Unknown city" } } }
            """);

        // Switches over the generated result and its discriminator enum, written the way the README shows:
        // every case named, no discard arm, no '!'.
        File.WriteAllText(Path.Combine(folder, "Usage.cs"), """
            using Consumer.Weather;

            namespace Consumer.App;

            /// <summary>Code written against the types generated from this project's fixtures.</summary>
            public static class Usage
            {
                /// <summary>Describes the forecast for a city.</summary>
                /// <param name="http">The HTTP client.</param>
                /// <param name="cancellationToken">Cancels the request.</param>
                public static async Task<string> DescribeAsync(HttpClient http, CancellationToken cancellationToken)
                {
                    var client = new WeatherClient(http);
                    var result = await client.ForecastAsync("Berlin", days: 2, units: WeatherForecastUnits.Metric, cancellationToken: cancellationToken);
                    return result switch // switch: every case
                    {
                        WeatherForecastResult.Ok ok => Describe(ok),
                        WeatherForecastResult.InProgress running => $"{running.Response.Data.City}: {running.Progress}",
                        WeatherForecastResult.NotFound notFound => notFound.Response.Data.Error.Detail,
                        WeatherForecastResult.Unknown unknown => unknown.RawBody,
                    };
                }

                /// <summary>Whether the forecast can be shown.</summary>
                /// <param name="result">An answer of the forecast endpoint.</param>
                public static bool IsReady(WeatherForecastResult result) => result switch // switch: documented cases and a discard
                {
                    WeatherForecastResult.Ok => true,
                    WeatherForecastResult.InProgress or WeatherForecastResult.NotFound => false,
                    _ => false,
                };

                /// <summary>How long to wait before asking again.</summary>
                /// <param name="result">An answer of the forecast endpoint.</param>
                public static TimeSpan RetryAfter(WeatherForecastResult result)
                {
                    switch (result) // switch: statement with default
                    {
                        case WeatherForecastResult.InProgress:
                            return TimeSpan.FromSeconds(5);
                        case WeatherForecastResult.Ok:
                        case WeatherForecastResult.NotFound:
                            return TimeSpan.Zero;
                        default:
                            return TimeSpan.FromMinutes(1);
                    }
                }

                /// <summary>A label for the status text.</summary>
                /// <param name="status">The status of a 200 answer.</param>
                public static string Label(WeatherForecastStatus status) => status switch // switch: every status
                {
                    WeatherForecastStatus.Ready => "ready",
                    WeatherForecastStatus.Computing => "computing",
                    WeatherForecastStatus.Unknown => "?",
                };

                /// <summary>Reads a forecast body and writes it back.</summary>
                /// <param name="json">The body.</param>
                public static string RoundTrip(string json) => WeatherForecastResponse.FromJson(json).ToJson();

                private static string Describe(WeatherForecastResult.Ok ok)
                {
                    WeatherForecastData data = ok.Response.Data;
                    DateTimeOffset updated = ok.UpdatedAt;
                    IReadOnlyList<WeatherForecastDay> days = ok.Days;
                    global::MyTracker.Client.Json.Percent chance = days[0].Chance;
                    double high = days[0].High;
                    string? note = days[1].Note;
                    return $"{data.City} {updated:yyyy-MM-dd} {high} {chance} {note}";
                }
            }
            """);

        // A file whose team wants a missing documented case to stop the build.
        File.WriteAllText(Path.Combine(folder, "Strict.cs"), """
            using Consumer.Weather;

            namespace Consumer.App;

            /// <summary>Billing decides per documented answer.</summary>
            public static class Strict
            {
                /// <summary>Whether the answer is billed.</summary>
                /// <param name="result">An answer of the forecast endpoint.</param>
                public static bool Billed(WeatherForecastResult result) => result switch // switch: strict
                {
                    WeatherForecastResult.Ok => true,
                    WeatherForecastResult.InProgress => false,
                    WeatherForecastResult.NotFound => false,
                    _ => false,
                };
            }
            """);
        File.WriteAllText(Path.Combine(folder, ".editorconfig"), """
            root = true

            [Strict.cs]
            dotnet_diagnostic.MTG0013.severity = error
            """);
    }

    private static (int ExitCode, string Log) DotnetBuild(string folder, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", Path.Combine(folder, "Consumer.csproj"), "--nologo", "-c", Configuration, "-p:UseSharedCompilation=false", "-p:BuildProjectReferences=false", "-nodeReuse:false", "--disable-build-servers", "-v:minimal", "-clp:Summary" }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point the child build at the wrong SDK pieces.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "dotnet build timed out after 5 minutes" + Environment.NewLine + stdout.Result + stderr.Result);
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;
}
