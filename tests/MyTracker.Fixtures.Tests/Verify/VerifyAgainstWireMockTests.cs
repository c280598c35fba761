using MyTracker.Fixtures.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.Fixtures.Tests.Verify;

/// <summary>
/// The whole loop on an endpoint today's fake does not serve (raw export cancel.json), with a plain
/// WireMock.Net server as the API: import the page, verify the API against it, record the API, verify the recording.
/// </summary>
public sealed class VerifyAgainstWireMockTests
{
    private const string Cancel = "/api/raw/v1/export/cancel.json";

    [Fact]
    public async Task Import_then_verify_then_record_then_verify_the_recording()
    {
        using var temp = new TempDirectory();
        DocumentationImporter.Write(DocumentationImporter.Read(Repository.Page("raw-export-cancel.txt")), temp["fixtures"]);
        var api = DocumentedApi.Load(temp["fixtures"]);

        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Answer(server, "4", 200, """{"code":200,"message":"Ok","data":{"idRawExport":4,"info":"Canceled","canceledAt":"1700000000"}}""");
        Answer(server, "5", 409, """{"code":409,"message":"Conflict","data":null}""");
        Answer(server, "6", 400, """{"code":400,"message":"Bad Request","data":{"error":{"detail":"This RawExport is already canceled"}}}""");
        Answer(server, "7", 404, """{"code":404,"message":"Not Found","data":{"error":{"detail":"Raw export request not found"}}}""");

        // The documented request is the page's example query.
        Assert.Equal([$"GET {Cancel}?idRawExport=4"], DriftVerifier.DocumentedRequests(api).Select(r => r.ToString()));
        var report = await DriftVerifier.VerifyAsync(api, new VerifyOptions
        {
            Upstream = new Uri(server.Url!),
            Requests = [.. new[] { "4", "5", "6", "7" }.Select(id => new DocumentedRequest("GET", $"{Cancel}?idRawExport={id}"))],
        });

        Assert.Equal(
            [
                "type-changed raw-export/cancel 200 data.idRawExport: documented as an integer string, received an integer",
                "new-field raw-export/cancel 200 data.canceledAt: not in the fixtures, received unix seconds as a string",
                "undocumented-status raw-export/cancel 409: not documented (documented: 200, 400, 403, 404)",
                "new-discriminator-value raw-export/cancel 400 data.error.detail: received \"This RawExport is already canceled\", documented \"This RawExport can not be cancel (it's completed)\", \"This RawExport can not be cancel\"",
            ],
            report.Findings.Select(f => f.Drift.ToString()));

        // Record the same API through the proxy; the recording checks exactly as the live answers did.
        await using (var proxy = await RecordingProxy.StartAsync(new RecordingOptions { Upstream = new Uri(server.Url!), OutputDirectory = temp["recorded"], FixturesDirectory = temp["fixtures"] }))
        {
            using var client = new HttpClient { BaseAddress = proxy.BaseUrl };
            foreach (var id in new[] { "4", "5", "6", "7" })
            {
                (await client.GetAsync($"{Cancel.TrimStart('/')}?idRawExport={id}")).Dispose();
            }

            Assert.Equal(
                ["raw-export/cancel/200.ok.json", "raw-export/cancel/409.conflict.json", "raw-export/cancel/400.this-raw-export-is-already-canceled.json", "raw-export/cancel/404.not-found.json"],
                proxy.Written);
        }

        var recorded = DriftVerifier.VerifyRecorded(api, temp["recorded"]);
        Assert.Equal(report.Findings.Select(f => f.Drift.Kind).Order(), recorded.Findings.Select(f => f.Drift.Kind).Order());
    }

    private static void Answer(WireMockServer server, string id, int status, string body) =>
        server.Given(Request.Create().WithPath(Cancel).WithParam("idRawExport", id).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
}
