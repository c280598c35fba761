namespace MyTracker.Fake.Exports;

/// <summary>An export's documented endings beyond success and error, and its cancellation.</summary>
internal sealed partial class ExportState
{
    private int? _canceledAtStep;
    private ScenarioFixtureRef? _canceled;

    /// <summary>The sample a <see cref="ExportStatus.Ended"/> answer renders: the canceled one once canceled, else the setup's documented ending.</summary>
    public Fixtures.ScenarioFixture? EndingSample => Volatile.Read(ref _canceled)?.Sample ?? _endingSample;

    private readonly Fixtures.ScenarioFixture? _endingSample;

    /// <summary>Whether a running export at this percentage may still be canceled.</summary>
    public static bool IsCancellable(int? percent) => (percent ?? 0) < ExportFamily.CancellableBelowPercent;

    /// <summary>
    /// Cancels the export if it is still running and not too far on; otherwise says why not. From then on
    /// every poll answers the family's canceled sample.
    /// </summary>
    public CancelAnswer TryCancel(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_canceledAtStep is not null)
            {
                return CancelAnswer.Finished;
            }

            // Judged on the answer the owner last saw (a per-poll lifecycle has already moved on to the next step).
            var steps = Spec.ProgressSteps.Count;
            var index = Spec.AdvanceInterval is null ? Math.Min(Math.Max(_pollsServed - 1, 0), steps) : CurrentStep(now);
            var running = index < steps || Spec.Ending == ExportEnding.StaysInProgress;
            if (!running)
            {
                return CancelAnswer.Finished;
            }

            var percent = index < steps ? Spec.ProgressSteps[index] : steps == 0 ? 0 : Spec.ProgressSteps[^1];
            if (!IsCancellable(percent) || Family.Canceled is null)
            {
                return CancelAnswer.NotCancellable;
            }

            _canceledAtStep = index;
            Volatile.Write(ref _canceled, new ScenarioFixtureRef(Family.Canceled));
            return CancelAnswer.Canceled;
        }
    }

    /// <summary>A box, so the canceled sample is published with one volatile write.</summary>
    private sealed record ScenarioFixtureRef(Fixtures.ScenarioFixture Sample);
}

/// <summary>What a cancel request gets.</summary>
internal enum CancelAnswer
{
    /// <summary>Canceled now.</summary>
    Canceled,

    /// <summary>Refused: the export has already ended.</summary>
    Finished,

    /// <summary>Refused: the export runs, but is too far on to be canceled.</summary>
    NotCancellable,
}
