using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;

namespace MyTracker.Fake.Tool.Serve;

/// <summary>
/// The root command's options, each with its own validator, and the rules between them as command
/// validators: a bad value is a parse error, told in one line naming the option as typed.
/// </summary>
internal sealed class ServeOptions
{
    /// <summary>The port served when neither <c>--port</c> nor <c>--urls</c> is given (the reference's local worked example).</summary>
    public const int DefaultPort = 5080;

    public Option<int?> Port { get; } = new("--port", "-p")
    {
        Description = $"Port on 127.0.0.1 (default {DefaultPort}; 0 picks a free one).",
        HelpName = "port",
        // The default parser's message names System.Nullable`1[System.Int32]; say what is wanted instead.
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 65535)
            {
                return value;
            }

            result.AddError($"--port must be a number from 0 to 65535, not '{text}'");
            return null;
        },
    };

    public Option<string?> Urls { get; } = new("--urls") { HelpName = "url", Description = "Address to listen on instead, e.g. http://127.0.0.1:5080 (http only; one URL)." };

    public Option<string?> LinkHost { get; } = new("--link-host")
    {
        HelpName = "host",
        Description = "Host of download links instead of the API's, standing in for a separate storage host (e.g. localhost; same port).",
    };

    public Option<bool> NoAuth { get; } = new("--no-auth") { Description = "Answer without checking AuthHMAC signatures." };

    public Option<bool> NoRanges { get; } = new("--no-ranges")
    {
        Description = "Serve downloads without byte-range support, as plain storage may: no Accept-Ranges, every Range answered 200 with the whole file.",
    };

    public Option<DirectoryInfo?> Fixtures { get; } = new("--fixtures") { HelpName = "dir", Description = "Fixture folder to serve instead of the built-in one (same layout as the repository's fixtures/)." };

    public Option<FileInfo?> Scenarios { get; } = new("--scenarios") { HelpName = "file.json", Description = "JSON file with users and exports to seed instead of the built-in ones." };

    public Option<bool> Admin { get; } = new("--admin") { Description = "Start WireMock's admin API at /__admin behind basic auth." };

    public Option<string?> AdminUser { get; } = new("--admin-user") { HelpName = "name", Description = "Admin API user name (default admin; implies --admin)." };

    public Option<string?> AdminPassword { get; } = new("--admin-password") { HelpName = "password", Description = "Admin API password (default: random, printed at startup; implies --admin)." };

    public Option<bool> Log { get; } = new("--log") { Description = "Print one line per request." };

    public Option<bool> NoDashboard { get; } = new("--no-dashboard")
    {
        Description = "Do not serve the live dashboard (by default at /_dashboard/ on the port after the API's, or a free one).",
    };

    public ExportOptions Export { get; } = new();

    public IEnumerable<Option> All =>
        [Port, Urls, LinkHost, NoAuth, NoRanges, Fixtures, Scenarios, Admin, AdminUser, AdminPassword, .. Export.All, Log, NoDashboard];

    /// <summary>Adds the options and their validators to the command.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        Urls.Validators.Add(result =>
        {
            var url = result.GetValueOrDefault<string?>() ?? string.Empty;
            if (ParseUrl(url) is not var (host, _))
            {
                result.AddError($"--urls '{url}' is not an http://host:port address");
            }
            else if (host != "localhost" && !IPAddress.TryParse(host, out _))
            {
                // Kestrel (through WireMock.Net) binds any other host name to every interface.
                result.AddError($"--urls host '{host}' must be an IP address or localhost");
            }
        });
        LinkHost.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } link && Uri.CheckHostName(link) == UriHostNameType.Unknown)
            {
                result.AddError($"--link-host '{link}' is not a host name or IP address");
            }
        });
        AdminUser.Validators.Add(NotEmpty("--admin-user"));
        AdminPassword.Validators.Add(NotEmpty("--admin-password"));
        command.Validators.Add(result =>
        {
            if (result.GetResult(Port) is { Implicit: false } && result.GetResult(Urls) is { Implicit: false })
            {
                result.AddError("give --port or --urls, not both");
            }
        });
        Export.AddValidators(command);
    }

    /// <summary>Where to listen: <c>--urls</c>, else 127.0.0.1 and <c>--port</c>.</summary>
    public (string Host, int Port) ListenAddress(ParseResult parsed) =>
        parsed.GetValue(Urls) is { } urls ? ParseUrl(urls)!.Value : ("127.0.0.1", parsed.GetValue(Port) ?? DefaultPort);

    /// <summary>Whether the admin API is on: <c>--admin</c>, or either of its credentials.</summary>
    public bool AdminOn(ParseResult parsed) =>
        parsed.GetValue(Admin) || parsed.GetValue(AdminUser) is not null || parsed.GetValue(AdminPassword) is not null;

    private static (string Host, int Port)? ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return (uri.Host.Trim('[', ']'), uri.Port);
    }

    // The value itself is not repeated: it is a credential.
    private static Action<OptionResult> NotEmpty(string name) => result =>
    {
        if (result.GetValueOrDefault<string?>() is "")
        {
            result.AddError($"{name} must not be empty");
        }
    };
}
