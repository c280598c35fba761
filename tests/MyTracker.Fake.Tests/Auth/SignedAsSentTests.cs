using MyTracker.Client.Auth;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Auth;

/// <summary>
/// The signature covers the URL exactly as it arrived (scheme, Host header, request target byte for
/// byte); nothing is normalized before the check, so a raw client that signs what it sends is accepted
/// and a signature over any other spelling is refused.
/// </summary>
public sealed class SignedAsSentTests
{
    [Theory]
    [InlineData("/api/segment/v1/export/other/../get.json?idSegmentExport=1")]
    [InlineData("/api/segment/v1/export/./get.json?idSegmentExport=1")]
    [InlineData("/api/segment/v1/export/get.json?idSegmentExport=%31")]
    [InlineData("/api/segment/v1/export/get%2Ejson?idSegmentExport=1")]
    public async Task A_target_signed_as_sent_is_accepted_and_routed_like_its_normal_form(string target)
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 1));
        var host = fake.BaseUrl.Authority;

        var answer = await RawHttp.SendAsync(fake.BaseUrl, $"GET {target} HTTP/1.1\r\nHost: {host}\r\nAuthorization: {Sign(fake, $"http://{host}{target}")}\r\nConnection: close\r\n\r\n");

        Assert.Equal(200, answer.Status);
        Assert.Contains("\"Success!\"", answer.Body);
    }

    [Fact]
    public async Task A_signature_over_another_spelling_of_the_target_is_refused_and_the_journal_says_what_was_checked()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 1));
        var host = fake.BaseUrl.Authority;
        var sent = "/api/segment/v1/export/get.json?idSegmentExport=%31";

        var answer = await RawHttp.SendAsync(fake.BaseUrl, $"GET {sent} HTTP/1.1\r\nHost: {host}\r\nAuthorization: {Sign(fake, $"http://{host}/api/segment/v1/export/get.json?idSegmentExport=1")}\r\nConnection: close\r\n\r\n");

        Assert.Equal(403, answer.Status);
        Assert.Equal($"signature does not match GET http://{host}{sent} (signed as sent, nothing normalized)", fake.Journal.Entries.Single().Detail);
        Assert.Equal(0, fake.GetExport(1)!.PollAttempts);
    }

    [Fact]
    public async Task The_dotnet_client_signs_the_canonical_form_it_sends_and_is_accepted()
    {
        await using var fake = await FakeTracker.StartAsync();
        fake.Given(Export.WithId(1).Success(files: 1));
        using var http = Wire.Client(fake);

        // Uri removes the dot segments and decodes %31 before sending; AuthHmac signs that same text.
        var answer = await http.GetSigned(fake, "api/segment/v1/export/other/../get.json?idSegmentExport=%31").Read();

        Assert.Equal(200, answer.Status);
        Assert.Equal("/api/segment/v1/export/get.json?idSegmentExport=1", fake.Journal.Entries.Single().Target);
    }

    // Independent of the fake's own code: Uri.EscapeDataString keeps exactly the unreserved characters.
    private static string Sign(FakeTracker fake, string url) =>
        $"AuthHMAC {fake.DefaultUser.ApiUserId}:{AuthHmac.ComputeSignature(fake.DefaultUser.Secret, "GET&" + Uri.EscapeDataString(url) + "&")}";
}
