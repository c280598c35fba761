namespace MyTracker.Fake;

/// <summary>One export's counters at a moment.</summary>
/// <param name="Id">The export id.</param>
/// <param name="ApiUserId">The owner.</param>
/// <param name="PollAttempts">Authenticated polls received, faulted ones included.</param>
/// <param name="PollsServed">Polls answered with the export's state (each advances a per-poll lifecycle).</param>
/// <param name="FileCount">Files listed on success.</param>
/// <param name="RowsPerFile">Data rows per file.</param>
/// <param name="Fields">The exported columns.</param>
public sealed record ExportSnapshot(long Id, string ApiUserId, int PollAttempts, int PollsServed, int FileCount, int RowsPerFile, IReadOnlyList<string> Fields);
