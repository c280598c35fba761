using System.Text.Json;
using MyTracker.Client;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.ReportFile;

/// <summary>
/// The built-in report files' nested <c>settings</c>, checked by the fake as the documentation says
/// and by the same fixture model the generated client checks them with: a request the API would
/// refuse gets the documented 400 envelope naming the parameter as the API spells it, and the
/// generated client refuses the same request before sending anything.
/// </summary>
public sealed class ReportFileSettingsTests
{
    private const string Create = "api/report/v1/file/create.json?fileType=xlsx";

    private static string Q(string name, string value) => "&" + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);

    private static readonly string OneInterval = Q("settings[filter][date][from]", "2020-11-30") + Q("settings[filter][date][to]", "2020-12-30");

    [Theory]
    [InlineData("one interval, one app")]
    [InlineData("two intervals, two apps")]
    [InlineData("apps comma-separated")]
    public async Task A_create_the_documentation_allows_is_answered_with_the_new_report_file(string shape)
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);
        var query = shape switch
        {
            "one interval, one app" => OneInterval + Q("settings[filter][dimension][idApp][value][]", "1"),
            "two intervals, two apps" => Q("settings[filter][date][0][from]", "2020-11-30") + Q("settings[filter][date][0][to]", "2020-12-01")
                + Q("settings[filter][date][1][from]", "2020-12-30") + Q("settings[filter][date][1][to]", "2020-12-31")
                + Q("settings[filter][dimension][idApp][value][]", "1") + Q("settings[filter][dimension][idApp][value][]", "2"),
            _ => OneInterval + Q("settings[filter][dimension][idApp][value]", "1,2"),
        };

        var created = await http.PostSigned(fake, Create + query + Q("settings[tz]", "America/Chicago") + Q("settings[idCurrency]", "840")).Read();

        Assert.Equal(200, created.Status);
        Assert.True(long.Parse(created.Body.GetProperty("data").GetProperty("idReportFile").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0, created.Text);
    }

    [Theory]
    [InlineData("settings[filter][date][from]=2020-12-30&settings[filter][date][to]=2020-11-30", "settings[filter][date][from]")]
    [InlineData("settings[filter][date][0][from]=2020-11-30&settings[filter][date][0][to]=2020-12-01&settings[filter][date][1][from]=2020-12-30&settings[filter][date][1][to]=2020-12-01", "settings[filter][date][1][from]")]
    [InlineData("settings[filter][date][from]=1969-12-31&settings[filter][date][to]=2020-11-30", "settings[filter][date][from]")]
    [InlineData("settings[filter][date][from]=2020-11-30&settings[filter][date][to]=2999-01-01", "settings[filter][date][to]")]
    [InlineData("settings[filter][date][from]=2020-11-31&settings[filter][date][to]=2020-12-30", "settings[filter][date][from]")]
    [InlineData("settings[filter][date][from]=2020-11-30", "settings[filter][date][to]")]
    [InlineData("settings[tz]=UTC", "settings[filter][date][from]")]
    [InlineData("", "settings[filter][date][from]")]
    [InlineData("settings[filter][date][from]=2020-11-30&settings[filter][date][to]=2020-12-30&settings[filter][dimension][idApp][value][]=one", "settings[filter][dimension][idApp][value][]")]
    [InlineData("settings[filter][date][from]=2020-11-30&settings[filter][date][to]=2020-12-30&settings[filter][dimension][idShop][value][]=1", "settings[filter][dimension][idShop]")]
    [InlineData("settings[filter][date][from]=2020-11-30&settings[filter][date][to]=2020-12-30&settings[precision]=-1", "settings[precision]")]
    [InlineData("settings[filter][date][from]=2020-11-30&settings[filter][date][to]=2020-12-30&settings[filter][date][to]=2020-12-31", "settings[filter][date][to]")]
    [InlineData("settings[filter][date][from]=2020-11-30&settings[filter][date][to]=2020-12-30&settings=all", "settings")]
    [InlineData("settings[filter][date]from]=2020-11-30", "settings[filter][date]from]")]
    public async Task A_create_the_documentation_does_not_allow_gets_the_documented_400_naming_the_parameter(string settings, string parameter)
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);
        var query = string.Join(string.Empty, settings.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => Q(pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..])));

        var refused = await http.PostSigned(fake, Create + query).Read();

        Assert.Equal(400, refused.Status);
        Assert.Equal((400, "Bad Request"), (refused.Body.GetProperty("code").GetInt32(), refused.Body.GetProperty("message").GetString()));
        Assert.Equal("Invalid parameter: " + parameter, refused.Body.Detail());
    }

    [Fact]
    public async Task A_bad_date_order_is_refused_by_the_generated_client_before_sending_and_by_the_fake_after()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var client = fake.CreateClient();
        var reports = new ReportFileClient(client.CreateHttpClient());
        var backwards = new ReportFileCreateSettings
        {
            Filter = new() { Date = [new(new DateOnly(2020, 12, 30), new DateOnly(2020, 11, 30))] },
        };

        var before = await Assert.ThrowsAsync<ArgumentException>(() => reports.CreateAsync(backwards, ReportFileCreateFileType.Xlsx));

        Assert.Equal("settings[filter][date][from]", before.ParamName);
        Assert.DoesNotContain(fake.Journal.Entries, e => e.Target.Contains("report", StringComparison.Ordinal));

        using var http = Wire.Client(fake);
        var after = await http.PostSigned(fake, Create + Q("settings[filter][date][from]", "2020-12-30") + Q("settings[filter][date][to]", "2020-11-30")).Read();
        Assert.Equal((400, "Invalid parameter: settings[filter][date][from]"), (after.Status, after.Body.Detail()));
    }

    [Fact]
    public async Task The_generated_client_sends_two_intervals_and_two_apps_that_the_fake_accepts_with_the_signature_it_checks()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var client = fake.CreateClient();
        var reports = new ReportFileClient(client.CreateHttpClient());
        var settings = new ReportFileCreateSettings
        {
            Filter = new()
            {
                Date = [new(new DateOnly(2020, 11, 30), new DateOnly(2020, 12, 1)), new(new DateOnly(2020, 12, 30), new DateOnly(2020, 12, 31))],
                Dimension = new() { IdApp = new() { Value = [1, 2] } },
            },
            Tz = "America/Chicago",
            Metrics = ["installs"],
        };

        var result = await reports.CreateAsync(settings, ReportFileCreateFileType.Xlsx);

        var created = Assert.IsType<ReportFileCreateResult.Created>(result);
        Assert.True(created.Response.Data.IdReportFile > 0);
        var sent = Assert.Single(fake.Journal.Entries, e => e.Target.Contains("create.json", StringComparison.Ordinal));
        Assert.Contains("settings%5Bfilter%5D%5Bdate%5D%5B1%5D%5Bfrom%5D=2020-12-30", sent.Target, StringComparison.Ordinal);
        Assert.Contains("settings%5Bfilter%5D%5Bdimension%5D%5BidApp%5D%5Bvalue%5D%5B%5D=2", sent.Target, StringComparison.Ordinal);
        Assert.Contains("settings%5Btz%5D=America%2FChicago", sent.Target, StringComparison.Ordinal);
    }
}
