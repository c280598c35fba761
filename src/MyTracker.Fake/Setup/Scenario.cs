using System.Globalization;

namespace MyTracker.Fake;

/// <summary>
/// Entry point for choosing the answers of any endpoint of the fixtures, in WireMock.Net's style:
/// <c>fake.Given(Scenario.For("raw-export/get").WithParameter("idRawExport", 5).Answer("in-progress").Then("success"))</c>.
/// </summary>
public static class Scenario
{
    /// <summary>Starts choosing the answers of one endpoint.</summary>
    /// <param name="endpoint">The endpoint as its fixture folder names it, <c>area/endpoint</c> (e.g. <c>raw-export/get</c>).</param>
    /// <returns>A builder; give it at least one <see cref="ScenarioBuilder.Answer"/>.</returns>
    public static ScenarioBuilder For(string endpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        return new ScenarioBuilder(endpoint);
    }
}

/// <summary>
/// The answers of one endpoint for requests with given parameter values (any request when none are
/// given): one scenario of its fixtures, or a sequence that advances one step per served request (or
/// per interval of the fake's clock) and then repeats its last step. Setup rules win over the export
/// lifecycle and over the endpoint's default sample; the <c>X-Fake-Scenario</c> header still wins over them.
/// </summary>
public sealed class ScenarioBuilder
{
    private readonly Dictionary<string, string> _parameters = new(StringComparer.Ordinal);
    private readonly List<string> _answers = [];

    internal ScenarioBuilder(string endpoint) => Endpoint = endpoint;

    /// <summary>The endpoint, <c>area/endpoint</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The parameter values a request must carry for these answers.</summary>
    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    /// <summary>The scenarios answered, in order; the last repeats.</summary>
    public IReadOnlyList<string> Answers => _answers;

    /// <summary>When set, the answers advance one step per interval of the fake's clock instead of per served request.</summary>
    public TimeSpan? AdvanceInterval { get; private set; }

    /// <summary>Limits these answers to requests whose parameter has this value (as sent, decoded).</summary>
    /// <param name="name">A parameter of the endpoint's manifest, e.g. <c>idRawExport</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public ScenarioBuilder WithParameter(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _parameters[name] = value;
        return this;
    }

    /// <summary>Limits these answers to requests whose parameter has this integer value.</summary>
    /// <param name="name">A parameter of the endpoint's manifest.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public ScenarioBuilder WithParameter(string name, long value) => WithParameter(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Answers with this scenario (the name of one of the endpoint's samples, e.g. <c>in-progress</c>).</summary>
    /// <param name="scenario">The scenario name.</param>
    /// <returns>This builder.</returns>
    public ScenarioBuilder Answer(string scenario)
    {
        ArgumentException.ThrowIfNullOrEmpty(scenario);
        _answers.Add(scenario);
        return this;
    }

    /// <summary>Then answers with this scenario, one step later.</summary>
    /// <param name="scenario">The scenario name.</param>
    /// <returns>This builder.</returns>
    public ScenarioBuilder Then(string scenario) => Answer(scenario);

    /// <summary>Advances one step per <paramref name="interval"/> of the fake's clock, however often it is asked.</summary>
    /// <param name="interval">The virtual time per step.</param>
    /// <returns>This builder.</returns>
    public ScenarioBuilder AdvanceEvery(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        AdvanceInterval = interval;
        return this;
    }
}
