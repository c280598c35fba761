using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MyTracker.Fake.Http;

/// <summary>
/// Basic auth of WireMock.Net's admin API, checked in front of WireMock.Net: its own check answers a
/// missing header with a bare 401 and a wrong password with a 500 (an exception it throws while
/// logging the failure), and neither says which scheme it wants.
/// </summary>
internal static class AdminAccess
{
    private const string Prefix = "/__admin";

    /// <summary>The 401 for a request to the admin API without the configured credentials, or null to let it pass.</summary>
    public static HttpAnswer? Refuse(HttpContext http, FakeTrackerOptions options)
    {
        if (!options.StartAdminInterface || options.AdminUsername is null || options.AdminPassword is null
            || !http.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (Presents(http.Request, options))
        {
            return null;
        }

        var headers = http.Request.Headers.Authorization;
        var detail = headers.Count == 0 ? "The admin API needs basic auth" : "Wrong admin user name or password";
        return Answers.Envelope(401, "Unauthorized", detail)
            .WithHeader("WWW-Authenticate", "Basic realm=\"fake-tracker admin API\", charset=\"UTF-8\"");
    }

    /// <summary>
    /// Whether the request carries the configured admin credentials as basic auth (constant-time compare);
    /// false when none are configured. The admin API and the dashboard off loopback both ask this.
    /// </summary>
    public static bool Presents(HttpRequest request, FakeTrackerOptions options)
    {
        if (options.AdminUsername is null || options.AdminPassword is null)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(options.AdminUsername + ":" + options.AdminPassword)));
        var headers = request.Headers.Authorization;
        var presented = headers.Count == 1 ? Encoding.UTF8.GetBytes(headers[0] ?? string.Empty) : [];
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}
