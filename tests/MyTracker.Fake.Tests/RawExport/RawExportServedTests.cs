using System.Text.Json;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.RawExport;

/// <summary>
/// The built-in raw data export, served out of the box from fixtures/raw-export: create with the
/// documented parameters in both list spellings, the files' columns as selectors asked, every
/// documented ending, cancel with its documented refusals, and each export its owner's alone.
/// </summary>
public sealed class RawExportServedTests
{
    private const string Create = "api/raw/v1/export/create.json?event=installs&dateFrom=2024-01-01&dateTo=2024-01-31";

    private static Task<HttpResponseMessage> Get(HttpClient http, FakeTracker fake, long id, FakeApiUser? user = null) =>
        http.GetSigned(fake, $"api/raw/v1/export/get.json?idRawExport={id}", user);

    private static Task<HttpResponseMessage> Cancel(HttpClient http, FakeTracker fake, long id, FakeApiUser? user = null) =>
        http.GetSigned(fake, $"api/raw/v1/export/cancel.json?idRawExport={id}", user);

    private static long IdOf(JsonElement body) => long.Parse(body.GetProperty("data").GetProperty("idRawExport").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("&selectors=idApp,tsEvent,gaid&idApp=1,454")]
    [InlineData("&selectors[]=idApp&selectors[]=tsEvent&selectors[]=gaid&idApp[]=1&idApp[]=454")]
    [InlineData("&selectors=idApp,tsEvent,gaid&eventName[]=a&eventName[]=b")]
    public async Task Create_takes_lists_in_their_documented_spellings_and_the_files_have_the_columns_selectors_asked(string query)
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var created = await http.PostSigned(fake, Create + query).Read();
        Assert.Equal(200, created.Status);
        var id = IdOf(created.Body);
        var csv = fake.GetExpectedCsv(id, 1, area: "raw-export");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("idApp,tsEvent,gaid", lines[0]);
        var cells = lines[1].Split(',');
        Assert.True(long.TryParse(cells[0], out _), cells[0]);
        Assert.InRange(long.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture), 1_704_067_200, 1_900_000_000);
        Assert.True(Guid.TryParse(cells[2], out _), cells[2]);
    }

    [Fact]
    public async Task Every_documented_selector_is_a_column_of_its_documented_kind()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);
        string[] selectors = ["idAccount", "idApp", "SDKKey", "idProject", "idCampaign", "idAd", "idCountry", "idDevice", "idProfile", "gaid", "idfa", "oaid", "tsEvent", "tsInstall", "eventName"];

        var created = await http.PostSigned(fake, Create + "&selectors=" + string.Join(",", selectors)).Read();
        var lines = fake.GetExpectedCsv(IdOf(created.Body), 1, area: "raw-export").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(",", selectors), lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.True(rows.Count > 1);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var row in rows)
        {
            var cell = selectors.Zip(row).ToDictionary(p => p.First, p => p.Second);
            foreach (var id in selectors.Where(s => s.StartsWith("id", StringComparison.Ordinal) && char.IsUpper(s[2])))
            {
                Assert.True(long.TryParse(cell[id], System.Globalization.NumberStyles.None, invariant, out var value) && value > 0, $"{id}: {cell[id]}");
            }

            Assert.Matches("^[0-9]{20}$", cell["SDKKey"]);
            Assert.All(new[] { "gaid", "idfa", "oaid" }, a => Assert.True(Guid.TryParse(cell[a], out _), $"{a}: {cell[a]}"));
            Assert.All(new[] { "tsEvent", "tsInstall" }, t => Assert.InRange(long.Parse(cell[t], invariant), 1_704_067_200, 1_900_000_000));
            Assert.False(string.IsNullOrEmpty(cell["eventName"]));
        }

        // A device id is unique per row (rows can be told apart and ordered by it); a campaign repeats, as real ones do.
        Assert.Equal(rows.Count, rows.Select(r => r[7]).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, rows.Count).Select(r => (1_000_000 + r).ToString(invariant)), rows.Select(r => r[7]));
        Assert.InRange(rows.Select(r => r[4]).Distinct().Count(), 1, 9);
    }

    [Theory]
    [InlineData("&selectors=idApp&event=sessions", "event")]
    [InlineData("&selectors=idApp,email", "selectors")]
    [InlineData("&selectors=idApp&eventName=a", "eventName")]
    [InlineData("&selectors=idApp&idApp=1&idApp[]=2", "idApp")]
    [InlineData("", "selectors")]
    public async Task A_create_the_documentation_does_not_allow_gets_the_documented_400_envelope(string query, string parameter)
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);
        var target = query.Contains("event=sessions", StringComparison.Ordinal)
            ? "api/raw/v1/export/create.json?dateFrom=2024-01-01&dateTo=2024-01-31" + query
            : Create + query;

        var refused = await http.PostSigned(fake, target).Read();

        Assert.Equal(400, refused.Status);
        Assert.Equal((400, "Bad Request"), (refused.Body.GetProperty("code").GetInt32(), refused.Body.GetProperty("message").GetString()));
        Assert.StartsWith("Invalid parameter: " + parameter, refused.Body.Detail(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user-error-occurred", "User error occurred")]
    [InlineData("error-occurred", "Error occurred")]
    [InlineData("canceled-by-user", "Canceled by user")]
    public async Task Each_documented_ending_is_served_as_set_up(string scenario, string status)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(4).In("raw-export").InProgress(30).ThenEnding(scenario));
        using var http = Wire.Client(fake);

        var first = await Get(http, fake, 4).Read();
        var second = await Get(http, fake, 4).Read();

        Assert.Equal(("In progress", "30%"), (first.Body.Status(), first.Body.GetProperty("data").GetProperty("progress").GetString()));
        Assert.Equal(status, second.Body.Status());
        Assert.Equal(4, IdOf(second.Body));
    }

    [Fact]
    public async Task An_ending_the_family_does_not_document_is_refused_at_setup_naming_the_documented_ones()
    {
        await using var fake = await FakeTracker.StartAsync();
        var error = Assert.Throws<ArgumentException>(() => fake.Given(Export.WithId(4).In("raw-export").ThenEnding("exploded")));
        Assert.Contains("canceled-by-user, error-occurred, user-error-occurred", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_stops_a_running_export_while_it_says_it_can_be_canceled_and_then_refuses_as_documented()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(4).In("raw-export").InProgress(20, 95).ThenSuccess(files: 1, rowsPerFile: 1));
        fake.Given(Export.WithId(5).In("raw-export").InProgress(20, 95).ThenSuccess(files: 1, rowsPerFile: 1));
        fake.Given(Export.WithId(6).In("raw-export").Success(files: 1, rowsPerFile: 1));
        using var http = Wire.Client(fake);

        var early = await Get(http, fake, 4).Read();
        Assert.True(early.Body.GetProperty("data").GetProperty("isCancellable").GetBoolean());
        var canceled = await Cancel(http, fake, 4).Read();
        Assert.True(canceled.Status == 200, canceled.Text);
        Assert.Equal((200, "Canceled"), (canceled.Status, canceled.Body.GetProperty("data").GetProperty("info").GetString()));
        Assert.Equal("Canceled by user", (await Get(http, fake, 4).Read()).Body.Status());
        var again = await Cancel(http, fake, 4).Read();
        Assert.True(again.Status == 400, again.Text);
        Assert.Equal("This RawExport can not be cancel (it's completed)", again.Body.Detail());

        await Get(http, fake, 5);
        var late = await Get(http, fake, 5).Read();
        Assert.Equal(("95%", false), (late.Body.GetProperty("data").GetProperty("progress").GetString(), late.Body.GetProperty("data").GetProperty("isCancellable").GetBoolean()));
        var tooLate = await Cancel(http, fake, 5).Read();
        Assert.Equal((400, "This RawExport can not be cancel"), (tooLate.Status, tooLate.Body.Detail()));

        var done = await Cancel(http, fake, 6).Read();
        Assert.Equal((400, "This RawExport can not be cancel (it's completed)"), (done.Status, done.Body.Detail()));
    }

    [Fact]
    public async Task Another_users_export_cannot_be_seen_or_canceled()
    {
        var other = new FakeApiUser("20002", "other-secret-key-0000000000000000");
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Users = [FakeApiUser.Default, other] });
        fake.Given(Export.WithId(4).In("raw-export").InProgress(10).ThenSuccess(files: 1, rowsPerFile: 1));
        using var http = Wire.Client(fake);

        var cancel = await Cancel(http, fake, 4, other).Read();
        var poll = await Get(http, fake, 4, other).Read();

        Assert.Equal((404, "Raw export request not found"), (cancel.Status, cancel.Body.Detail()));
        Assert.Equal(404, poll.Status);
        Assert.Equal("In progress", (await Get(http, fake, 4).Read()).Body.Status());
    }
}
