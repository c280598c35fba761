using MyTracker.Fake.Tool;

namespace MyTracker.IntegrationTests.Support;

/// <summary>
/// The fake-tracker command line running in-process (FakeTrackerApp.RunAsync), its stdout and stderr
/// captured. One copy, compiled into the integration tests and MyTracker.Fixtures.Tests.
/// </summary>
internal sealed class ToolRun : IAsyncDisposable
{
    /// <summary>Long enough for a cold start on a busy 2-core machine; only reached when something is broken.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stop = new();

    private ToolRun(string[] args)
    {
        Completion = Task.Run(() => FakeTrackerApp.RunAsync(args, Output, Error, _stop.Token));
    }

    public LineCapture Output { get; } = new();

    public LineCapture Error { get; } = new();

    public Task<int> Completion { get; }

    public static ToolRun Start(params string[] args) => new(args);

    /// <summary>Runs to completion (for arguments that make the tool exit by itself).</summary>
    public static async Task<ToolRun> RunToEndAsync(params string[] args)
    {
        var run = Start(args);
        await run.Completion.WaitAsync(Deadline);
        return run;
    }

    /// <summary>Waits for the banner's last line, failing with stderr if the tool exits first.</summary>
    public async Task WaitUntilServingAsync()
    {
        var ready = Output.WaitForLineAsync("Press Ctrl+C to stop.");
        var first = await Task.WhenAny(ready, Completion).WaitAsync(Deadline);
        if (first == Completion)
        {
            Assert.Fail($"fake-tracker exited with {await Completion} before serving: {Error.Text}{Output.Text}");
        }
    }

    /// <summary>The first stdout line containing <paramref name="needle"/>, failing with stderr if the tool exits without it.</summary>
    public async Task<string> LineAsync(string needle)
    {
        var line = Output.WaitForLineAsync(needle);
        if (await Task.WhenAny(line, Completion).WaitAsync(Deadline) == Completion && !line.IsCompleted)
        {
            Assert.Fail($"fake-tracker exited with {await Completion} without printing '{needle}': {Error.Text}{Output.Text}");
        }

        return await line;
    }

    /// <summary>Stops it the way Ctrl+C does and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Completion.WaitAsync(Deadline);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
