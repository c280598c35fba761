using System.Net;
using MyTracker.Client;
using MyTracker.Client.Auth;
using MyTracker.Fake;
using MyTracker.IntegrationTests.RawExport;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Families;

/// <summary>
/// The raw-export family (this project's own fixtures/, not the toolkit's) served by a fake that has
/// no code for it and was given no path: FakeTracker.StartAsync() finds the fixtures the build copied
/// beside this assembly. Its generated client drives it from create to downloaded files, also under faults.
/// </summary>
public sealed class RawExportFamilyTests : IAsyncLifetime
{
    private FakeTracker _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeTracker.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public void The_fake_found_the_projects_own_fixtures_without_a_path_and_the_family_in_them()
    {
        Assert.Contains(_fake.Endpoints, e => e.Key == "raw-export/get" && e.Path == "/api/raw/v1/export/get.json");
        Assert.Contains(_fake.Endpoints, e => e.Key == "segment-export/get");
        var family = Assert.Single(_fake.ExportFamilies, f => f.Area == "raw-export");
        Assert.Equal(("idRawExport", "Raw export request not found", "/raw/2021.03.30/"), (family.IdParameter, family.NotFoundDetail, family.FileDirectory));
        Assert.Equal("segment-export", _fake.ExportFamilies[0].Area);
    }

