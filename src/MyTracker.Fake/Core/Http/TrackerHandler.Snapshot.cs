using MyTracker.Fake.Exports;

namespace MyTracker.Fake.Http;

/// <summary>
/// The seam the WireMock mapping export (<c>FakeTracker.Mappings.cs</c>) renders its static answers
/// through: the same templates the live answers use, for segment export (the default family).
/// </summary>
internal sealed partial class TrackerHandler
{
    private ExportFamily DefaultFamily => Exports.DefaultFamily ?? throw new InvalidOperationException("These fixtures have no export-shaped family to snapshot.");

    public byte[] RenderSnapshot(ExportState export, ExportAnswer answer, string? linkBase = null) => Exports.RenderSnapshot(export, answer, linkBase);

    public byte[] RenderSnapshot(long id, ExportAnswer answer, string? linkBase = null) =>
        Exports.RenderSnapshot(new ExportState(DefaultFamily, string.Empty, id, Export.WithId(id), DateTimeOffset.UnixEpoch), answer, linkBase);

    public byte[] RenderNotFound(string? detail = null) => Exports.RenderNotFound(DefaultFamily, detail);

    public byte[] RenderAccessDenied(bool create = false) => Exports.RenderAccessDenied(DefaultFamily, create);

    public byte[] RenderCreated(long id) => Exports.RenderCreated(DefaultFamily, id);

    /// <summary>A file's download answer as the live download gives it for the whole file.</summary>
    public static HttpAnswer RenderDownload(ExportFile file) => WholeFile(file.Name, file.Export.GetContent(file.Number));

    /// <summary>The default family, for the mapping export's new exports (create.json's next ids).</summary>
    public ExportFamily SnapshotFamily => DefaultFamily;
}
