using System.Globalization;
using System.Text;

namespace MyTracker.Fake.Tool.Serve;

/// <summary>What the tool prints once it listens: everything needed to make a first signed call.</summary>
internal static class Banner
{
    public static string Render(FakeTracker fake, FakeScenario scenario, (string User, string Password)? admin, bool dashboardAsked = false)
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

        if (fake.Options.FixturesDirectory is not null || fake.ExportFamilies.Count == 0)
        {
            Line();
            Line($"Endpoints of {fake.Options.FixturesDirectory ?? "the built-in fixtures"} (one answer by name: header X-Fake-Scenario: <scenario>):");
            foreach (var endpoint in fake.Endpoints)
            {
                var samples = string.Join(", ", endpoint.Scenarios.Select(s => $"{s.Status} {s.Scenario}{(s.Scenario == endpoint.DefaultScenario ? " (default)" : string.Empty)}"));
                Line($"  {endpoint.Method,-6} {endpoint.Path}   {endpoint.Key}: {samples}");
            }
        }

        if (fake.ExportFamilies.Count > 0)
        {
            Line();
            Line("Export families served (create, poll, download; Export.WithId(n).In(area) or a scenario file's \"area\"):");
            foreach (var served in fake.ExportFamilies)
            {
                var endpoints = new[] { served.CreateEndpoint, served.StatusEndpoint, served.CancelEndpoint }.Where(e => e is not null).Select(e => $"{e!.Method} {e.Path}");
                var endings = served.Endings is { Count: > 0 } named ? $"; endings: success, {string.Join(", ", named)}" : string.Empty;
                Line($"  {served.Area}: {string.Join(", ", endpoints)}{endings}");
            }
        }

        var family = fake.ExportFamilies.FirstOrDefault();
        if (family is not null)
        {
            Line();
            Line($"Seeded exports (GET {baseUrl}{family.StatusEndpoint.Path.TrimStart('/')}?{family.IdParameter}=<id>):");
            if (scenario.Exports.Count == 0)
            {
                Line("  none seeded");
            }

            foreach (var export in scenario.Exports)
            {
                var owner = export.ApiUserId is { } u && u != fake.DefaultUser.ApiUserId ? $" (user {u})" : string.Empty;
                var area = export.Area is { } a && a != family.Area ? $" ({a})" : string.Empty;
                var own = fake.ExportFamilies.FirstOrDefault(f => f.Area == export.Area) ?? family;
                Line(string.Create(CultureInfo.InvariantCulture, $"  {export.Id,-6} {Describe(export, own.StatusTexts)}{owner}{area}"));
            }

            Line(family.NotFoundDetail is { } detail ? $"  other  404 \"{detail}\"" : "  other  404");
            Line(string.Create(CultureInfo.InvariantCulture,
                $"{family.CreateEndpoint.Method} {baseUrl}{family.CreateEndpoint.Path.TrimStart('/')}{Placeholders(family.CreateEndpoint)} starts exports from id {fake.Options.FirstCreatedExportId}: {Describe(fake.Options.CreatedExports, family.StatusTexts)}"));
            Line(LinksLine(fake, family));
        }

        if (admin is var (adminUser, adminPassword))
        {
            Line();
            Line($"WireMock admin API: {baseUrl}__admin/   basic auth {adminUser} / {adminPassword}");
            Line("  e.g. GET __admin/health, GET __admin/mappings, GET __admin/settings");
        }

        if (fake.Dashboard is { } dashboard)
        {
            Line();
            Line(admin is null || FakeDashboard.IsLoopbackHost(fake.Options.Host)
                ? $"Dashboard: {dashboard.Url} (live exports, journal and faults; signed commands to copy)"
                : $"Dashboard: {dashboard.Url} (basic auth with the admin credentials above)");
        }
        else if (dashboardAsked)
        {
            Line();
            Line($"Dashboard: off on {fake.Options.Host}, which is not loopback, without admin credentials (add --admin)");
        }

