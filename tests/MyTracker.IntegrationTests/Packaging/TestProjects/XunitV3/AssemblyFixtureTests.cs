using MyTracker.Client;
using MyTracker.Fake;
using MyTracker.Fake.Xunit;
using Xunit;

// docs/testing-with-the-fake.md, its one line for xunit v3: one fake for the whole assembly.
[assembly: AssemblyFixture(typeof(FakeTrackerFixture))]

public sealed class AssemblyFixtureTests(FakeTrackerFixture tracker)
{
    [Fact]
    public async Task The_assembly_fixture_is_a_running_fake()
    {
        tracker.Fake.Given(Export.WithId(3_000_001).Success(files: 1, rowsPerFile: 5));
        using var client = tracker.Fake.CreateClient();

        var outcome = await client.SegmentExports.GetOperation(3_000_001).WaitForCompletionAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.IsType<ExportOutcome.Succeeded>(outcome);
    }
}
