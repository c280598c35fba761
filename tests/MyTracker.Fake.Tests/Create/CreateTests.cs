using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Create;

public sealed class CreateTests
{
    private const string Create = "api/segment/v1/export/create.json";

    [Fact]
    public async Task Create_hands_out_ids_with_the_default_lifecycle_and_skips_given_ids()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1000).ErrorOccurred());
        using var http = Wire.Client(fake);

        var created = await http.PostSigned(fake, $"{Create}?idSegment=7&requestFields=gaid,idfa").Read();
        var id = long.Parse(created.Body.GetProperty("data").GetProperty("idSegmentExport").GetString()!);
        var polls = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var poll = await http.Poll(fake, id).Read();
            polls.Add(poll.Body.Status() == "In progress" ? poll.Body.GetProperty("data").GetProperty("progress").GetString()! : poll.Body.Status());
        }

        Assert.Equal(200, created.Status);
        Assert.Equal("{\"code\":200,\"message\":\"Ok\",\"data\":{\"idSegmentExport\":\"1001\"}}", created.Text.Trim().Replace("\n", string.Empty).Replace(" ", string.Empty));
        Assert.Equal(["10%", "64%", "Success!"], polls);
        Assert.Equal(["gaid", "idfa"], fake.GetExport(id)!.Fields);
    }

    [Fact]
    public async Task Created_lifecycle_is_configurable()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions
        {
            CreatedExports = Export.Create().ErrorOccurred(),
            FirstCreatedExportId = 50,
        });
        using var http = Wire.Client(fake);

        var created = await http.PostSigned(fake, $"{Create}?idSegment=1").Read();
        var poll = await http.Poll(fake, 50).Read();

        Assert.Equal("50", created.Body.GetProperty("data").GetProperty("idSegmentExport").GetString());
        Assert.Equal("Error occurred", poll.Body.Status());
    }

    [Theory]
    [InlineData("", "Invalid parameter: idSegment")]
    [InlineData("?idSegment=", "Invalid parameter: idSegment")]
    [InlineData("?idSegment=abc", "Invalid parameter: idSegment")]
    [InlineData("?idSegment=0", "Invalid parameter: idSegment")]
    [InlineData("?idSegment=1.5", "Invalid parameter: idSegment")]
    [InlineData("?idSegment=1&idSegment=2", "Invalid parameter: idSegment (repeated)")]
    [InlineData("?idSegment=1&maxBatchFileSize=9", "Invalid parameter: maxBatchFileSize")]
    [InlineData("?idSegment=1&maxBatchFileSize=4096", "Invalid parameter: maxBatchFileSize")]
    [InlineData("?idSegment=1&hashType=3", "Invalid parameter: hashType")]
    [InlineData("?idSegment=1&registerType=4", "Invalid parameter: registerType")]
    [InlineData("?idSegment=1&includeHeaderLine=2", "Invalid parameter: includeHeaderLine")]
    [InlineData("?idSegment=1&requestFields=gaid,email", "Invalid parameter: requestFields")]
    [InlineData("?idSegment=1&color=red", "Invalid parameter: color")]
    [InlineData("?idSegment=%ZZ", "Invalid parameter: idSegment")] // HttpClient sends it as %25ZZ
    public async Task Invalid_parameters_are_400_in_the_error_envelope_and_create_nothing(string query, string detail)
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var answer = await http.PostSigned(fake, Create + query).Read();

        Assert.Equal(400, answer.Status);
        Assert.Equal(400, answer.Body.GetProperty("code").GetInt32());
        Assert.Equal("Bad Request", answer.Body.GetProperty("message").GetString());
        Assert.Equal(detail, answer.Body.Detail());
        Assert.Empty(fake.GetExports());
    }

    [Theory]
    [InlineData("?idSegment=1&maxBatchFileSize=10")]
    [InlineData("?idSegment=1&maxBatchFileSize=4095&hashType=2&registerType=3&includeHeaderLine=0&requestFields=")]
    [InlineData("?idSegment=9223372036854775807&requestFields=idProject,idProjectUser,customUserId")]
    public async Task Valid_parameter_edges_are_accepted(string query)
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var answer = await http.PostSigned(fake, Create + query).Read();

        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task Unsigned_create_is_the_documented_403()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        var answer = await http.PostAsync(Create + "?idSegment=1", null).Read();

        Assert.Equal(403, answer.Status);
        Assert.Empty(fake.GetExports());
    }
}
