using MyTracker.Fake.Dashboard;
using MyTracker.Fake.Exports;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Http;
using MyTracker.Fake.Rules;

namespace MyTracker.Fake;

public sealed partial class FakeTracker
{
    private DashboardFeed? _feed;

    /// <summary>The live dashboard when <see cref="FakeTrackerOptions.Dashboard"/> is on (its page: <see cref="FakeDashboard.Url"/>); else null.</summary>
    public FakeDashboard? Dashboard { get; private set; }

    internal ExportStore Store => _store;

    internal FaultPlan Faults => _faults;

    internal ScenarioRules Rules => _rules;

    internal FixtureSet Fixtures => _fixtures;

    /// <summary>
    /// The options the request path runs with: with the dashboard on, its feed sees every journal entry
    /// through <see cref="FakeTrackerOptions.OnRequest"/> (after the caller's own); <see cref="Options"/>
    /// stays as given.
    /// </summary>
    private FakeTrackerOptions WithDashboardFeed(FakeTrackerOptions options)
    {
        if (!options.Dashboard)
        {
            return options;
        }

        if (!FakeDashboard.IsLoopbackHost(options.Host) && (options.AdminUsername is null || options.AdminPassword is null))
        {
            throw new ArgumentException(
                $"The dashboard on {options.Host} (not loopback) needs AdminUsername and AdminPassword: every dashboard request must present them.", nameof(options));
        }

        _feed = new DashboardFeed();
        return options with { OnRequest = _feed.Observe(options.OnRequest) };
    }

    private void StartDashboard()
    {
        if (_feed is null)
        {
            return;
        }

        try
        {
            Dashboard = FakeDashboard.Start(this, _feed);
        }
        catch
        {
            _server.Stop();
            _server.Dispose();
            throw;
        }
    }
}
