using System.Collections.Concurrent;
using System.Threading.Channels;

namespace MyTracker.Fake.Dashboard;

/// <summary>
/// What open dashboard pages are pushed (server-sent events): one pump builds a message when something
/// changed (a request was journaled, a control was used, a reset) and hands the same text to every page.
/// It sees requests through <see cref="FakeTrackerOptions.OnRequest"/>, so the request path itself is
/// untouched; while no page is open that sink only reads one counter and returns, and a page that opens
/// starts from the journal itself. Changes are sent at most every <see cref="Coalesce"/>: under load one
/// message carries many requests instead of one message each.
/// </summary>
internal sealed class DashboardFeed
{
    /// <summary>The journal entries a page keeps and a message carries at most.</summary>
    public const int RecentCapacity = 500;

    /// <summary>
    /// How long the pump gathers changes before the next message (at most four a second): with a page
    /// open under load, the page's redraws cost more than the fake's messages (measured with ten a
    /// second: see tests/MyTracker.Benchmarks/README.md, "Dashboard").
    /// </summary>
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a page with nothing new still gets a message: timed lifecycles move without requests.</summary>
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    /// <summary>A page this far behind (messages not yet written) is dropped; its EventSource reconnects and starts afresh.</summary>
    private const int MaxBacklog = 64;

    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<FakeRequest> _arrived = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<Page> _pages = [];
    private readonly Queue<FakeRequest> _recent = new();
    private readonly Dictionary<(string? EndpointKey, long Id), ExportActivity> _activity = [];
    private HashSet<long> _fromJournal = [];
    private int _watchers;
    private int _signalled;
    private int _epoch;
    private int _builtEpoch = -1;

    /// <summary>Builds the message text: (state, journal entries to send, whether the page starts afresh).</summary>
    public Func<DashboardFeed, IReadOnlyList<FakeRequest>, bool, string>? Render { get; set; }

    /// <summary>The journal a page that opens starts from.</summary>
    public Func<IReadOnlyList<FakeRequest>>? Journal { get; set; }

    /// <summary>How many pages are open.</summary>
    public int Watchers => Volatile.Read(ref _watchers);

    /// <summary>The sink given to the request path: the caller's own <see cref="FakeTrackerOptions.OnRequest"/> first.</summary>
    public Action<FakeRequest> Observe(Action<FakeRequest>? inner) => inner is null ? Observe : request =>
    {
        inner(request);
        Observe(request);
    };

    private void Observe(FakeRequest request)
    {
        if (Volatile.Read(ref _watchers) == 0)
        {
            return;
        }

        _arrived.Enqueue(request);

        // Only the first request after the pump drained the queue touches the channel (which takes a
        // lock on every write, full or not); the rest only enqueue.
        if (Volatile.Read(ref _signalled) == 0 && Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Writer.TryWrite(true);
        }
    }

