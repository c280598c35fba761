namespace MyTracker.Fake;

/// <summary>How an export ends.</summary>
public enum ExportEnding
{
    /// <summary><c>Success!</c> with files.</summary>
    Success,

    /// <summary><c>Error occurred</c>.</summary>
    ErrorOccurred,

    /// <summary>Never finishes: the last progress is repeated forever.</summary>
    StaysInProgress,

    /// <summary>Another ending the family's status endpoint documents, named by <see cref="ExportBuilder.EndingScenario"/> (raw export's <c>user-error-occurred</c>).</summary>
    Documented,

    /// <summary>The family's canceled ending (the scenario whose meaning is <c>canceled</c>), as if its owner had canceled it.</summary>
    Canceled,
}
