using System.Collections.Concurrent;

namespace MyTracker.Fake;

/// <summary>
/// The requests a fake answered, oldest first, capped at <see cref="FakeTrackerOptions.JournalCapacity"/>
/// (the oldest are dropped), with protocol assertions (<c>RequestJournal.Assertions.cs</c>).
/// </summary>
public sealed partial class RequestJournal
{
    // Lock-free: the journal sits on every request's path.
    private readonly ConcurrentQueue<FakeRequest> _entries = new();
    private readonly int _capacity;
    private long _sequence;
    private long _dropped;
    private int _count;

    internal RequestJournal(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 0);
        _capacity = capacity;
    }

    /// <summary>The storage host download links name when it is not the API's (<see cref="FakeTrackerOptions.LinkHost"/>).</summary>
    internal string? LinkHost { get; set; }

    /// <summary>How many requests were dropped because the journal was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// A snapshot of the recorded requests in order of arrival (<see cref="FakeRequest.Sequence"/>);
    /// concurrent requests may finish, and change state, in another order.
    /// </summary>
    public IReadOnlyList<FakeRequest> Entries
    {
        get
        {
            var copy = _entries.ToArray();
            Array.Sort(copy, static (a, b) => a.Sequence.CompareTo(b.Sequence));
            return copy;
        }
    }

    /// <summary>The get.json requests for one export that were answered normally (not refused, faulted or invalid).</summary>
    /// <param name="exportId">The export id.</param>
    /// <param name="apiUserId">The owner; null for any user.</param>
    /// <returns>The polls, oldest first.</returns>
    public IReadOnlyList<FakeRequest> PollsOf(long exportId, string? apiUserId = null) =>
        [.. Entries.Where(e => e.Endpoint == FakeEndpoint.Get && e.Outcome == FakeOutcome.Served && e.ExportId == exportId
            && (apiUserId is null || e.ApiUserId == apiUserId))];

    /// <summary>The downloads of one export's files, whatever their outcome.</summary>
    /// <param name="exportId">The export id.</param>
    /// <returns>The downloads, oldest first.</returns>
    public IReadOnlyList<FakeRequest> DownloadsOf(long exportId) =>
        [.. Entries.Where(e => e.Endpoint == FakeEndpoint.Download && e.ExportId == exportId)];

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Add(FakeRequest entry)
    {
        if (_capacity == 0)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        _entries.Enqueue(entry);
        if (Interlocked.Increment(ref _count) <= _capacity)
        {
            return;
        }

        // Over capacity by at least one: drop as many as this call pushed over (bounded by the count).
        while (Volatile.Read(ref _count) > _capacity && _entries.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _dropped);
        }
    }

    internal void Clear()
    {
        while (_entries.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }

        Interlocked.Exchange(ref _dropped, 0);
    }
}
