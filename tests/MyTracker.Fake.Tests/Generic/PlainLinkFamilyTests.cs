using Microsoft.Extensions.Time.Testing;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Generic;

/// <summary>
/// An export family whose success lists its files as plain links (<c>"files": ["https://...", ...]</c>)
/// and whose create answers the id as a JSON number: the generator recognizes that shape, so the fake
/// must serve it with the lifecycle and downloadable files too, not as a static sample.
/// </summary>
public sealed class PlainLinkFamilyTests : IDisposable
{
    private readonly FixtureFolder _folder = new(new Dictionary<string, string>
    {
        ["link-export/start/endpoint.json"] = """
            { "method": "POST", "path": "/api/links/v2/start.json",
              "parameters": [ { "name": "idThing", "in": "query", "type": "integer", "required": true } ] }
            """,
        ["link-export/start/200.started.json"] = """{ "code": 200, "message": "Ok", "data": { "idLinkExport": 9 } }""",
        ["link-export/state/endpoint.json"] = """
            { "method": "GET", "path": "/api/links/v2/state.json",
              "parameters": [ { "name": "idLinkExport", "in": "query", "type": "integer", "required": true } ] }
            """,
        ["link-export/state/200.running.json"] = """{ "code": 200, "message": "Ok", "data": { "idLinkExport": 9, "phase": "running", "percent": "40%" } }""",
        ["link-export/state/200.finished.json"] = """
            { "code": 200, "message": "Ok", "data": { "idLinkExport": 9, "phase": "finished",
              "files": [ "https://cdn.example.net/links/9.1.csv.gz", "https://cdn.example.net/links/9.2.csv.gz" ] } }
            """,
        ["link-export/state/200.broken.json"] = """{ "code": 200, "message": "Ok", "data": { "idLinkExport": 9, "phase": "broken" } }""",
        ["link-export/state/404.not-found.json"] = """{ "code": 404, "message": "Not Found", "data": { "error": { "detail": "No such link export" } } }""",
    });

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_family_listing_plain_links_gets_the_lifecycle_and_every_link_downloads()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = _folder.Path, TimeProvider = _clock });
        using var http = Wire.Client(fake);

        var family = Assert.Single(fake.ExportFamilies);
        var created = await http.PostSigned(fake, "api/links/v2/start.json?idThing=4").Read();
        var id = created.Body.GetProperty("data").GetProperty("idLinkExport").GetInt64();
        var phases = new List<string>();
        (int Status, System.Text.Json.JsonElement Body, string Text) answer;
        do
        {
            answer = await http.GetSigned(fake, $"api/links/v2/state.json?idLinkExport={id}").Read();
            phases.Add(answer.Body.GetProperty("data").GetProperty("phase").GetString()!);
        }
        while (phases[^1] == "running" && phases.Count < 10);
        var links = answer.Body.GetProperty("data").GetProperty("files").EnumerateArray().Select(f => new Uri(f.GetString()!)).ToList();
        var bodies = new List<string>();
        foreach (var link in links)
        {
            bodies.Add(Wire.Gunzip(await http.GetByteArrayAsync(link)));
        }

        Assert.Equal(("link-export", "idLinkExport", "/links/"), (family.Area, family.IdParameter, family.FileDirectory));
        Assert.Equal(("running", "finished", "broken"), (family.StatusTexts.InProgress, family.StatusTexts.Success, family.StatusTexts.Error));
        Assert.Equal(1000, id);
        Assert.Equal(["running", "running", "finished"], phases);
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.StartsWith(new Uri(fake.BaseUrl, "links/1000.").ToString(), l.ToString(), StringComparison.Ordinal));
        Assert.Equal([fake.GetExpectedCsv(1000, 1, area: "link-export"), fake.GetExpectedCsv(1000, 2, area: "link-export")], bodies);
        fake.Journal.AssertNeverPolledAfterCompletion(1000);
    }
}
