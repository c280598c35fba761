using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Faults;

public sealed class FaultTests
{
    [Fact]
    public async Task Server_error_on_the_nth_poll_does_not_advance_the_lifecycle()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess().WithFault(Fault.ServerError(503).OnPoll(2)));
        using var http = Wire.Client(fake);

        var first = await http.Poll(fake, 1).Read();
        using var second = await http.Poll(fake, 1);
        var html = await second.Content.ReadAsStringAsync();
        var third = await http.Poll(fake, 1).Read();

        Assert.Equal("10%", first.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal(503, (int)second.StatusCode);
        Assert.Equal("text/html", second.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1>503</h1>", html);
        Assert.Equal("64%", third.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal(FaultKind.Status, fake.Journal.Entries[1].Fault);
        Assert.Equal(2, fake.Journal.PollsOf(1).Count);
    }

    [Fact]
    public async Task Too_many_requests_carries_retry_after()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success().WithFault(Fault.TooManyRequests(TimeSpan.FromSeconds(3)).OnPolls(1, 2)));
        using var http = Wire.Client(fake);

        using var first = await http.Poll(fake, 1);
        using var second = await http.Poll(fake, 1);
        using var third = await http.Poll(fake, 1);

        Assert.Equal([429, 429, 200], new[] { (int)first.StatusCode, (int)second.StatusCode, (int)third.StatusCode });
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Dropped_connection_is_a_transport_error_and_the_next_poll_works()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10).ThenSuccess().WithFault(Fault.DropConnection().OnPoll(1)));
        using var http = Wire.Client(fake);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.Poll(fake, 1));
        var next = await http.Poll(fake, 1).Read();

        Assert.Equal("10%", next.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal(0, fake.Journal.Entries[0].StatusCode);
    }

    [Fact]
    public async Task Truncated_body_resets_the_connection_mid_download()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(1, 5000).WithFault(Fault.TruncatedBody(0.5).OnDownload(file: 1)));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;

        var error = await Record.ExceptionAsync(async () =>
        {
            using var response = await http.GetAsync(link, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
        });
        var retry = await http.GetByteArrayAsync(link);

        Assert.True(error is HttpRequestException or IOException, $"expected a transport error, got {error?.GetType().Name ?? "none"}");
        Assert.Equal(5001, Wire.Gunzip(retry).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Truncated_gzip_ends_cleanly_but_cannot_be_decompressed()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(1, 2000).WithFault(Fault.TruncatedGzip(0.5).OnDownload()));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;

        var cut = await http.GetByteArrayAsync(link);
        var whole = await http.GetByteArrayAsync(link);

        // .NET's GZipStream reads a cut stream to a silent early end (no trailer check), so a client
        // must check the gzip trailer or the row count itself: the fake's job is to produce the case.
        Assert.True(cut.Length < whole.Length);
        var partial = Record.Exception(() => Wire.Gunzip(cut)) is null ? Wire.Gunzip(cut) : string.Empty;
        Assert.True(partial.Length < Wire.Gunzip(whole).Length);
        Assert.Equal(2001, Wire.Gunzip(whole).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Malformed_json_is_a_200_that_does_not_parse()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10).ThenSuccess().WithFault(Fault.MalformedJson().OnPoll(1)));
        using var http = Wire.Client(fake);

        using var response = await http.Poll(fake, 1);
        var text = await response.Content.ReadAsStringAsync();
        var next = await http.Poll(fake, 1).Read();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        Assert.Equal("10%", next.Body.GetProperty("data").GetProperty("progress").GetString());
    }

    [Fact]
    public async Task Latency_delays_the_normal_answer()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10).ThenSuccess().WithFault(Fault.Latency(TimeSpan.FromMilliseconds(300)).OnPoll(1)));
        using var http = Wire.Client(fake);

        var watch = Stopwatch.StartNew();
        var answer = await http.Poll(fake, 1).Read();
        watch.Stop();

        Assert.Equal("10%", answer.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {watch.Elapsed}");
        Assert.Equal("Success!", (await http.Poll(fake, 1).Read()).Body.Status());
    }

    [Fact]
    public async Task Expired_link_fault_answers_410_and_the_next_poll_lists_fresh_links()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(1, 1).WithFault(Fault.ExpiredLink().OnDownload()));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;

        var expired = await http.GetAsync(link).Read();
        var fresh = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;
        using var download = await http.GetAsync(fresh);

        Assert.Equal(410, expired.Status);
        Assert.NotEqual(link, fresh);
        Assert.Equal(200, (int)download.StatusCode);
    }

    [Fact]
    public async Task Global_fault_hits_the_nth_request_of_the_fake()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success()).Given(Export.WithId(2).Success());
        fake.WithFault(Fault.ServerError(502).OnRequest(2));
        using var http = Wire.Client(fake);

        using var a = await http.Poll(fake, 1);
        using var b = await http.Poll(fake, 2);
        using var c = await http.Poll(fake, 2);

        Assert.Equal([200, 502, 200], new[] { (int)a.StatusCode, (int)b.StatusCode, (int)c.StatusCode });
    }

    [Fact]
    public async Task Global_create_fault_hits_the_nth_create()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.WithFault(Fault.ServerError(500).OnCreate(1));
        using var http = Wire.Client(fake);

        using var first = await http.PostSigned(fake, "api/segment/v1/export/create.json?idSegment=1");
        using var second = await http.PostSigned(fake, "api/segment/v1/export/create.json?idSegment=1");

        Assert.Equal(500, (int)first.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Single(fake.GetExports());
    }

    [Fact]
    public async Task Random_faults_replay_identically_for_the_same_seed_and_never_exceed_the_run_limit()
    {
        var random = new RandomFaults { Seed = 1234, Probability = 0.5, MaxConsecutive = 2, Latency = TimeSpan.FromMilliseconds(1) };

        async Task<List<string>> Run()
        {
            await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { RandomFaults = random });
            fake.Given(Export.WithId(1).InProgress(10, 20, 30).ThenSuccess(files: 3, rowsPerFile: 10));
            using var http = Wire.Client(fake);
            var outcomes = new List<string>();
            IReadOnlyList<(Uri Link, long Expires)>? files = null;
            for (var i = 0; i < 40 && files is null; i++)
            {
                try
                {
                    using var response = await http.Poll(fake, 1);
                    var text = await response.Content.ReadAsStringAsync();
                    outcomes.Add($"poll {(int)response.StatusCode}");
                    if (response.IsSuccessStatusCode && JsonDocument.Parse(text).RootElement.Status() == "Success!")
                    {
                        files = JsonDocument.Parse(text).RootElement.Files();
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
                {
                    outcomes.Add("poll " + ex.GetType().Name);
                }
            }

            Assert.NotNull(files);
            var attemptsPerFile = new List<int>();
            foreach (var file in files!)
            {
                var attempts = 0;
                for (var done = false; !done && attempts < 10; attempts++)
                {
                    try
                    {
                        using var response = await http.GetAsync(file.Link);
                        var bytes = await response.Content.ReadAsByteArrayAsync();
                        outcomes.Add($"file {(int)response.StatusCode}");
                        done = response.IsSuccessStatusCode && Wire.Gunzip(bytes).Length > 0;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
                    {
                        outcomes.Add("file " + ex.GetType().Name);
                    }
                }

                attemptsPerFile.Add(attempts);
            }

            // ExpiredLink faults need a fresh poll, so a file may take up to MaxConsecutive+1 attempts per link generation.
            Assert.All(attemptsPerFile, a => Assert.InRange(a, 1, 10));
            Assert.Contains(fake.Journal.Entries, e => e.Fault is not null);
            return outcomes;
        }

        var first = await Run();
        var second = await Run();

        Assert.Equal(first, second);
    }
}
