namespace MyTracker.Fake.Tests.Generic;

/// <summary>
/// A fixture folder of endpoints the fake has no code for, written to a temp folder: an export-shaped
/// family with names of its own and no percentage (report-export), an endpoint with a path parameter,
/// a list, an enum-free boolean and a URL (apps/item), and one with only 2xx samples and a .csv link (stats/daily).
/// </summary>
internal sealed class FixtureFolder : IDisposable
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["report-export/create/endpoint.json"] = """
            { "method": "POST", "path": "/api/report/v1/export/create.json",
              "parameters": [ { "name": "idReport", "in": "query", "type": "integer", "required": true, "minimum": 1 },
                              { "name": "withHeader", "in": "query", "type": "boolean" } ] }
            """,
        ["report-export/create/200.created.json"] = """{ "code": 200, "message": "Ok", "data": { "idReportExport": "3" } }""",
        ["report-export/create/403.access-denied.json"] = """{ "code": 403, "message": "Access denied", "data": null }""",
        ["report-export/get/endpoint.json"] = """
            { "method": "GET", "path": "/api/report/v1/export/get.json",
              "parameters": [ { "name": "idReportExport", "in": "query", "type": "integer", "required": true } ] }
            """,
        ["report-export/get/200.pending.json"] = """{ "code": 200, "message": "Ok", "data": { "idReportExport": "3", "status": "pending" } }""",
        ["report-export/get/200.done.json"] = """
            { "code": 200, "message": "Ok", "data": { "idReportExport": "3", "status": "done",
              "files": [ { "link": "https://storage.example.com/reports/3.1.aaaa.csv.gz", "timestampExpires": "1617197992" } ] } }
            """,
        ["report-export/get/200.failed.json"] = """{ "code": 200, "message": "Ok", "data": { "idReportExport": "3", "status": "failed" } }""",
        ["report-export/get/404.not-found.json"] = """{ "code": 404, "message": "Not Found", "data": { "error": { "detail": "Report export not found" } } }""",
        ["apps/item/endpoint.json"] = """
            { "method": "GET", "path": "/api/apps/v1/{idApp}.json",
              "parameters": [ { "name": "idApp", "in": "path", "type": "integer", "required": true, "minimum": 1 },
                              { "name": "fields", "in": "query", "type": "list", "values": ["name", "icon"] },
                              { "name": "active", "in": "query", "type": "boolean" } ] }
            """,
        ["apps/item/200.ok.json"] = """
            { "code": 200, "message": "Ok",
              "data": { "idApp": "5", "name": "Demo", "icon": "https://tracker.my.com/static/icon.png" } }
            """,
        ["apps/item/404.not-found.json"] = """{ "code": 404, "message": "Not Found", "data": { "error": { "detail": "App not found" } } }""",
        ["stats/daily/endpoint.json"] = """
            { "method": "GET", "path": "/api/stats/v1/daily.json",
              "parameters": [ { "name": "date", "in": "query", "type": "string", "required": true },
                              { "name": "limit", "in": "query", "type": "integer", "minimum": 1, "maximum": 100 } ] }
            """,
        ["stats/daily/200.empty.json"] = """{ "code": 200, "message": "Ok", "data": { "date": "2021-03-30", "rows": [] } }""",
        ["stats/daily/200.full.json"] = """{ "code": 200, "message": "Ok", "data": { "date": "2021-03-30", "report": "https://tracker.my.com/storage/stats/daily.csv" } }""",
    };

    public FixtureFolder()
        : this(Files)
    {
    }

    /// <summary>A folder of the given files (path under the folder -> text).</summary>
    public FixtureFolder(IReadOnlyDictionary<string, string> files)
    {
        var dir = Directory.CreateTempSubdirectory("fake-any-fixtures-");
        Path = dir.FullName;
        foreach (var (name, text) in files)
        {
            var file = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
