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
    public async Task Polling_again_to_renew_expired_links_is_not_polling_after_completion()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-05-01T00:00:00Z"));
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { TimeProvider = clock });
        fake.Given(Export.WithId(1).Success(1, 1).WithLinkLifetime(TimeSpan.FromMinutes(5)));
        fake.Given(Export.WithId(2).Success(1, 1).WithFault(Fault.ExpiredLink().OnDownload()));
        using var http = Wire.Client(fake);

        await http.Poll(fake, 1).Read();
        clock.Advance(TimeSpan.FromMinutes(5));
        await http.Poll(fake, 1).Read();
        var link = (await http.Poll(fake, 2).Read()).Body.Files()[0].Link;
        (await http.GetAsync(link)).Dispose();
        await http.Poll(fake, 2).Read();

        fake.Journal.AssertNeverPolledAfterCompletion(1);
        fake.Journal.AssertNeverPolledAfterCompletion(2);
    }

    [Fact]
    public async Task Expected_csv_is_exactly_what_the_download_serves()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 2, rowsPerFile: 50).WithFields("idProfile", "customUserId"));
        using var http = Wire.Client(fake);
        var files = (await http.Poll(fake, 1).Read()).Body.Files();

        Assert.Equal(fake.GetExpectedCsv(1, 1), Wire.Gunzip(await http.GetByteArrayAsync(files[0].Link)));
        Assert.Equal(fake.GetExpectedCsv(1, 2), Wire.Gunzip(await http.GetByteArrayAsync(files[1].Link)));
        Assert.Throws<ArgumentException>(() => fake.GetExpectedCsv(1, 3));
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
        Assert.Equal((new FakeEndpoint("segment-export/get", ExportEndpointKinds.Status), FakeOutcome.Served, "10001", 1L, "In progress", 64), (entries[0].Endpoint, entries[0].Outcome, entries[0].ApiUserId, entries[0].ExportId!.Value, entries[0].ExportStatus, entries[0].Progress!.Value));
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
    public async Task A_fault_that_replaces_a_poll_leaves_no_served_status_in_the_journal_and_latency_keeps_it()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess()
            .WithFault(Fault.ServerError(503).OnPoll(2))
            .WithFault(Fault.MalformedJson().OnPoll(3))
            .WithFault(Fault.Latency(TimeSpan.FromMilliseconds(1)).OnPoll(4)));
        using var http = Wire.Client(fake);

        for (var i = 0; i < 4; i++)
        {
            (await http.Poll(fake, 1)).Dispose();
        }

        var entries = fake.Journal.Entries;
        Assert.Equal(("In progress", 10, (FaultKind?)null), (entries[0].ExportStatus, entries[0].Progress, entries[0].Fault));
        Assert.All(entries.Skip(1).Take(2), e => Assert.Equal((FakeOutcome.Faulted, (string?)null, (int?)null, (bool?)null), (e.Outcome, e.ExportStatus, e.Progress, e.ExportFinished)));
        Assert.Equal((1L, FaultKind.Status), (entries[1].ExportId!.Value, entries[1].Fault!.Value));
        Assert.Equal((FakeOutcome.Served, "In progress", 64, FaultKind.Latency), (entries[3].Outcome, entries[3].ExportStatus, entries[3].Progress!.Value, entries[3].Fault!.Value));
    }

    [Theory]
    [InlineData(1000, 700)]
    [InlineData(1000, 1000)]
    [InlineData(200, 500)]
    [InlineData(64, 129)]
    public void The_ring_keeps_the_newest_records_in_order_while_it_grows_and_wraps(int capacity, int added)
    {
        var journal = new RequestJournal(capacity);

        for (var i = 1; i <= added; i++)
        {
            journal.Add(Record(journal.NextSequence(), $"/t{i}"));
        }

        var kept = Math.Min(capacity, added);
        Assert.Equal(Enumerable.Range(added - kept + 1, kept).Select(i => (long)i), journal.Entries.Select(e => e.Sequence));
        Assert.Equal($"/t{added}", journal.Entries[^1].Target);
        Assert.Equal(added - kept, journal.Dropped);
    }

    [Fact]
    public async Task Concurrent_adds_lose_nothing_under_capacity_and_clear_forgets_everything()
    {
        var journal = new RequestJournal(10_000);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                journal.Add(Record(journal.NextSequence(), "/same"));
            }
        })));

        Assert.Equal(Enumerable.Range(1, 8_000).Select(i => (long)i), journal.Entries.Select(e => e.Sequence));
        journal.Clear();
        Assert.Empty(journal.Entries);
        Assert.Equal(0, journal.Dropped);
    }

    [Fact]
    public void Repeated_targets_and_hosts_are_kept_as_one_shared_string()
    {
        // Each request brings its own copy; the journal must not keep one per request alive.
        var journal = new RequestJournal(10);
        for (var i = 0; i < 3; i++)
        {
            var record = Record(journal.NextSequence(), new string("/api/segment/v1/export/get.json?idSegmentExport=1".AsSpan()));
            journal.Add(record with { Host = new string("127.0.0.1".AsSpan()) });
        }

        var entries = journal.Entries;
        Assert.Same(entries[0].Target, entries[2].Target);
        Assert.Same(entries[0].Host, entries[2].Host);
    }

    private static JournalRecord Record(long sequence, string target) => new()
    {
        Sequence = sequence,
        Method = "GET",
        Target = target,
        StatusCode = 200,
        Outcome = FakeOutcome.Served,
    };

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
