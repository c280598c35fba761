namespace MyTracker.Fake;

/// <summary>
/// The requests a fake answered, oldest first, capped at <see cref="FakeTrackerOptions.JournalCapacity"/>
/// (the oldest are dropped), with protocol assertions (<c>RequestJournal.Assertions.cs</c>).
/// </summary>
public sealed partial class RequestJournal
{
    // A ring of structs, grown up to the capacity and then overwritten oldest first: the journal
    // sits on every request's path and must not keep an object per request alive (see JournalRecord).
    // The lock is held only to copy one record in or the ring out.
    private readonly Lock _gate = new();
    private readonly int _capacity;
    // One table per field: sharing one let a target and a host whose hashes fall in the same slot
    // evict each other on every request (1 in 256 runs, as string hashes are randomized per process).
    private readonly StringCache _targets = new();
    private readonly StringCache _hosts = new();
    private JournalRecord[] _ring = [];
    private int _next;
    private int _count;
    private long _sequence;
    private long _dropped;

    internal RequestJournal(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 0);
        _capacity = capacity;
    }

    /// <summary>The storage host download links name when it is not the API's (<see cref="FakeTrackerOptions.LinkHost"/>).</summary>
    internal string? LinkHost { get; set; }

    /// <summary>How many requests were dropped because the journal was full.</summary>
    public long Dropped
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>
    /// A snapshot of the recorded requests in order of arrival (<see cref="FakeRequest.Sequence"/>);
    /// concurrent requests may finish, and change state, in another order.
    /// </summary>
    public IReadOnlyList<FakeRequest> Entries
    {
        get
        {
            JournalRecord[] records;
            lock (_gate)
            {
                records = new JournalRecord[_count];
                var oldest = (_next - _count + _ring.Length) % Math.Max(_ring.Length, 1);
                for (var i = 0; i < records.Length; i++)
                {
                    records[i] = _ring[(oldest + i) % _ring.Length];
                }
            }

            var entries = new FakeRequest[records.Length];
            for (var i = 0; i < records.Length; i++)
            {
                entries[i] = new FakeRequest(records[i]);
            }

            Array.Sort(entries, static (a, b) => a.Sequence.CompareTo(b.Sequence));
            return entries;
        }
    }

    /// <summary>The get.json requests for one export that were answered normally (not refused, faulted or invalid; HEAD requests are not polls).</summary>
    /// <param name="exportId">The export id.</param>
    /// <param name="apiUserId">The owner; null for any user.</param>
    /// <returns>The polls, oldest first.</returns>
    public IReadOnlyList<FakeRequest> PollsOf(long exportId, string? apiUserId = null) =>
        [.. Entries.Where(e => e.Endpoint.Kind == ExportEndpointKinds.Status && e.Method != "HEAD" && e.Outcome == FakeOutcome.Served && e.ExportId == exportId
            && (apiUserId is null || e.ApiUserId == apiUserId))];

    /// <summary>The downloads of one export's files, whatever their outcome (HEAD requests download nothing and are left out).</summary>
    /// <param name="exportId">The export id.</param>
    /// <returns>The downloads, oldest first.</returns>
    public IReadOnlyList<FakeRequest> DownloadsOf(long exportId) =>
        [.. Entries.Where(e => e.Endpoint.Kind == FakeEndpointKinds.Download && e.Method != "HEAD" && e.ExportId == exportId)];

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>
    /// The one place a request's journal entry is made: from its facts and its reply, once it is
    /// answered (and before a dropped connection is reset, so a client that sees the reset finds it).
    /// Returns the record, for <see cref="FakeTrackerOptions.OnRequest"/>.
    /// </summary>
    internal JournalRecord Record(Http.Exchange exchange, Http.Reply reply)
    {
        var record = JournalRecord.Of(exchange, reply);
        Add(record);
        return record;
    }

    /// <summary>Keeps one record, dropping the oldest when full.</summary>
    internal void Add(JournalRecord record)
    {
        // Polls repeat the same target and host: one shared copy each keeps the ring free of young strings.
        record = record with { Target = _targets.Intern(record.Target), Host = _hosts.Intern(record.Host) };
        lock (_gate)
        {
            if (_capacity == 0)
            {
                _dropped++;
                return;
            }

            if (_count == _ring.Length && _ring.Length < _capacity)
            {
                // Still filling, so nothing was overwritten yet and the records sit oldest first
                // from index 0: grow, and write after the last one.
                Array.Resize(ref _ring, Math.Min(_capacity, Math.Max(64, _ring.Length * 2)));
                _next = _count;
            }

            if (_count == _ring.Length)
            {
                _dropped++;
            }
            else
            {
                _count++;
            }

            _ring[_next] = record;
            _next = (_next + 1) % _ring.Length;
        }
    }

    internal void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _next = 0;
            _count = 0;
            _dropped = 0;
        }
    }
}
