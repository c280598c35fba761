namespace MyTracker.Fixtures;

/// <summary>
/// Input the fixtures commands cannot work with: a page without a request line, an unreadable or invalid
/// fixture folder, a bad redaction file. The message is one line that names the file and what is wrong.
/// </summary>
public sealed class FixturesException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the file, the place and the problem.</param>
    public FixturesException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">One line naming the file, the place and the problem.</param>
    /// <param name="innerException">The cause.</param>
    public FixturesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
