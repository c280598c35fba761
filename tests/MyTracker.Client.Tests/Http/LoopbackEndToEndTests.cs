using System.Text.RegularExpressions;
using MyTracker.Client.Auth;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Http;

/// <summary>The default pipeline on real sockets (loopback only): create, poll, download through a redirect, rows.</summary>
public sealed partial class LoopbackEndToEndTests
{
    [Fact]
    public async Task A_whole_export_over_real_sockets_is_signed_where_it_must_and_nowhere_else()
    {
        var gz = TestData.Gzip("gaid\ng-1\ng-2\n");
        await using var storage = new LoopbackHttpServer(_ => LoopbackHttpServer.BinaryResponse(gz));
        var verified = 0;
        LoopbackHttpServer? api = null;
        api = new LoopbackHttpServer(head =>
        {
            var (method, target) = RequestLine(head);

            // Every request to the API host, file download included, is verified the way a server
            // does it: the URL rebuilt from what came over the wire.
            var url = new Uri(api!.BaseAddress, target);
            var auth = AuthorizationHeader().Match(head).Groups[1].Value.Trim();
            if (!AuthHmac.TryParseHeader(auth, out var user, out var signature) || user != TestData.User ||
                !AuthHmac.Verify(TestData.Secret, method, url, default, signature))
            {
                return LoopbackHttpServer.Response(403, "Forbidden", "{\"code\":403,\"message\":\"Access denied\",\"data\":null}");
            }

            Interlocked.Increment(ref verified);

            return target switch
            {
                _ when target.StartsWith("/api/segment/v1/export/create.json", StringComparison.Ordinal) =>
                    LoopbackHttpServer.Response(200, "OK", Fixtures.Create("200.created.json")),
                _ when target.StartsWith("/api/segment/v1/export/get.json", StringComparison.Ordinal) =>
                    LoopbackHttpServer.Response(200, "OK", Fixtures.Success(DateTimeOffset.UtcNow.AddHours(1), new Uri(api!.BaseAddress, "storage/download/segment/1.1.abc.csv.gz").AbsoluteUri)),
                _ => LoopbackHttpServer.Response(302, "Found", "", $"Location: {storage.BaseAddress}segment/1.1.abc.csv.gz?X-Sig=token"),
            };
        });
        await using var _ = api;
        var options = TestData.Options(TimeProvider.System, api.BaseAddress);
        using var client = new MyTrackerClient(options);

        var operation = await client.SegmentExports.StartAsync(new SegmentExportCreateRequest { IdSegment = 7, RequestFields = ["gaid"] });
        Assert.IsType<ExportOutcome.Succeeded>(await operation.WaitForCompletionAsync());
        var rows = new List<string>();
        await foreach (var row in operation.ReadRowsAsync())
        {
            rows.Add(row["gaid"]);
        }

        Assert.Equal(["g-1", "g-2"], rows);
        Assert.Equal(3, verified);
        Assert.Contains(api.Requests, r => r.StartsWith("GET /storage/download/segment/1.1.abc.csv.gz", StringComparison.Ordinal) && r.Contains("Authorization: AuthHMAC"));
        Assert.DoesNotContain("Authorization", Assert.Single(storage.Requests), StringComparison.OrdinalIgnoreCase);
    }

    private static (string Method, string Target) RequestLine(string head)
    {
        var parts = head[..head.IndexOf('\r')].Split(' ');
        return (parts[0], parts[1]);
    }

    [GeneratedRegex("^Authorization:(.*)$", RegexOptions.Multiline)]
    private static partial Regex AuthorizationHeader();
}
