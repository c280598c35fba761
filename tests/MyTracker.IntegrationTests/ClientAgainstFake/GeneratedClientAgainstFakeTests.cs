using MyTracker.Client;
using MyTracker.Client.Auth;
using MyTracker.Fake;

namespace MyTracker.IntegrationTests.ClientAgainstFake;

/// <summary>
/// The generated client, signed by the runtime's AuthHMAC handler, against the fake tracker over
/// real loopback HTTP: every documented scenario of get.json and create.json comes back as its case.
/// </summary>
public sealed class GeneratedClientAgainstFakeTests : IAsyncLifetime
{
    private FakeTracker _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeTracker.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private SegmentExportClient CreateClient(string? secret = null)
    {
        var user = _fake.DefaultUser;
        var signing = new AuthHmacHandler(_fake.BaseUrl, user.ApiUserId, secret ?? user.Secret)
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false },
        };
        return new SegmentExportClient(new HttpClient(signing) { BaseAddress = _fake.BaseUrl });
    }

    [Fact]
    public async Task An_export_in_progress_reports_each_documented_step_then_success_with_links_on_the_fake()
    {
        _fake.Given(Export.WithId(42).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 5));
        var client = CreateClient();

        var first = Assert.IsType<SegmentExportGetResult.InProgress>(await client.GetAsync(42));
        Assert.Equal(42, first.Response.Data.IdSegmentExport);
        Assert.Equal(SegmentExportGetStatus.InProgress, first.Response.Data.Status);
        Assert.Equal("10%", first.Response.Data.Progress?.ToString());

        var second = Assert.IsType<SegmentExportGetResult.InProgress>(await client.GetAsync(42));
        Assert.Equal("64%", second.Response.Data.Progress?.ToString());

        var done = Assert.IsType<SegmentExportGetResult.Success>(await client.GetAsync(42));
        var files = done.Response.Data.Files;
        Assert.NotNull(files);
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.StartsWith(_fake.BaseUrl.ToString(), f.Link.ToString(), StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(f.TimestampExpires > DateTimeOffset.UtcNow.AddMinutes(-1)));

        // Terminal state stays terminal: polling again still answers success.
        Assert.IsType<SegmentExportGetResult.Success>(await client.GetAsync(42));
    }

    [Fact]
    public async Task Error_occurred_is_its_own_case()
    {
        _fake.Given(Export.WithId(7).ErrorOccurred());
        var result = await CreateClient().GetAsync(7);
        var error = Assert.IsType<SegmentExportGetResult.ErrorOccurred>(result);
        Assert.Equal(SegmentExportGetStatus.ErrorOccurred, error.Response.Data.Status);
    }

    [Fact]
    public async Task An_unknown_id_is_the_documented_not_found_case()
    {
        var result = await CreateClient().GetAsync(123456);
        var notFound = Assert.IsType<SegmentExportGetResult.NotFound>(result);
        Assert.Equal(404, notFound.Response.Code);
        Assert.Equal("Segment export request not found", notFound.Response.Data.Error.Detail);
    }

    [Fact]
    public async Task A_wrong_secret_is_the_documented_access_denied_case_and_does_not_advance_the_export()
    {
        _fake.Given(Export.WithId(5).InProgress(10, 64).ThenSuccess());
        var result = await CreateClient(secret: "not-the-secret").GetAsync(5);

        var denied = Assert.IsType<SegmentExportGetResult.AccessDenied>(result);
        Assert.Equal(403, denied.Response.Code);
        Assert.Equal("Access denied", denied.Response.Message);
        Assert.Equal(0, _fake.GetExport(5)!.PollsServed);

        var next = Assert.IsType<SegmentExportGetResult.InProgress>(await CreateClient().GetAsync(5));
        Assert.Equal("10%", next.Response.Data.Progress?.ToString());
    }

    [Fact]
    public async Task Create_returns_a_new_id_that_get_then_knows()
    {
        var client = CreateClient();
        var created = Assert.IsType<SegmentExportCreateResult.Created>(await client.CreateAsync(
            idSegment: 7,
            requestFields: ["gaid", "idfa"],
            includeHeaderLine: true,
            registerType: SegmentExportCreateRegisterType.Upper,
            hashType: SegmentExportCreateHashType.Md5));
        var id = created.Response.Data.IdSegmentExport;
        Assert.True(id > 0);

        Assert.IsType<SegmentExportGetResult.InProgress>(await client.GetAsync(id));
        Assert.Equal(["gaid", "idfa"], _fake.GetExport(id)!.Fields);
    }

    [Fact]
    public async Task Create_with_an_undocumented_field_is_the_invalid_parameters_case_and_a_size_out_of_range_is_refused_before_sending()
    {
        var result = await CreateClient().CreateAsync(idSegment: 7, requestFields: ["email"]);
        var invalid = Assert.IsType<SegmentExportCreateResult.InvalidParameters>(result);
        Assert.Equal(400, invalid.Response.Code);
        Assert.Contains("requestFields", invalid.Response.Data.Error.Detail, StringComparison.Ordinal);

        var before = _fake.Journal.Entries.Count;
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CreateClient().CreateAsync(idSegment: 7, maxBatchFileSize: 5));
        Assert.Equal(before, _fake.Journal.Entries.Count);
    }
}
