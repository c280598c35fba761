using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Downloads;

/// <summary>
/// Downloads answer byte ranges as object storage does, so a client can resume a cut transfer:
/// <c>Accept-Ranges</c>, a strong <c>ETag</c> per file content, one <c>Range</c> (206 / 416) and
/// <c>If-Range</c>; and an option answers like storage without range support.
/// </summary>
public sealed class RangeTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_range_gets_206_with_the_slice_and_its_content_range(bool answerBeforeWireMock)
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { AnswerBeforeWireMock = answerBeforeWireMock });
        fake.Given(Export.WithId(1).Success(files: 1, rowsPerFile: 500));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;
        using var whole = await http.GetAsync(link);
        var content = await whole.Content.ReadAsByteArrayAsync();

        using var tail = await http.SendAsync(Ranged(link, "bytes=100-"));
        using var head = await http.SendAsync(Ranged(link, "bytes=0-9"));
        using var suffix = await http.SendAsync(Ranged(link, "bytes=-10"));
        using var clamped = await http.SendAsync(Ranged(link, $"bytes=5-{content.Length + 1000}"));

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(["bytes"], whole.Headers.AcceptRanges);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(content[100..], await tail.Content.ReadAsByteArrayAsync());
        Assert.Equal(new ContentRangeHeaderValue(100, content.Length - 1, content.Length), tail.Content.Headers.ContentRange);
        Assert.Equal(content.Length - 100, tail.Content.Headers.ContentLength);
        Assert.Equal(content[..10], await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(content[^10..], await suffix.Content.ReadAsByteArrayAsync());
        Assert.Equal(content[5..], await clamped.Content.ReadAsByteArrayAsync());
        Assert.Equal(whole.Headers.ETag, tail.Headers.ETag);
        Assert.Equal("bytes=100-", fake.Journal.DownloadsOf(1)[1].Range);
        Assert.Null(fake.Journal.DownloadsOf(1)[0].Range);
    }

    [Fact]
    public async Task The_etag_is_strong_follows_the_content_and_survives_link_renewal()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { TimeProvider = clock });
        fake.Given(Export.WithId(1).Success(files: 2, rowsPerFile: 50).WithLinkLifetime(TimeSpan.FromMinutes(10)));
        using var http = Wire.Client(fake);
        var old = (await http.Poll(fake, 1).Read()).Body.Files();
        using var first = await http.GetAsync(old[0].Link);
        using var second = await http.GetAsync(old[1].Link);
        clock.Advance(TimeSpan.FromMinutes(10));
        var renewed = (await http.Poll(fake, 1).Read()).Body.Files();
        using var again = await http.GetAsync(renewed[0].Link);

        var tag = first.Headers.ETag!;
        Assert.False(tag.IsWeak);
        Assert.NotEqual(old[0].Link, renewed[0].Link);
        Assert.Equal(tag, again.Headers.ETag);
        Assert.NotEqual(tag, second.Headers.ETag);

        // If-Range with the tag of the first link resumes on the renewed one: the bytes are the same.
        using var resumed = await http.SendAsync(Ranged(renewed[0].Link, "bytes=10-", tag.Tag));
        Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
    }

    [Theory]
    [InlineData("\"0123456789abcdef0123456789abcdef\"")]
    [InlineData("W/\"weak\"")]
    [InlineData("Sun, 01 Mar 2026 10:00:00 GMT")]
    public async Task An_if_range_that_does_not_match_gets_the_whole_file(string ifRange)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 1, rowsPerFile: 50));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;
        var content = await http.GetByteArrayAsync(link);

        using var response = await http.SendAsync(Ranged(link, "bytes=10-", ifRange));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentRange);
    }

    [Theory]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("bytes=9-3")]
    [InlineData("items=0-1")]
    [InlineData("bytes=abc")]
    public async Task A_range_the_server_may_ignore_gets_the_whole_file(string range)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 1, rowsPerFile: 50));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;
        var content = await http.GetByteArrayAsync(link);

        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.TryAddWithoutValidation("Range", range);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes={0}-")]
    [InlineData("bytes={0}-{1}")]
    [InlineData("bytes=-0")]
    public async Task A_range_past_the_end_gets_416_with_the_length(string pattern)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 1, rowsPerFile: 50));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;
        var length = (await http.GetByteArrayAsync(link)).Length;

        var answer = await http.SendAsync(Ranged(link, string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, length, length + 5))).Read();
        using var response = await http.SendAsync(Ranged(link, $"bytes={length}-"));

        Assert.Equal(416, answer.Status);
        Assert.Equal("Requested range not satisfiable", answer.Body.Detail());
        Assert.Equal($"bytes */{length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(FakeOutcome.Invalid, fake.Journal.DownloadsOf(1)[^1].Outcome);
    }

    [Fact]
    public async Task With_ranges_off_downloads_answer_like_plain_storage()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { DownloadRanges = false });
        fake.Given(Export.WithId(1).Success(files: 1, rowsPerFile: 50));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;
        using var whole = await http.GetAsync(link);
        var content = await whole.Content.ReadAsByteArrayAsync();

        using var ranged = await http.SendAsync(Ranged(link, "bytes=10-"));
        using var beyond = await http.SendAsync(Ranged(link, $"bytes={content.Length}-"));

        Assert.Empty(whole.Headers.AcceptRanges);
        Assert.NotNull(whole.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, ranged.StatusCode);
        Assert.Equal(content, await ranged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
    }

    [Fact]
    public async Task A_cut_transfer_resumed_with_a_range_reassembles_the_file_and_faults_hit_ranged_answers_too()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 1, rowsPerFile: 2000)
            .WithFault(Fault.TruncatedGzip(0.5).OnDownload(attempt: 2))
            .WithFault(Fault.TruncatedBody(0.5).OnDownload(attempt: 3))
            .WithFault(Fault.DropConnection().OnDownload(attempt: 4)));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;
        using var first = await http.GetAsync(link);
        var content = await first.Content.ReadAsByteArrayAsync();
        var tag = first.Headers.ETag!.Tag;
        var from = content.Length / 3;

        // Attempt 2: a clean but short 206 (half of the slice asked for).
        using var shortSlice = await http.SendAsync(Ranged(link, $"bytes={from}-", tag));
        var got = await shortSlice.Content.ReadAsByteArrayAsync();

        // Attempt 3: 206 headers, part of the slice, then a reset.
        var cut = await Record.ExceptionAsync(async () =>
        {
            using var response = await http.SendAsync(Ranged(link, $"bytes={from + got.Length}-", tag), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
        });

        // Attempt 4: reset before any byte; attempt 5: the rest.
        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(Ranged(link, $"bytes={from + got.Length}-", tag)));
        using var rest = await http.SendAsync(Ranged(link, $"bytes={from + got.Length}-", tag));

        Assert.Equal(HttpStatusCode.PartialContent, shortSlice.StatusCode);
        Assert.Equal((content.Length - from) / 2, got.Length);
        Assert.True(cut is HttpRequestException or IOException, $"expected a transport error, got {cut?.GetType().Name ?? "none"}");
        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        var reassembled = content[..from].Concat(got).Concat(await rest.Content.ReadAsByteArrayAsync()).ToArray();
        Assert.Equal(content, reassembled);
        Assert.Equal(2001, Wire.Gunzip(reassembled).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(
            [FaultKind.TruncatedGzip, FaultKind.TruncatedBody, FaultKind.DropConnection],
            fake.Journal.DownloadsOf(1).Skip(1).Take(3).Select(d => d.Fault));
    }

    private static HttpRequestMessage Ranged(Uri link, string range, string? ifRange = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.TryAddWithoutValidation("Range", range);
        if (ifRange is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Range", ifRange);
        }

        return request;
    }
}
