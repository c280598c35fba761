using System.IO.Compression;
using System.Net;
using System.Text;
using MyTracker.Client.Auth;
using MyTracker.Fake;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.IntegrationTests.Comparison;

/// <summary>
/// The README's comparison, measured: the tool's default scenario written by hand as plain WireMock.Net
/// mappings, next to the same scenario on <see cref="FakeTracker"/>. The lines between the SETUP markers
/// are what the README counts; the tests prove both setups answer the same polls, and show what the
/// hand-written one cannot do.
/// </summary>
public sealed class HandWrittenWireMockTests
{
    private const string GetPath = "/api/segment/v1/export/get.json";

    [Fact]
    public async Task Both_setups_answer_the_default_scenario_alike()
    {
        using var wireMock = StartHandWritten();
        await using var fake = await StartFakeAsync();

        foreach (var baseUrl in new[] { new Uri(wireMock.Url! + "/"), fake.BaseUrl })
        {
            using var http = new HttpClient();
            Assert.Contains("\"10%\"", await PollAsync(http, baseUrl, 1), StringComparison.Ordinal);
            Assert.Contains("\"64%\"", await PollAsync(http, baseUrl, 1), StringComparison.Ordinal);
            Assert.Contains("\"Success!\"", await PollAsync(http, baseUrl, 1), StringComparison.Ordinal);
            Assert.Contains("\"Error occurred\"", await PollAsync(http, baseUrl, 2), StringComparison.Ordinal);
            Assert.Contains("\"Success!\"", await PollAsync(http, baseUrl, 3), StringComparison.Ordinal);
            Assert.Contains("Segment export request not found", await PollAsync(http, baseUrl, 99), StringComparison.Ordinal);
            using var unsigned = await http.GetAsync(new Uri(baseUrl, GetPath.TrimStart('/') + "?idSegmentExport=1"));
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }
    }

    [Fact]
    public async Task Only_the_fake_rejects_a_forged_signature()
    {
        using var wireMock = StartHandWritten();
        await using var fake = await StartFakeAsync();
        using var http = new HttpClient();

        async Task<HttpStatusCode> Forged(Uri baseUrl)
        {
            var url = new Uri(baseUrl, GetPath.TrimStart('/') + "?idSegmentExport=3");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Authorization", AuthHmac.CreateHeaderValue("10001", "not-the-secret", "GET", url));
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Forged(new Uri(wireMock.Url! + "/")));
        Assert.Equal(HttpStatusCode.Forbidden, await Forged(fake.BaseUrl));
    }

    private static async Task<FakeTracker> StartFakeAsync()
    {
        // SETUP fake begin
        var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 1000))
            .Given(Export.WithId(2).ErrorOccurred())
            .Given(Export.WithId(3).Success(files: 1, rowsPerFile: 10));
        // SETUP fake end
        return fake;
    }

    private static WireMockServer StartHandWritten()
    {
        // SETUP wiremock begin
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var signed = new WildcardMatcher("AuthHMAC *:*");
        IRequestBuilder Poll(string id) => Request.Create().WithPath(GetPath).UsingGet()
            .WithParam("idSegmentExport", id).WithHeader("Authorization", signed);
        IResponseBuilder Json(int status, string body) => Response.Create().WithStatusCode(status)
            .WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);
        string Envelope(string data) => $$"""{"code":200,"message":"Ok","data":{{data}}}""";
        string Files(string id, int count) => string.Join(",", Enumerable.Range(1, count).Select(n =>
            $$"""{"link":"{{server.Url}}/storage/download/segment/{{id}}.{{n}}.csv.gz","timestampExpires":"{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}"}"""));

        server.Given(Poll("1")).InScenario("export 1").WillSetStateTo("64")
            .RespondWith(Json(200, Envelope("""{"idSegmentExport":"1","status":"In progress","progress":"10%"}""")));
        server.Given(Poll("1")).InScenario("export 1").WhenStateIs("64").WillSetStateTo("done")
            .RespondWith(Json(200, Envelope("""{"idSegmentExport":"1","status":"In progress","progress":"64%"}""")));
        server.Given(Poll("1")).InScenario("export 1").WhenStateIs("done")
            .RespondWith(Json(200, Envelope($$"""{"idSegmentExport":"1","status":"Success!","files":[{{Files("1", 2)}}]}""")));
        server.Given(Poll("2"))
            .RespondWith(Json(200, Envelope("""{"idSegmentExport":"2","status":"Error occurred"}""")));
        server.Given(Poll("3"))
            .RespondWith(Json(200, Envelope($$"""{"idSegmentExport":"3","status":"Success!","files":[{{Files("3", 1)}}]}""")));
        foreach (var (id, count, rows) in new[] { ("1", 2, 1000), ("3", 1, 10) })
        {
            for (var n = 1; n <= count; n++)
            {
                server.Given(Request.Create().WithPath($"/storage/download/segment/{id}.{n}.csv.gz").UsingGet())
                    .RespondWith(Response.Create().WithHeader("Content-Type", "application/gzip").WithBody(Gzip(rows)));
            }
        }

        server.Given(Request.Create().WithPath(GetPath).UsingGet().WithHeader("Authorization", signed)).AtPriority(10)
            .RespondWith(Json(404, """{"code":404,"message":"Not Found","data":{"error":{"detail":"Segment export request not found"}}}"""));
        server.Given(Request.Create().WithPath(GetPath).UsingGet()).AtPriority(20)
            .RespondWith(Json(403, """{"code":403,"message":"Access denied","data":null}"""));

        static byte[] Gzip(int rows)
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
            {
                var csv = "gaid\n" + string.Concat(Enumerable.Range(1, rows).Select(r => $"{r:x8}-0000-0000-0000-000000000000\n"));
                gzip.Write(Encoding.UTF8.GetBytes(csv));
            }

            return buffer.ToArray();
        }

        // SETUP wiremock end
        return server;
    }

    private static async Task<string> PollAsync(HttpClient http, Uri baseUrl, long id)
    {
        var url = new Uri(baseUrl, GetPath.TrimStart('/') + $"?idSegmentExport={id}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", url));
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
