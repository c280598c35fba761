using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace MyTracker.Fake.Tool.Serve;

/// <summary>
/// <c>fake-tracker</c> itself: starts a <see cref="FakeTracker"/> on the options (<see cref="ServeOptions"/>),
/// seeds the scenario, prints how to reach it (<see cref="Banner"/>) and serves until cancelled; or writes
/// the seeded scenarios as WireMock mappings and exits (<see cref="ExportOptions"/>).
/// </summary>
internal static class ServeCommand
{
    // A named Command rather than RootCommand, which takes its name from the entry assembly (the test host in-process).
    public static Command Create(string name, TextWriter output, TextWriter error)
    {
        var options = new ServeOptions();
        var root = new Command(name, "Fake myTracker Export API for local development: signed, stateful, serving the documented samples. Out of the box: segment export (create, get) and raw data export (create, get, cancel), each with its lifecycle, documented endings and downloadable .csv.gz files.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        options.AddTo(root);
        root.SetAction((parsed, token) => ServeAsync(options, parsed, output, error, token));
        return root;
    }

    private static async Task<int> ServeAsync(ServeOptions settings, ParseResult parsed, TextWriter output, TextWriter error, CancellationToken stopToken)
    {
        // Checked here, not by validators: a command line that names files still to be made parses.
        var file = parsed.GetValue(settings.Scenarios);
        var fixtures = parsed.GetValue(settings.Fixtures);
        if (fixtures is { Exists: false } || file is { Exists: false })
        {
            return await FakeTrackerApp.FailAsync(error, fixtures is { Exists: false }
                ? $"fixture folder {fixtures.FullName} does not exist (see {FakeTrackerApp.Name} --help)"
                : $"scenario file {file!.FullName} does not exist (see {FakeTrackerApp.Name} --help)").ConfigureAwait(false);
        }

        FakeScenario scenario;
        try
        {
            scenario = file is null ? FakeScenario.Default : FakeScenario.Load(file.FullName);
        }
        catch (FormatException e)
        {
            // The library's message starts with the file path and the place in it.
            return await FakeTrackerApp.FailAsync(error, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await FakeTrackerApp.FailAsync(error, $"scenario file {file!.FullName}: {e.Message}").ConfigureAwait(false);
        }

        var (host, port) = settings.ListenAddress(parsed);
        var admin = settings.AdminOn(parsed)
            ? (User: parsed.GetValue(settings.AdminUser) ?? "admin", Password: parsed.GetValue(settings.AdminPassword) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)))
            : ((string User, string Password)?)null;
        var dashboardAsked = !parsed.GetValue(settings.NoDashboard);
        var options = new FakeTrackerOptions
        {
            Host = host,
            Port = port,
            Users = scenario.UsersWith([FakeApiUser.Default]),
            LinkHost = parsed.GetValue(settings.LinkHost),
            RequireAuthentication = !parsed.GetValue(settings.NoAuth),
            DownloadRanges = !parsed.GetValue(settings.NoRanges),
            FixturesDirectory = fixtures?.FullName,
            StartAdminInterface = admin is not null,
            AdminUsername = admin?.User,
            AdminPassword = admin?.Password,
            OnRequest = parsed.GetValue(settings.Log)
                ? request => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.Now:HH:mm:ss.fff} {request}"))
                : null,

            // Off loopback the dashboard asks for the admin credentials, so it needs --admin there.
            Dashboard = dashboardAsked && (FakeDashboard.IsLoopbackHost(host) || admin is not null),
            DashboardPort = DashboardPort(host, port),
        };

        FakeTracker fake;
        try
        {
            fake = await FakeTracker.StartAsync(options, stopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return FakeTrackerApp.ExitOk;
        }
        catch (FakeTrackerPortInUseException e)
        {
            return await FakeTrackerApp.FailAsync(error, string.Create(CultureInfo.InvariantCulture,
                $"port {e.Port} on {e.Host} is already in use; stop what holds it, or pick another with --port <n> (0 picks a free one)")).ConfigureAwait(false);
        }
        catch (Exception e) when (fixtures is not null && e is InvalidOperationException or IOException or FormatException or System.Text.Json.JsonException)
        {
            return await FakeTrackerApp.FailAsync(error, $"fixture folder {fixtures.FullName}: {e.Message}").ConfigureAwait(false);
        }

        await using (fake.ConfigureAwait(false))
        {
            var seeded = scenario.For(fake);
            try
            {
                fake.Given(seeded);

                // The dashboard's Reset starts over from the same seed.
                fake.Dashboard?.AfterReset = reset => reset.Given(seeded);
            }
            catch (ArgumentException e)
            {
                // The message names the file and the place itself.
                return await FakeTrackerApp.FailAsync(error, e.Message).ConfigureAwait(false);
            }

            if (settings.Export.Requested(parsed))
            {
                return await settings.Export.WriteAsync(parsed, fake, seeded, output, error).ConfigureAwait(false);
            }

            await output.WriteAsync(Banner.Render(fake, seeded, admin, dashboardAsked)).ConfigureAwait(false);
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
            return FakeTrackerApp.ExitOk;
        }
    }

    /// <summary>The dashboard's port: the one after the API's when that is fixed and free (5081 by default), else a free one.</summary>
    private static int DashboardPort(string host, int apiPort)
    {
        if (apiPort is <= 0 or >= 65535 || (host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null) is not { } address)
        {
            return 0;
        }

        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { ExclusiveAddressUse = true };
            probe.Bind(new IPEndPoint(address, apiPort + 1));
            return apiPort + 1;
        }
        catch (SocketException)
        {
            return 0;
        }
    }
}
