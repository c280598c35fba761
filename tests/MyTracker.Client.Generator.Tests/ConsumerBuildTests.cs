using System.Diagnostics;
using MyTracker.Client.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// A real <c>dotnet build</c> of a small consumer project outside the repository: it references the
/// generator as an analyzer plus MyTracker.Client, brings its own fixture folder for an endpoint the
/// generator has never seen, picks its namespace, fixture folder and glob through MSBuild, and compiles code that uses the
/// generated client, cases and models, with warnings as errors.
/// </summary>
public sealed class ConsumerBuildTests(ITestOutputHelper output)
{
    [Fact]
    public void A_consumer_project_with_its_own_fixtures_builds_and_uses_the_generated_types()
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
                "updatedAt": "1617197992",
                "days": [
                  { "date": "2021-03-31", "high": 14.5, "low": 3, "chance": "20%" },
                  { "date": "2021-04-01", "high": 12, "low": 2, "chance": "35%", "note": "windy" },
                ],
              }
            }
            """);
        File.WriteAllText(Path.Combine(endpoint, "404.not-found.json"), """
            { "code": 404, "message": "Not Found", "data": { "error": { "detail": "Unknown city" } } }
            """);

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
                    return result switch
                    {
                        WeatherForecastResult.Ok ok => Describe(ok.Response),
                        WeatherForecastResult.NotFound notFound => notFound.Response.Data.Error.Detail,
                        WeatherForecastResult.Unknown unknown => unknown.RawBody,
                        _ => "?",
                    };
                }

                /// <summary>Reads a forecast body and writes it back.</summary>
                /// <param name="json">The body.</param>
                public static string RoundTrip(string json) => WeatherForecastResponse.FromJson(json).ToJson();

                private static string Describe(WeatherForecastResponse response)
                {
                    WeatherForecastData data = response.Data;
                    DateTimeOffset updated = data.UpdatedAt;
                    IReadOnlyList<WeatherForecastDay> days = data.Days;
                    global::MyTracker.Client.Json.Percent chance = days[0].Chance;
                    double high = days[0].High;
                    string? note = days[1].Note;
                    return $"{data.City} {updated:yyyy-MM-dd} {high} {chance} {note}";
                }
            }
            """);
    }

    private static (int ExitCode, string Log) DotnetBuild(string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", Path.Combine(folder, "Consumer.csproj"), "--nologo", "-c", Configuration, "-p:UseSharedCompilation=false", "-p:BuildProjectReferences=false", "-nodeReuse:false", "--disable-build-servers", "-v:minimal", "-clp:Summary" })
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