    /// <summary>State changed outside the request path (a control, a reset): pages get a message soon.</summary>
    public void Changed(bool reset = false)
    {
        if (reset)
        {
            Interlocked.Increment(ref _epoch);
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>What the journal says of one export (keyed by its family's status endpoint and id).</summary>
    public ExportActivity? ActivityOf(string endpointKey, long id) => _activity.GetValueOrDefault((endpointKey, id));

    /// <summary>Opens a page: it gets the whole picture first, then every change.</summary>
    public Page Subscribe()
    {
        var page = new Page();
        lock (_gate)
        {
            if (Interlocked.Increment(ref _watchers) == 1 || _builtEpoch != Volatile.Read(ref _epoch))
            {
                // Nothing was gathered while no page was open: start from the journal.
                Rebuild();
            }

            page.Send(Render!(this, [.. _recent], true));
            _pages.Add(page);
        }

        return page;
    }

    public void Unsubscribe(Page page)
    {
        lock (_gate)
        {
            if (_pages.Remove(page))
            {
                Interlocked.Decrement(ref _watchers);
            }
        }

        page.Close();
    }

    /// <summary>Sends changes to the open pages until <paramref name="stop"/>.</summary>
    public async Task PumpAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                if (Watchers > 0)
                {
                    wait.CancelAfter(Refresh);
                }

                try
                {
                    await _signal.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    // The refresh interval passed with nothing new.
                }

                Volatile.Write(ref _signalled, 0);
                Broadcast();
                await Task.Delay(Coalesce, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The pump must outlive a failed message: the next change tries again.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        lock (_gate)
        {
            foreach (var page in _pages)
            {
                page.Close();
            }

            _pages.Clear();
        }
    }

    private void Broadcast()
    {
        lock (_gate)
        {
            if (_pages.Count == 0)
            {
                _arrived.Clear();
                return;
            }

            var fresh = _builtEpoch != Volatile.Read(ref _epoch);
            List<FakeRequest> news;
            if (fresh)
            {
                Rebuild();
                news = [.. _recent];
            }
            else
            {
                news = [];
                while (_arrived.TryDequeue(out var request))
                {
                    if (!_fromJournal.Contains(request.Sequence))
                    {
                        Take(request);
                        news.Add(request);
                    }
                }

                if (news.Count > RecentCapacity)
                {
                    news.RemoveRange(0, news.Count - RecentCapacity);
                }
            }

            var message = Render!(this, news, fresh);
            foreach (var page in _pages.ToList())
            {
                if (!page.Send(message))
                {
                    _pages.Remove(page);
                    Interlocked.Decrement(ref _watchers);
                    page.Close();
                }
            }
        }
    }

    /// <summary>Starts over from the journal (a page opened after none was, or a reset).</summary>
    private void Rebuild()
    {
        _builtEpoch = Volatile.Read(ref _epoch);
        _arrived.Clear();
        _recent.Clear();
        _activity.Clear();
        var entries = Journal!();
        _fromJournal = [.. entries.Select(e => e.Sequence)];
        foreach (var entry in entries)
        {
            Take(entry);
        }
    }

    private void Take(FakeRequest request)
    {
        _recent.Enqueue(request);
        if (_recent.Count > RecentCapacity)
        {
            _recent.Dequeue();
        }

        if (request.ExportId is not { } id)
        {
            return;
        }

        // A served status poll carries the status it served; a download names its file. Both journal
        // their family's status endpoint as the endpoint key.
        if (request.FileName is not null && request.Method != "HEAD")
        {
            Activity(request.Endpoint.Key, id).Downloads++;
        }
        else if (request.ExportStatus is not null && request.Method != "HEAD")
        {
            var activity = Activity(request.Endpoint.Key, id);
            activity.LastStatus = request.ExportStatus;
            activity.LastProgress = request.Progress;
            activity.LinksExpireAt = request.LinksExpireAt ?? activity.LinksExpireAt;
        }
    }

    private ExportActivity Activity(string? key, long id)
    {
        if (!_activity.TryGetValue((key, id), out var activity))
        {
            activity = new ExportActivity();
            _activity[(key, id)] = activity;
        }

        return activity;
    }

    /// <summary>One export as the journal shows it: downloads made, the last status served and its links' expiry.</summary>
    internal sealed class ExportActivity
    {
        public int Downloads { get; set; }

        public string? LastStatus { get; set; }

        public int? LastProgress { get; set; }

        public DateTimeOffset? LinksExpireAt { get; set; }
    }

    /// <summary>One open page: the messages not yet written to it.</summary>
    internal sealed class Page
    {
        private readonly Channel<string> _messages = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxBacklog) { FullMode = BoundedChannelFullMode.Wait });

        public ChannelReader<string> Messages => _messages.Reader;

        /// <summary>Queues a message; false when the page is too far behind.</summary>
        public bool Send(string message) => _messages.Writer.TryWrite(message);

        public void Close() => _messages.Writer.TryComplete();
    }
}
