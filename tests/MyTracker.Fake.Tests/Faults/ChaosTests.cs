using System.Text.Json;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Faults;

/// <summary>A small version of the chaos run the load tests will do: a retrying client gets every row exactly once.</summary>
public sealed class ChaosTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public async Task A_retrying_client_gets_every_row_once_under_seeded_random_faults(int seed)
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions
        {
            RandomFaults = new RandomFaults { Seed = seed, Probability = 0.4, MaxConsecutive = 2, Latency = TimeSpan.FromMilliseconds(2) },
        });
        const int Files = 10;
        fake.Given(Export.WithId(1).InProgress(20, 60).ThenSuccess(files: Files, rowsPerFile: 200));
        using var http = Wire.Client(fake);
        var received = new Dictionary<int, string>();

        for (var round = 0; round < 30 && received.Count < Files; round++)
        {
            var links = await PollUntilSuccess(http, fake);
            for (var n = 1; n <= Files; n++)
            {
                if (received.ContainsKey(n))
                {
                    continue;
                }

                var link = links.Single(l => l.AbsolutePath.Contains($"/1.{n}.", StringComparison.Ordinal));
                var csv = await TryDownload(http, link);
                if (csv == "expired")
                {
                    break; // poll again for fresh links
                }

                // A cut gzip stream decompresses to a silent short text: accept only whole files.
                if (csv is not null && csv.EndsWith('\n') && csv.Split('\n').Length - 1 == (n == 1 ? 201 : 200))
                {
                    received[n] = csv;
                }
            }
        }

        Assert.Equal(Files, received.Count);
        for (var n = 1; n <= Files; n++)
        {
            Assert.Equal(fake.GetExpectedCsv(1, n), received[n]);
        }

        var rows = received.Values.SelectMany(c => c.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Skip(1).ToList();
        Assert.Equal(Files * 200, rows.Count);
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Contains(fake.Journal.Entries, e => e.Fault is not null);
    }

    private static async Task<IReadOnlyList<Uri>> PollUntilSuccess(HttpClient http, FakeTracker fake)
    {
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var response = await http.Poll(fake, 1);
                var text = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    var body = JsonDocument.Parse(text).RootElement;
                    if (body.Status() == "Success!")
                    {
                        return [.. body.Files().Select(f => f.Link)];
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
            {
                // Faults: poll again.
            }
        }

        throw new InvalidOperationException("The export never answered success.");
    }

    private static async Task<string?> TryDownload(HttpClient http, Uri link)
    {
        try
        {
            using var response = await http.GetAsync(link);
            if ((int)response.StatusCode == 410)
            {
                return "expired";
            }

            return response.IsSuccessStatusCode ? Wire.Gunzip(await response.Content.ReadAsByteArrayAsync()) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
        {
            return null;
        }
    }
}
