using MyTracker.Fake.Testing;
using MyTracker.Fake.Tests.Support;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.Fake.Tests.Mappings;

public sealed class MappingExportTests
{
    [Fact]
    public async Task A_stock_WireMockNet_server_loads_the_snapshot_and_answers_like_the_fake()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess()).Given(Export.WithId(2).Success(files: 2, rowsPerFile: 3));
        var json = fake.ExportWireMockMappings();
        using var stock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        stock.WithMapping(json);

        await AssertAnswersLikeTheFake(fake, new Uri(stock.Url! + "/"));
    }

    [Fact]
    public async Task The_wiremock_org_dialect_loads_into_WireMockNet_s_wiremock_org_reader()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess()).Given(Export.WithId(2).Success(files: 2, rowsPerFile: 3));
        var json = fake.ExportWireMockMappings(WireMockMappingFormat.WireMockOrg);
        var dir = Directory.CreateTempSubdirectory("fake-mappings-");
        try
        {
            var doc = System.Text.Json.JsonDocument.Parse(json);
            using var stock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
            var i = 0;
            foreach (var mapping in doc.RootElement.GetProperty("mappings").EnumerateArray())
            {
                var path = Path.Combine(dir.FullName, $"{i++}.json");
                File.WriteAllText(path, mapping.GetRawText());
                stock.ReadStaticWireMockOrgMappingAndAddOrUpdate(path);
            }

            // WireMock.Net's wiremock.org reader serves base64Body as text, so the bytes are checked in the JSON instead.
            await AssertAnswersLikeTheFake(fake, new Uri(stock.Url! + "/"), compareFiles: false);
            using var live = Wire.Client(fake);
            var link = (await live.Poll(fake, 2).Read()).Body.Files()[1].Link;
            var file = doc.RootElement.GetProperty("mappings").EnumerateArray().Single(m => m.GetProperty("request").TryGetProperty("urlPath", out var p) && p.GetString() == link.AbsolutePath);
            Assert.Equal(await live.GetByteArrayAsync(link), Convert.FromBase64String(file.GetProperty("response").GetProperty("base64Body").GetString()!));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Taking_a_snapshot_advances_nothing()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess());

        fake.ExportWireMockMappings();
        fake.ExportWireMockMappings(WireMockMappingFormat.WireMockOrg);
        using var http = Wire.Client(fake);

        Assert.Equal("10%", (await http.Poll(fake, 1).Read()).Body.GetProperty("data").GetProperty("progress").GetString());
    }

    [Fact]
    public async Task The_fixture_starts_and_stops_a_fake()
    {
        var fixture = new FakeTrackerFixture();
        Assert.Throws<InvalidOperationException>(() => fixture.Fake);
        await fixture.InitializeAsync();
        var url = fixture.Fake.BaseUrl;
        using var http = new HttpClient();

        (await http.GetAsync(url)).Dispose();
        await fixture.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url));
    }

    private static async Task AssertAnswersLikeTheFake(FakeTracker fake, Uri stockBase, bool compareFiles = true)
    {
        using var http = new HttpClient { BaseAddress = stockBase };
        async Task<(int, string)> Get(string pathAndQuery, bool signed)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
            if (signed)
            {
                request.Headers.TryAddWithoutValidation("Authorization", fake.Sign(HttpMethod.Get, new Uri(stockBase, pathAndQuery)));
            }

            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var one = await Get("api/segment/v1/export/get.json?idSegmentExport=1", signed: true);
        var two = await Get("api/segment/v1/export/get.json?idSegmentExport=2", signed: true);
        var unknown = await Get("api/segment/v1/export/get.json?idSegmentExport=3", signed: true);
        var unsigned = await Get("api/segment/v1/export/get.json?idSegmentExport=1", signed: false);

        using var live = Wire.Client(fake);
        Assert.Equal((200, (await live.Poll(fake, 1).Read()).Text), one);
        Assert.Equal((200, (await live.Poll(fake, 2).Read()).Text), two);
        Assert.Equal(404, unknown.Item1);
        Assert.Equal(403, unsigned.Item1);
        if (!compareFiles)
        {
            return;
        }

        var file = (await live.Poll(fake, 2).Read()).Body.Files()[1].Link;
        var stockFile = await http.GetByteArrayAsync(file.PathAndQuery.TrimStart('/'));
        Assert.Equal(await live.GetByteArrayAsync(file), stockFile);
    }
}
