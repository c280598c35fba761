namespace MyTracker.Client.Downloads;

/// <summary>
/// The current links of a job's files, shared by its parallel downloads. When several downloads find
/// their links expired or refused at once, one renewal (one get.json poll) serves them all: a
/// download that asks for fresh links of a generation already replaced gets the newer ones at once.
/// </summary>
internal sealed class LinkSet(IReadOnlyList<FileLink> files, Func<CancellationToken, Task<IReadOnlyList<FileLink>>>? renew)
{
    private readonly object _gate = new();
    private IReadOnlyList<FileLink> _current = files;
    private int _generation;
    private Task? _renewing;

    public bool CanRenew => renew is not null;

    /// <summary>The current link of one file and the generation it belongs to.</summary>
    public (FileLink Link, int Generation) Get(int index)
    {
        lock (_gate)
        {
            return (_current[index], _generation);
        }
    }

    /// <summary>Replaces the links of <paramref name="seenGeneration"/>, unless another download already did.</summary>
    /// <exception cref="InvalidOperationException">No way to renew links was given, or the export now lists another number of files.</exception>
    public Task RenewAsync(int seenGeneration, CancellationToken cancellationToken)
    {
        if (renew is null)
        {
            throw new InvalidOperationException("No way to renew the links was given.");
        }

        Task renewing;
        lock (_gate)
        {
            if (_generation != seenGeneration)
            {
                return Task.CompletedTask;
            }

            // A finished renewal (failed, or done for a generation since replaced) is not reused.
            if (_renewing is null || _renewing.IsCompleted)
            {
                _renewing = RenewCoreAsync(renew, cancellationToken);
            }

            renewing = _renewing;
        }

        return renewing.WaitAsync(cancellationToken);
    }

    private async Task RenewCoreAsync(Func<CancellationToken, Task<IReadOnlyList<FileLink>>> fetch, CancellationToken cancellationToken)
    {
        var fresh = await fetch(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (fresh.Count != _current.Count)
            {
                throw new InvalidOperationException($"The export listed {_current.Count} files before and {fresh.Count} after renewing its links.");
            }

            _current = fresh;
            _generation++;
        }
    }
}
