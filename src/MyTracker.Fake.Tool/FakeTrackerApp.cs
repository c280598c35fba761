using System.CommandLine;
using System.CommandLine.Parsing;
using MyTracker.Fake.Tool.Serve;

namespace MyTracker.Fake.Tool;

/// <summary>
/// The <c>fake-tracker</c> command line: the command tree (<see cref="ServeCommand"/> at the root, with
/// <c>openapi</c> and <c>fixtures</c> beside its options), one line per error, and the exit codes.
/// Writers and the stop token are parameters so tests can run it in-process.
/// </summary>
public static class FakeTrackerApp
{
    /// <summary>Exit code of a clean stop, <c>--help</c> and a finished export.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code of an unexpected failure.</summary>
    public const int ExitFailure = 1;

    /// <summary>Exit code of bad arguments, an unreadable scenario file or fixture folder, and a busy port.</summary>
    public const int ExitUsage = 2;

    internal const string Name = "fake-tracker";

    /// <summary>Runs the command line to completion.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="output">Where the banner, help and request log go.</param>
    /// <param name="error">Where errors go (one line each).</param>
    /// <param name="stopToken">Stops the server (Ctrl+C in the executable).</param>
    /// <returns>The process exit code: <see cref="ExitOk"/>, <see cref="ExitUsage"/> or <see cref="ExitFailure"/>.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken stopToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // The request log writes from WireMock's threads while the banner may still be printing.
        output = TextWriter.Synchronized(output);
        error = TextWriter.Synchronized(error);

        var parseResult = CreateCommand(output, error).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            await error.WriteLineAsync($"{Name}: {Unechoed(OneLine(parseResult.Errors[0].Message))} (see {CommandPath(parseResult.CommandResult)} --help)").ConfigureAwait(false);
            return ExitUsage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Signals are the host's business (Program.cs); here they would land in a test host.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, stopToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync($"{Name}: {OneLine(e.Message)}").ConfigureAwait(false);
            return ExitFailure;
        }
    }

    /// <summary>
    /// The whole command line: the root serves, <c>fixtures</c> and <c>openapi</c> sit beside its options.
    /// Each command's action returns its exit code. Tests parse with it, e.g. every command line the docs show.
    /// </summary>
    internal static Command CreateCommand(TextWriter output, TextWriter error)
    {
        var root = ServeCommand.Create(Name, output, error);
        root.Subcommands.Add(Fixtures.FixturesCommand.Create(output, error));
        root.Subcommands.Add(OpenApi.OpenApiCommand.Create(output, error));
        return root;
    }

    /// <summary>One line on stderr, <c>fake-tracker: ...</c>, and the exit code to return.</summary>
    internal static async Task<int> FailAsync(TextWriter error, string message, int exitCode = ExitUsage)
    {
        await error.WriteLineAsync($"{Name}: {OneLine(message)}").ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>A message as one line: line breaks and tabs (System.CommandLine indents lists with them) become single spaces.</summary>
    internal static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The command as typed, e.g. <c>fake-tracker fixtures verify</c>, for "see ... --help".</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? at = command; at is not null; at = at.Parent)
        {
            if (at is CommandResult { Command: var c })
            {
                names.Insert(0, c.Name);
            }
        }

        return string.Join(' ', names);
    }

    /// <summary>
    /// An unrecognized <c>--name=value</c> is named without its value: a user who mistypes
    /// <c>--secret-env=...</c> may have typed the secret itself after the <c>=</c>.
    /// </summary>
    private static string Unechoed(string message)
    {
        var equals = message.StartsWith("Unrecognized command or argument '-", StringComparison.Ordinal) ? message.IndexOf('=', StringComparison.Ordinal) : -1;
        return equals < 0 ? message : message[..equals] + "=...' (its value is not shown).";
    }
}
