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
            if (!ReferenceEquals(rule.Endpoint, endpoint) || rule.Spent || !rule.Matches(query, pathValues))
            {
                continue;
            }

            // A one-shot answer (the dashboard's "next answer") wins over every lasting rule of its endpoint.
            if (best is null || (rule.Once && !best.Once) || (rule.Once == best.Once && rule.Parameters.Count >= best.Parameters.Count))
            {
                best = rule;
            }
        }

        if (best is { Once: true } && advance && !best.TryConsume())
        {
            // Another request took it meanwhile: pick again without it.
            return Pick(endpoint, query, pathValues, now, advance);
        }

        return best?.Step(now, advance);
    }

    /// <summary>
    /// Answers the next served request of the endpoint (any parameters) with this sample, once, ahead of
    /// every other rule and of the export lifecycle; HEAD requests do not use it up.
    /// </summary>
    /// <returns>A handle that tells whether it was used (or cleared).</returns>
    public OnceRule AddOnce(EndpointFixtures endpoint, ScenarioFixture answer, DateTimeOffset now)
    {
        var rule = new Rule(endpoint, new Dictionary<string, string>(), [answer], null, now) { Once = true };
        lock (_gate)
        {
            _rules = [.. _rules.Where(r => !r.Spent), rule];
        }

        return new OnceRule(rule);
    }

    /// <summary>The one-shot answers not yet used (a copy).</summary>
    public IReadOnlyList<(string Endpoint, string Scenario)> PendingOnce =>
        [.. Volatile.Read(ref _rules).Where(r => r.Once && !r.Spent).Select(r => (r.Endpoint.Key, r.FirstStep.Name))];

    public void Add(EndpointFixtures endpoint, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<ScenarioFixture> steps, TimeSpan? every, DateTimeOffset now)
    {
        var rule = new Rule(endpoint, parameters, steps, every, now);
        lock (_gate)
        {
            _rules = [.. _rules.Where(r => r.Once ? !r.Spent : !r.SameKey(rule)), rule];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                rule.Spend();
            }

            _rules = [];
        }
    }

    /// <summary>A one-shot answer as its caller sees it.</summary>
    internal sealed class OnceRule(Rule rule)
    {
        /// <summary>Whether a request used it, or a reset cleared it.</summary>
        public bool Spent => rule.Spent;
    }

    internal sealed class Rule(EndpointFixtures endpoint, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<ScenarioFixture> steps, TimeSpan? every, DateTimeOffset createdAt)
    {
        private int _served;
        private int _spent;

        /// <summary>Answers one served request, then is spent.</summary>
        public bool Once { get; init; }

        public bool Spent => Volatile.Read(ref _spent) != 0;

        public ScenarioFixture FirstStep => steps[0];

        /// <summary>Takes a one-shot rule for this request; false when another request took it first.</summary>
        public bool TryConsume() => Interlocked.Exchange(ref _spent, 1) == 0;

        public void Spend() => Volatile.Write(ref _spent, 1);

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
