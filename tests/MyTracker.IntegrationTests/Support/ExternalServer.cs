using System.Diagnostics;

namespace MyTracker.IntegrationTests.Support;

/// <summary>
/// A third-party server (stock WireMock, Prism) run as a child process on loopback: its output is
/// captured, readiness is a line it prints, and disposing kills its whole process tree.
/// </summary>
internal sealed class ExternalServer : IAsyncDisposable
{
    /// <summary>A cold JVM or node start on a busy 2-core machine; only reached when something is broken.</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private readonly Process _process;

    private ExternalServer(Process process)
    {
        _process = process;
    }

    public LineCapture Output { get; } = new();

    public static async Task<(ExternalServer Server, string ReadyLine)> StartAsync(string file, IEnumerable<string> args, string readyNeedle, string? workingDirectory = null)
    {
        var start = ProcessRunner.Describe(file, args, workingDirectory);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var server = new ExternalServer(process);
        process.StandardInput.Close();
        _ = PumpAsync(process.StandardOutput, server.Output);
        _ = PumpAsync(process.StandardError, server.Output);
        var ready = server.Output.WaitForLineAsync(readyNeedle);
        var first = await Task.WhenAny(ready, process.WaitForExitAsync(), Task.Delay(StartDeadline));
        if (first != ready)
        {
            var why = process.HasExited ? $"exited with {process.ExitCode}" : $"printed no '{readyNeedle}' within {StartDeadline}";
            await server.DisposeAsync();
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} {why}:\n{server.Output.Text}");
        }

        return (server, await ready);
    }

    /// <summary>A port free on 127.0.0.1 now, for servers that must be told theirs up front.</summary>
    public static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static async Task PumpAsync(StreamReader reader, LineCapture into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            into.Write(new string(buffer, 0, read));
        }
    }
}
