namespace MyTracker.Fake;

public sealed partial class ExportBuilder
{
    /// <summary>
    /// Changes the ending of a live export's own copy (the dashboard's control): its progress steps,
    /// counters and links stay. An ending read under the export's lock sees the new value on its next poll.
    /// </summary>
    internal void ChangeEnding(ExportEnding ending) => Ending = ending;
}
