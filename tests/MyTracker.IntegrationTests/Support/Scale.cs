using System.Globalization;

namespace MyTracker.IntegrationTests.Support;

/// <summary>
/// Sizes of the chaos and soak runs. CI uses the small defaults; the long versions set the same
/// knobs through environment variables (tests/MyTracker.Benchmarks/load/run-soak-chaos.sh).
/// </summary>
internal static class Scale
{
    public static int Int(string name, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    public static double Double(string name, double fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;
    }

    public static bool Flag(string name) => Environment.GetEnvironmentVariable(name) is "1" or "true" or "yes";

    /// <summary>
    /// Seeds to run: MYTRACKER_CHAOS_SEEDS=N runs seeds 1..N after the fixed CI seeds, so a long run
    /// always covers what CI covers.
    /// </summary>
    public static IEnumerable<object[]> Seeds(string name, params int[] ciSeeds)
    {
        var count = Int(name, ciSeeds.Length);
        var seeds = new List<int>(ciSeeds);
        for (var s = 1; seeds.Count < count; s++)
        {
            if (!seeds.Contains(s))
            {
                seeds.Add(s);
            }
        }

        return seeds.Take(count).Select(s => new object[] { s });
    }

    /// <summary>A generous bound on a whole run: a hang fails the test instead of stalling CI.</summary>
    public static TimeSpan Deadline(string name, TimeSpan fallback) => TimeSpan.FromSeconds(Int(name, (int)fallback.TotalSeconds));
}
