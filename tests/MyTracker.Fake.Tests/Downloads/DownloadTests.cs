using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Downloads;

public sealed class DownloadTests
{
    [Fact]
    public async Task Success_links_are_real_gzip_csv_files_with_a_header_in_the_first_file_only()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(42).Success(files: 2, rowsPerFile: 1000).WithFields("idApp", "gaid", "idfa"));
        using var http = Wire.Client(fake);

        var files = (await http.Poll(fake, 42).Read()).Body.Files();
        var first = Wire.Gunzip(await http.GetByteArrayAsync(files[0].Link)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var second = Wire.Gunzip(await http.GetByteArrayAsync(files[1].Link)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("idApp,gaid,idfa", first[0]);
        Assert.Equal(1001, first.Length);
        Assert.Equal(1000, second.Length);
        Assert.All(first.Skip(1).Concat(second), line => Assert.Equal(3, line.Split(',').Length));
        Assert.Equal(2000, first.Skip(1).Concat(second).Distinct().Count());
        var row = first[1].Split(',');
        Assert.Equal(row[1].ToLowerInvariant(), row[1]);
        Assert.Equal(row[2].ToUpperInvariant(), row[2]);
        fake.Journal.AssertEveryFileDownloadedBeforeExpiry(42, fileCount: 2);
        fake.Journal.AssertNoCredentialsOnDownloads();
    }

    [Fact]
    public async Task Rows_are_deterministic_across_fakes_and_hashing_and_case_follow_the_parameters()
    {
        async Task<string[]> Rows(ExportBuilder export)
        {
            await using var fake = await FakeTracker.StartAsync();
            fake.Given(export);
            using var http = Wire.Client(fake);
            var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;
            return Wire.Gunzip(await http.GetByteArrayAsync(link)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        var plain = await Rows(Export.WithId(1).Success(1, 3).WithFields("gaid").WithHeaderLine(false));
        var again = await Rows(Export.WithId(1).Success(1, 3).WithFields("gaid").WithHeaderLine(false));
        var upper = await Rows(Export.WithId(1).Success(1, 3).WithFields("gaid").WithHeaderLine(false).WithRegister(ExportRegisterType.Upper));
        var md5 = await Rows(Export.WithId(1).Success(1, 3).WithFields("gaid").WithHeaderLine(false).WithRegister(ExportRegisterType.Upper).WithHash(ExportHashType.Md5));
        var sha = await Rows(Export.WithId(1).Success(1, 3).WithFields("gaid").WithHeaderLine(false).WithHash(ExportHashType.Sha256));

        Assert.Equal(plain, again);
        Assert.Equal(plain.Select(v => v.ToUpperInvariant()), upper);
        Assert.Equal(upper.Select(v => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(v)))), md5);
        Assert.Equal(plain.Select(v => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(v)))), sha);
    }

    [Fact]
    public async Task Expired_links_answer_410_and_the_next_poll_lists_fresh_ones()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { TimeProvider = clock });
        fake.Given(Export.WithId(7).Success(files: 1, rowsPerFile: 2).WithLinkLifetime(TimeSpan.FromMinutes(10)));
        using var http = Wire.Client(fake);

        var old = (await http.Poll(fake, 7).Read()).Body.Files()[0];
        Assert.Equal(clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(), old.Expires);
        clock.Advance(TimeSpan.FromMinutes(10));
        var expired = await http.GetAsync(old.Link).Read();
        var fresh = (await http.Poll(fake, 7).Read()).Body.Files()[0];
        using var download = await http.GetAsync(fresh.Link);

        Assert.Equal(410, expired.Status);
        Assert.Equal("Download link expired", expired.Body.Detail());
        Assert.NotEqual(old.Link, fresh.Link);
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Contains(fake.Journal.DownloadsOf(7), d => d.LinkExpired == true && d.Outcome == FakeOutcome.Expired);
        fake.Journal.AssertEveryFileDownloadedBeforeExpiry(7, fileCount: 1);
    }

    [Fact]
    public async Task A_file_never_downloaded_in_time_fails_the_expiry_assertion()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { TimeProvider = clock });
        fake.Given(Export.WithId(7).Success(files: 2, rowsPerFile: 1));
        using var http = Wire.Client(fake);
        var files = (await http.Poll(fake, 7).Read()).Body.Files();
        (await http.GetAsync(files[0].Link)).Dispose();
        clock.Advance(TimeSpan.FromHours(2));
        (await http.GetAsync(files[1].Link)).Dispose();

        var failure = Assert.Throws<FakeTrackerAssertionException>(() => fake.Journal.AssertEveryFileDownloadedBeforeExpiry(7, 2));
        Assert.StartsWith("Export 7: file 2 requested 1 time(s), always after its link expired.\n  #", failure.Message);
    }

    [Theory]
    [InlineData(true, "Export 7: no file was downloaded: no download request for export 7 reached the fake (a poll did list its links).\n  #1 GET")]
    [InlineData(false, "Export 7: no file was downloaded: no download request for export 7 reached the fake (nor did any poll). (no requests)")]
    public async Task The_expiry_assertion_says_when_nothing_was_downloaded_at_all(bool polled, string expected)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(7).Success(files: 2, rowsPerFile: 1));
        using var http = Wire.Client(fake);
        if (polled)
        {
            (await http.Poll(fake, 7)).Dispose();
        }

        var failure = Assert.Throws<FakeTrackerAssertionException>(() => fake.Journal.AssertEveryFileDownloadedBeforeExpiry(7, 2));

        Assert.StartsWith(expected, failure.Message);
    }

    [Fact]
    public async Task Auth_1_links_need_the_owners_signature()
    {
        var second = new FakeApiUser("10002", "fake-secret-0002");
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Users = [FakeApiUser.Default, second] });
        fake.Given(Export.WithId(3).Success(1, 1));
        using var http = Wire.Client(fake);
        var link = new Uri((await http.Poll(fake, 3).Read()).Body.Files()[0].Link + "?auth=1");

        var unsigned = await http.GetAsync(link).Read();
        var stranger = await http.GetSigned(fake, link.PathAndQuery.TrimStart('/'), second).Read();
        using var owner = await http.SendAsync(Wire.Signed(HttpMethod.Get, link, fake.DefaultUser));

        Assert.Equal(403, unsigned.Status);
        Assert.Equal(403, stranger.Status);
        Assert.Equal(200, (int)owner.StatusCode);
        fake.Journal.AssertNoCredentialsOnDownloads();
    }

    [Fact]
    public async Task Credentials_sent_to_the_storage_host_are_recorded_and_fail_the_assertion_while_the_api_host_may_receive_them()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { LinkHost = "localhost" });
        fake.Given(Export.WithId(3).Success(1, 1));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 3).Read()).Body.Files()[0].Link;

        Assert.Equal("localhost", link.Host);
        // The same file fetched on the API host with credentials is what the API documents; on the
        // storage host the same header is a leak.
        using var onApiHost = new HttpRequestMessage(HttpMethod.Get, new Uri(fake.BaseUrl, link.PathAndQuery));
        onApiHost.Headers.TryAddWithoutValidation("Authorization", fake.Sign(HttpMethod.Get, link));
        using var apiResponse = await http.SendAsync(onApiHost);
        Assert.Equal(200, (int)apiResponse.StatusCode);
        fake.Journal.AssertNoCredentialsOnDownloads();

        using var leaky = new HttpRequestMessage(HttpMethod.Get, link);
        leaky.Headers.TryAddWithoutValidation("Authorization", fake.Sign(HttpMethod.Get, link));
        using var response = await http.SendAsync(leaky);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.All(fake.Journal.DownloadsOf(3), d => Assert.True(d.HadAuthorizationHeader));
        Assert.Equal("localhost", fake.Journal.DownloadsOf(3).Last().Host);
        Assert.Throws<FakeTrackerAssertionException>(fake.Journal.AssertNoCredentialsOnDownloads);
    }
}
