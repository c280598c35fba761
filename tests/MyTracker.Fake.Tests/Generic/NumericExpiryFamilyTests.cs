using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Generic;

/// <summary>
/// An export family whose files carry their expiry as a JSON number (<c>"timestampExpires": 1617197992</c>).
/// The generator recognizes it (the fixture model names the expiry member and its encoding), so the
/// fake must answer a fresh expiry on its own clock, still a number. Before the fake took the member
/// from the model it served the sample's number as written: a link that expired in March 2021.
/// </summary>
public sealed class NumericExpiryFamilyTests : IDisposable
{
    private readonly FixtureFolder _folder = new(new Dictionary<string, string>
    {
        ["num-export/start/endpoint.json"] = """
            { "method": "POST", "path": "/api/num/v1/start.json",
              "parameters": [ { "name": "idThing", "in": "query", "type": "integer", "required": true } ] }
            """,
        ["num-export/start/200.started.json"] = """{ "code": 200, "message": "Ok", "data": { "idNumExport": "9" } }""",
        ["num-export/state/endpoint.json"] = """
            { "method": "GET", "path": "/api/num/v1/state.json",
              "parameters": [ { "name": "idNumExport", "in": "query", "type": "integer", "required": true } ] }
            """,
        ["num-export/state/200.running.json"] = """{ "code": 200, "message": "Ok", "data": { "idNumExport": "9", "status": "running", "progress": "40%" } }""",
        ["num-export/state/200.success.json"] = """
            { "code": 200, "message": "Ok", "data": { "idNumExport": "9", "status": "success",
              "files": [ { "link": "https://cdn.example.net/num/9.1.csv.gz", "timestampExpires": 1617197992 } ] } }
            """,
        ["num-export/state/200.error.json"] = """{ "code": 200, "message": "Ok", "data": { "idNumExport": "9", "status": "error" } }""",
        ["num-export/state/404.not-found.json"] = """{ "code": 404, "message": "Not Found", "data": { "error": { "detail": "No such export" } } }""",
    });

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_numeric_expiry_is_served_fresh_on_the_fakes_clock_and_stays_a_number()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = _folder.Path, TimeProvider = _clock });
        using var http = Wire.Client(fake);

        var created = await http.PostSigned(fake, "api/num/v1/start.json?idThing=4").Read();
        var id = created.Body.GetProperty("data").GetProperty("idNumExport").GetString();
        (int Status, JsonElement Body, string Text) answer;
        var polls = 0;
        do
        {
            answer = await http.GetSigned(fake, $"api/num/v1/state.json?idNumExport={id}").Read();
            polls++;
        }
        while (answer.Body.GetProperty("data").GetProperty("status").GetString() == "running" && polls < 10);

        var files = answer.Body.GetProperty("data").GetProperty("files").EnumerateArray().ToList();
        Assert.Equal("success", answer.Body.GetProperty("data").GetProperty("status").GetString());
        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            var expires = file.GetProperty("timestampExpires");
            Assert.Equal(JsonValueKind.Number, expires.ValueKind);
            var at = DateTimeOffset.FromUnixTimeSeconds(expires.GetInt64());
            Assert.True(at > _clock.GetUtcNow(), "expired at " + at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        });
    }
}
