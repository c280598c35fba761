namespace MyTracker.Fake.Xunit;

/// <summary>
/// A fake tracker started before the first test that uses it and stopped after the last, for
/// xunit 2: <c>public sealed class MyTests(FakeTrackerFixture tracker) : IClassFixture&lt;FakeTrackerFixture&gt;</c>,
/// or shared by a collection through one line,
/// <c>[CollectionDefinition("tracker")] public sealed class TrackerCollection : ICollectionFixture&lt;FakeTrackerFixture&gt;;</c>.
/// </summary>
/// <remarks>
/// Tests sharing one fake should use export ids of their own or call <see cref="FakeTracker.Reset"/>.
/// Override <see cref="Testing.FakeTrackerFixture.CreateOptions"/> in a derived class to start it with other options.
/// </remarks>
public class FakeTrackerFixture : Testing.FakeTrackerFixture, global::Xunit.IAsyncLifetime
{
}
