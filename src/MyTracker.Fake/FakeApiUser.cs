namespace MyTracker.Fake;

/// <summary>An API user the fake tracker accepts: the pair a client signs its requests with.</summary>
/// <param name="ApiUserId">The API user id, the part before the colon in <c>AuthHMAC &lt;id&gt;:&lt;signature&gt;</c>.</param>
/// <param name="Secret">The secret key the signature is computed with.</param>
public sealed record FakeApiUser(string ApiUserId, string Secret)
{
    /// <summary>
    /// The made-up credentials of the reference's worked examples (user <c>10001</c>, secret
    /// <c>fake-secret-0001</c>), accepted by every fake tracker unless its options replace them.
    /// </summary>
    public static FakeApiUser Default { get; } = new("10001", "fake-secret-0001");

    /// <summary>Hides the secret, so a user printed in a test log does not leak it.</summary>
    /// <returns>The user id only.</returns>
    public override string ToString() => $"FakeApiUser {{ ApiUserId = {ApiUserId} }}";
}
