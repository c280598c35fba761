namespace MyTracker.Fake;

/// <summary>How the fake answered a request.</summary>
public enum FakeOutcome
{
    /// <summary>The normal answer of the current state (a documented 200, or a 404 for an unknown export).</summary>
    Served,

    /// <summary>403: the signature was missing, malformed or wrong, or the user does not own the export.</summary>
    Refused,

    /// <summary>400 or 414: the parameters or the target were invalid.</summary>
    Invalid,

    /// <summary>404: nothing is known under this id, name or path.</summary>
    NotFound,

    /// <summary>410: the download link had expired.</summary>
    Expired,

    /// <summary>An injected fault replaced the answer (see <see cref="FakeRequest.Fault"/>).</summary>
    Faulted,

    /// <summary>The <c>X-Fake-Scenario</c> header picked the answer.</summary>
    Scenario,
}
