using System.CommandLine;
using MyTracker.Fixtures;

namespace MyTracker.Fake.Tool.Fixtures;

/// <summary>
/// <c>fake-tracker fixtures verify --fixtures &lt;dir&gt; --upstream &lt;url&gt;</c> (or <c>--recorded &lt;dir&gt;</c>):
/// drift between fixtures and an API, by type. Exit 0 without drift, 1 with drift, 2 for a usage error or an
/// upstream that cannot be reached.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var fixtures = new Option<DirectoryInfo>("--fixtures") { HelpName = "dir", Description = "The fixtures to check (the folder holding <area>/<endpoint>/).", Required = true };
        var upstream = new Option<string?>("--upstream") { HelpName = "url", Description = "Call this API for the documented requests, e.g. https://tracker.my.com/." };
        var recorded = new Option<DirectoryInfo?>("--recorded") { HelpName = "dir", Description = "Check answers recorded earlier (fixtures record --out) instead of calling an API." };
        var request = new Option<string[]>("--request") { HelpName = "'METHOD /path?query'", Description = "A request to send instead of the documented ones (repeatable)." };
        var requests = new Option<FileInfo?>("--requests") { HelpName = "file", Description = "Requests to send instead of the documented ones, one 'METHOD /path?query' per line (# comments)." };
        var allowWrites = new Option<bool>("--allow-writes") { Description = "Also send requests that change state, documented or listed (POST create.json starts a real export)." };
        var report = new Option<string?>("--report") { HelpName = "file", Description = "Write the report as JSON to this file, for CI ('-' prints it to stdout instead of the text)." };
        var credentials = new Credentials();

        var command = new Command("verify", "Report drift between fixtures and an API by type: new and missing fields, type changes, new discriminator values, undocumented statuses. Exit 0 none, 1 drift, 2 usage error.")
        {
            fixtures, upstream, recorded, request, requests, allowWrites, report,
        };
        credentials.AddTo(command);
        upstream.Validators.Add(FixturesCommand.HttpUrl("--upstream"));
        report.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is "")
            {
                result.AddError("--report needs a file name (or - for stdout)");
            }
        });
        command.Validators.Add(result =>
        {
            if ((result.GetResult(upstream) is null) == (result.GetResult(recorded) is null))
            {
                result.AddError("give --upstream <url> or --recorded <dir> (one of them)");
            }
        });

        command.SetAction(async (parsed, stop) =>
        {
            var url = parsed.GetValue(upstream) is { } text ? FixturesCommand.Url(text) : null;
            var recordedDir = parsed.GetValue(recorded);
            DriftReport result;
            try
            {
                var api = DocumentedApi.Load(parsed.GetValue(fixtures)!.FullName);
                if (recordedDir is not null)
                {
                    result = DriftVerifier.VerifyRecorded(api, recordedDir.FullName);
                }
                else
                {
                    var listed = ReadRequests(parsed.GetValue(request) ?? [], parsed.GetValue(requests));
                    var (signing, problem, _) = credentials.Read(parsed, error);
                    if (problem is not null)
                    {
                        return await FixturesCommand.FailAsync(error, problem).ConfigureAwait(false);
                    }

                    result = await DriftVerifier.VerifyAsync(api, new VerifyOptions
                    {
                        Upstream = url!,
                        Credentials = signing,
                        Requests = listed.Count > 0 ? listed : null,
                        AllowWrites = parsed.GetValue(allowWrites),
                    }, stop).ConfigureAwait(false);
                }
            }
            catch (FixturesException e)
            {
                return await FixturesCommand.FailAsync(error, e.Message).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return await FixturesCommand.FailAsync(error, "stopped before the check finished", FakeTrackerApp.ExitFailure).ConfigureAwait(false);
            }

            var target = parsed.GetValue(report);
            if (target == "-")
            {
                await output.WriteAsync(result.ToJson()).ConfigureAwait(false);
            }
            else
            {
                foreach (var line in result.ToLines())
                {
                    await output.WriteLineAsync(line).ConfigureAwait(false);
                }

                if (target is not null)
                {
                    try
                    {
                        await File.WriteAllTextAsync(target, result.ToJson(), CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        return await FixturesCommand.FailAsync(error, $"cannot write {Path.GetFullPath(target)}: {e.Message}").ConfigureAwait(false);
                    }
                }
            }

            return result.HasDrift ? FixturesCommand.ExitDrift : FakeTrackerApp.ExitOk;
        });
        return command;
    }

    private static List<DocumentedRequest> ReadRequests(string[] lines, FileInfo? file)
    {
        var result = new List<DocumentedRequest>();
        foreach (var line in lines)
        {
            try
            {
                result.Add(DocumentedRequest.Parse(line));
            }
            catch (FormatException e)
            {
                throw new FixturesException("--request: " + e.Message, e);
            }
        }

        if (file is null)
        {
            return result;
        }

        string[] text;
        try
        {
            text = File.ReadAllLines(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FixturesException($"requests file {file.FullName}: {e.Message}", e);
        }

        for (var i = 0; i < text.Length; i++)
        {
            var line = text[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            try
            {
                result.Add(DocumentedRequest.Parse(line));
            }
            catch (FormatException e)
            {
                throw new FixturesException($"{file.Name}:{i + 1}: {e.Message}", e);
            }
        }

        return result;
    }
}
