using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Lifecycle;

public sealed class LifecycleTests
{
    [Fact]
    public async Task In_progress_steps_then_success_advance_one_per_poll()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(42).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 1000));
        using var http = Wire.Client(fake);

        var first = await http.Poll(fake, 42).Read();
        var second = await http.Poll(fake, 42).Read();
        var third = await http.Poll(fake, 42).Read();
        var fourth = await http.Poll(fake, 42).Read();

        Assert.Equal((200, "In progress", "10%"), (first.Status, first.Body.Status(), first.Body.GetProperty("data").GetProperty("progress").GetString()));
        Assert.Equal("64%", second.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal("Success!", third.Body.Status());
        Assert.Equal("42", third.Body.GetProperty("data").GetProperty("idSegmentExport").GetString());
        Assert.Equal(2, third.Body.Files().Count);
        Assert.Equal(third.Text, fourth.Text);
        Assert.All(third.Body.Files(), f => Assert.StartsWith(fake.BaseUrl + "storage/download/segment/42.", f.Link.ToString()));
    }

    [Fact]
    public async Task Error_occurred_and_success_at_once()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).ErrorOccurred()).Given(Export.WithId(2).Success(files: 1, rowsPerFile: 5));
        using var http = Wire.Client(fake);

        var error = await http.Poll(fake, 1).Read();
        var success = await http.Poll(fake, 2).Read();

        Assert.Equal((200, "Error occurred"), (error.Status, error.Body.Status()));
        Assert.Equal((200, "Success!"), (success.Status, success.Body.Status()));
        Assert.Single(success.Body.Files());
    }

    [Fact]
    public async Task Stays_in_progress_repeats_the_last_step()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(5).InProgress(30).ThenStaysInProgress());
        using var http = Wire.Client(fake);

        for (var i = 0; i < 3; i++)
        {
            var answer = await http.Poll(fake, 5).Read();
            Assert.Equal("30%", answer.Body.GetProperty("data").GetProperty("progress").GetString());
        }
    }

    [Fact]
    public async Task Unknown_id_is_the_documented_404()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var answer = await http.Poll(fake, 777).Read();

        Assert.Equal(404, answer.Status);
        Assert.Equal(404, answer.Body.GetProperty("code").GetInt32());
        Assert.Equal("Not Found", answer.Body.GetProperty("message").GetString());
        Assert.Equal("Segment export request not found", answer.Body.Detail());
    }

    [Fact]
    public async Task Bodies_are_the_documented_fields_in_order_as_strict_json_by_default()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(64));
        using var http = Wire.Client(fake);

        var answer = await http.Poll(fake, 1).Read();

        // Strict parsing: no trailing comma in the default mode.
        var strict = System.Text.Json.JsonDocument.Parse(answer.Text).RootElement;
        Assert.Equal(["code", "message", "data"], strict.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["idSegmentExport", "status", "progress"], strict.GetProperty("data").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Documented_bytes_mode_serves_the_sample_exactly()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { ServeDocumentedBytes = true });
        fake.Given(Export.WithId(1).InProgress(64));
        using var http = Wire.Client(fake);

        var answer = await http.Poll(fake, 1).Read();

        var documented = File.ReadAllText(Path.Combine(RepoRoot.Fixtures, "segment-export/get/200.in-progress.json"));
        Assert.Equal(documented, answer.Text);
    }

    [Fact]
    public async Task Documented_bytes_mode_keeps_the_success_layout_with_the_fakes_links()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { ServeDocumentedBytes = true });
        fake.Given(Export.WithId(1).Success(files: 2, rowsPerFile: 1));
        using var http = Wire.Client(fake);

        var answer = await http.Poll(fake, 1).Read();

        var files = answer.Body.Files();
        var expected = File.ReadAllText(Path.Combine(RepoRoot.Fixtures, "segment-export/get/200.success.json"))
            .Replace("https://tracker.my.com/storage/download/segment/1.1.c3217d0d061c695550c9cf8a8fa72520.csv.gz", files[0].Link.ToString())
            .Replace("https://tracker.my.com/storage/download/segment/1.1.c695fa72610d0cf8a550c9520217dc38.csv.gz", files[1].Link.ToString())
            .Replace("1617197992", files[0].Expires.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, answer.Text);
    }

    [Fact]
    public async Task Timed_lifecycle_follows_the_virtual_clock_not_the_poll_count()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { TimeProvider = clock });
        fake.Given(Export.WithId(9).InProgress(10, 64).ThenSuccess().AdvanceEvery(TimeSpan.FromMinutes(1)));
        using var http = Wire.Client(fake);

        var a = await http.Poll(fake, 9).Read();
        var b = await http.Poll(fake, 9).Read();
        clock.Advance(TimeSpan.FromMinutes(1));
        var c = await http.Poll(fake, 9).Read();
        clock.Advance(TimeSpan.FromMinutes(5));
        var d = await http.Poll(fake, 9).Read();

        Assert.Equal("10%", a.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal("10%", b.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal("64%", c.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal("Success!", d.Body.Status());
        Assert.All(d.Body.Files(), f => Assert.Equal(clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), f.Expires));
    }

    [Fact]
    public async Task Reset_forgets_exports_and_journal()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(3).Success());
        using var http = Wire.Client(fake);
        Assert.Equal(200, (await http.Poll(fake, 3).Read()).Status);

        fake.Reset();

        Assert.Empty(fake.Journal.Entries);
        Assert.Equal(404, (await http.Poll(fake, 3).Read()).Status);
    }
}
