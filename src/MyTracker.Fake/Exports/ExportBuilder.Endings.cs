namespace MyTracker.Fake;

public sealed partial class ExportBuilder
{
    /// <summary>For <see cref="ExportEnding.Documented"/>: the status scenario the export ends with.</summary>
    public string? EndingScenario { get; private set; }

    /// <summary>
    /// Ends with another documented answer of the family's status endpoint, by scenario name, e.g.
    /// <c>Export.WithId(4).In("raw-export").InProgress(30).ThenEnding("user-error-occurred")</c>. The
    /// name is checked against the family when the export is given.
    /// </summary>
    /// <param name="scenario">A 2xx scenario of the status endpoint other than its in-progress and success ones.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder ThenEnding(string scenario)
    {
        ArgumentException.ThrowIfNullOrEmpty(scenario);
        Ending = ExportEnding.Documented;
        EndingScenario = scenario;
        return this;
    }

    /// <summary>Answers that documented ending from the first poll (same as <see cref="ThenEnding"/> without progress steps).</summary>
    /// <param name="scenario">A 2xx scenario of the status endpoint other than its in-progress and success ones.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder Ends(string scenario) => ThenEnding(scenario);

    /// <summary>Ends canceled, with the family's scenario whose meaning is <c>canceled</c> (raw export's <c>Canceled by user</c>).</summary>
    /// <returns>This builder.</returns>
    public ExportBuilder ThenCanceled()
    {
        Ending = ExportEnding.Canceled;
        EndingScenario = null;
        return this;
    }
}
