using System.Collections.Concurrent;
using MyTracker.Fake.Exports;

namespace MyTracker.Fake.Http;

/// <summary>Decides which fault, if any, hits a request: the export's own, then global ones, then seeded random ones.</summary>
internal sealed class FaultPlan
{
    private readonly ConcurrentQueue<FaultBuilder> _global = new();
    private readonly int[] _globalAttempts = new int[4];
    private RandomFaults? _random;

    public FaultPlan(RandomFaults? random) => _random = random;

    public RandomFaults? Random
    {
        get => Volatile.Read(ref _random);
        set => Volatile.Write(ref _random, value);
    }

    public void Add(FaultBuilder fault) => _global.Enqueue(fault);

    public void Clear()
    {
        _global.Clear();
        for (var i = 0; i < _globalAttempts.Length; i++)
        {
            Interlocked.Exchange(ref _globalAttempts[i], 0);
        }
    }

    public int NextGlobalAttempt(FaultTarget target) => Interlocked.Increment(ref _globalAttempts[(int)target]);

    /// <summary>How many attempts of this target the global count has seen (since start or Reset): the next one is this plus 1.</summary>
    public int GlobalAttempts(FaultTarget target) => Volatile.Read(ref _globalAttempts[(int)target]);

    /// <summary>The global faults, in the order they were added (a copy; for the dashboard).</summary>
    public IReadOnlyList<FaultBuilder> Global => [.. _global];

    /// <summary>The fault for this attempt: the subject's own first (an export's), then global ones, then random ones.</summary>
    public FaultBuilder? Pick(FaultTarget target, FaultSubject? subject, int attempt, int? file)
    {
        if (subject is { Faults: var own })
        {
            for (var i = 0; i < own.Count; i++)
            {
                if (own[i].Matches(target, attempt, file))
                {
                    return own[i];
                }
            }
        }

        // Counted whether or not global faults exist yet, so "the Nth request" always means since start or Reset.
        var globalAttempt = target == FaultTarget.Create ? Volatile.Read(ref _globalAttempts[(int)FaultTarget.Create]) : NextGlobalAttempt(target);
        var anyAttempt = NextGlobalAttempt(FaultTarget.AnyRequest);
        if (!_global.IsEmpty)
        {
            foreach (var fault in _global)
            {
                if (fault.Matches(target, globalAttempt, file) || fault.Matches(FaultTarget.AnyRequest, anyAttempt, null))
                {
                    return fault;
                }
            }
        }

        return PickRandom(target, subject, attempt, file);
    }

    /// <summary>
    /// The global fault for a request answered from a sample (outside the export lifecycle), counted
    /// among "any request" only: <c>OnRequest(n)</c> and <c>OnEveryRequest()</c> hit these too.
    /// </summary>
    public FaultBuilder? PickAnyRequest()
    {
        var anyAttempt = NextGlobalAttempt(FaultTarget.AnyRequest);
        if (!_global.IsEmpty)
        {
            foreach (var fault in _global)
            {
                if (fault.Matches(FaultTarget.AnyRequest, anyAttempt, null))
                {
                    return fault;
                }
            }
        }

        return null;
    }

    // Its own method: a lambda capturing the target in PickRandom allocated its closure on every
    // request, random faults or not.
    private static List<FaultKind> FittingKinds(IEnumerable<FaultKind> kinds, FaultTarget target) =>
        kinds.Where(k => Fits(k, target)).ToList();

    private FaultBuilder? PickRandom(FaultTarget target, FaultSubject? subject, int attempt, int? file)
    {
        var random = Random;
        if (random is null || !random.Targets.Contains(target) || attempt % (random.MaxConsecutive + 1) == 0)
        {
            return null;
        }

        var key = CsvContent.StableHash($"{target}|{subject?.Owner}|{subject?.Id}|{file}");
        var draw = Mix((ulong)(uint)random.Seed ^ Mix(key ^ Mix((ulong)attempt)));
        var chance = (draw >> 11) * (1.0 / (1UL << 53));
        if (chance >= random.Probability)
        {
            return null;
        }

        var kinds = FittingKinds(random.Kinds, target);
        if (kinds.Count == 0)
        {
            return null;
        }

        var kind = kinds[(int)(Mix(draw) % (ulong)kinds.Count)];
        return kind switch
        {
            FaultKind.Latency => Fault.Latency(random.Latency),
            FaultKind.Status => (Mix(draw + 7) % 3) switch
            {
                0 => Fault.TooManyRequests(TimeSpan.FromSeconds(1)),
                1 => Fault.ServerError(502),
                _ => Fault.ServerError(503),
            },
            FaultKind.DropConnection => Fault.DropConnection(),
            FaultKind.TruncatedBody => Fault.TruncatedBody(0.5),
            FaultKind.TruncatedGzip => Fault.TruncatedGzip(0.5),
            FaultKind.MalformedJson => Fault.MalformedJson(),
            _ => Fault.ExpiredLink(),
        };
    }

    private static bool Fits(FaultKind kind, FaultTarget target) => kind switch
    {
        FaultKind.TruncatedGzip or FaultKind.ExpiredLink => target == FaultTarget.Download,
        FaultKind.MalformedJson => target != FaultTarget.Download,
        _ => true,
    };

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

/// <summary>What a fault can be aimed at besides the whole fake: a module's own object (an export), with its own faults and the identity random faults are drawn for.</summary>
/// <param name="Faults">The subject's own faults, tried first.</param>
/// <param name="Owner">The API user it belongs to.</param>
/// <param name="Id">Its id.</param>
internal readonly record struct FaultSubject(IReadOnlyList<FaultBuilder> Faults, string Owner, long Id);
