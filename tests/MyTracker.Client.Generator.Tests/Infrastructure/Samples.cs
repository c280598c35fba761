namespace MyTracker.Client.Generator.Tests.Infrastructure;

/// <summary>An export-like endpoint the repository's fixtures do not have (<c>report-export/get</c>), for tests that generate it in memory.</summary>
internal static class Samples
{
    public const string Manifest = """
        { "method": "GET", "path": "/api/report/v1/export/get.json",
          "parameters": [ { "name": "idReportExport", "in": "query", "type": "integer", "required": true } ] }
        """;

    public const string InProgress = """{ "code": 200, "message": "Ok", "data": { "idReportExport": "5", "status": "In progress", "progress": "40%" } }""";

    public const string Success = """
        { "code": 200, "message": "Ok", "data": { "idReportExport": "5", "status": "Success!", "rows": "12",
          "files": [ { "link": "https://tracker.my.com/storage/download/report/5.1.csv.gz", "timestampExpires": "1617197992" } ] } }
        """;

    public const string NotFound = """{ "code": 404, "message": "Not Found", "data": { "error": { "detail": "Not found" } } }""";

    /// <summary>A scenario documented later: the export waits in a queue, without progress.</summary>
    public const string Queued = """{ "code": 200, "message": "Ok", "data": { "idReportExport": "5", "status": "Queued" } }""";

    public static IReadOnlyList<Fixture> ReportExport(bool withQueued = false)
    {
        var fixtures = new List<Fixture>
        {
            new("report-export/get/endpoint.json", Manifest),
            new("report-export/get/200.in-progress.json", InProgress),
            new("report-export/get/200.success.json", Success),
            new("report-export/get/404.not-found.json", NotFound),
        };
        if (withQueued)
        {
            fixtures.Add(new Fixture("report-export/get/200.queued.json", Queued));
        }

        return fixtures;
    }
}
