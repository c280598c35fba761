namespace MyTracker.Fake;

/// <summary>A protocol assertion on the request journal failed; the message lists the requests involved.</summary>
public sealed class FakeTrackerAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected and what the journal holds.</param>
    public FakeTrackerAssertionException(string message)
        : base(message)
    {
    }
}
