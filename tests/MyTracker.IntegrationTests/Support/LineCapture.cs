using System.Text;

namespace MyTracker.IntegrationTests.Support;

/// <summary>
/// A <see cref="TextWriter"/> that keeps everything written and lets a test await a line containing
/// some text: waiters are completed by the write itself, so nothing polls or sleeps.
/// </summary>
internal sealed class LineCapture : TextWriter
{
    private readonly object _gate = new();
    private readonly StringBuilder _text = new();
    private readonly List<(string Needle, TaskCompletionSource<string> Found)> _waiters = [];

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

    public IReadOnlyList<string> Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        List<(string Line, TaskCompletionSource<string> Found)> completed = [];
        lock (_gate)
        {
            _text.Append(value.Replace("\r\n", "\n", StringComparison.Ordinal));
            foreach (var waiter in _waiters.ToList())
            {
                if (FindLine(waiter.Needle) is { } line)
                {
                    _waiters.Remove(waiter);
                    completed.Add((line, waiter.Found));
                }
            }
        }

        foreach (var (line, found) in completed)
        {
            found.TrySetResult(line);
        }
    }

    /// <summary>The first complete line containing <paramref name="needle"/>, once it is written.</summary>
    public Task<string> WaitForLineAsync(string needle)
    {
        lock (_gate)
        {
            if (FindLine(needle) is { } line)
            {
                return Task.FromResult(line);
            }

            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((needle, found));
            return found.Task;
        }
    }

    private string? FindLine(string needle)
    {
        var text = _text.ToString();
        var at = text.IndexOf(needle, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var end = text.IndexOf('\n', at);
        if (end < 0)
        {
            // Not a whole line yet.
            return null;
        }

        var start = text.LastIndexOf('\n', at) + 1;
        return text[start..end];
    }
}
