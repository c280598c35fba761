using System.Globalization;

namespace MyTracker.Client.Operations;

/// <summary>What one poll said, reduced to what waiting needs: whether the job has ended, and its progress.</summary>
/// <param name="Completed">The job ended (successfully or not); stop polling.</param>
/// <param name="Progress">The progress so far in percent, if known.</param>
internal readonly record struct PollStep(bool Completed, double? Progress);

/// <summary>
/// Polls a server-side job until it ends: bounded exponential backoff with jitter (or a fixed
/// interval), progress reported only when it rises, a maximum wait, and a bounded run of transient
/// poll failures ridden out. Knows nothing of the endpoint: the poll delegate does one poll and says
/// whether the job has ended. Timed by the client's <see cref="TimeProvider"/>.
/// </summary>
internal static class PollingLoop
{
    /// <exception cref="TimeoutException">The maximum wait passed first.</exception>
    /// <exception cref="MyTrackerRequestFailedException">More polls failed in a row than the options allow, or one failed for good.</exception>
    public static async Task WaitAsync(
        Func<CancellationToken, Task<PollStep>> poll,
        long id,
        string what,
        MyTrackerPollingOptions polling,
        TimeProvider time,
        TimeSpan? fixedInterval,
        IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var backoff = ExponentialBackoff.From(polling);
        double? reported = null;
        double? last = null;
        var failures = 0;
        var failedAttempts = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var step = await poll(cancellationToken).ConfigureAwait(false);
                failures = 0;
                failedAttempts = 0;
                last = step.Progress ?? last;
                if (progress is not null && step.Progress is { } current && (reported is null || current > reported))
                {
                    reported = current;
                    progress.Report(current);
                }

                if (step.Completed)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                // The caller stopped waiting; whatever the last poll ran into, the answer is the cancellation.
                throw new OperationCanceledException("Waiting was cancelled.", ex, cancellationToken);
            }
            catch (MyTrackerRequestFailedException ex) when (ex.IsTransient)
            {
                // Each poll was already retried by the request pipeline; this rides out a longer outage.
                failures++;
                failedAttempts += ex.Attempts;
                if (failures > polling.MaxConsecutivePollFailures)
                {
                    throw ex.GaveUp($"{what} could not be polled: {failures} polls in a row failed, the last with: {ex.Reason}", failedAttempts, id);
                }
            }

            var remaining = polling.MaxWait - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"{what} was still running ({last?.ToString("0.##", CultureInfo.InvariantCulture) ?? "?"}%) after waiting {polling.MaxWait}; resume it later by its id.");
            }

            var delay = fixedInterval ?? backoff.Next();
            await Task.Delay(delay < remaining ? delay : remaining, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
