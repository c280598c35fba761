using System.IO.Compression;
using System.Text;

namespace MyTracker.Client.Tests.Support;

public static class TestData
{
    public const string User = "10001";
    public const string Secret = "fake-secret-0001";

    public static readonly Uri Api = new("https://tracker.my.com/");

    public static MyTrackerClientOptions Options(TimeProvider? time = null, Uri? baseAddress = null) => new()
    {
        BaseAddress = baseAddress ?? Api,
        ApiUserId = User,
        SecretKey = Secret,
        TimeProvider = time ?? new VirtualClock(),
        Polling = new MyTrackerPollingOptions { JitterSeed = 42 },

        // On the virtual clock every timer is a wait VirtualClock.RunAsync jumps to; timeouts that never
        // fire would move time for nothing. Tests of the timeouts set them.
        Timeout = Timeout.InfiniteTimeSpan,
        Retry = new MyTrackerRetryOptions { TotalTimeout = Timeout.InfiniteTimeSpan },
    };

    public static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "mytracker-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>An IProgress that records synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
public sealed class RecordingProgress<T> : IProgress<T>
{
    public List<T> Values { get; } = [];

    public void Report(T value) => Values.Add(value);
}
