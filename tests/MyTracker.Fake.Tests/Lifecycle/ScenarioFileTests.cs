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
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Users = scenario.UsersWith([FakeApiUser.Default]) });
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

    public static TheoryData<string, string> BadFiles => new()
    {
        { "{\n  \"exports\": [ { \"id\": 1 } ]\n", "x.json: line 3, column 1: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed." },
        { "{ \"exports\": [ { \"id\": 1 } } ]", "x.json: line 1, column 28: '}' is invalid without a matching open." },
        { "[]", "x.json: the top level must be an object holding \"users\", \"exports\" or \"scenarios\", not an array" },
        { "{ \"export\": [ { \"id\": 1 } ] }", "x.json: unknown key \"export\" (did you mean \"exports\"?)" },
        { "{ \"exports\": [ { \"id\": 1 } ], \"seed\": 4 }", "x.json: unknown key \"seed\"; the top level takes users, exports or scenarios" },
        { "{ \"exports\": [ { \"id\": 10, \"progres\": [5, 50] } ] }", "x.json: exports[0]: unknown key \"progres\" (did you mean \"progress\"?)" },
        { "{ \"exports\": [ { \"id\": 10, \"rowsPerfile\": 2 } ] }", "x.json: exports[0]: unknown key \"rowsPerfile\" (did you mean \"rowsPerFile\"?)" },
        { "{ \"exports\": [ { \"id\": 10 }, { \"id\": 11 }, { \"id\": 10, \"ending\": \"error\" } ] }", "x.json: exports[2].id: 10 is already the id of exports[0] (of user 10001); each export needs its own id" },
        { "{ \"exports\": [ { \"id\": 1, \"id\": 2 } ] }", "x.json: exports[0]: key \"id\" appears twice" },
        { "{ \"exports\": [ { } ] }", "x.json: exports[0]: \"id\" is required (a whole number, 1 or more)" },
        { "{ \"exports\": [ { \"id\": \"x\" } ] }", "x.json: exports[0].id: must be a whole number, not \"x\"" },
        { "{ \"exports\": [ { \"id\": 0 } ] }", "x.json: exports[0].id: must be 1 or more, not 0" },
        { "{ \"exports\": [ { \"id\": 1, \"progress\": [10, 120] } ] }", "x.json: exports[0].progress[1]: must be from 0 to 100, not 120" },
        { "{ \"exports\": [ { \"id\": 1, \"ending\": \"done\" } ] }", "x.json: exports[0].ending: must be one of success, error or staysInProgress, not \"done\"" },
        { "{ \"exports\": [ { \"id\": 1, \"ending\": \"sucess\" } ] }", "x.json: exports[0].ending: must be one of success, error or staysInProgress, not \"sucess\" (did you mean \"success\"?)" },
        { "{ \"exports\": [ { \"id\": 1, \"fields\": [\"gaid\", \"email\"] } ] }", "x.json: exports[0].fields[1]: must be one of idApp, idProfile, gaid, idfa, oaid, idProject, idProjectUser or customUserId, not \"email\"" },
        { "{ \"exports\": [ { \"id\": 1, \"headerLine\": \"no\" } ] }", "x.json: exports[0].headerLine: must be true or false, not \"no\"" },
        { "{ \"exports\": [ { \"id\": 1, \"hashType\": 5 } ] }", "x.json: exports[0].hashType: must be from 0 to 2, not 5" },
        { "{ \"exports\": [ { \"id\": 1, \"user\": \"10009\" } ] }", "x.json: exports[0].user: \"10009\" is not a user of this file: list it in \"users\" (with its \"secret\"), or leave \"user\" out for 10001" },
        { "{ \"users\": [ { \"apiUserId\": \"7\" } ] }", "x.json: users[0]: \"secret\" is required" },
        { "{ \"users\": [ { \"apiUserId\": \"7\", \"secret\": \"a\" }, { \"apiUserId\": \"7\", \"secret\": \"b\" } ] }", "x.json: users[1].apiUserId: \"7\" is listed twice" },
        { "{ \"exports\": [ { \"id\": 1, \"faults\": [ { \"kind\": \"gremlins\" } ] } ] }", "x.json: exports[0].faults[0].kind: must be one of latency, serverError, tooManyRequests, drop, truncatedBody, truncatedGzip, malformedJson or expiredLink, not \"gremlins\"" },
        { "{ \"exports\": [ { \"id\": 1, \"faults\": [ { \"kind\": \"serverEror\" } ] } ] }", "x.json: exports[0].faults[0].kind: must be one of latency, serverError, tooManyRequests, drop, truncatedBody, truncatedGzip, malformedJson or expiredLink, not \"serverEror\" (did you mean \"serverError\"?)" },
        { "{ \"exports\": [ { \"id\": 1, \"faults\": [ { \"target\": \"poll\" } ] } ] }", "x.json: exports[0].faults[0]: \"kind\" is required: one of latency, serverError, tooManyRequests, drop, truncatedBody, truncatedGzip, malformedJson or expiredLink" },
        { "{ \"exports\": [ { \"id\": 1, \"faults\": [ { \"kind\": \"latency\", \"status\": 503 } ] } ] }", "x.json: exports[0].faults[0]: unknown key \"status\"; a \"latency\" fault takes kind, target, attempt, count, every, file or latencyMs" },
        { "{ \"exports\": [ { \"id\": 1, \"faults\": [ { \"kind\": \"serverError\", \"status\": 404 } ] } ] }", "x.json: exports[0].faults[0].status: must be from 500 to 599, not 404" },
        { "{ \"exports\": [ { \"id\": 1, \"faults\": [ { \"kind\": \"expiredLink\", \"target\": \"poll\" } ] } ] }", "x.json: exports[0].faults[0].target: a \"expiredLink\" fault hits downloads only, not \"poll\"" },
        { "{ \"exports\": [ { \"id\": 1, \"faults\": [ { \"kind\": \"drop\", \"target\": \"create\" } ] } ] }", "x.json: exports[0].faults[0].target: create.json faults hit the whole fake, not one export: give them to FakeTracker.WithFault" },
        { "{ \"exports\": [ { \"id\": 1, \"faults\": [ { \"kind\": \"drop\", \"file\": 2 } ] } ] }", "x.json: exports[0].faults[0].file: only a download fault (\"target\": \"download\") can name a file" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Each_bad_file_gets_one_line_naming_the_file_the_place_and_the_key_as_written(string json, string expected)
    {
        var error = Assert.ThrowsAny<FormatException>(() => FakeScenario.Parse(json, "x.json"));

        Assert.Equal(expected, error.Message);
        Assert.DoesNotContain("Parameter", error.Message);
        Assert.DoesNotContain("Actual value", error.Message);
    }

    [Fact]
    public void The_same_id_for_two_users_is_two_exports()
    {
        var scenario = FakeScenario.Parse("""{ "users": [ { "apiUserId": "7", "secret": "s" } ], "exports": [ { "id": 1 }, { "id": 1, "user": "7" } ] }""");

        Assert.Equal(2, scenario.Exports.Count);
    }

    [Fact]
    public async Task A_file_user_the_fake_was_not_started_with_is_named_with_the_file_place_and_how_to_register_it()
    {
        var scenario = FakeScenario.Parse("""{ "users": [ { "apiUserId": "7", "secret": "s" } ], "exports": [ { "id": 1 }, { "id": 2, "user": "7" } ] }""", "x.json");
        await using var fake = await FakeTracker.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => fake.Given(scenario));

        Assert.Equal(
            "x.json: exports[1].user: API user '7' is not registered with this fake; start it with new FakeTrackerOptions { Users = scenario.UsersWith([FakeApiUser.Default]) } so the file's users are known.",
            error.Message);
    }

    [Fact]
    public async Task An_unregistered_user_in_code_is_told_how_to_register_users()
    {
        await using var fake = await FakeTracker.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => fake.Given(Export.WithId(6).ForUser("10002").Success()));

        Assert.Equal(
            "API user '10002' is not registered with this fake (it knows 10001). Register users when starting it: "
            + "FakeTracker.StartAsync(new FakeTrackerOptions { Users = [FakeApiUser.Default, new FakeApiUser(\"10002\", \"<secret>\")] }).",
            error.Message);
    }

    [Fact]
    public void UsersWith_keeps_the_given_users_first_lets_the_file_give_one_another_secret_and_adds_its_others()
    {
        var scenario = FakeScenario.Parse("""{ "users": [ { "apiUserId": "10001", "secret": "rotated" }, { "apiUserId": "7", "secret": "s-7" } ] }""");

        var users = scenario.UsersWith([FakeApiUser.Default, new FakeApiUser("9", "s-9")]);

        Assert.Equal([("10001", "rotated"), ("9", "s-9"), ("7", "s-7")], users.Select(u => (u.ApiUserId, u.Secret)));
        Assert.Equal([FakeApiUser.Default], FakeScenario.Default.UsersWith([FakeApiUser.Default]));
    }

    [Fact]
    public async Task The_default_scenario_seeds_nothing_for_fixtures_without_an_export_family_and_a_file_applies_as_written()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mytracker-fake-tests-" + Guid.NewGuid().ToString("N"));
        var get = Directory.CreateDirectory(Path.Combine(folder, "report-export", "get")).FullName;
        File.WriteAllText(Path.Combine(get, "endpoint.json"), """{ "method": "GET", "path": "/api/report/v1/export/get.json" }""");
        File.WriteAllText(Path.Combine(get, "200.ok.json"), """{ "code": 200, "message": "Ok", "data": { } }""");
        try
        {
            await using var plain = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = folder });
            await using var exports = await FakeTracker.StartAsync();
            var file = FakeScenario.Parse("""{ "exports": [ { "id": 1 } ] }""");

            Assert.Empty(FakeScenario.Default.For(plain).Exports);
            plain.Given(FakeScenario.Default.For(plain));
            Assert.Same(FakeScenario.Default, FakeScenario.Default.For(exports));
            Assert.Same(file, file.For(plain));
            Assert.Throws<ArgumentException>(() => plain.Given(file.For(plain)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
