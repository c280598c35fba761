using System.Text;
using MyTracker.Fake.Tool;

namespace MyTracker.Fixtures.Tests.Support;

/// <summary>fake-tracker running in-process (FakeTrackerApp.RunAsync), its stdout and stderr captured line by line.</summary>
internal sealed class ToolRun : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly CancellationTokenSource _stop = new();

    private ToolRun(string[] args) => Completion = Task.Run(() => FakeTrackerApp.RunAsync(args, Output, Error, _stop.Token));

    public Lines Output { get; } = new();

    public Lines Error { get; } = new();

    public Task<int> Completion { get; }

    public static ToolRun Start(params string[] args) => new(args);

    public static async Task<ToolRun> RunToEndAsync(params string[] args)
    {
        var run = new ToolRun(args);
        await run.Completion.WaitAsync(Deadline);
        return run;
    }

    /// <summary>The first stdout line that starts with <paramref name="prefix"/>, failing with stderr if the tool exits first.</summary>
    public async Task<string> LineAsync(string prefix)
    {
        var line = Output.WaitAsync(prefix);
        if (await Task.WhenAny(line, Completion).WaitAsync(Deadline) == Completion && !line.IsCompleted)
        {
            Assert.Fail($"fake-tracker exited with {await Completion}: {Error.Text}{Output.Text}");
        }

        return await line;
    }

    /// <summary>Stops it as Ctrl+C does and returns the exit code.</summary>
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

    /// <summary>A writer that keeps what is written as lines and wakes whoever waits for one.</summary>
    internal sealed class Lines : TextWriter
    {
        private readonly object _gate = new();
        private readonly StringBuilder _text = new();
        private readonly List<string> _lines = [];
        private readonly List<(string Prefix, TaskCompletionSource<string> Done)> _waiting = [];
        private readonly StringBuilder _current = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return _text.ToString();
                }
            }
        }

        public IReadOnlyList<string> All
        {
            get
            {
                lock (_gate)
                {
                    return [.. _lines];
                }
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                _text.Append(value);
                if (value != '\n')
                {
                    _current.Append(value);
                    return;
                }

                var line = _current.ToString().TrimEnd('\r');
                _current.Clear();
                _lines.Add(line);
                foreach (var waiter in _waiting.Where(w => line.StartsWith(w.Prefix, StringComparison.Ordinal)).ToList())
                {
                    _waiting.Remove(waiter);
                    waiter.Done.TrySetResult(line);
                }
            }
        }

        public Task<string> WaitAsync(string prefix)
        {
            lock (_gate)
            {
                if (_lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
                {
                    return Task.FromResult(line);
                }

                var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Add((prefix, done));
                return done.Task;
            }
        }
    }
}

/// <summary>An environment variable of this test only (a unique name, so parallel tests cannot see each other's), removed on dispose.</summary>
internal sealed class SecretVariable : IDisposable
{
    public SecretVariable(string value)
    {
        Name = "MYTRACKER_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(Name, value);
    }

    public string Name { get; }

    public void Dispose() => Environment.SetEnvironmentVariable(Name, null);
}