    [Fact]
    public async Task Create_poll_and_download_through_the_generated_client_to_every_row()
    {
        var client = Client();

        var created = Assert.IsType<RawExportCreateResult.Created>(
            await client.CreateAsync(idApp: 7, @event: RawExportCreateEvent.Installs, dateFrom: "2026-01-01", dateTo: "2026-01-31", columns: ["idDevice", "country"]));
        var id = created.Response.Data.IdRawExport;

        var first = Assert.IsType<RawExportGetResult.InProgress>(await client.GetAsync(id));
        Assert.Equal((RawExportGetState.Processing, "10%"), (first.Response.Data.State, first.Response.Data.Progress?.ToString()));
        Assert.Equal("64%", Assert.IsType<RawExportGetResult.InProgress>(await client.GetAsync(id)).Response.Data.Progress?.ToString());
        var done = Assert.IsType<RawExportGetResult.Success>(await client.GetAsync(id));

        var files = done.Response.Data.Files!;
        Assert.Equal(2, files.Count);
        using var storage = new HttpClient();
        for (var n = 1; n <= files.Count; n++)
        {
            var file = files[n - 1];
            Assert.Equal(_fake.BaseUrl.Authority, file.Url.Authority);
            Assert.True(file.ExpiresAt > DateTimeOffset.UtcNow);
            var csv = Gzip.Text(await storage.GetByteArrayAsync(file.Url));
            Assert.Equal(_fake.GetExpectedCsv(id, n, area: "raw-export"), csv);
            Assert.Equal(n == 1 ? 1001 : 1000, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }

        Assert.StartsWith("idDevice,country\n", _fake.GetExpectedCsv(id, 1, area: "raw-export"), StringComparison.Ordinal);
        _fake.Journal.AssertNeverPolledAfterCompletion(id);
        _fake.Journal.AssertEveryFileDownloadedBeforeExpiry(id, fileCount: 2);
        Assert.All(_fake.Journal.Entries.Where(e => e.ExportId == id && e.Endpoint.Kind == ExportEndpointKinds.Status), e => Assert.Equal("raw-export/get", e.Endpoint.Key));
    }

    [Fact]
    public async Task Under_faults_a_careful_caller_still_gets_every_file_whole()
    {
        _fake.Given(Export.WithId(5).In("raw-export").InProgress(50).ThenSuccess(files: 3, rowsPerFile: 20)
            .WithFault(Fault.ServerError(503).OnPoll(1))
            .WithFault(Fault.TooManyRequests().OnPoll(3))
            .WithFault(Fault.DropConnection().OnDownload(1, file: 1))
            .WithFault(Fault.TruncatedGzip(0.5).OnDownload(1, file: 2))
            .WithFault(Fault.ExpiredLink().OnDownload(1, file: 3)));
        var client = Client();
        using var storage = new HttpClient();
        var done = new Dictionary<int, string>();
        var calls = 0;

        // What a careful caller does: a transient failure (an undocumented status, a reset, a cut body,
        // an expired link) means "ask again", a bounded number of times.
        while (done.Count < 3 && calls++ < 30)
        {
            RawExportGetResult result;
            try
            {
                result = await client.GetAsync(5);
            }
            catch (MyTrackerRequestFailedException)
            {
                continue;
            }

            if (result is not RawExportGetResult.Success success)
            {
                continue;
            }

            var files = success.Response.Data.Files!;
            for (var n = 1; n <= files.Count; n++)
            {
                if (done.ContainsKey(n))
                {
                    continue;
                }

                try
                {
                    using var response = await storage.GetAsync(files[n - 1].Url);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        done[n] = Gzip.Text(await response.Content.ReadAsByteArrayAsync());
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
                {
                    // Reset or cut: asked again on the next round.
                }
            }
        }

        Assert.Equal(3, done.Count);
        for (var n = 1; n <= 3; n++)
        {
            Assert.Equal(_fake.GetExpectedCsv(5, n, area: "raw-export"), done[n]);
        }

        var faults = _fake.Journal.Entries.Where(e => e.Fault is not null).Select(e => e.Fault!.Value).ToHashSet();
        Assert.Equal([FaultKind.Status, FaultKind.DropConnection, FaultKind.TruncatedGzip, FaultKind.ExpiredLink], faults.Order());
        _fake.Journal.AssertEveryFileDownloadedBeforeExpiry(5, fileCount: 3);
    }

    [Theory]
    [InlineData("in-progress", typeof(RawExportGetResult.InProgress))]
    [InlineData("success", typeof(RawExportGetResult.Success))]
    [InlineData("error", typeof(RawExportGetResult.Error))]
    [InlineData("not-found", typeof(RawExportGetResult.NotFound))]
    [InlineData("access-denied", typeof(RawExportGetResult.AccessDenied))]
    public async Task Every_documented_get_case_can_be_chosen_with_the_header(string scenario, Type expected)
    {
        var result = await Client(scenario).GetAsync(77);

        Assert.IsType(expected, result);
        Assert.Empty(_fake.GetExports());
    }

    [Theory]
    [InlineData("created", typeof(RawExportCreateResult.Created))]
    [InlineData("invalid-parameters", typeof(RawExportCreateResult.InvalidParameters))]
    [InlineData("access-denied", typeof(RawExportCreateResult.AccessDenied))]
    public async Task Every_documented_create_case_can_be_chosen_with_the_header(string scenario, Type expected)
    {
        var result = await Client(scenario).CreateAsync(idApp: 1, @event: RawExportCreateEvent.Payments, dateFrom: "a", dateTo: "b");

        Assert.IsType(expected, result);
    }

    [Fact]
    public async Task Setup_code_chooses_a_sequence_for_one_id_and_the_rest_keeps_its_lifecycle()
    {
        _fake.Given(Scenario.For("raw-export/get").WithParameter("idRawExport", 9).Answer("in-progress").Then("in-progress").Then("error"));
        var client = Client();

        Assert.IsType<RawExportGetResult.InProgress>(await client.GetAsync(9));
        var second = Assert.IsType<RawExportGetResult.InProgress>(await client.GetAsync(9));
        Assert.Equal(9, second.Response.Data.IdRawExport);
        var failed = Assert.IsType<RawExportGetResult.Error>(await client.GetAsync(9));
        Assert.Equal(RawExportGetState.Failed, failed.Response.Data.State);
        Assert.IsType<RawExportGetResult.Error>(await client.GetAsync(9));
        Assert.IsType<RawExportGetResult.NotFound>(await client.GetAsync(10));
    }

    [Fact]
    public async Task A_wrong_signature_and_an_unknown_id_are_the_documented_403_and_404()
    {
        var denied = Assert.IsType<RawExportGetResult.AccessDenied>(await Client(secret: "wrong").GetAsync(1));
        var missing = Assert.IsType<RawExportGetResult.NotFound>(await Client().GetAsync(123456));
        var invalid = Assert.IsType<RawExportCreateResult.InvalidParameters>(
            await Client().CreateAsync(idApp: 0, @event: RawExportCreateEvent.Custom, dateFrom: "a", dateTo: "b"));

        Assert.Equal(403, denied.Response.Code);
        Assert.Equal("Raw export request not found", missing.Response.Data.Error.Detail);
        Assert.Equal("Invalid parameter: idApp", invalid.Response.Data.Error.Detail);
    }

    private RawExportClient Client(string? scenario = null, string? secret = null)
    {
        var user = _fake.DefaultUser;
        HttpMessageHandler transport = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (scenario is not null)
        {
            transport = new ScenarioHeader(scenario) { InnerHandler = transport };
        }

        var signing = new AuthHmacHandler(_fake.BaseUrl, user.ApiUserId, secret ?? user.Secret) { InnerHandler = transport };
        return new RawExportClient(new HttpClient(signing) { BaseAddress = _fake.BaseUrl });
    }

    private sealed class ScenarioHeader(string scenario) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Fake-Scenario", scenario);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
