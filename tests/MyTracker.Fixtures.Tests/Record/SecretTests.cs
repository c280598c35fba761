using System.Collections.Concurrent;
using MyTracker.Fixtures.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.Fixtures.Tests.Record;

/// <summary>Even an upstream that echoes the request's Authorization header back never gets the secret or a signature into a file or a log line.</summary>
public sealed class SecretTests
{
    [Fact]
    public async Task An_upstream_that_echoes_the_signature_and_the_secret_cannot_get_them_written()
    {
        const string secret = "echo-test-secret-91b2";
        using var upstream = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        upstream.Given(Request.Create().WithPath("/api/report/v1/export/get.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("{\"code\":200,\"message\":\"Ok\",\"data\":{\"status\":\"Ready\",\"echo\":\"{{request.headers.Authorization}}\",\"leak\":\"" + secret + "\"}}")
                .WithTransformer());

        using var temp = new TempDirectory();
        var log = new ConcurrentQueue<string>();
        await using (var proxy = await RecordingProxy.StartAsync(new RecordingOptions
        {
            Upstream = new Uri(upstream.Url!),
            OutputDirectory = temp.Path,
            Credentials = new ApiCredentials("555", secret),
            Log = log.Enqueue,
        }))
        {
            using var client = new HttpClient { BaseAddress = proxy.BaseUrl };
            var answer = await client.GetStringAsync("api/report/v1/export/get.json?idReportExport=" + secret);
            Assert.Contains("AuthHMAC 555:", answer, StringComparison.Ordinal);
            Assert.Equal(["report-export/get/200.ready.json"], proxy.Written);
        }

        var sample = File.ReadAllText(temp["report-export/get/200.ready.json"]);
        Assert.Contains("\"echo\": \"AuthHMAC [hidden]\"", sample, StringComparison.Ordinal);
        Assert.Contains("\"leak\": \"[hidden]\"", sample, StringComparison.Ordinal);
        var logged = Assert.Single(log);
        Assert.EndsWith("GET /api/report/v1/export/get.json?idReportExport=[hidden] -> 200 wrote report-export/get/200.ready.json", logged, StringComparison.Ordinal);
        foreach (var text in Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllText).Append(logged))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("AuthHMAC 555", text, StringComparison.Ordinal);
        }
    }
}
