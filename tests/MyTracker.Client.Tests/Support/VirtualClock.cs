using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace MyTracker.Client.Tests.Support;

/// <summary>
/// A FakeTimeProvider that also tells when code under test starts waiting, and for how long, so a
/// test can advance virtual time exactly to the next due timer: no sleeps, no races with continuations
/// that run on the thread pool.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private Task<TimeSpan>? _pendingRead;

    public VirtualClock(DateTimeOffset? start = null)
    {
        Fake = new FakeTimeProvider(start ?? new DateTimeOffset(2021, 3, 30, 12, 0, 0, TimeSpan.Zero));
    }

    public FakeTimeProvider Fake { get; }

    public List<TimeSpan> Waits { get; } = [];

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        Started(dueTime);

        // Timers re-armed later (a CancellationTokenSource's CancelAfter, pooled by Polly) are waits too.
        return new ObservedTimer(timer, this);
    }

    private void Started(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (Waits)
            {
                Waits.Add(dueTime);
            }

            _timers.Writer.TryWrite(dueTime);
        }
    }

    private sealed class ObservedTimer(ITimer inner, VirtualClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Started(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    /// <summary>Waits for the task's next timer, then jumps virtual time to it, until the task ends.</summary>
    public async Task<T> RunAsync<T>(Task<T> task, int maxTimers = 100_000)
    {
        for (var i = 0; i < maxTimers; i++)
        {
            // A read left pending when the last task ended is the one to wait on: a new read would
            // queue behind it and the next timer would go to the abandoned one.
            var next = _pendingRead ??= _timers.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(task, next) == task)
            {
                return await task;
            }

            _pendingRead = null;
            Fake.Advance(await next);
        }

        throw new InvalidOperationException("The task kept waiting beyond the number of timers allowed.");
    }

    public Task RunAsync(Task task) => RunAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default));

    /// <summary>Completes when the code under test has started its next wait.</summary>
    public async Task<TimeSpan> NextWaitAsync()
    {
        var next = _pendingRead ?? _timers.Reader.ReadAsync().AsTask();
        _pendingRead = null;
        return await next;
    }
}
