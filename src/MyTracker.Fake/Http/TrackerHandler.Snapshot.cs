using System.Globalization;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.State;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerHandler
{
    // Bodies for the WireMock mapping export: the same templates the live answers use.
    public byte[] RenderSnapshot(long id, ExportAnswer answer, string? linkBase = null)
    {
        var idText = id.ToString(CultureInfo.InvariantCulture);
        var (fixture, values) = answer.Status switch
        {
            ExportStatus.InProgress => (_get["in-progress"], new TemplateValues { Id = idText, Progress = $"{answer.Progress}%" }),
            ExportStatus.ErrorOccurred => (_get["error-occurred"], new TemplateValues { Id = idText }),
            _ => (_get["success"], new TemplateValues { Id = idText, Files = Links(answer.Files!, linkBase ?? LinkBase) }),
        };
        return fixture.Pick(DocumentedBytes).Render(values);
    }

    public byte[] RenderNotFound(string? detail = null) => _get["not-found"].Pick(DocumentedBytes).Render(new TemplateValues { Detail = detail });

    public byte[] RenderAccessDenied(bool create = false) => (create ? _create : _get)["access-denied"].Pick(DocumentedBytes).Render(new TemplateValues());

    public byte[] RenderCreated(long id) =>
        _create["created"].Pick(DocumentedBytes).Render(new TemplateValues { Id = id.ToString(CultureInfo.InvariantCulture) });

    /// <summary>A file's download answer as <see cref="AnswerDownloadAsync"/> gives it.</summary>
    public static HttpAnswer RenderDownload(ExportFile file) => WholeFile(file.Name, file.Export.GetContent(file.Number));
}
