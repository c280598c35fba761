using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake.Http;

/// <summary>
/// What the core does for every part of the fake, handed to modules as a parameter
/// (<see cref="ITrackerModule.AnswerAsync"/>): check a signature, pick and apply faults, answer in the
/// documented envelopes and samples, move URLs onto the fake's link host. One partial file per concern
/// (<c>TrackerServices.Authentication.cs</c>, <c>TrackerServices.Faults.cs</c>).
/// </summary>
internal sealed partial class TrackerServices
{
    private readonly FakeTrackerOptions _options;
    private readonly FixtureSet _fixtures;
    private readonly Dictionary<string, FakeApiUser> _users;
    private readonly ScenarioFixture? _notFound;
    private string _linkBase = string.Empty;

    public TrackerServices(FakeTrackerOptions options, FixtureSet fixtures, FaultPlan faults)
    {
        _options = options;
        _fixtures = fixtures;
        Faults = faults;
        _users = options.Users.ToDictionary(u => u.ApiUserId, StringComparer.Ordinal);
        _notFound = fixtures.Endpoints.Select(e => e.WithStatus(404)).FirstOrDefault(s => s is not null);

        // One delegate for every rendering that moves URLs (a method group would allocate one per use).
        UrlRewriter = RewriteUrl;
    }

    /// <summary>The faults set up for the fake (global, per export, random): modules pick theirs here, and apply them with <see cref="ApplyFaultAsync"/>.</summary>
    public FaultPlan Faults { get; }

    /// <summary>Whether answers are the documented bytes (<see cref="FakeTrackerOptions.ServeDocumentedBytes"/>).</summary>
    public bool DocumentedBytes => _options.ServeDocumentedBytes;

    /// <summary>The base of download links (the API's own base URL unless another link host is set); known once the server listens.</summary>
    public string LinkBase
    {
        get => Volatile.Read(ref _linkBase);
        set => Volatile.Write(ref _linkBase, value);
    }

    /// <summary>An absolute URL of a sample moved onto the fake's link host, path and query kept.</summary>
    public string RewriteUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? LinkBase + uri.PathAndQuery.TrimStart('/') : url;

    /// <summary><see cref="RewriteUrl"/> as a delegate, for <see cref="TemplateValues.RewriteUrl"/>.</summary>
    public Func<string, string> UrlRewriter { get; }

    /// <summary>A sample as the answer, rendered with these values.</summary>
    public Reply Fixture(ScenarioFixture fixture, TemplateValues values, FakeOutcome outcome) =>
        new(Answers.Json(fixture.Status, fixture.Pick(DocumentedBytes).Render(values)), fixture.Status, outcome);

    /// <summary>The documented 404: the first 404 sample of the fixtures with this detail, or the envelope.</summary>
    public Reply NotFound(Exchange exchange, string detail)
    {
        exchange.Note(detail);
        return _notFound is { } notFound
            ? Fixture(notFound, new TemplateValues { Detail = detail }, FakeOutcome.NotFound)
            : new Reply(Answers.Envelope(404, "Not Found", detail), 404, FakeOutcome.NotFound);
    }

    /// <summary>
    /// The 400 for a parameter the manifest does not allow: modelled on the endpoint's own 400 sample, else
    /// on another of its 4xx samples that carries an error detail, else on its area's 400, else the envelope.
    /// </summary>
    public Reply InvalidParameter(Exchange exchange, EndpointFixtures endpoint, string detail)
    {
        exchange.Note(detail);
        var model = endpoint.WithStatus(400)
            ?? endpoint.Ordered.FirstOrDefault(s => s.Status is >= 400 and <= 499 && s.Valid.HoleNames.Contains(HoleRoles.Detail))
            ?? _fixtures.Endpoints.Where(e => e.Area == endpoint.Area).Select(e => e.WithStatus(400)).FirstOrDefault(s => s is not null);
        if (model is null || !model.Valid.HoleNames.Contains(HoleRoles.Detail))
        {
            return new Reply(Answers.Envelope(400, "Bad Request", detail), 400, FakeOutcome.Invalid);
        }

        var values = model.Status == 400
            ? new TemplateValues { Detail = detail }
            : new TemplateValues { Detail = detail, Code = "400", Message = "Bad Request" };
        return new Reply(Answers.Json(400, model.Pick(DocumentedBytes).Render(values)), 400, FakeOutcome.Invalid);
    }

    /// <summary>A documented 403 (an endpoint's own), or the envelope with <c>data: null</c> as the API writes it.</summary>
    public Reply AccessDenied(ScenarioFixture? denied) =>
        denied is not null
            ? Fixture(denied, new TemplateValues(), FakeOutcome.Refused)
            : new Reply(Answers.Envelope(403, "Access denied", null), 403, FakeOutcome.Refused);
}
