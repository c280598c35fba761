using System.Net.Sockets;
using System.Text;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.BadInput;

/// <summary>Every bad input gets a 4xx in the documented envelope, never a 500.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("idSegmentExport=abc", 400)]
    [InlineData("idSegmentExport=-1", 404)]
    [InlineData("idSegmentExport=0", 404)]
    [InlineData("idSegmentExport=9223372036854775808", 400)]
    [InlineData("idSegmentExport=", 400)]
    [InlineData("", 400)]
    [InlineData("idSegmentExport=1&idSegmentExport=1", 400)]
    [InlineData("idSegmentExport=%D9%A1", 400)]
    [InlineData("idSegmentExport=%C3%A9", 400)]
    [InlineData("idSegmentExport=1%00", 400)]
    [InlineData("idSegmentExport=%201", 400)]
    [InlineData("idSegmentExport=1&extra=1", 400)]
    [InlineData("idsegmentexport=1", 400)]
    public async Task Bad_ids_are_4xx_in_the_envelope(string query, int status)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success());
        using var http = Wire.Client(fake);

        var answer = await http.GetSigned(fake, "api/segment/v1/export/get.json?" + query).Read();

        Assert.Equal(status, answer.Status);
        Assert.Equal(status, answer.Body.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(answer.Body.Detail()));
        Assert.Equal(0, fake.GetExport(1)!.PollAttempts);
    }

    [Theory]
    [InlineData("/storage/download/segment/../../../etc/passwd")]
    [InlineData("/storage/download/segment/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/storage/download/segment/..%2f..%2fFakeTracker.cs")]
    [InlineData("/storage/download/segment//etc/passwd")]
    [InlineData("/storage/download/segment/%2fetc%2fpasswd")]
    [InlineData("/storage/download/segment/C:%5cWindows%5cwin.ini")]
    [InlineData("/storage/download/segment/1.1.c3217d0d061c695550c9cf8a8fa72520.csv.gz")]
    [InlineData("/storage/download/segment/")]
    [InlineData("/storage/download/other/1.1.c3217d0d061c695550c9cf8a8fa72520.csv.gz")]
    [InlineData("/etc/passwd")]
    public async Task Download_paths_outside_the_fakes_own_files_are_the_404_envelope(string rawPath)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success());
        using var http = Wire.Client(fake);
        var url = new Uri(fake.BaseUrl.GetLeftPart(UriPartial.Authority) + rawPath, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

        var answer = await http.GetAsync(url).Read();

        Assert.Equal(404, answer.Status);
        Assert.Equal(404, answer.Body.GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("GET /storage/download/segment/../../../../etc/passwd HTTP/1.1")]
    [InlineData("GET /storage/download/segment/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1")]
    [InlineData("GET http://127.0.0.1/storage/download/segment/../../etc/passwd HTTP/1.1")]
    [InlineData("GET http://127.0.0.1/etc/passwd HTTP/1.1")]
    [InlineData("GET http://127.0.0.1 HTTP/1.1")]
    public async Task Raw_request_lines_never_reach_outside_the_fakes_content(string requestLine)
    {
        await using var fake = await FakeTracker.StartAsync();
        var response = await RawRequest(fake, requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        Assert.Matches("^HTTP/1.1 4[0-9][0-9]", response);
        Assert.DoesNotContain("root:", response);
    }

    [Fact]
    public async Task An_absolute_form_request_is_signed_and_checked_as_written()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(4).Success());
        var url = new Uri($"http://127.0.0.1:{fake.BaseUrl.Port}/api/segment/v1/export/get.json?idSegmentExport=4");

        var response = await RawRequest(fake, $"GET {url} HTTP/1.1\r\nHost: 127.0.0.1:{fake.BaseUrl.Port}\r\nAuthorization: {fake.Sign(HttpMethod.Get, url)}\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", response);
        Assert.Contains("Success!", response);
    }

    [Fact]
    public async Task A_query_over_the_fakes_limit_is_414_in_the_envelope()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var answer = await http.GetSigned(fake, "api/segment/v1/export/get.json?idSegmentExport=1&pad=" + new string('x', 5000)).Read();

        Assert.Equal(414, answer.Status);
        Assert.Equal(414, answer.Body.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_request_line_or_headers_over_kestrels_limits_are_rejected_with_4xx()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);
        using var longHeader = new HttpRequestMessage(HttpMethod.Get, "api/segment/v1/export/get.json?idSegmentExport=1");
        longHeader.Headers.TryAddWithoutValidation("X-Padding", new string('y', 64 * 1024));

        using var hugeQuery = await http.GetAsync("api/segment/v1/export/get.json?idSegmentExport=1&pad=" + new string('x', 20_000));
        using var hugeHeader = await http.SendAsync(longHeader);

        Assert.InRange((int)hugeQuery.StatusCode, 400, 499);
        Assert.InRange((int)hugeHeader.StatusCode, 400, 499);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_are_the_404_envelope()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var unknown = await http.GetAsync("api/segment/v1/export/delete.json").Read();
        var wrongMethod = await http.PostAsync("api/segment/v1/export/get.json?idSegmentExport=1", null).Read();

        Assert.Equal(404, unknown.Status);
        Assert.Equal(404, wrongMethod.Status);
    }

    [Fact]
    public async Task Raw_non_ascii_in_the_request_line_is_rejected_with_4xx()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success());

        var response = await RawRequest(fake, "GET /api/segment/v1/export/get.json?idSegmentExport=\u0661 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        Assert.Matches("^HTTP/1.1 4[0-9][0-9]", response);
    }

    [Fact]
    public async Task An_oversized_body_is_413_in_the_envelope()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var answer = await http.PostAsync("api/segment/v1/export/create.json?idSegment=1", new ByteArrayContent(new byte[200_000])).Read();

        Assert.Equal(413, answer.Status);
        Assert.Equal(413, answer.Body.GetProperty("code").GetInt32());
        Assert.Empty(fake.GetExports());
    }

    private static async Task<string> RawRequest(FakeTracker fake, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(fake.BaseUrl.Host, fake.BaseUrl.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
