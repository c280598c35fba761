namespace MyTracker.Fixtures;

/// <summary>
/// A myTracker API user and its secret key, for signing upstream calls. The secret never leaves this
/// object except into the signature: <see cref="ToString"/> hides it, and recorded files and log lines
/// are scrubbed of it (see <see cref="Http.SecretScrubber"/>).
/// </summary>
public sealed class ApiCredentials
{
    /// <summary>Creates credentials.</summary>
    /// <param name="apiUserId">The API User ID.</param>
    /// <param name="secretKey">The secret key (from an environment variable or a prompt; never an argument or a file).</param>
    public ApiCredentials(string apiUserId, string secretKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiUserId);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        ApiUserId = apiUserId;
        SecretKey = secretKey;
    }

    /// <summary>The API User ID.</summary>
    public string ApiUserId { get; }

    internal string SecretKey { get; }

    /// <summary>The user id only.</summary>
    /// <returns><c>ApiCredentials(10001, secret hidden)</c>.</returns>
    public override string ToString() => $"ApiCredentials({ApiUserId}, secret hidden)";
}
