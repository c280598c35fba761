using System.Text;
using MyTracker.Client.Auth;

namespace MyTracker.Client.Tests.Auth;

/// <summary>The worked examples of docs/TRACKER-API.md, section "Signing".</summary>
public sealed class AuthHmacWorkedExamplesTests
{
    private const string User = "10001";
    private const string Secret = "fake-secret-0001";

    [Theory]
    [InlineData("GET", "https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1", "AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=")]
    [InlineData("POST", "https://tracker.my.com/api/segment/v1/export/create.json?idSegment=7&requestFields=gaid,idfa", "AuthHMAC 10001:N8MMzQjP54rVE6qwSBAlE69Srgk=")]
    [InlineData("GET", "http://127.0.0.1:5080/api/segment/v1/export/get.json?idSegmentExport=42", "AuthHMAC 10001:QP4TxW0wBJ/onLrQUDkZLvUZb8E=")]
    [InlineData("GET", "http://127.0.0.1:5080/api/segment/v1/export/get.json?idSegmentExport=1", "AuthHMAC 10001:/j3JRNjA4vZkBCRnGWWCt7KVDzM=")]
    public void Header_matches_the_documented_example(string method, string url, string expected)
    {
        Assert.Equal(expected, AuthHmac.CreateHeaderValue(User, Secret, method, new Uri(url)));
    }

    [Fact]
    public void Baseline_matches_the_documented_example()
    {
        var baseline = AuthHmac.BuildBaseline("GET", new Uri("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1"), default);
        Assert.Equal("GET&https%3A%2F%2Ftracker.my.com%2Fapi%2Fsegment%2Fv1%2Fexport%2Fget.json%3FidSegmentExport%3D1&", baseline);
    }

    [Fact]
    public void Body_is_percent_encoded_after_the_second_ampersand()
    {
        var baseline = AuthHmac.BuildBaseline("post", new Uri("https://tracker.my.com/x"), Encoding.UTF8.GetBytes("a=1&b=é"));
        Assert.Equal("POST&https%3A%2F%2Ftracker.my.com%2Fx&a%3D1%26b%3D%C3%A9", baseline);
    }

    [Theory]
    [InlineData("AuthHMAC 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=", true)]
    [InlineData("AuthHMAC 10001O8HQk9CcKd8yaY/lIVPX5vSheW8=", false)]
    [InlineData("AuthHMAC 10001:not*base64", false)]
    [InlineData("Bearer 10001:O8HQk9CcKd8yaY/lIVPX5vSheW8=", false)]
    [InlineData("AuthHMAC :O8HQk9CcKd8yaY/lIVPX5vSheW8=", false)]
    [InlineData("AuthHMAC 10001:", false)]
    [InlineData("AuthHMAC 10001:AAAA", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Header_parsing_accepts_only_well_formed_credentials(string? header, bool ok)
    {
        Assert.Equal(ok, AuthHmac.TryParseHeader(header, out var user, out _));
        Assert.Equal(ok ? "10001" : string.Empty, user);
    }

    [Fact]
    public void Verify_rejects_a_signature_made_for_another_url()
    {
        var signedFor1 = "O8HQk9CcKd8yaY/lIVPX5vSheW8=";
        Assert.True(AuthHmac.Verify(Secret, "GET", new Uri("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1"), default, signedFor1));
        Assert.False(AuthHmac.Verify(Secret, "GET", new Uri("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=2"), default, signedFor1));
        Assert.False(AuthHmac.Verify("other-secret", "GET", new Uri("https://tracker.my.com/api/segment/v1/export/get.json?idSegmentExport=1"), default, signedFor1));
    }
}
