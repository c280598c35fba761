using MyTracker.Client.Auth;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Auth;

public sealed class AuthenticationTests
{
    private static readonly FakeApiUser Second = new("10002", "fake-secret-0002");

    [Fact]
    public async Task Signature_over_escaped_query_computed_by_AuthHmac_is_accepted()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(42).Success());
        using var http = Wire.Client(fake);

        // %34%32 is "42" escaped: the fake must check the signature against the text as sent.
        var escaped = await http.GetSigned(fake, "api/segment/v1/export/get.json?idSegmentExport=%34%32").Read();
        var created = await http.PostSigned(fake, "api/segment/v1/export/create.json?idSegment=7&requestFields=gaid%2Cidfa").Read();
        var nonAscii = await http.GetSigned(fake, "api/segment/v1/export/get.json?idSegmentExport=%C3%A9").Read();

        Assert.Equal((200, "Success!"), (escaped.Status, escaped.Body.Status()));
        Assert.Equal(200, created.Status);
        Assert.Equal(400, nonAscii.Status);
    }

    [Fact]
    public async Task Worked_example_signature_is_accepted_when_the_Host_header_is_the_signed_host()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(42).Success());
        using var http = Wire.Client(fake);

        // docs/TRACKER-API.md, worked examples, third row: signed for http://127.0.0.1:5080/...; the fake rebuilds
        // the URL from the Host header, as any server behind a proxy would.
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/segment/v1/export/get.json?idSegmentExport=42");
        request.Headers.Host = "127.0.0.1:5080";
        request.Headers.TryAddWithoutValidation("Authorization", "AuthHMAC 10001:QP4TxW0wBJ/onLrQUDkZLvUZb8E=");
        var answer = await http.SendAsync(request).Read();

        Assert.Equal(200, answer.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("AuthHMAC 10001")]
    [InlineData("AuthHMAC 10001:not*base64!")]
    [InlineData("AuthHMAC 10001:")]
    [InlineData("Basic MTAwMDE6ZmFrZS1zZWNyZXQtMDAwMQ==")]
    [InlineData("AuthHMAC 99999:O8HQk9CcKd8yaY/lIVPX5vSheW8=")]
    [InlineData("AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=")]
    public async Task Missing_malformed_or_wrong_authorization_is_the_documented_403_and_changes_nothing(string? header)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).InProgress(10, 64).ThenSuccess());
        using var http = Wire.Client(fake);

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/segment/v1/export/get.json?idSegmentExport=1");
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        var refused = await http.SendAsync(request).Read();
        var next = await http.Poll(fake, 1).Read();

        Assert.Equal(403, refused.Status);
        Assert.Equal("{\n  \"code\": 403,\n  \"message\": \"Access denied\",\n  \"data\": null\n}", refused.Text);
        Assert.Equal(FakeOutcome.Refused, fake.Journal.Entries[0].Outcome);
        Assert.Equal("10%", next.Body.GetProperty("data").GetProperty("progress").GetString());
        Assert.Equal(1, fake.GetExport(1)!.PollAttempts);
    }

    [Fact]
    public async Task The_request_body_is_part_of_the_signature()
    {
        await using var fake = await FakeTracker.StartAsync();
        using var http = Wire.Client(fake);
        var url = new Uri(fake.BaseUrl, "api/segment/v1/export/create.json?idSegment=7");
        var signed = AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "POST", url, "note=1"u8);

        using var same = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("note=1") };
        same.Headers.TryAddWithoutValidation("Authorization", signed);
        using var other = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("note=2") };
        other.Headers.TryAddWithoutValidation("Authorization", signed);

        Assert.Equal(200, (await http.SendAsync(same).Read()).Status);
        Assert.Equal(403, (await http.SendAsync(other).Read()).Status);
    }

    [Fact]
    public async Task Wrong_secret_is_refused()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success());
        using var http = Wire.Client(fake);

        var answer = await http.Poll(fake, 1, new FakeApiUser("10001", "wrong-secret")).Read();

        Assert.Equal(403, answer.Status);
        Assert.Contains("signature does not match", fake.Journal.Entries[0].Detail);
    }

    [Fact]
    public async Task Signature_made_for_another_url_or_replayed_for_another_id_is_refused()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success()).Given(Export.WithId(2).Success());
        using var http = Wire.Client(fake);
        var signedForOne = AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", fake.GetExportUrl(1));

        using var replay = new HttpRequestMessage(HttpMethod.Get, fake.GetExportUrl(2));
        replay.Headers.TryAddWithoutValidation("Authorization", signedForOne);
        using var otherHost = new HttpRequestMessage(HttpMethod.Get, fake.GetExportUrl(1));
        otherHost.Headers.TryAddWithoutValidation(
            "Authorization", AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "GET", new Uri("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1")));
        using var otherMethod = new HttpRequestMessage(HttpMethod.Get, fake.GetExportUrl(1));
        otherMethod.Headers.TryAddWithoutValidation("Authorization", AuthHmac.CreateHeaderValue("10001", "fake-secret-0001", "POST", fake.GetExportUrl(1)));

        Assert.Equal(403, (await http.SendAsync(replay).Read()).Status);
        Assert.Equal(403, (await http.SendAsync(otherHost).Read()).Status);
        Assert.Equal(403, (await http.SendAsync(otherMethod).Read()).Status);
        Assert.Equal(0, fake.GetExport(2)!.PollAttempts);
    }

    [Fact]
    public async Task Exports_of_different_users_are_isolated()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { Users = [FakeApiUser.Default, Second] });
        fake.Given(Export.WithId(5).ErrorOccurred()).Given(Export.WithId(5).ForUser(Second).Success());
        fake.Given(Export.WithId(6).ForUser("10002").Success());
        using var http = Wire.Client(fake);

        var mine = await http.Poll(fake, 5).Read();
        var theirs = await http.Poll(fake, 5, Second).Read();
        var notMine = await http.Poll(fake, 6).Read();

        Assert.Equal("Error occurred", mine.Body.Status());
        Assert.Equal("Success!", theirs.Body.Status());
        Assert.Equal(404, notMine.Status);
    }

    [Fact]
    public async Task Without_required_authentication_any_request_acts_as_the_default_user()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { RequireAuthentication = false });
        fake.Given(Export.WithId(1).Success());
        using var http = Wire.Client(fake);

        var answer = await http.GetAsync("api/segment/v1/export/get.json?idSegmentExport=1").Read();

        Assert.Equal(200, answer.Status);
    }
}
