namespace MyTracker.Fake.Xunit;

/// <summary>
/// A fake tracker started before the first test that uses it and stopped after the last, for
/// xunit v3: <c>public sealed class MyTests(FakeTrackerFixture tracker) : IClassFixture&lt;FakeTrackerFixture&gt;</c>,
/// shared by a collection through one line,
/// <c>[CollectionDefinition("tracker")] public sealed class TrackerCollection : ICollectionFixture&lt;FakeTrackerFixture&gt;;</c>,
/// or by the whole assembly: <c>[assembly: AssemblyFixture(typeof(FakeTrackerFixture))]</c>.
/// </summary>
/// <remarks>
/// Tests sharing one fake should use export ids of their own or call <see cref="FakeTracker.Reset"/>.
/// Override <see cref="Testing.FakeTrackerFixture.CreateOptions"/> in a derived class to start it with other options.
/// </remarks>
public class FakeTrackerFixture : Testing.FakeTrackerFixture, global::Xunit.IAsyncLifetime
{
    /// <summary>Starts the fake (xunit v3 awaits a <see cref="ValueTask"/> where xunit 2 awaited a <see cref="Task"/>).</summary>
    /// <returns>A task that completes when the fake listens.</returns>
    ValueTask global::Xunit.IAsyncLifetime.InitializeAsync() => new(InitializeAsync());
}
