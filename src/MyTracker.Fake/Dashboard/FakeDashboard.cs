using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MyTracker.Fake.Dashboard;

namespace MyTracker.Fake;

/// <summary>
/// The live dashboard of one fake (<see cref="FakeTrackerOptions.Dashboard"/>): a page at
/// <see cref="Url"/> on a port of its own, on the fake's host, so no API path and no WireMock mapping
/// can collide with it. It shows the endpoints and their documented scenarios, every export, the
/// request journal with each refusal's reason and the armed faults, pushed as server-sent events; its
/// controls choose an endpoint's next answer or an export's ending, arm a fault on the next poll or
/// download, reset the fake and make signed <c>curl</c> lines. Its assets are embedded. It changes state
/// only for requests that carry its per-process token in a header and come from its own origin.
/// </summary>
public sealed class FakeDashboard : IDisposable
{
    /// <summary>The path of the page; everything the dashboard serves is under it.</summary>
    public const string PathBase = "/_dashboard/";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private int _disposed;

    private FakeDashboard(WebApplication app, DashboardFeed feed, Uri url)
    {
        _app = app;
        Url = url;
        _pump = Task.Run(() => feed.PumpAsync(_stop.Token));
    }

    /// <summary>The page, e.g. <c>http://127.0.0.1:5081/_dashboard/</c>.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Called after the page's Reset control has reset the fake (<see cref="FakeTracker.Reset"/>), e.g. to
    /// seed its exports again (the standalone tool gives its scenario back); null does nothing more.
    /// </summary>
    public Action<FakeTracker>? AfterReset { get; set; }

    /// <summary>Stops the dashboard (the fake's own dispose does it too).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            // Open event streams end with the pump; the server then stops at once.
            _pump.Wait(TimeSpan.FromSeconds(5));
            _app.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (AggregateException)
        {
            // A pump or server that failed while stopping has nothing left to stop.
        }
        finally
        {
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stop.Dispose();
        }
    }

    /// <summary>Starts the dashboard of a fake that has just started.</summary>
    internal static FakeDashboard Start(FakeTracker fake, DashboardFeed feed)
    {
        var options = fake.Options;
        var loopback = IsLoopbackHost(options.Host);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

        // The empty builder reads no configuration, environment or appsettings.json and logs nothing:
        // the dashboard listens where the fake says and nowhere else.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeDashboard).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var address in Addresses(options.Host))
            {
                kestrel.Listen(address, options.DashboardPort);
            }
        });
        var app = builder.Build();
        FakeDashboard? dashboard = null;
        var http = new DashboardHttp(fake, feed, token, loopback, () => dashboard!);
        app.Run(http.HandleAsync);
        feed.Journal = () => fake.Journal.Entries;
        feed.Render = (f, journal, fresh) => DashboardState.Render(fake, f, journal, fresh);
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        var url = new UriBuilder(Uri.UriSchemeHttp, options.Host, port, PathBase).Uri;
        http.Authority = url.Authority;
        dashboard = new FakeDashboard(app, feed, url);
        return dashboard;
    }

    /// <summary>Whether a listening host is loopback only (<c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>): off it, the dashboard asks for the admin credentials.</summary>
    /// <param name="host">A host as <see cref="FakeTrackerOptions.Host"/> takes it.</param>
    /// <returns>True for loopback.</returns>
    public static bool IsLoopbackHost(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary><c>localhost</c> is both loopback addresses, as for the API; an IP address is itself.</summary>
    private static IEnumerable<IPAddress> Addresses(string host) =>
        host == "localhost" ? [IPAddress.Loopback] : [IPAddress.Parse(host)];
}
