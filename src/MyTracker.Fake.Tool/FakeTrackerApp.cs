using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace MyTracker.Fake.Tool;

/// <summary>
/// The <c>fake-tracker</c> command line: parses the options, starts a <see cref="FakeTracker"/>,
/// prints how to reach it and serves until cancelled. Writers and the stop token are parameters so
/// tests can run it in-process.
/// </summary>
public static class FakeTrackerApp
{
    /// <summary>The port served when neither <c>--port</c> nor <c>--urls</c> is given (the reference's local worked example).</summary>
    public const int DefaultPort = 5080;

    /// <summary>Exit code of a clean stop, <c>--help</c> and a finished <c>--export-mappings</c>.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code of an unexpected failure.</summary>
    public const int ExitFailure = 1;

    /// <summary>Exit code of bad arguments, an unreadable scenario file or fixture folder, and a busy port.</summary>
    public const int ExitUsage = 2;

    private const string Name = "fake-tracker";

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
            await error.WriteLineAsync($"{Name}: {OneLine(parseResult.Errors[0].Message)} (see {Name} --help)").ConfigureAwait(false);
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
    /// Each command's action returns its exit code. Tests parse with it, e.g. every command line the README shows.
    /// </summary>
    internal static Command CreateCommand(TextWriter output, TextWriter error)
    {
        var port = new Option<int?>("--port", "-p")
        {
            Description = $"Port on 127.0.0.1 (default {DefaultPort}; 0 picks a free one).",
            HelpName = "port",
            // The default parser's message names System.Nullable`1[System.Int32]; say what is wanted instead.
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 65535)
                {
                    return value;
                }

                result.AddError($"--port must be a number from 0 to 65535, not '{text}'");
                return null;
            },
        };
        var urls = new Option<string?>("--urls") { HelpName = "url", Description = "Address to listen on instead, e.g. http://127.0.0.1:5080 (http only; one URL)." };
        var linkHost = new Option<string?>("--link-host")
        {
            HelpName = "host",
            Description = "Host of download links instead of the API's, standing in for a separate storage host (e.g. localhost; same port).",
        };
        var noAuth = new Option<bool>("--no-auth") { Description = "Answer without checking AuthHMAC signatures." };
        var noRanges = new Option<bool>("--no-ranges")
        {
            Description = "Serve downloads without byte-range support, as plain storage may: no Accept-Ranges, every Range answered 200 with the whole file.",
        };
        var fixtures = new Option<DirectoryInfo?>("--fixtures") { HelpName = "dir", Description = "Fixture folder to serve instead of the built-in one (same layout as the repository's fixtures/)." };
        var scenarios = new Option<FileInfo?>("--scenarios") { HelpName = "file.json", Description = "JSON file with users and exports to seed instead of the built-in ones." };
        var admin = new Option<bool>("--admin") { Description = "Start WireMock's admin API at /__admin behind basic auth." };
        var adminUser = new Option<string?>("--admin-user") { HelpName = "name", Description = "Admin API user name (default admin; implies --admin)." };
        var adminPassword = new Option<string?>("--admin-password") { HelpName = "password", Description = "Admin API password (default: random, printed at startup; implies --admin)." };
        var exportMappings = new Option<string?>("--export-mappings") { HelpName = "file", Description = "Write the seeded scenarios as WireMock mapping JSON to this file ('-' for stdout) and exit." };
        var exportRoot = new Option<DirectoryInfo?>("--export-wiremock-root")
        {
            HelpName = "dir",
            Description = "Write the seeded scenarios as a WireMock (Java) root directory for --root-dir (mappings/fake-tracker.json, file bodies in __files/fake-tracker/) and exit.",
        };
        var mappingsFormat = new Option<string>("--mappings-format")
        {
            HelpName = "wiremock-net|wiremock-org",
            Description = "Dialect of --export-mappings: wiremock-net (JSON array, default) or wiremock-org ({\"mappings\": [...]}).",
            DefaultValueFactory = _ => "wiremock-net",
        };
        // AcceptOnlyFromAmong's message lists the values on lines of their own, indented with tabs.
        mappingsFormat.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && value is not ("wiremock-net" or "wiremock-org"))
            {
                result.AddError($"--mappings-format must be wiremock-net or wiremock-org, not '{value}'");
            }
        });
        var mappingsBaseUrl = new Option<Uri?>("--mappings-base-url")
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
        var mappingsCreated = new Option<int>("--mappings-created-exports")
        {
            HelpName = "n",
            Description = "How many exports create.json hands out in the exported mappings (0 to 50, default 3).",
            DefaultValueFactory = _ => 3,
        };
        var log = new Option<bool>("--log") { Description = "Print one line per request." };
        var noDashboard = new Option<bool>("--no-dashboard")
        {
            Description = "Do not serve the live dashboard (by default at /_dashboard/ on the port after the API's, or a free one).",
        };

        // A named Command rather than RootCommand, which takes its name from the entry assembly (the test host in-process).
        var root = new Command(Name, "Fake myTracker Export API for local development: signed, stateful, serving the documented samples.")
        {
            new HelpOption(),
            new VersionOption(),
            port, urls, linkHost, noAuth, noRanges, fixtures, scenarios, admin, adminUser, adminPassword, exportMappings, exportRoot, mappingsFormat, mappingsBaseUrl, mappingsCreated, log, noDashboard,
        };
        root.Subcommands.Add(Fixtures.FixturesCommand.Create(output, error));

        root.Subcommands.Add(OpenApi.OpenApiCommand.Create(output, error));

        root.SetAction((parsed, token) => ServeAsync(
            new Settings(
                parsed.GetValue(port), parsed.GetValue(urls), parsed.GetValue(fixtures), parsed.GetValue(scenarios),
                new ServingSettings(
                    NoAuth: parsed.GetValue(noAuth), NoRanges: parsed.GetValue(noRanges), LinkHost: parsed.GetValue(linkHost), Log: parsed.GetValue(log),
                    NoDashboard: parsed.GetValue(noDashboard)),
                new AdminSettings(parsed.GetValue(admin), parsed.GetValue(adminUser), parsed.GetValue(adminPassword)),
                new ExportSettings(
                    parsed.GetValue(exportMappings),
                    parsed.GetValue(exportRoot),
                    new WireMockMappingOptions
                    {
                        Format = parsed.GetValue(mappingsFormat) == "wiremock-org" ? WireMockMappingFormat.WireMockOrg : WireMockMappingFormat.WireMockNet,
                        BaseUrl = parsed.GetValue(mappingsBaseUrl),
                        CreatedExports = parsed.GetValue(mappingsCreated),
                    })),
            output,
            error,
            token));
        return root;
    }

    private static async Task<int> ServeAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken stopToken)
    {
        if (Validate(settings) is { } problem)
        {
            await error.WriteLineAsync($"{Name}: {problem} (see {Name} --help)").ConfigureAwait(false);
            return ExitUsage;
        }

        FakeScenario scenario;
        try
        {
            scenario = settings.Scenarios is null ? FakeScenario.Default : FakeScenario.Load(settings.Scenarios.FullName);
        }
        catch (FormatException e)
        {
            // The library's message starts with the file path and the place in it.
            await error.WriteLineAsync($"{Name}: {OneLine(e.Message)}").ConfigureAwait(false);
            return ExitUsage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{Name}: scenario file {settings.Scenarios!.FullName}: {OneLine(e.Message)}").ConfigureAwait(false);
            return ExitUsage;
        }

        var (host, portNumber) = settings.ListenAddress();
        var adminOn = settings.Admin.On;
        var adminUser = settings.Admin.User ?? "admin";
        var adminPassword = settings.Admin.Password ?? RandomPassword();
        var serving = settings.Serving;
        var options = new FakeTrackerOptions
        {
            Host = host,
            Port = portNumber,
            Users = Users(scenario),
            LinkHost = serving.LinkHost,
            RequireAuthentication = !serving.NoAuth,
            DownloadRanges = !serving.NoRanges,
            FixturesDirectory = settings.Fixtures?.FullName,
            StartAdminInterface = adminOn,
            AdminUsername = adminOn ? adminUser : null,
            AdminPassword = adminOn ? adminPassword : null,
            OnRequest = serving.Log
                ? request => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.Now:HH:mm:ss.fff} {request}"))
                : null,

            // Off loopback the dashboard asks for the admin credentials, so it needs --admin there.
            Dashboard = !serving.NoDashboard && (FakeDashboard.IsLoopbackHost(host) || adminOn),
            DashboardPort = DashboardPort(host, portNumber),
        };

        // WireMock.Net only gives up on a taken port after its start timeout (~10 s); a probe answers at once.
        if (portNumber != 0 && !PortIsFree(host, portNumber))
        {
            await error.WriteLineAsync(PortInUse(host, portNumber)).ConfigureAwait(false);
            return ExitUsage;
        }

        FakeTracker fake;
        try
        {
            fake = await FakeTracker.StartAsync(options, stopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ExitOk;
        }
        catch (Exception e) when (IsAddressInUse(e))
        {
            await error.WriteLineAsync(PortInUse(host, portNumber)).ConfigureAwait(false);
            return ExitUsage;
        }
        catch (Exception e) when (settings.Fixtures is not null && e is InvalidOperationException or IOException or FormatException or System.Text.Json.JsonException)
        {
            await error.WriteLineAsync($"{Name}: fixture folder {settings.Fixtures.FullName}: {OneLine(e.Message)}").ConfigureAwait(false);
            return ExitUsage;
        }

        await using (fake.ConfigureAwait(false))
        {
            try
            {
                // The built-in seed needs an export-shaped family; a folder of other endpoints is served as it is.
                if (!ReferenceEquals(scenario, FakeScenario.Default) || fake.ExportFamilies.Count > 0)
                {
                    fake.Given(scenario);

                    // The dashboard's Reset starts over from the same seed.
                    fake.Dashboard?.AfterReset = reset => reset.Given(scenario);
                }
            }
            catch (ArgumentException e)
            {
                // The message names the file and the place itself.
                await error.WriteLineAsync($"{Name}: {OneLine(e.Message)}").ConfigureAwait(false);
                return ExitUsage;
            }

            if (settings.Export.Root is { } rootDirectory)
            {
                try
                {
                    var written = fake.WriteWireMockRootDirectory(rootDirectory.FullName, settings.Export.Mappings);
                    await output.WriteLineAsync($"Wrote a WireMock root directory with the mappings of {scenario.Exports.Count} export(s) to {rootDirectory.FullName} ({Path.GetRelativePath(rootDirectory.FullName, written)} and __files/)").ConfigureAwait(false);
                    return ExitOk;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"{Name}: cannot write {rootDirectory.FullName}: {OneLine(e.Message)}").ConfigureAwait(false);
                    return ExitUsage;
                }
            }

            if (settings.Export.MappingsFile is { } target)
            {
                var json = fake.ExportWireMockMappings(settings.Export.Mappings);
                if (target == "-")
                {
                    await output.WriteLineAsync(json).ConfigureAwait(false);
                }
                else
                {
                    try
                    {
                        await File.WriteAllTextAsync(target, json, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        await error.WriteLineAsync($"{Name}: cannot write {Path.GetFullPath(target)}: {OneLine(e.Message)}").ConfigureAwait(false);
                        return ExitUsage;
                    }

                    await output.WriteLineAsync($"Wrote WireMock mappings of {scenario.Exports.Count} export(s) to {Path.GetFullPath(target)}").ConfigureAwait(false);
                }

                return ExitOk;
            }

            await output.WriteAsync(Banner.Render(fake, scenario, adminOn ? (adminUser, adminPassword) : null, dashboardAsked: !serving.NoDashboard)).ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);

            try
            {
                await Task.Delay(Timeout.Infinite, stopToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is the normal way to stop.
            }

            await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
            return ExitOk;
        }
    }

    private static string? Validate(Settings settings)
    {
        if (settings.Port is not null && settings.Urls is not null)
        {
            return "give --port or --urls, not both";
        }

        if (settings.Urls is { } url && Settings.ParseUrl(url) is null)
        {
            return $"--urls '{url}' is not an http://host:port address";
        }

        // Kestrel (through WireMock.Net) binds any other host name to every interface.
        if (settings.Urls is { } named && Settings.ParseUrl(named) is var (host, _) && host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            return $"--urls host '{host}' must be an IP address or localhost";
        }

        if (settings.Serving.LinkHost is { } link && Uri.CheckHostName(link) == UriHostNameType.Unknown)
        {
            return $"--link-host '{link}' is not a host name or IP address";
        }

        if (settings.Fixtures is { Exists: false } dir)
        {
            return $"fixture folder {dir.FullName} does not exist";
        }

        if (settings.Scenarios is { Exists: false } file)
        {
            return $"scenario file {file.FullName} does not exist";
        }

        if (settings.Admin.User is "" || settings.Admin.Password is "")
        {
            return "--admin-user and --admin-password must not be empty";
        }

        if (settings.Export.MappingsFile is "")
        {
            return "--export-mappings needs a file name (or - for stdout)";
        }

        if (settings.Export.MappingsFile is not null && settings.Export.Root is not null)
        {
            return "give --export-mappings or --export-wiremock-root, not both";
        }

        if (settings.Export.Mappings.CreatedExports is < 0 or > 50)
        {
            return $"--mappings-created-exports must be 0 to 50, not {settings.Export.Mappings.CreatedExports}";
        }

        return null;
    }

    /// <summary>The dashboard's port: the one after the API's when that is fixed and free (5081 by default), else a free one.</summary>
    private static int DashboardPort(string host, int apiPort) =>
        apiPort is > 0 and < 65535 && PortIsFree(host, apiPort + 1) ? apiPort + 1 : 0;

    private static string PortInUse(string host, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: port {port} on {host} is already in use; stop what holds it, or pick another with --port <n> (0 picks a free one)");

    private static bool PortIsFree(string host, int port)
    {
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (address is null)
        {
            // A host name other than localhost: let the server's own bind decide.
            return true;
        }

        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { ExclusiveAddressUse = true };
            probe.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }

    private static bool IsAddressInUse(Exception e)
    {
        // Kestrel reports a taken port as IOException("Failed to bind ... address already in use") around a
        // SocketException; WireMock.Net may wrap either in its own exceptions, so look down the whole chain.
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || current.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The default user first (it owns exports that name no user, and signs the printed curl line), then
    /// the file's users; a file that lists the default id again replaces its secret.
    /// </summary>
    private static IReadOnlyList<FakeApiUser> Users(FakeScenario scenario) =>
        [
            scenario.Users.FirstOrDefault(u => u.ApiUserId == FakeApiUser.Default.ApiUserId) ?? FakeApiUser.Default,
            .. scenario.Users.Where(u => u.ApiUserId != FakeApiUser.Default.ApiUserId).DistinctBy(u => u.ApiUserId),
        ];

    private static string RandomPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>A message as one line: line breaks and tabs (System.CommandLine indents lists with them) become single spaces.</summary>
    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The parsed command line: where to listen, what to serve, and the option groups below.</summary>
    private sealed record Settings(
        int? Port, string? Urls, DirectoryInfo? Fixtures, FileInfo? Scenarios, ServingSettings Serving, AdminSettings Admin, ExportSettings Export)
    {
        public (string Host, int Port) ListenAddress() =>
            Urls is not null ? ParseUrl(Urls)!.Value : ("127.0.0.1", Port ?? DefaultPort);

        public static (string Host, int Port)? ParseUrl(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
                || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            {
                return null;
            }

            return (uri.Host.Trim('[', ']'), uri.Port);
        }
    }

    /// <summary>How requests are answered: <c>--no-auth</c>, <c>--no-ranges</c>, <c>--link-host</c>, <c>--log</c>, <c>--no-dashboard</c>.</summary>
    private sealed record ServingSettings(bool NoAuth, bool NoRanges, string? LinkHost, bool Log, bool NoDashboard);

    /// <summary><c>--admin</c>, <c>--admin-user</c>, <c>--admin-password</c> (either of the last two implies the first).</summary>
    private sealed record AdminSettings(bool Requested, string? User, string? Password)
    {
        public bool On => Requested || User is not null || Password is not null;
    }

    /// <summary><c>--export-mappings</c> or <c>--export-wiremock-root</c>, and how the mappings are written.</summary>
    private sealed record ExportSettings(string? MappingsFile, DirectoryInfo? Root, WireMockMappingOptions Mappings);
}
