using MyTracker.Fake;
using MyTracker.Fake.Xunit;
using Xunit;

namespace MyTrackerTests;

// One fake tracker for the class. It serves this project's own fixtures/ (copied beside the tests by
// the build), checks every signature, and answers each request with a documented sample.
public sealed class ReportExportTests(FakeTrackerFixture tracker) : IClassFixture<FakeTrackerFixture>
{
    [Fact]
    public async Task Each_documented_answer_is_read_as_its_own_case()
    {
        var ct = TestContext.Current.CancellationToken;
        tracker.Fake.Given(Scenario.For("report-export/get").WithParameter("idReportExport", 8).Answer("in-progress"))
            .Given(Scenario.For("report-export/get").WithParameter("idReportExport", 6).Answer("not-found"));
        using var client = tracker.Fake.CreateClient();                   // the fake's address and user
        var reports = new ReportExportClient(client.CreateHttpClient());  // generated from fixtures/report-export/

        var success = Assert.IsType<ReportExportGetResult.Success>(await reports.GetAsync(5, ct)); // the first 2xx sample
        var inProgress = Assert.IsType<ReportExportGetResult.InProgress>(await reports.GetAsync(8, ct));
        var notFound = Assert.IsType<ReportExportGetResult.NotFound>(await reports.GetAsync(6, ct));

        Assert.Single(success.Files);
        Assert.Equal(30m, inProgress.Progress.Value);
        Assert.Equal("Report export request not found", notFound.Response.Data.Error.Detail);
    }
}
