namespace MyTracker.Fake;

/// <summary>
/// Seeded random faults for chaos tests. Each decision is a pure function of the seed and of what
/// is requested (endpoint, user, export, file, attempt number), so a run replays the same faults
/// whatever the interleaving of concurrent requests; and every
/// <see cref="MaxConsecutive"/>+1-th attempt of the same thing is never faulted, so a retrying client
/// always finishes.
/// </summary>
public sealed record RandomFaults
{
    /// <summary>The seed every decision derives from.</summary>
    public int Seed { get; init; }

    /// <summary>The chance, between 0 and 1, that an attempt is faulted.</summary>
    public double Probability { get; init; } = 0.2;

    /// <summary>The kinds to draw from; those that do not fit an endpoint are skipped for it.</summary>
    public IReadOnlyList<FaultKind> Kinds { get; init; } =
    [
        FaultKind.Latency, FaultKind.Status, FaultKind.DropConnection, FaultKind.TruncatedBody,
        FaultKind.TruncatedGzip, FaultKind.MalformedJson, FaultKind.ExpiredLink,
    ];

    /// <summary>The longest run of faulted attempts of the same request.</summary>
    public int MaxConsecutive { get; init; } = 2;

    /// <summary>The delay of <see cref="FaultKind.Latency"/> faults.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Which requests may be faulted.</summary>
    public IReadOnlyList<FaultTarget> Targets { get; init; } = [FaultTarget.Poll, FaultTarget.Download];
}
