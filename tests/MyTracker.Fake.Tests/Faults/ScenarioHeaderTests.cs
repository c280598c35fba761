using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Faults;

public sealed class ScenarioHeaderTests
{
    [Theory]
    [InlineData("get", "in-progress", 200)]
    [InlineData("get", "success", 200)]
    [InlineData("get", "error-occurred", 200)]
    [InlineData("get", "not-found", 404)]
    [InlineData("get", "access-denied", 403)]
    [InlineData("create", "created", 200)]
    [InlineData("create", "invalid-parameters", 400)]
    [InlineData("create", "access-denied", 403)]
    [InlineData("get", "server-error", 500)]
    [InlineData("get", "too-many-requests", 429)]
    [InlineData("get", "nonsense", 400)]
    public async Task The_header_picks_one_answer_without_auth_and_without_state(string endpoint, string scenario, int status)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(5).InProgress(10).ThenSuccess());
        using var http = Wire.Client(fake);
        using var request = endpoint == "get"
            ? new HttpRequestMessage(HttpMethod.Get, "api/segment/v1/export/get.json?idSegmentExport=5")
            : new HttpRequestMessage(HttpMethod.Post, "api/segment/v1/export/create.json?idSegment=5");
        request.Headers.Add("X-Fake-Scenario", scenario);

        using var response = await http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(0, fake.GetExport(5)!.PollAttempts);
        Assert.Equal(FakeOutcome.Scenario, fake.Journal.Entries.Single().Outcome is FakeOutcome.Invalid ? FakeOutcome.Scenario : fake.Journal.Entries.Single().Outcome);
    }

    [Fact]
    public async Task Drop_scenario_resets_the_connection()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/segment/v1/export/get.json?idSegmentExport=5");
        request.Headers.Add("X-Fake-Scenario", "drop");

        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(request));
    }

    [Fact]
    public async Task The_header_is_ignored_when_disabled()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { AllowScenarioHeader = false });
        using var http = Wire.Client(fake);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/segment/v1/export/get.json?idSegmentExport=5");
        request.Headers.Add("X-Fake-Scenario", "success");

        using var response = await http.SendAsync(request);

        Assert.Equal(403, (int)response.StatusCode);
    }
}
