namespace MyTracker.Fake;

/// <summary>Which requests a fault applies to.</summary>
public enum FaultTarget
{
    /// <summary>get.json polls.</summary>
    Poll,

    /// <summary>create.json calls.</summary>
    Create,

    /// <summary>File downloads.</summary>
    Download,

    /// <summary>Every request the fake answers (polls, creates and downloads).</summary>
    AnyRequest,
}
