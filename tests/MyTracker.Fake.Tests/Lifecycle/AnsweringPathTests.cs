using MyTracker.Fake.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MyTracker.Fake.Tests.Lifecycle;

/// <summary>The same answers whether the fake answers in front of WireMock.Net's matching or through a WireMock mapping.</summary>
public sealed class AnsweringPathTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Lifecycle_auth_download_and_faults_behave_the_same_on_both_paths(bool beforeWireMock)
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { AnswerBeforeWireMock = beforeWireMock });
        fake.Given(Export.WithId(1).InProgress(10).ThenSuccess(files: 1, rowsPerFile: 3000)
            .WithFault(Fault.DropConnection().OnPoll(2))
            .WithFault(Fault.TruncatedGzip(0.3).OnDownload(1))
            .WithFault(Fault.TruncatedBody(0.3).OnDownload(2)));
        using var http = Wire.Client(fake);

        var first = await http.Poll(fake, 1).Read();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.Poll(fake, 1));
        var success = await http.Poll(fake, 1).Read();
        var unsigned = await http.GetAsync("api/segment/v1/export/get.json?idSegmentExport=1").Read();
        var created = await http.PostSigned(fake, "api/segment/v1/export/create.json?idSegment=3").Read();
        var link = success.Body.Files()[0].Link;
        var shortGzip = await http.GetByteArrayAsync(link);
        var reset = await Record.ExceptionAsync(() => http.GetByteArrayAsync(link));
        var whole = await http.GetByteArrayAsync(link);
        var missing = await http.GetAsync("nothing/here").Read();

        Assert.Equal("10%", first.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal("Success!", success.Body.Status());
        Assert.Equal(403, unsigned.Status);
        Assert.Equal(200, created.Status);
        Assert.True(shortGzip.Length < whole.Length);
        Assert.True(reset is HttpRequestException or IOException, $"got {reset?.GetType().Name ?? "no error"}");
        Assert.Equal(3001, Wire.Gunzip(whole).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(404, missing.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Own_WireMock_mappings_override_the_api_paths_too(bool beforeWireMock)
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { AnswerBeforeWireMock = beforeWireMock });
        fake.Given(Export.WithId(1).Success());
        using var http = Wire.Client(fake);
        var before = await http.Poll(fake, 1).Read();

        fake.Server.Given(Request.Create().WithPath("/api/segment/v1/export/get.json").WithParam("idSegmentExport", "1").UsingGet()).RespondWith(Response.Create().WithStatusCode(418));
        fake.Server.Given(Request.Create().WithPath("/custom").UsingGet()).RespondWith(Response.Create().WithStatusCode(202));
        using var api = await http.Poll(fake, 1);
        var other = await http.Poll(fake, 2).Read();
        using var custom = await http.GetAsync("custom");

        Assert.Equal(200, before.Status);
        Assert.Equal(418, (int)api.StatusCode);
        Assert.Equal(404, other.Status);
        Assert.Equal("Segment export request not found", other.Body.Detail());
        Assert.Equal(202, (int)custom.StatusCode);
    }

    [Fact]
    public async Task While_no_mapping_of_the_users_exists_the_api_is_answered_in_front_of_wiremock()
    {
        // WireMock.Net's own log records only what went through its matching.
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { WireMockLogCapacity = 100 });
        fake.Given(Export.WithId(1).Success());
        using var http = Wire.Client(fake);

        (await http.Poll(fake, 1)).Dispose();
        var inFront = fake.Server.LogEntries.Count();
        fake.Server.Given(Request.Create().WithPath("/custom").UsingGet()).RespondWith(Response.Create().WithStatusCode(202));
        var passedOn = await http.Poll(fake, 1).Read();

        Assert.Equal(0, inFront);
        Assert.Equal(200, passedOn.Status);
        Assert.Single(fake.Server.LogEntries);
    }
}
