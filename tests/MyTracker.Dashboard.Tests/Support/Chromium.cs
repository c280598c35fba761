using Microsoft.Playwright;

namespace MyTracker.Dashboard.Tests.Support;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>, installed by apt; <c>.ci/run</c> installs it when missing),
/// headless, driven by Playwright's .NET driver (which runs on the node binary its package carries; no
/// browser is downloaded). One browser per test class, with a fresh profile directory; each test opens its own page.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>How long one wait on the page may take: generous for a busy 2-core machine, reached only when something is broken.</summary>
    public const float Timeout = 20_000;

    private IPlaywright? _playwright;
    private string? _profile;

    public IBrowserContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: apt-get install -y chromium (.ci/run does it)");
        Assertions.SetDefaultExpectTimeout(Timeout);
        _playwright = await Playwright.CreateAsync();
        _profile = Directory.CreateTempSubdirectory("dashboard-chromium-").FullName;
        Context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new ViewportSize { Width = 1400, Height = 1100 },
            Timeout = 60_000,
        });
        Context.SetDefaultTimeout(Timeout);
    }

    /// <summary>A new page on the dashboard, collecting the console's errors and the page's uncaught exceptions.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(Uri url)
    {
        var page = await Context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"console: {message.Text} at {message.Location}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add("uncaught: " + error);
            }
        };
        await page.GotoAsync(url.ToString());
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        return (page, errors);
    }

    public async Task DisposeAsync()
    {
        if (Context is not null)
        {
            await Context.CloseAsync();
        }

        _playwright?.Dispose();
        if (_profile is not null)
        {
            Directory.Delete(_profile, recursive: true);
        }
    }
}
