namespace MyTracker.Fake;

public sealed partial class ExportBuilder
{
    /// <summary>The in-progress answers, in order (percent values).</summary>
    public IReadOnlyList<int> ProgressSteps { get; private set; } = [];

    /// <summary>How the export ends after its progress steps.</summary>
    public ExportEnding Ending { get; private set; } = ExportEnding.Success;

    /// <summary>
    /// When set, the lifecycle advances by one step per interval of the fake's <see cref="TimeProvider"/>
    /// since the export was given or created; when null (the default) it advances by one step per served poll.
    /// </summary>
    public TimeSpan? AdvanceInterval { get; private set; }

    /// <summary>Answers "In progress" with these percentages, one per step, before the ending.</summary>
    /// <param name="percents">Progress values from 0 to 100, in the order served.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder InProgress(params int[] percents)
    {
        ArgumentNullException.ThrowIfNull(percents);
        foreach (var p in percents)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(p, 0, nameof(percents));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100, nameof(percents));
        }

        ProgressSteps = [.. ProgressSteps, .. percents];
        return this;
    }

    /// <summary>Ends with <c>Success!</c> and <paramref name="files"/> downloadable files.</summary>
    /// <param name="files">How many files the success lists (1 or more); null: 2 <c>.csv.gz</c> files, or the single file of a format that is not gzip (a report file).</param>
    /// <param name="rowsPerFile">Data rows per file (the header line is extra); a report's rows are its days times its applications instead.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder ThenSuccess(int? files = null, int rowsPerFile = 1000)
    {
        if (files is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(files));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerFile, 0);
        Ending = ExportEnding.Success;
        FileCount = files ?? 2;
        FileCountChosen = files is not null;
        RowsPerFile = rowsPerFile;
        return this;
    }

    /// <summary>Succeeds on the first poll (same as <see cref="ThenSuccess"/> without progress steps).</summary>
    /// <param name="files">How many files the success lists (1 or more); null: 2 <c>.csv.gz</c> files, or the single file of a format that is not gzip.</param>
    /// <param name="rowsPerFile">Data rows per file (the header line is extra).</param>
    /// <returns>This builder.</returns>
    public ExportBuilder Success(int? files = null, int rowsPerFile = 1000) => ThenSuccess(files, rowsPerFile);

    /// <summary>Ends with <c>Error occurred</c>.</summary>
    /// <returns>This builder.</returns>
    public ExportBuilder ThenError()
    {
        Ending = ExportEnding.ErrorOccurred;
        return this;
    }

    /// <summary>Answers <c>Error occurred</c> from the first poll.</summary>
    /// <returns>This builder.</returns>
    public ExportBuilder ErrorOccurred() => ThenError();

    /// <summary>Never finishes: after the progress steps the last one is repeated (0% without steps).</summary>
    /// <returns>This builder.</returns>
    public ExportBuilder ThenStaysInProgress()
    {
        Ending = ExportEnding.StaysInProgress;
        return this;
    }

    /// <summary>Advances one step per served poll (the default).</summary>
    /// <returns>This builder.</returns>
    public ExportBuilder AdvancePerPoll()
    {
        AdvanceInterval = null;
        return this;
    }

    /// <summary>Advances one step per <paramref name="interval"/> of the fake's clock, however often it is polled.</summary>
    /// <param name="interval">The virtual time per step.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder AdvanceEvery(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        AdvanceInterval = interval;
        return this;
    }
}
