using System.Text.RegularExpressions;
using MyTracker.Fake;
using MyTracker.IntegrationTests.Support;
using WireMock.Server;
using WireMock.Settings;

namespace MyTracker.IntegrationTests.Interop;

/// <summary>
/// The mapping export loaded by stock servers answers a whole walk through the lifecycles exactly as
/// the fake does (up to the server's address and link expiry times): WireMock 3.13.2 (Java, from npm
/// <c>wiremock</c>) with the <c>{"mappings": [...]}</c> dialect in its <c>mappings/</c> folder, and
/// WireMock.Net with its own dialect.
/// </summary>
public sealed class StockWireMockTests
{
    [JavaTheory]
    [InlineData("inline")]
    [InlineData("body files")]
    public async Task Stock_WireMock_3_loads_the_export_from_its_root_directory_and_answers_every_lifecycle_like_the_fake(string bodies)
    {
        using var root = new TempDirectory();
        var port = ExternalServer.FreeLoopbackPort();
        var served = new Uri($"http://127.0.0.1:{port}/");
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(FakeScenario.Default);
        var options = new WireMockMappingOptions { Format = WireMockMappingFormat.WireMockOrg, BaseUrl = served };
        if (bodies == "inline")
        {
            Directory.CreateDirectory(Path.Combine(root.Path, "mappings"));
            await File.WriteAllTextAsync(Path.Combine(root.Path, "mappings", "fake-tracker.json"), fake.ExportWireMockMappings(options));
        }
        else
        {
            fake.WriteWireMockRootDirectory(root.Path, options);
            Assert.Equal(9, Directory.GetFiles(Path.Combine(root.Path, "__files", "fake-tracker"), "*.csv.gz").Length);
            Assert.DoesNotContain("base64Body", await File.ReadAllTextAsync(Path.Combine(root.Path, "mappings", "fake-tracker.json")), StringComparison.Ordinal);
        }

        var (wiremock, _) = await ExternalServer.StartAsync(
            InteropTools.Java!,
            ["-jar", await InteropTools.WireMockJarAsync(), "--bind-address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--root-dir", root.Path, "--no-request-journal", "--disable-banner"],
            readyNeedle: "port:");
        await using (wiremock)
        {
            var fromFake = await LifecycleDrive.RunAsync(fake.BaseUrl, fake);
            var fromWireMock = await LifecycleDrive.RunAsync(served, fake);

            AssertSameAnswers(fromFake, fromWireMock);
            Assert.Contains("version:                      3.13.2", wiremock.Output.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WireMockNet_loads_its_dialect_and_answers_every_lifecycle_like_the_fake()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(FakeScenario.Default);
        using var stock = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var served = new Uri(stock.Url! + "/");
        stock.WithMapping(fake.ExportWireMockMappings(new WireMockMappingOptions { BaseUrl = served }));

        var fromFake = await LifecycleDrive.RunAsync(fake.BaseUrl, fake);
        var fromWireMock = await LifecycleDrive.RunAsync(served, fake);

        AssertSameAnswers(fromFake, fromWireMock);
    }

    internal static void AssertSameAnswers(IReadOnlyList<LifecycleDrive.Answer> expected, IReadOnlyList<LifecycleDrive.Answer> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] == actual[i], $"answer {i + 1} differs:\nfake:     {expected[i]}\nwiremock: {actual[i]}");
        }

        // The walk covers what the issue lists, so a shorter walk cannot pass by accident.
        Assert.Contains(expected, a => a.Request.Contains("(unsigned)", StringComparison.Ordinal) && a.Status == 403);
        Assert.Contains(expected, a => a.Body.Contains("\"Success!\"", StringComparison.Ordinal));
        Assert.Contains(expected, a => a.Body.Contains("\"Error occurred\"", StringComparison.Ordinal));
        Assert.Contains(expected, a => a.Body.Contains("\"64%\"", StringComparison.Ordinal));
        Assert.Contains(expected, a => a.Status == 404 && a.Body.Contains("Segment export request not found", StringComparison.Ordinal));
        Assert.Equal(5, expected.Count(a => a.Request.StartsWith("download file", StringComparison.Ordinal)));
    }
}
