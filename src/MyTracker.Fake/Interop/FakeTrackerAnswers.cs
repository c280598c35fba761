using System.Globalization;
using MyTracker.Fake.Http;
using MyTracker.Fake.Exports;
using ExportModule = MyTracker.Fake.Exports.ExportLifecycle;

namespace MyTracker.Fake.Interop;

/// <summary>
/// <see cref="ITrackerAnswers"/> over a running fake: the only file of the mapping export that reads the
/// fake's internals (its export store, the export lifecycle module's renderings and plan).
/// Nothing here advances an export or lists a link.
/// </summary>
internal sealed class FakeTrackerAnswers : ITrackerAnswers
{
    private readonly ExportModule _exports;
    private readonly TrackerServices _services;
    private readonly ExportFamily _family;
    private readonly ExportStore _store;
    private readonly FakeTrackerOptions _options;
    private readonly DateTimeOffset _now;
    private readonly string _linkBase;

    public FakeTrackerAnswers(ExportModule exports, TrackerServices services, ExportStore store, FakeTrackerOptions options, string linkBase)
    {
        _exports = exports;
        _services = services;
        _store = store;
        _options = options;
        _now = options.TimeProvider.GetUtcNow();
        _linkBase = linkBase;
        // The mapping export covers the default family (segment export when served, else the first
        // family), at its own paths and in its own words; other families' exports are left out.
        var family = _family = exports.DefaultFamily ?? throw new InvalidOperationException("These fixtures have no export-shaped family to snapshot.");
        Paths = new(family.Status.Path, family.Create.Path, family.FileDirectory, family.IdParameter, family.IdInPath);
        Exports = [.. store.Exports.Where(e => ReferenceEquals(e.Family, family))
            .OrderBy(e => e.ApiUserId, StringComparer.Ordinal).ThenBy(e => e.Id).Select(Lifecycle)];
    }

    public TrackerPaths Paths { get; }

    public IReadOnlyList<string> ApiUserIds => [.. _options.Users.Select(u => u.ApiUserId)];

    public IReadOnlyList<ExportLifecycle> Exports { get; }

    public IReadOnlyList<ExportLifecycle> NextCreated(int count)
    {
        // As the store hands them out: from the first created id on, skipping ids already held.
        var taken = _store.Exports.Where(e => ReferenceEquals(e.Family, _family)).Select(e => e.Id).ToHashSet();
        var owner = _options.Users[0].ApiUserId;
        var result = new List<ExportLifecycle>();
        for (var id = _options.FirstCreatedExportId; result.Count < count; id++)
        {
            if (!taken.Contains(id))
            {
                result.Add(Lifecycle(new ExportState(_family, owner, id, _options.CreatedExports.WithIdOf(id), _now)));
            }
        }

        return result;
    }

    public CannedAnswer Created(long id) => Json(200, _exports.RenderCreated(_family, id));

    public CannedAnswer NotFound(string? detail) => Json(404, _exports.RenderNotFound(_family, detail));

    public CannedAnswer AccessDenied(bool create) => Json(403, _exports.RenderAccessDenied(_family, create));

    public CannedAnswer Error(int status, string message, string detail) => Canned(Answers.Envelope(status, message, detail));

    private ExportLifecycle Lifecycle(ExportState export)
    {
        var answers = export.PlanAnswers(_now);
        var steps = answers.Select(a => new LifecycleStep(Label(export, a), Json(200, _exports.RenderSnapshot(export, a, _services, _linkBase)))).ToList();
        var downloads = (answers[^1].Files ?? [])
            .Select(f => new DownloadAnswer(f.Path, Canned(ExportModule.RenderDownload(f))))
            .ToList();
        return new ExportLifecycle(export.ApiUserId, export.Id, steps, downloads);
    }

    /// <summary>A step in its family's own words: <c>In progress 10%</c> for segment export, <c>processing 10%</c> for raw export.</summary>
    private static string Label(ExportState export, ExportAnswer answer) => answer.Status switch
    {
        ExportStatus.Ended => export.Family.TextOf(export.EndingSample!),
        ExportStatus.InProgress => string.Create(CultureInfo.InvariantCulture, $"{export.Family.InProgressText} {answer.Progress}%"),
        ExportStatus.ErrorOccurred => export.Family.ErrorText,
        _ => string.Create(CultureInfo.InvariantCulture, $"{export.Family.SuccessText} with {answer.Files!.Count} file(s)"),
    };

    private static CannedAnswer Json(int status, byte[] body) => Canned(Answers.Json(status, body));

    private static CannedAnswer Canned(HttpAnswer answer) => new(answer.StatusCode, answer.ContentType, answer.Body, answer.Headers);
}
