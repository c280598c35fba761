using System.Collections.Concurrent;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Journal;

public sealed class JournalTests
{
    [Fact]
    public async Task Polled_n_times_and_never_polled_after_completion()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10).ThenSuccess());
        using var http = Wire.Client(fake);

        await http.Poll(fake, 1).Read();
        await http.Poll(fake, 1).Read();
        fake.Journal.AssertPolled(1, 2);
        fake.Journal.AssertNeverPolledAfterCompletion(1);
        await http.Poll(fake, 1).Read();

        var failure = Assert.Throws<FakeTrackerAssertionException>(() => fake.Journal.AssertNeverPolledAfterCompletion(1));
        Assert.Contains("1 more time(s) after it completed", failure.Message);
        Assert.Throws<FakeTrackerAssertionException>(() => fake.Journal.AssertPolled(1, 2));
    }

    [Fact]
    public async Task Entries_record_what_was_asked_and_answered_and_reach_the_callback()
    {
        var seen = new ConcurrentQueue<FakeRequest>();
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { OnRequest = seen.Enqueue });
        fake.Given(Export.WithId(1).InProgress(64));
        using var http = Wire.Client(fake);

        await http.Poll(fake, 1).Read();
        await http.GetAsync("api/segment/v1/export/get.json?idSegmentExport=1").Read();

        var entries = fake.Journal.Entries;
        Assert.Equal(2, entries.Count);
        Assert.Equal(entries, seen);
        Assert.Equal((FakeEndpoint.Get, FakeOutcome.Served, "10001", 1L, "In progress", 64), (entries[0].Endpoint, entries[0].Outcome, entries[0].ApiUserId, entries[0].ExportId!.Value, entries[0].ExportStatus, entries[0].Progress!.Value));
        Assert.Equal("/api/segment/v1/export/get.json?idSegmentExport=1", entries[0].Target);
        Assert.Equal((FakeOutcome.Refused, 403, "no Authorization header"), (entries[1].Outcome, entries[1].StatusCode, entries[1].Detail));
        Assert.Contains("-> 200 Served [In progress 64%]", entries[0].ToString());
    }

    [Fact]
    public async Task The_journal_is_capped_and_counts_what_it_dropped()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { JournalCapacity = 5 });
        using var http = Wire.Client(fake);

        for (var i = 0; i < 12; i++)
        {
            (await http.GetAsync("nothing")).Dispose();
        }

        Assert.Equal(5, fake.Journal.Entries.Count);
        Assert.Equal(7, fake.Journal.Dropped);
        Assert.Equal(12, fake.Journal.Entries[^1].Sequence);
    }

    [Fact]
    public async Task WireMocks_own_log_is_off_by_default()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        for (var i = 0; i < 5; i++)
        {
            (await http.GetAsync("nothing")).Dispose();
        }

        Assert.Empty(fake.Server.LogEntries);
    }
}
