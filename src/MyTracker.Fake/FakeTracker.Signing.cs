using MyTracker.Client.Auth;

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
    public string CurlCommand(long id)
    {
        var url = GetExportUrl(id);
        return $"curl -s -H 'Authorization: {Sign(HttpMethod.Get, url)}' '{url}'";
    }
}
