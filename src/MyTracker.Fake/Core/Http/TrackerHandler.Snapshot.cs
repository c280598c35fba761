using MyTracker.Fake.Exports;

namespace MyTracker.Fake.Http;

/// <summary>
/// The seam the WireMock mapping export (<c>FakeTracker.Mappings.cs</c>) renders its static answers
/// through: the same templates the live answers use, for segment export (the default family).
/// </summary>
internal sealed partial class TrackerHandler
{
    private ExportFamily DefaultFamily => Exports.DefaultFamily ?? throw new InvalidOperationException("These fixtures have no export-shaped family to snapshot.");

    public byte[] RenderSnapshot(ExportState export, ExportAnswer answer) => Exports.RenderSnapshot(export, answer);

    public byte[] RenderSnapshot(long id, ExportAnswer answer) =>
        Exports.RenderSnapshot(new ExportState(DefaultFamily, string.Empty, id, Export.WithId(id), DateTimeOffset.UnixEpoch), answer);

    public byte[] RenderNotFound() => Exports.RenderNotFound(DefaultFamily);

    public byte[] RenderAccessDenied() => Exports.RenderAccessDenied(DefaultFamily);

    public byte[] RenderCreated(long id) => Exports.RenderCreated(DefaultFamily, id);
}
