namespace MyTracker.Fake.Testing;

/// <summary>
/// A fake tracker shared by the tests of a class or collection, for any test framework: this library
/// has no xunit dependency. On xunit, take <c>MyTracker.Fake.Xunit.FakeTrackerFixture</c> from the
/// <c>MyTracker.Fake.Xunit</c> (xunit 2) or <c>MyTracker.Fake.XunitV3</c> (xunit v3) package, which adds
/// xunit's <c>IAsyncLifetime</c> to this class. Elsewhere, call <see cref="InitializeAsync"/> and
/// <see cref="DisposeAsync"/> from the framework's setup and teardown. Tests sharing one fake should
/// use distinct export ids or call <see cref="FakeTracker.Reset"/>.
/// </summary>
public class FakeTrackerFixture : IAsyncDisposable
{
    private FakeTracker? _fake;

    /// <summary>The running fake (after <see cref="InitializeAsync"/>).</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="InitializeAsync"/>.</exception>
    public FakeTracker Fake => _fake ?? throw new InvalidOperationException("The fixture is not initialized; call InitializeAsync first.");

    /// <summary>Starts the fake with <see cref="CreateOptions"/>.</summary>
    /// <returns>A task that completes when the fake listens.</returns>
    public virtual async Task InitializeAsync()
    {
        _fake ??= await FakeTracker.StartAsync(CreateOptions()).ConfigureAwait(false);
    }

    /// <summary>Stops the fake.</summary>
    /// <returns>A task that completes when the fake is stopped.</returns>
    public virtual async Task DisposeAsync()
    {
        if (_fake is not null)
        {
            await _fake.DisposeAsync().ConfigureAwait(false);
            _fake = null;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the fake.</summary>
    /// <returns>A task that completes when the fake is stopped.</returns>
    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync().ConfigureAwait(false);

    /// <summary>The options the fake starts with; override to change them.</summary>
    /// <returns>The default options.</returns>
    protected virtual FakeTrackerOptions CreateOptions() => new();
}
