using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Lifecycle;

/// <summary>HEAD answers what GET would, with the same status and headers and no body, and moves no state.</summary>
public sealed class HeadTests
{
    [Fact]
    public async Task Head_on_get_json_mirrors_get_without_a_body_and_without_advancing()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess());
        using var http = Wire.Client(fake);
        var url = fake.GetExportUrl(1);

        using var head = await http.SendAsync(Wire.Signed(HttpMethod.Head, url, fake.DefaultUser));
        var get = await http.Poll(fake, 1).Read();

        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal("application/json; charset=utf-8", head.Content.Headers.ContentType!.ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(get.Text), head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal("10%", get.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal(1, fake.GetExport(1)!.PollAttempts);
        fake.Journal.AssertPolled(1, times: 1);
    }

    [Fact]
    public async Task Head_is_signed_like_any_call_and_refused_without_a_signature()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success());
        using var http = Wire.Client(fake);

        using var unsigned = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, fake.GetExportUrl(1)));
        using var signedForGet = new HttpRequestMessage(HttpMethod.Head, fake.GetExportUrl(1));
        signedForGet.Headers.TryAddWithoutValidation("Authorization", fake.Sign(HttpMethod.Get, fake.GetExportUrl(1)));
        using var wrongMethod = await http.SendAsync(signedForGet);

        Assert.Equal(403, (int)unsigned.StatusCode);
        Assert.Equal(403, (int)wrongMethod.StatusCode);
        Assert.Empty(await unsigned.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_on_a_download_gives_its_length_and_name_and_counts_no_download()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 1, rowsPerFile: 50).WithFault(Fault.DropConnection().OnDownload(1)));
        using var http = Wire.Client(fake);
        var link = (await http.Poll(fake, 1).Read()).Body.Files()[0].Link;

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, link));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(link));

        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal("application/gzip", head.Content.Headers.ContentType!.MediaType);
        Assert.Equal(link.Segments[^1], head.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        // The HEAD did not use up the fault meant for the first download.
        Assert.Equal(FaultKind.DropConnection, fake.Journal.DownloadsOf(1).Single().Fault);
    }

    [Fact]
    public async Task Head_on_an_unknown_path_is_the_404_without_a_body()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "nothing/here"));

        Assert.Equal(404, (int)head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
