using System.Globalization;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Exports;

internal sealed partial class ExportLifecycle
{
    // Bodies for static mapping snapshots (FakeTracker.Mappings.cs): the same templates the live answers use.
    public byte[] RenderSnapshot(ExportState export, ExportAnswer answer, TrackerServices services, string? linkBase = null) => RenderStatus(export, answer, services, linkBase).Body;

    public byte[] RenderNotFound(ExportFamily family, string? detail = null) =>
        (family.NotFound ?? family.Status.Ordered.First()).Pick(DocumentedBytes).Render(new TemplateValues { Detail = detail });

    public byte[] RenderAccessDenied(ExportFamily family, bool create = false) =>
        (create ? family.CreateDenied : family.StatusDenied) is { } denied
            ? denied.Pick(DocumentedBytes).Render(new TemplateValues())
            : Answers.Envelope(403, "Access denied", null).Body;

    public byte[] RenderCreated(ExportFamily family, long id) =>
        family.Created.Pick(DocumentedBytes).Render(new TemplateValues { Parameter = Echo(family, id.ToString(CultureInfo.InvariantCulture)) });

    /// <summary>A file's download answer as the live download gives it for the whole file.</summary>
    public static HttpAnswer RenderDownload(ExportFile file) => Answers.WholeFile(file.Name, file.Export.GetContent(file.Number));
}
