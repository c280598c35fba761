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
