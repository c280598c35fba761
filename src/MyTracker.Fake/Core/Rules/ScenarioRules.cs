using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Rules;

/// <summary>
/// Answers chosen by setup (<c>fake.Given(Scenario.For(...))</c> or a scenario file's <c>scenarios</c>):
/// per endpoint and parameter values, one sample or a sequence that advances per served request or on
/// the fake's clock, its last step repeated. The most specific matching rule wins (most parameters),
/// and a later rule replaces an equal one.
/// </summary>
internal sealed class ScenarioRules
{
    private readonly Lock _gate = new();
    private List<Rule> _rules = [];

    /// <summary>The sample a rule picks for this request, or null when no rule matches (cheap while there are none).</summary>
    public ScenarioFixture? Pick(EndpointFixtures endpoint, QueryParameters query, Dictionary<string, string>? pathValues, DateTimeOffset now, bool advance)
    {
        var rules = Volatile.Read(ref _rules);
        if (rules.Count == 0)
        {
            return null;
        }

        Rule? best = null;
        foreach (var rule in rules)
        {
            if (ReferenceEquals(rule.Endpoint, endpoint) && rule.Matches(query, pathValues) && (best is null || rule.Parameters.Count >= best.Parameters.Count))
            {
                best = rule;
            }
        }

        return best?.Step(now, advance);
    }

    public void Add(EndpointFixtures endpoint, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<ScenarioFixture> steps, TimeSpan? every, DateTimeOffset now)
    {
        var rule = new Rule(endpoint, parameters, steps, every, now);
        lock (_gate)
        {
            _rules = [.. _rules.Where(r => !r.SameKey(rule)), rule];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules = [];
        }
    }

    private sealed class Rule(EndpointFixtures endpoint, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<ScenarioFixture> steps, TimeSpan? every, DateTimeOffset createdAt)
    {
        private int _served;

        public EndpointFixtures Endpoint { get; } = endpoint;

        public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

        public bool Matches(QueryParameters query, Dictionary<string, string>? pathValues)
        {
            foreach (var (name, value) in Parameters)
            {
                var actual = query.Get(name) ?? (pathValues?.GetValueOrDefault(name) is { } raw ? Uri.UnescapeDataString(raw) : null);
                if (actual != value)
                {
                    return false;
                }
            }

            return true;
        }

        public bool SameKey(Rule other) =>
            ReferenceEquals(Endpoint, other.Endpoint) && Parameters.Count == other.Parameters.Count
            && Parameters.All(p => other.Parameters.TryGetValue(p.Key, out var v) && v == p.Value);

        public ScenarioFixture Step(DateTimeOffset now, bool advance)
        {
            var last = steps.Count - 1;
            if (every is { } interval)
            {
                return steps[(int)Math.Clamp((now - createdAt).Ticks / interval.Ticks, 0, last)];
            }

            var served = advance ? Interlocked.Increment(ref _served) - 1 : Volatile.Read(ref _served);
            return steps[Math.Min(served, last)];
        }
    }
}