        Line();
        Line("Try:");
        var first = scenario.Exports.FirstOrDefault(e => (e.ApiUserId is null || e.ApiUserId == fake.DefaultUser.ApiUserId) && (e.Area is null || e.Area == family?.Area))?.Id;
        // Without a seeded export: a call the fixtures have, with values the fake accepts (create first, then a GET).
        var example = family?.CreateEndpoint ?? fake.Endpoints.FirstOrDefault(e => e.Method == "GET") ?? fake.Endpoints[0];
        Line("  " + (first is { } id ? Curl(fake, HttpMethod.Get, fake.GetStatusUrl(id)) : Curl(fake, new HttpMethod(example.Method), new Uri(baseUrl, Example(example)))));
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
    private static string LinksLine(FakeTracker fake, ExportFamilyInfo family)
    {
        var directory = family.FileDirectory.TrimStart('/');
        var links = fake.Options.LinkHost is { } host
            ? $"Download links: {fake.LinkBaseUrl}{directory}... ({host} stands in for a separate storage host: a client must not send Authorization there)"
            : $"Download links: {fake.LinkBaseUrl}{directory}... (the API's own host; --link-host <host> names another)";
        return fake.Options.DownloadRanges ? links : links + "; no Range support (--no-ranges): every download is the whole file";
    }

    /// <summary>A curl command for one call, signed for exactly the URL it calls.</summary>
    public static string Curl(FakeTracker fake, HttpMethod method, Uri url) => fake.CurlCommand(method, url.AbsoluteUri);

    /// <summary>The required parameters as placeholders, e.g. <c>?idSegment=&lt;n&gt;</c>.</summary>
    private static string Placeholders(FixtureEndpointInfo endpoint) => Query(endpoint, p => p.Type switch
    {
        "object" => "<bracket notation>",
        "integer" or "number" => "<n>",
        "enum" or "list" when p.Values.Count > 0 => $"<{string.Join('|', p.Values)}>",
        "boolean" => "<0|1>",
        _ => "<text>",
    });

    /// <summary>
    /// The endpoint's path and query with every required parameter set to a value the fake accepts, e.g.
    /// <c>api/report/v1/export/get.json?idReportExport=1</c>; a parameter named in the path as <c>{name}</c> goes there.
    /// </summary>
    private static string Example(FixtureEndpointInfo endpoint)
    {
        var path = endpoint.Path.TrimStart('/');
        var query = new List<string>();
        foreach (var parameter in endpoint.Parameters.Where(p => p.Required))
        {
            var placeholder = "{" + parameter.Name + "}";
            if (path.Contains(placeholder, StringComparison.Ordinal))
            {
                path = path.Replace(placeholder, Uri.EscapeDataString(parameter.Example), StringComparison.Ordinal);
            }
            else
            {
                query.Add(parameter.Type == "object" ? parameter.Example : parameter.Name + "=" + Uri.EscapeDataString(parameter.Example));
            }
        }

        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    private static string Query(FixtureEndpointInfo endpoint, Func<FixtureParameterInfo, string> value)
    {
        var required = endpoint.Parameters.Where(p => p.Required).ToList();
        return required.Count == 0 ? string.Empty : "?" + string.Join('&', required.Select(p => p.Type == "object" ? $"{p.Name}[...]={value(p)}" : $"{p.Name}={value(p)}"));
    }

    /// <summary>
    /// One line per lifecycle in its family's own words (the status texts of its samples), e.g.
    /// <c>In progress 10%, 64%, then Success! with 2 files of 1,000 rows (one step per poll)</c> for
    /// segment export, <c>processing 10%, 64%, then ready with 2 files ...</c> for raw export.
    /// </summary>
    public static string Describe(ExportBuilder export, ExportStatusTexts words)
    {
        var ending = export.Ending switch
        {
            ExportEnding.ErrorOccurred => words.Error,
            ExportEnding.StaysInProgress => "stays " + words.InProgress,
            ExportEnding.Documented => export.EndingScenario!,
            ExportEnding.Canceled => "canceled",
            _ => string.Create(CultureInfo.InvariantCulture,
                $"{words.Success} with {export.FileCount} file{(export.FileCount == 1 ? string.Empty : "s")} of {export.RowsPerFile:N0} rows"),
        };
        if (export.ProgressSteps.Count == 0)
        {
            return export.Ending == ExportEnding.StaysInProgress ? words.InProgress + " 0%, forever" : ending + " at once";
        }

        var steps = string.Join(", ", export.ProgressSteps.Select(p => p.ToString(CultureInfo.InvariantCulture) + "%"));
        var pace = export.AdvanceInterval is { } every
            ? string.Create(CultureInfo.InvariantCulture, $"one step every {every.TotalSeconds:0.###} s")
            : "one step per poll";
        return $"{words.InProgress} {steps}, then {ending} ({pace})";
    }
}
