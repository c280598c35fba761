using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MyTracker.Client.Auth;
using MyTracker.Fake;

namespace MyTracker.Fake.Tests.Support;

/// <summary>Raw HTTP against a fake: requests signed with AuthHmac exactly as a client would sign them.</summary>
internal static class Wire
{
    public static HttpClient Client(FakeTracker fake) => new() { BaseAddress = fake.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public static HttpRequestMessage Signed(HttpMethod method, Uri url, FakeApiUser user)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Authorization", AuthHmac.CreateHeaderValue(user.ApiUserId, user.Secret, method.Method, url));
        return request;
    }

    public static Task<HttpResponseMessage> GetSigned(this HttpClient http, FakeTracker fake, string pathAndQuery, FakeApiUser? user = null) =>
        http.SendAsync(Signed(HttpMethod.Get, new Uri(fake.BaseUrl, pathAndQuery), user ?? fake.DefaultUser));

    public static Task<HttpResponseMessage> PostSigned(this HttpClient http, FakeTracker fake, string pathAndQuery, FakeApiUser? user = null) =>
        http.SendAsync(Signed(HttpMethod.Post, new Uri(fake.BaseUrl, pathAndQuery), user ?? fake.DefaultUser));

    public static Task<HttpResponseMessage> Poll(this HttpClient http, FakeTracker fake, long id, FakeApiUser? user = null) =>
        http.GetSigned(fake, $"api/segment/v1/export/get.json?idSegmentExport={id}", user);

    public static async Task<(int Status, JsonElement Body, string Text)> Read(this Task<HttpResponseMessage> pending)
    {
        using var response = await pending;
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true }).RootElement.Clone();
        return ((int)response.StatusCode, body, text);
    }

    public static string Status(this JsonElement body) => body.GetProperty("data").GetProperty("status").GetString()!;

    public static string Detail(this JsonElement body) => body.GetProperty("data").GetProperty("error").GetProperty("detail").GetString()!;

    public static IReadOnlyList<(Uri Link, long Expires)> Files(this JsonElement body) =>
        [.. body.GetProperty("data").GetProperty("files").EnumerateArray()
            .Select(f => (new Uri(f.GetProperty("link").GetString()!), long.Parse(f.GetProperty("timestampExpires").GetString()!)))];

    public static string Gunzip(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
