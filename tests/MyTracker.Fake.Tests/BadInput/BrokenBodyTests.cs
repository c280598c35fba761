using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.BadInput;

/// <summary>
/// A body that cannot be read (bad chunk framing, shorter than its Content-Length, too large) is a
/// 4xx in the documented envelope on every path, never a 500 and never exception text.
/// </summary>
public sealed class BrokenBodyTests
{
    public static TheoryData<string, bool> Paths => new()
    {
        { "POST /api/segment/v1/export/create.json?idSegment=1", false },
        { "GET /api/segment/v1/export/get.json?idSegmentExport=1", false },
        { "GET /storage/download/segment/1.1.00000000000000000000000000000000.csv.gz", false },
        { "POST /anything/else", false },
        { "POST /__admin/mappings", true },
        { "POST /api/segment/v1/export/create.json?idSegment=1", true },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_bad_chunk_size_is_400_in_the_envelope(string requestLine, bool admin)
    {
        await using var fake = await Start(admin);

        var answer = await RawHttp.SendAsync(fake.BaseUrl, $"{requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n");

        Assert.Equal(400, answer.Status);
        Assert.Equal("""{"code":400,"message":"Bad Request","data":{"error":{"detail":"Request body is not valid chunked transfer coding"}}}""", answer.Body);
        Assert.Equal(FakeOutcome.Invalid, fake.Journal.Entries.Single().Outcome);
        Assert.Empty(fake.GetExports());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_body_that_ends_early_is_journaled_and_changes_nothing(string requestLine, bool admin)
    {
        // Kestrel ends the request as soon as the client closes its sending side, so there is nobody
        // to answer: the fake records what happened and serves nothing.
        var journaled = new TaskCompletionSource<FakeRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fake = await Start(admin, journaled);

        var answer = await RawHttp.SendAsync(fake.BaseUrl, $"{requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20\r\nConnection: close\r\n\r\nshort", endSending: true);

        // The socket closes before the fake has written its journal entry: wait for the entry itself.
        var entry = await journaled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(string.Empty, answer.Text);
        Assert.Single(fake.Journal.Entries);
        Assert.Equal((0, FakeOutcome.Invalid), (entry.StatusCode, entry.Outcome));
        Assert.Equal("the connection closed before the 20 body bytes its Content-Length announced had arrived", entry.Detail);
        Assert.Empty(fake.GetExports());
    }

    [Theory]
    [InlineData("POST /api/segment/v1/export/create.json?idSegment=1", 65536)]
    [InlineData("POST /anything/else", 16777216)]
    public async Task An_oversized_chunked_body_is_413_in_the_envelope(string requestLine, int limit)
    {
        await using var fake = await Start(admin: false);
        var chunk = new string('x', 1 << 16);
        var chunks = string.Concat(Enumerable.Repeat($"{chunk.Length:x}\r\n{chunk}\r\n", (limit / chunk.Length) + 1));

        var answer = await RawHttp.SendAsync(fake.BaseUrl, $"{requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunks}0\r\n\r\n");

        Assert.Equal(413, answer.Status);
        Assert.Equal("{\"code\":413,\"message\":\"Payload Too Large\",\"data\":{\"error\":{\"detail\":\"Request body larger than " + limit + " bytes\"}}}", answer.Body);
    }

    [Fact]
    public async Task A_content_length_that_is_not_a_number_is_refused_by_kestrel_before_the_fake_with_a_bare_400()
    {
        // Kestrel rejects the header block itself, before any application code runs: the fake has no
        // say in this answer. What matters: a 4xx, no 500, no exception text.
        await using var fake = await Start(admin: false);

        var answer = await RawHttp.SendAsync(fake.BaseUrl, "POST /api/segment/v1/export/create.json?idSegment=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\nConnection: close\r\n\r\nabc");

        Assert.Equal(400, answer.Status);
        Assert.Equal("0", answer.Header("Content-Length"));
        Assert.Equal(string.Empty, answer.Body);
        Assert.Empty(fake.Journal.Entries);
    }

    [Fact]
    public async Task A_good_body_still_reaches_users_own_wiremock_mappings()
    {
        await using var fake = await Start(admin: false);
        fake.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/echo").UsingPost().WithBody("hello"))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(201));

        var answer = await RawHttp.SendAsync(fake.BaseUrl, "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

        Assert.Equal(201, answer.Status);
    }

    private static Task<FakeTracker> Start(bool admin, TaskCompletionSource<FakeRequest>? journaled = null) =>
        FakeTracker.StartAsync(new FakeTrackerOptions
        {
            StartAdminInterface = admin,
            AdminUsername = admin ? "admin" : null,
            AdminPassword = admin ? "pw" : null,
            OnRequest = journaled is null ? null : r => journaled.TrySetResult(r),
        });
}
