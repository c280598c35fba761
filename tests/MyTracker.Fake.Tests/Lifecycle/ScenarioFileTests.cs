using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Lifecycle;

public sealed class ScenarioFileTests
{
    private const string Example = """
        {
          // users besides the default one
          "users": [ { "apiUserId": "10002", "secret": "fake-secret-0002" } ],
          "exports": [
            { "id": 1, "progress": [10, 64], "ending": "success", "files": 2, "rowsPerFile": 5 },
            { "id": 2, "ending": "error" },
            { "id": 3, "user": "10002", "fields": ["gaid", "idfa"], "hashType": 1, "registerType": 3, "headerLine": false,
              "linkLifetimeSeconds": 600,
              "faults": [ { "kind": "serverError", "status": 503, "target": "poll", "attempt": 1 } ] },
          ],
        }
        """;

    [Fact]
    public async Task A_scenario_file_seeds_users_and_exports()
    {
        var scenario = FakeScenario.Parse(Example);
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Users = [FakeApiUser.Default, .. scenario.Users] });
        fake.Given(scenario);
        using var http = Wire.Client(fake);
        var second = scenario.Users[0];

        var one = await http.Poll(fake, 1).Read();
        var two = await http.Poll(fake, 2).Read();
        using var threeFaulted = await http.Poll(fake, 3, second);
        var three = await http.Poll(fake, 3, second).Read();

        Assert.Equal("10%", one.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal("Error occurred", two.Body.Status());
        Assert.Equal(503, (int)threeFaulted.StatusCode);
        Assert.Equal("Success!", three.Body.Status());
        var snapshot = fake.GetExport(3, "10002")!;
        Assert.Equal(["gaid", "idfa"], snapshot.Fields);
    }

    [Fact]
    public async Task The_default_scenario_progresses_errors_and_succeeds_at_once()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(FakeScenario.Default);
        using var http = Wire.Client(fake);

        Assert.Equal("In progress", (await http.Poll(fake, 1).Read()).Body.Status());
        Assert.Equal("Error occurred", (await http.Poll(fake, 2).Read()).Body.Status());
        Assert.Equal("Success!", (await http.Poll(fake, 3).Read()).Body.Status());
        Assert.Equal(404, (await http.Poll(fake, 4).Read()).Status);
    }

    [Theory]
    [InlineData("{", "scenario(")]
    [InlineData("[]", "the top level must be an object")]
    [InlineData("{\"exports\": [ { } ]}", "exports[0]: \"id\" is required")]
    [InlineData("{\"exports\": [ { \"id\": 1, \"ending\": \"maybe\" } ]}", "exports[0]: \"ending\" must be")]
    [InlineData("{\"exports\": [ { \"id\": 1, \"fields\": [\"email\"] } ]}", "exports[0]: Unknown field 'email'")]
    [InlineData("{\"exports\": [ { \"id\": 1, \"faults\": [ { \"kind\": \"gremlins\" } ] } ]}", "exports[0].faults[0]: unknown fault kind")]
    [InlineData("{\"exports\": [ { \"id\": \"x\" } ]}", "\"id\" must be an integer")]
    [InlineData("{\"exports\": [ { \"id\": 0 } ]}", "exports[0]:")]
    public void Bad_scenarios_say_where(string json, string expected)
    {
        var error = Assert.ThrowsAny<FormatException>(() => FakeScenario.Parse(json));

        Assert.Contains(expected, error.Message);
    }
}
