using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using MyTracker.Client.Auth;
using MyTracker.Fake;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Interop;

/// <summary>
/// One fixed walk through the default scenario's lifecycles, run against any server (the fake, or a
/// WireMock server loaded with the fake's mapping export) so the two can be compared answer by answer:
/// export 1 polled to success and every listed file downloaded, export 2, export 3 and its file, an
/// unknown id, a created export polled to success and downloaded, and requests without (or with a
/// stranger's) Authorization. Each file must be valid gzip holding exactly the fake's CSV.
/// </summary>
internal static partial class LifecycleDrive
{
    /// <summary>What one request got, with the server's own address and link expiry times taken out.</summary>
    public sealed record Answer(string Request, int Status, string? ContentType, string Body)
    {
        public override string ToString() => $"{Request} -> {Status} {ContentType} {Body}";
    }

    public static async Task<IReadOnlyList<Answer>> RunAsync(Uri baseUrl, FakeTracker expected)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var user = expected.DefaultUser;
        var answers = new List<Answer>();

        async Task<(Answer Answer, byte[] Bytes)> Send(HttpMethod method, string pathAndQuery, FakeApiUser? signer, string? label = null)
        {
            var url = new Uri(baseUrl, pathAndQuery);
            using var request = new HttpRequestMessage(method, url);
            if (signer is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", AuthHmac.CreateHeaderValue(signer.ApiUserId, signer.Secret, method.Method, url));
            }

            using var response = await http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var type = response.Content.Headers.ContentType?.ToString();
            var isText = type?.StartsWith("application/json", StringComparison.Ordinal) == true;
            var body = isText ? Normalize(System.Text.Encoding.UTF8.GetString(bytes), baseUrl) : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
            var answer = new Answer(label ?? $"{method} {pathAndQuery}{(signer is null ? " (unsigned)" : signer == user ? string.Empty : $" (signed by {signer.ApiUserId})")}", (int)response.StatusCode, type, body);
            answers.Add(answer);
            return (answer, bytes);
        }

        async Task<JsonElement> PollUntilDone(long id, int polls)
        {
            JsonElement last = default;
            for (var i = 0; i < polls; i++)
            {
                var (_, bytes) = await Send(HttpMethod.Get, Get(id), user);
                last = JsonDocument.Parse(bytes).RootElement.Clone();
            }

            return last;
        }

        async Task DownloadAll(long id, JsonElement success)
        {
            var number = 0;
            foreach (var file in success.GetProperty("data").GetProperty("files").EnumerateArray())
            {
                number++;
                var link = new Uri(file.GetProperty("link").GetString()!);
                Assert.Equal(baseUrl.Authority, link.Authority);
                var (answer, bytes) = await Send(HttpMethod.Get, link.PathAndQuery.TrimStart('/'), signer: null, $"download file {number} of export {id}");
                Assert.True(answer.Status == 200, $"{answer} after:\n{string.Join("\n", answers)}");
                Assert.Equal(expected.GetExpectedCsv(id, number), Gzip.Text(bytes));
            }

            Assert.True(number > 0, $"export {id}'s success lists no file");
        }

        await Send(HttpMethod.Get, Get(1), signer: null);
        await Send(HttpMethod.Get, Get(1), new FakeApiUser("99999", "a-stranger's-secret"));
        await DownloadAll(1, await PollUntilDone(1, polls: 4));
        await PollUntilDone(2, polls: 2);
        await DownloadAll(3, await PollUntilDone(3, polls: 2));
        await Send(HttpMethod.Get, Get(4), user);
        await Send(HttpMethod.Post, "api/segment/v1/export/create.json?idSegment=7", signer: null);
        var (created, createdBody) = await Send(HttpMethod.Post, "api/segment/v1/export/create.json?idSegment=7", user);
        Assert.Equal(200, created.Status);
        var createdId = long.Parse(JsonDocument.Parse(createdBody).RootElement.GetProperty("data").GetProperty("idSegmentExport").GetString()!);
        await DownloadAll(createdId, await PollUntilDone(createdId, polls: 4));
        await Send(HttpMethod.Get, "storage/download/segment/1.9.00000000000000000000000000000000.csv.gz", signer: null);
        await Send(HttpMethod.Get, "api/segment/v1/no-such-endpoint.json", user);
        return answers;
    }

    private static string Get(long id) => $"api/segment/v1/export/get.json?idSegmentExport={id}";

    private static string Normalize(string json, Uri baseUrl) =>
        Expires().Replace(json.Replace(baseUrl.GetLeftPart(UriPartial.Authority), "{server}", StringComparison.Ordinal), "\"timestampExpires\":\"{unix seconds}\"");

    [GeneratedRegex("\"timestampExpires\"\\s*:\\s*\"[0-9]+\"")]
    private static partial Regex Expires();
}
