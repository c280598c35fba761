using System.Net.Http.Headers;
using System.Text;
using MyTracker.Fake.Tests.Support;

namespace MyTracker.Fake.Tests.Lifecycle;

public sealed class OptionsTests
{
    [Fact]
    public async Task Another_fixture_folder_is_served_instead_of_the_embedded_one()
    {
        var dir = Directory.CreateTempSubdirectory("fake-fixtures-");
        try
        {
            CopyDirectory(RepoRoot.Fixtures, dir.FullName);
            var notFound = Path.Combine(dir.FullName, "segment-export/get/404.not-found.json");
            File.WriteAllText(notFound, File.ReadAllText(notFound).Replace("\"Not Found\"", "\"Nicht gefunden\""));
            await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = dir.FullName });
            using var http = Wire.Client(fake);

            var answer = await http.Poll(fake, 1).Read();

            Assert.Equal("Nicht gefunden", answer.Body.GetProperty("message").GetString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_fixture_folder_without_any_endpoint_is_refused_at_start()
    {
        var dir = Directory.CreateTempSubdirectory("fake-fixtures-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => FakeTracker.Start(new FakeTrackerOptions { FixturesDirectory = dir.FullName }));
            Assert.Equal("The fixture folder has no <area>/<endpoint>/endpoint.json: nothing to serve.", error.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_admin_interface_is_behind_basic_auth_and_the_api_still_answers()
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { StartAdminInterface = true, AdminUsername = "admin", AdminPassword = "pw" });
        fake.Given(Export.WithId(1).Success());
        using var http = Wire.Client(fake);

        using var anonymous = await http.GetAsync("__admin/mappings");
        using var request = new HttpRequestMessage(HttpMethod.Get, "__admin/mappings");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:pw")));
        using var admin = await http.SendAsync(request);
        var api = await http.Poll(fake, 1).Read();

        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.True(200 == (int)admin.StatusCode, await admin.Content.ReadAsStringAsync());
        Assert.Equal("Success!", api.Body.Status());

        // Adding a mapping through the admin API works too (WireMock parses its JSON body), and the
        // added mapping answers its own path while the fake still answers the API.
        using var add = new HttpRequestMessage(HttpMethod.Post, "__admin/mappings")
        {
            Content = new StringContent(
                """{ "Request": { "Path": "/custom", "Methods": ["GET"] }, "Response": { "StatusCode": 200, "Body": "custom answer" } }""",
                Encoding.UTF8,
                "application/json"),
        };
        add.Headers.Authorization = request.Headers.Authorization;
        using var added = await http.SendAsync(add);
        Assert.True((int)added.StatusCode is 200 or 201, await added.Content.ReadAsStringAsync());
        Assert.Equal("custom answer", await http.GetStringAsync("custom"));
        Assert.Equal("Success!", (await http.Poll(fake, 1).Read()).Body.Status());
    }

    [Theory]
    [InlineData(null, "The admin API needs basic auth")]
    [InlineData("admin:wrong", "Wrong admin user name or password")]
    [InlineData("nobody:pw", "Wrong admin user name or password")]
    public async Task The_admin_interface_answers_missing_or_wrong_credentials_with_401_and_the_scheme_it_wants(string? credentials, string detail)
    {
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { StartAdminInterface = true, AdminUsername = "admin", AdminPassword = "pw" });
        using var http = Wire.Client(fake);
        using var request = new HttpRequestMessage(HttpMethod.Get, "__admin/health");
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(credentials)));
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Basic realm=\"fake-tracker admin API\", charset=\"UTF-8\"", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Equal("{\"code\":401,\"message\":\"Unauthorized\",\"data\":{\"error\":{\"detail\":\"" + detail + "\"}}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Documented_credentials_and_curl_line_are_ready_to_use()
    {
        await using var fake = await FakeTracker.StartAsync();

        Assert.Equal(("10001", "fake-secret-0001"), (fake.DefaultUser.ApiUserId, fake.DefaultUser.Secret));
        Assert.DoesNotContain("fake-secret-0001", fake.DefaultUser.ToString());
        Assert.StartsWith("curl -s -H 'Authorization: AuthHMAC 10001:", fake.CurlCommand(42));
        Assert.EndsWith("/api/segment/v1/export/get.json?idSegmentExport=42'", fake.CurlCommand(42));
        Assert.Throws<ArgumentException>(() => fake.Given(Export.WithId(1).ForUser("nobody")));
        Assert.Throws<ArgumentException>(() => fake.Given(Export.Create()));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
