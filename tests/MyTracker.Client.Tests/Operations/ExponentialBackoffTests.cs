using MyTracker.Client.Operations;

namespace MyTracker.Client.Tests.Operations;

public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Delays_grow_within_the_jitter_band_and_never_exceed_the_maximum()
    {
        var initial = TimeSpan.FromSeconds(2);
        var max = TimeSpan.FromSeconds(30);
        var backoff = new ExponentialBackoff(initial, max, 2, 0.2, new Random(7));
        for (var n = 0; n < 40; n++)
        {
            var nominal = Math.Min(max.TotalSeconds, initial.TotalSeconds * Math.Pow(2, n));
            var delay = backoff.Next().TotalSeconds;
            Assert.InRange(delay, nominal * 0.8 - 1e-9, Math.Min(nominal * 1.2, max.TotalSeconds) + 1e-9);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_delays_and_another_seed_other_ones()
    {
        static TimeSpan[] Run(int seed)
        {
            var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), 2, 0.3, new Random(seed));
            return Enumerable.Range(0, 10).Select(_ => backoff.Next()).ToArray();
        }

        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void Without_jitter_the_delays_double_up_to_the_cap_and_reset_starts_over()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 2, 0, new Random(1));
        Assert.Equal(new[] { 1d, 2, 4, 5, 5 }, Enumerable.Range(0, 5).Select(_ => backoff.Next().TotalSeconds));
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Fact]
    public void A_very_long_wait_does_not_overflow()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), 10, 0.5, new Random(3));
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(backoff.Next(), TimeSpan.FromTicks(1), TimeSpan.FromHours(1));
        }
    }
}
