using System.Collections.Concurrent;

namespace MyTracker.Fake.State;

/// <summary>
/// The fake's own thread-safe export state (WireMock.Net's scenario state answers wrongly under
/// concurrent polls). Exports are keyed by owner and id, so users are isolated; files by name.
/// </summary>
internal sealed class ExportStore
{
    private readonly ConcurrentDictionary<(string User, long Id), ExportState> _exports = new();
    private readonly ConcurrentDictionary<string, ExportFile> _files = new(StringComparer.Ordinal);
    private long _nextCreatedId;
    private readonly long _firstCreatedId;

    public ExportStore(long firstCreatedId)
    {
        _firstCreatedId = firstCreatedId;
        _nextCreatedId = firstCreatedId - 1;
    }

    public ICollection<ExportState> Exports => _exports.Values;

    public void Put(ExportState state)
    {
        _exports[(state.ApiUserId, state.Id)] = state;
    }

    public ExportState? Find(string apiUserId, long id) =>
        _exports.TryGetValue((apiUserId, id), out var state) ? state : null;

    /// <summary>Adds an export under the next free id (ids given by setup are skipped).</summary>
    public ExportState Create(string apiUserId, Func<long, ExportState> factory)
    {
        // Bounded: each failed TryAdd means the id was taken, and ids only grow.
        for (var i = 0; i < 1_000_000; i++)
        {
            var id = Interlocked.Increment(ref _nextCreatedId);
            var state = factory(id);
            if (_exports.TryAdd((apiUserId, id), state))
            {
                return state;
            }
        }

        throw new InvalidOperationException("No free export id left.");
    }

    public void RegisterFile(ExportFile file) => _files[file.Name] = file;

    public ExportFile? FindFile(string name) => _files.TryGetValue(name, out var file) ? file : null;

    public void Clear()
    {
        _exports.Clear();
        _files.Clear();
        Interlocked.Exchange(ref _nextCreatedId, _firstCreatedId - 1);
    }
}
