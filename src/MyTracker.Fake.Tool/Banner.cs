using System.Globalization;
using System.Text;

namespace MyTracker.Fake.Tool;

/// <summary>What the tool prints once it listens: everything needed to make a first signed call.</summary>
internal static class Banner
{
    public static string Render(FakeTracker fake, FakeScenario scenario, (string User, string Password)? admin)
    {
        var baseUrl = fake.BaseUrl;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line($"Fake myTracker Export API listening on {baseUrl}{Where(fake.Options.Host)}");
        Line();
        if (fake.Options.RequireAuthentication)
        {
            Line("Credentials (sign every call with Authorization: AuthHMAC <user>:<signature>):");
            foreach (var user in fake.Users)
            {
                Line($"  API user id {user.ApiUserId}   secret key {user.Secret}");
            }
        }
        else
        {
            Line("Authentication is off (--no-auth): any or no Authorization header is accepted.");
        }

        Line();
        Line($"Seeded exports (GET {baseUrl}api/segment/v1/export/get.json?idSegmentExport=<id>):");
        if (scenario.Exports.Count == 0)
        {
            Line("  none seeded");
        }

        foreach (var export in scenario.Exports)
        {
            var owner = export.ApiUserId is { } u && u != fake.DefaultUser.ApiUserId ? $" (user {u})" : string.Empty;
            Line(string.Create(CultureInfo.InvariantCulture, $"  {export.Id,-6} {Describe(export)}{owner}"));
        }

        Line("  other  404 \"Segment export request not found\"");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"POST {baseUrl}api/segment/v1/export/create.json?idSegment=<n> starts exports from id {fake.Options.FirstCreatedExportId}: {Describe(fake.Options.CreatedExports)}"));
        Line(LinksLine(fake));
        if (admin is var (adminUser, adminPassword))
        {
            Line();
            Line($"WireMock admin API: {baseUrl}__admin/   basic auth {adminUser} / {adminPassword}");
            Line("  e.g. GET __admin/health, GET __admin/mappings, GET __admin/settings");
        }

        Line();
        Line("Try:");
        var first = scenario.Exports.FirstOrDefault(e => e.ApiUserId is null || e.ApiUserId == fake.DefaultUser.ApiUserId)?.Id;
        Line("  " + (first is { } id ? CurlCommand(fake, baseUrl, id) : CreateCurlCommand(fake, baseUrl)));
        Line();
        Line("Press Ctrl+C to stop.");
        return text.ToString();
    }

    /// <summary>What the listening address means when its text alone does not say it.</summary>
    private static string Where(string host) =>
        host == "localhost" ? " (127.0.0.1 and [::1])"
        : System.Net.IPAddress.TryParse(host, out var ip) && (ip.Equals(System.Net.IPAddress.Any) || ip.Equals(System.Net.IPAddress.IPv6Any))
            ? " (every interface: reachable from other machines)"
            : string.Empty;

    /// <summary>Where download links point, and what a separate link host stands for.</summary>
    private static string LinksLine(FakeTracker fake) =>
        fake.Options.LinkHost is { } host
            ? $"Download links: {fake.LinkBaseUrl}storage/download/segment/... ({host} stands in for a separate storage host: a client must not send Authorization there)"
            : $"Download links: {fake.LinkBaseUrl}storage/download/segment/... (the API's own host; --link-host <host> names another)";

    /// <summary>A curl command for get.json of one export, signed for exactly the URL it calls.</summary>
    public static string CurlCommand(FakeTracker fake, Uri baseUrl, long exportId)
    {
        var url = new Uri(baseUrl, string.Create(CultureInfo.InvariantCulture, $"api/segment/v1/export/get.json?idSegmentExport={exportId}"));
        return fake.Options.RequireAuthentication
            ? $"curl -s -H 'Authorization: {fake.Sign(HttpMethod.Get, url)}' '{url}'"
            : $"curl -s '{url}'";
    }

    /// <summary>A curl command that starts an export, for a scenario that seeds none.</summary>
    public static string CreateCurlCommand(FakeTracker fake, Uri baseUrl)
    {
        var url = new Uri(baseUrl, "api/segment/v1/export/create.json?idSegment=1");
        return fake.Options.RequireAuthentication
            ? $"curl -s -X POST -H 'Authorization: {fake.Sign(HttpMethod.Post, url)}' '{url}'"
            : $"curl -s -X POST '{url}'";
    }

    /// <summary>One line per lifecycle, e.g. <c>In progress 10%, 64%, then Success! with 2 files of 1,000 rows (one step per poll)</c>.</summary>
    public static string Describe(ExportBuilder export)
    {
        var ending = export.Ending switch
        {
            ExportEnding.ErrorOccurred => "Error occurred",
            ExportEnding.StaysInProgress => "stays in progress",
            _ => string.Create(CultureInfo.InvariantCulture,
                $"Success! with {export.FileCount} file{(export.FileCount == 1 ? string.Empty : "s")} of {export.RowsPerFile:N0} rows"),
        };
        if (export.ProgressSteps.Count == 0)
        {
            return export.Ending == ExportEnding.StaysInProgress ? "In progress 0%, forever" : ending + " at once";
        }

        var steps = string.Join(", ", export.ProgressSteps.Select(p => p.ToString(CultureInfo.InvariantCulture) + "%"));
        var pace = export.AdvanceInterval is { } every
            ? string.Create(CultureInfo.InvariantCulture, $"one step every {every.TotalSeconds:0.###} s")
            : "one step per poll";
        return $"In progress {steps}, then {ending} ({pace})";
    }
}
