using MyTracker.Client.Downloads;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Downloads;

/// <summary>
/// The stall guard's timer may fire just as a read completes: its callback can run after the read
/// has disposed what it cancels (CI met this once, as an <see cref="ObjectDisposedException"/> out of
/// a timer callback, which on a real timer thread ends the process).
/// </summary>
public sealed class StallGuardStreamTests
{
    [Fact]
    public async Task A_stall_timer_that_fires_after_the_read_finished_does_nothing()
    {
        var time = new CapturingTimeProvider();
        using var guard = new StallGuardStream(new MemoryStream([1, 2, 3]), TimeSpan.FromSeconds(5), time, message => new IOException(message));

        var buffer = new byte[8];
        var read = await guard.ReadAsync(buffer);

        Assert.Equal(3, read);
        var late = Assert.Single(time.Timers);
        Assert.True(late.Disposed);
        late.Fire();   // the callback that was already under way when the read disposed its timer
        Assert.Equal(0, await guard.ReadAsync(buffer));
    }

    [Fact]
    public async Task A_read_that_brings_nothing_before_the_timer_fires_is_a_stall()
    {
        var time = new CapturingTimeProvider();
        using var guard = new StallGuardStream(new StallingStream([], new TaskCompletionSource()), TimeSpan.FromSeconds(5), time, message => new IOException(message));

        var read = guard.ReadAsync(new byte[8]).AsTask();
        Assert.False(read.IsCompleted);
        Assert.Single(time.Timers).Fire();

        var error = await Assert.ThrowsAsync<IOException>(() => read);
        Assert.Contains("no data arrived", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Timers that fire only when the test says so, also after they were disposed.</summary>
    private sealed class CapturingTimeProvider : TimeProvider
    {
        public List<CapturedTimer> Timers { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new CapturedTimer(callback, state);
            Timers.Add(timer);
            return timer;
        }
    }

    private sealed class CapturedTimer(TimerCallback callback, object? state) : ITimer
    {
        public bool Disposed { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period) => !Disposed;

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
