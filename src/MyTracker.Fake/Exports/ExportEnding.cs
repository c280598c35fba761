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
}
