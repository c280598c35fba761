using System.Collections.Concurrent;

namespace MyTracker.Fake.Exports;

/// <summary>
/// The fake's own thread-safe export state (WireMock.Net's scenario state answers wrongly under
/// concurrent polls). Exports are keyed by family, owner and id, so families and users are isolated; files by path.
/// </summary>
internal sealed class ExportStore
{
    private readonly ConcurrentDictionary<(string Area, string User, long Id), ExportState> _exports = new();
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
        _exports[(state.Family.Area, state.ApiUserId, state.Id)] = state;
    }

    public ExportState? Find(string area, string apiUserId, long id) =>
        _exports.TryGetValue((area, apiUserId, id), out var state) ? state : null;

    /// <summary>Adds an export under the next free id (ids given by setup are skipped).</summary>
    public ExportState Create(string area, string apiUserId, Func<long, ExportState> factory)
    {
        // Bounded: each failed TryAdd means the id was taken, and ids only grow.
        for (var i = 0; i < 1_000_000; i++)
        {
            var id = Interlocked.Increment(ref _nextCreatedId);
            var state = factory(id);
            if (_exports.TryAdd((area, apiUserId, id), state))
            {
                return state;
            }
        }

        throw new InvalidOperationException("No free export id left.");
    }

    public void RegisterFile(ExportFile file) => _files[file.Path] = file;

    public ExportFile? FindFile(string path) => _files.TryGetValue(path, out var file) ? file : null;

    public void Clear()
    {
        _exports.Clear();
        _files.Clear();
        Interlocked.Exchange(ref _nextCreatedId, _firstCreatedId - 1);
    }
}
