using System.CommandLine;

namespace MyTracker.Fake.Tool.Serve;

/// <summary>
/// <c>--export-mappings</c> and <c>--export-wiremock-root</c>: write the seeded scenarios as WireMock
/// mappings and exit instead of serving; the <c>--mappings-*</c> options say how.
/// </summary>
internal sealed class ExportOptions
{
    public Option<string?> Mappings { get; } = new("--export-mappings") { HelpName = "file", Description = "Write the seeded scenarios as WireMock mapping JSON to this file ('-' for stdout) and exit." };

    public Option<DirectoryInfo?> Root { get; } = new("--export-wiremock-root")
    {
        HelpName = "dir",
        Description = "Write the seeded scenarios as a WireMock (Java) root directory for --root-dir (mappings/fake-tracker.json, file bodies in __files/fake-tracker/) and exit.",
    };

    public Option<string> Format { get; } = new("--mappings-format")
    {
        HelpName = "wiremock-net|wiremock-org",
        Description = "Dialect of --export-mappings: wiremock-net (JSON array, default) or wiremock-org ({\"mappings\": [...]}).",
        DefaultValueFactory = _ => "wiremock-net",
    };

    public Option<Uri?> BaseUrl { get; } = new("--mappings-base-url")
    {
        HelpName = "url",
        Description = "Address the exported mappings will be served at (e.g. a shared WireMock server); download links point there. Default: the fake's own address.",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                return url;
            }

            result.AddError($"--mappings-base-url '{text}' is not an absolute http(s) URL");
            return null;
        },
    };

    public Option<int> CreatedExports { get; } = new("--mappings-created-exports")
    {
        HelpName = "n",
        Description = "How many exports create.json hands out in the exported mappings (0 to 50, default 3).",
        DefaultValueFactory = _ => 3,
    };

    public IEnumerable<Option> All => [Mappings, Root, Format, BaseUrl, CreatedExports];

    public void AddValidators(Command command)
    {
        // AcceptOnlyFromAmong's message lists the values on lines of their own, indented with tabs.
        Format.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && value is not ("wiremock-net" or "wiremock-org"))
            {
                result.AddError($"--mappings-format must be wiremock-net or wiremock-org, not '{value}'");
            }
        });
        Mappings.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is "")
            {
                result.AddError("--export-mappings needs a file name (or - for stdout)");
            }
        });
        CreatedExports.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var n && n is < 0 or > 50)
            {
                result.AddError($"--mappings-created-exports must be 0 to 50, not {n}");
            }
        });
        command.Validators.Add(result =>
        {
            if (result.GetResult(Mappings) is { Implicit: false } && result.GetResult(Root) is { Implicit: false })
            {
                result.AddError("give --export-mappings or --export-wiremock-root, not both");
            }
        });
    }

    /// <summary>Whether this run exports instead of serving.</summary>
    public bool Requested(ParseResult parsed) => parsed.GetValue(Mappings) is not null || parsed.GetValue(Root) is not null;

    /// <summary>Writes what was asked for and returns the exit code.</summary>
    public async Task<int> WriteAsync(ParseResult parsed, FakeTracker fake, FakeScenario seeded, TextWriter output, TextWriter error)
    {
        var options = new WireMockMappingOptions
        {
            Format = parsed.GetValue(Format) == "wiremock-org" ? WireMockMappingFormat.WireMockOrg : WireMockMappingFormat.WireMockNet,
            BaseUrl = parsed.GetValue(BaseUrl),
            CreatedExports = parsed.GetValue(CreatedExports),
        };
        var count = seeded.Exports.Count;
        if (parsed.GetValue(Root) is { } root)
        {
            try
            {
                var written = fake.WriteWireMockRootDirectory(root.FullName, options);
                await output.WriteLineAsync($"Wrote a WireMock root directory with the mappings of {count} export(s) to {root.FullName} ({Path.GetRelativePath(root.FullName, written)} and __files/)").ConfigureAwait(false);
                return FakeTrackerApp.ExitOk;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return await FakeTrackerApp.FailAsync(error, $"cannot write {root.FullName}: {e.Message}").ConfigureAwait(false);
            }
        }

        var target = parsed.GetValue(Mappings)!;
        var json = fake.ExportWireMockMappings(options);
        if (target == "-")
        {
            await output.WriteLineAsync(json).ConfigureAwait(false);
            return FakeTrackerApp.ExitOk;
        }

        try
        {
            await File.WriteAllTextAsync(target, json, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await FakeTrackerApp.FailAsync(error, $"cannot write {Path.GetFullPath(target)}: {e.Message}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"Wrote WireMock mappings of {count} export(s) to {Path.GetFullPath(target)}").ConfigureAwait(false);
        return FakeTrackerApp.ExitOk;
    }
}
