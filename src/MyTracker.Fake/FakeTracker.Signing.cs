using MyTracker.Client.Auth;
using MyTracker.Fake.Http;

namespace MyTracker.Fake;

public sealed partial class FakeTracker
{
    /// <summary>The URL of get.json for an export on this fake (the default family's status endpoint).</summary>
    /// <param name="id">The export id.</param>
    /// <returns>The absolute URL.</returns>
    public Uri GetExportUrl(long id) => GetStatusUrl(id);

    /// <summary>The <c>Authorization</c> header value for a request, signed like the client signs it.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">The absolute URL.</param>
    /// <param name="user">The signing user; null for <see cref="DefaultUser"/>.</param>
    /// <returns><c>AuthHMAC &lt;user&gt;:&lt;signature&gt;</c>.</returns>
    public string Sign(HttpMethod method, Uri url, FakeApiUser? user = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        var signer = user ?? DefaultUser;
        return AuthHmac.CreateHeaderValue(signer.ApiUserId, signer.Secret, method.Method, url);
    }

    /// <summary>A ready <c>curl</c> command for get.json of an export, with a valid signature (for the standalone tool and READMEs).</summary>
    /// <param name="id">The export id.</param>
    /// <returns>The command line.</returns>
    public string CurlCommand(long id) => CurlCommand(HttpMethod.Get, GetExportUrl(id).AbsoluteUri);

    /// <summary>
    /// A ready <c>curl</c> command for one call, signed for exactly the URL text it calls (unsigned when the
    /// fake does not require signing). The one place the banner and the dashboard get their command lines.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">The absolute URL, as curl will send it.</param>
    /// <param name="user">The signing user; null for <see cref="DefaultUser"/>.</param>
    /// <returns>The command line.</returns>
    public string CurlCommand(HttpMethod method, string url, FakeApiUser? user = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(url);
        var verb = method == HttpMethod.Get ? string.Empty : $"-X {method.Method} ";
        if (!Options.RequireAuthentication)
        {
            return $"curl -s {verb}'{url}'";
        }

        // The fake's own baseline of the URL text as curl sends it, so what the fake checks is what was signed
        // (a Uri would re-escape a target typed on the dashboard).
        var signer = user ?? DefaultUser;
        var signature = AuthHmac.ComputeSignature(signer.Secret, SignedText.Baseline(method.Method, url, []));
        return $"curl -s {verb}-H 'Authorization: AuthHMAC {signer.ApiUserId}:{signature}' '{url}'";
    }
}
