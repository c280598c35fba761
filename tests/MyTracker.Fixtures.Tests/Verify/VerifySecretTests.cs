using System.Text;
using MyTracker.Fixtures.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace MyTracker.Fixtures.Tests.Verify;

/// <summary>A drift report quotes values it received; an upstream that echoes the signature there cannot get it into the report.</summary>
public sealed class VerifySecretTests
{
    [Fact]
    public async Task An_echoed_signature_in_a_received_value_is_not_in_the_report()
    {
        const string secret = "verify-echo-secret-5d1e";
        var sent = new List<string>();
        using var upstream = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        upstream.Given(Request.Create().WithPath("/api/segment/v1/export/get.json").UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var authorization = request.Headers!["Authorization"][0];
                lock (sent)
                {
                    sent.Add(authorization);
                }

                // The status is the discriminating field: a new value of it is quoted in the report.
                var body = "{\"code\":200,\"message\":\"Ok\",\"data\":{\"idSegmentExport\":\"1\",\"status\":\"" + Uri.EscapeDataString(authorization) + "\"}}";
                return new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
                };
            }));

        var report = await DriftVerifier.VerifyAsync(DocumentedApi.Load(Repository.Fixtures), new VerifyOptions
        {
            Upstream = new Uri(upstream.Url!),
            Credentials = new ApiCredentials("555", secret),
            Requests = [DocumentedRequest.Parse("GET /api/segment/v1/export/get.json?idSegmentExport=1")],
        });

        var signature = Assert.Single(sent)[(sent[0].LastIndexOf(':') + 1)..];
        Assert.True(report.HasDrift);
        foreach (var text in report.ToLines().Append(report.ToJson()))
        {
            Assert.DoesNotContain(Uri.EscapeDataString(signature), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(signature, text, StringComparison.Ordinal);
        }
    }
}
