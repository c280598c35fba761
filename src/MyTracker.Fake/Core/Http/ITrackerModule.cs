using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Http;

/// <summary>
/// A part of the fake that answers requests of its own: the export lifecycle, the files answers
/// list, and whatever comes next. The pipeline (<see cref="TrackerPipeline"/>) asks every module, in
/// order, to claim a request when it classifies it, once; the module that claimed it answers it with
/// the core's services it is handed (<see cref="TrackerServices"/>: authentication, faults,
/// envelopes, URLs). A module holds no reference to the core.
/// </summary>
internal interface ITrackerModule
{
    /// <summary>
    /// Whether this module answers the request (the first module to claim it does). A claim of an
    /// endpoint of the fixtures (<see cref="RequestLine.Endpoint"/> set) reaches the module after the
    /// core authenticated it, checked its parameters and found no setup rule for it; a claim of any
    /// other path (a listed file, say) reaches the module as it came, so the module authenticates it
    /// itself when it must. Runs for every request: allocate nothing.
    /// </summary>
    bool TryClaim(in RequestLine request, out Claim claim);

    /// <summary>The answer to a request this module claimed. Facts for the journal go through <see cref="Exchange"/>'s methods and the reply.</summary>
    ValueTask<Reply> AnswerAsync(Exchange exchange, Claim claim, TrackerServices services);

    /// <summary>The 404 detail for a path nothing claimed that lies where this module serves (<c>File not found</c> under its file directory), or null.</summary>
    string? NotFoundDetail(string rawPath);

    /// <summary>Forgets everything set up or served (<see cref="FakeTracker.Reset"/>).</summary>
    void Reset();
}

/// <summary>A module's claim: the kind the journal records, what it found (its own object, handed back to it) and the endpoint to record when it is not the one routed to.</summary>
/// <param name="Kind">The journal's <see cref="FakeEndpoint.Kind"/>.</param>
/// <param name="Target">The module's own object for this request (a family, a file), or null.</param>
/// <param name="EndpointKey">The endpoint the journal records (for a listed file, the endpoint that listed it); null: the routed endpoint.</param>
internal readonly record struct Claim(string Kind, object? Target = null, string? EndpointKey = null);

/// <summary>What a module sees when it is asked to claim a request.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The decoded path the router matched.</param>
/// <param name="RawPath">The path as sent (origin form, no query), given when no endpoint of the fixtures matched.</param>
/// <param name="Endpoint">The endpoint of the fixtures at this method and path, or null.</param>
internal readonly record struct RequestLine(string Method, string Path, string? RawPath, EndpointFixtures? Endpoint);
