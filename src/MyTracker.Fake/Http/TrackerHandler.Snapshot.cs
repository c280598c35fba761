using System.Globalization;
using MyTracker.Fake.Fixtures;
using MyTracker.Fake.State;

namespace MyTracker.Fake.Http;

internal sealed partial class TrackerHandler
{
    // Bodies for static mapping snapshots: the same templates the live answers use.
    public byte[] RenderSnapshot(long id, ExportAnswer answer)
    {
        var idText = id.ToString(CultureInfo.InvariantCulture);
        var (fixture, values) = answer.Status switch
        {
            ExportStatus.InProgress => (_get["in-progress"], new TemplateValues { Id = idText, Progress = $"{answer.Progress}%" }),
            ExportStatus.ErrorOccurred => (_get["error-occurred"], new TemplateValues { Id = idText }),
            _ => (_get["success"], new TemplateValues { Id = idText, Files = Links(answer.Files!) }),
        };
        return fixture.Pick(DocumentedBytes).Render(values);
    }

    public byte[] RenderNotFound() => _get["not-found"].Pick(DocumentedBytes).Render(new TemplateValues());

    public byte[] RenderAccessDenied() => _get["access-denied"].Pick(DocumentedBytes).Render(new TemplateValues());

    public byte[] RenderCreated(long id) =>
        _create["created"].Pick(DocumentedBytes).Render(new TemplateValues { Id = id.ToString(CultureInfo.InvariantCulture) });
}
