using System.Text;
using MyTracker.Fixtures.Folders;
using MyTracker.Fixtures.Import;

namespace MyTracker.Fixtures;

/// <summary>Where an imported endpoint goes, when the path alone does not say it well.</summary>
public sealed record ImportOptions
{
    /// <summary>The area folder (e.g. <c>segment-export</c>) instead of the one the request path gives.</summary>
    public string? Area { get; init; }

    /// <summary>The endpoint folder (e.g. <c>get</c>) instead of the one the request path gives.</summary>
    public string? Endpoint { get; init; }
}

/// <summary>One file an import writes: its name inside the endpoint folder and its text.</summary>
/// <param name="FileName">E.g. <c>200.in-progress.json</c> or <c>endpoint.json</c>.</param>
/// <param name="Text">The content: a sample exactly as on the page, or the manifest.</param>
/// <param name="Line">The page line the sample starts at; 0 for the manifest.</param>
/// <param name="Note">Why the page did not make its status or scenario clear; null when it did.</param>
public sealed record ImportedFile(string FileName, string Text, int Line, string? Note);

/// <summary>What a documentation page gives: one endpoint folder's files, and what the page left unclear.</summary>
public sealed class ImportedEndpoint
{
    internal ImportedEndpoint(string area, string endpoint, string method, string path, IReadOnlyList<string> parameters, IReadOnlyList<ImportedFile> files, IReadOnlyList<string> notes, IReadOnlyList<string> info)
    {
        Parameters = parameters;
        Area = area;
        Endpoint = endpoint;
        Method = method;
        Path = path;
        Files = files;
        Notes = notes;
        Info = info;
    }

    /// <summary>The area folder, e.g. <c>segment-export</c>.</summary>
    public string Area { get; }

    /// <summary>The endpoint folder, e.g. <c>get</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The documented method.</summary>
    public string Method { get; }

    /// <summary>The documented path.</summary>
    public string Path { get; }

    /// <summary>The names of the documented parameters, in page order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>endpoint.json first, then the samples in page order.</summary>
    public IReadOnlyList<ImportedFile> Files { get; }

    /// <summary>What the page did not make clear, one line each (also in endpoint.json's <c>notes</c>).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>What the import did that is worth knowing but needs nothing (a repeated sample written once).</summary>
    public IReadOnlyList<string> Info { get; }

    /// <summary>The samples (every file but endpoint.json).</summary>
    public IEnumerable<ImportedFile> Samples => Files.Where(f => f.Line > 0);
}

/// <summary>
/// Imports a myTracker documentation page (saved as text or HTML) as a fixture folder: endpoint.json
/// from the request line, summary and parameter table, and every JSON sample verbatim as
/// <c>&lt;status&gt;.&lt;scenario&gt;.json</c>. What the page does not make clear is written with a note,
/// never guessed (see <see cref="SampleClassifier"/>).
/// </summary>
public static class DocumentationImporter
{
    /// <summary>Reads and imports a page file.</summary>
    /// <param name="pagePath">A page saved as text or as HTML (told apart by its content).</param>
    /// <param name="options">Folder names instead of the ones the path gives.</param>
    /// <returns>The endpoint's files.</returns>
    /// <exception cref="FixturesException">The page cannot be read, or has no request line or no sample.</exception>
    public static ImportedEndpoint Read(string pagePath, ImportOptions? options = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(pagePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FixturesException($"page {System.IO.Path.GetFullPath(pagePath)}: {e.Message}", e);
        }

        return Parse(text, System.IO.Path.GetFileName(pagePath), options);
    }

    /// <summary>Imports a page's text.</summary>
    /// <param name="pageText">The page, as text or HTML.</param>
    /// <param name="sourceName">How endpoint.json's <c>source</c> and the messages name the page (a file name).</param>
    /// <param name="options">Folder names instead of the ones the path gives.</param>
    /// <returns>The endpoint's files.</returns>
    /// <exception cref="FixturesException">The page has no request line or no sample.</exception>
    public static ImportedEndpoint Parse(string pageText, string sourceName, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pageText);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        options ??= new ImportOptions();

        var (text, address) = HtmlPage.Looks(pageText) ? HtmlPage.ToText(pageText) : (pageText, null);
        var page = PageReader.Read(text, address);
        if (page.Request is not { } request)
        {
            throw new FixturesException($"{sourceName}: no request line found (a line such as 'GET https://tracker.my.com/api/segment/v1/export/get.json'), so the endpoint's method and path are unknown");
        }

        if (page.Samples.Count == 0)
        {
            throw new FixturesException($"{sourceName}: no JSON sample found (a block starting with '{{' on a line of its own)");
        }

        var names = EndpointNames.FromPath(request.Path);
        var area = options.Area ?? names?.Area;
        var endpoint = options.Endpoint ?? names?.Endpoint;
        if (area is null || endpoint is null)
        {
            throw new FixturesException($"{sourceName}: the path {request.Path} gives no <area>/<endpoint> folder names; pass --area and --endpoint");
        }

        CheckFolderName(area, "--area");
        CheckFolderName(endpoint, "--endpoint");

        var notes = new List<string>(page.Notes);
        var parameterNotes = new List<string>();
        var parameters = Parameters(page, request, parameterNotes);
        notes.AddRange(parameterNotes);

        var info = new List<string>();
        var samples = SampleClassifier.Classify(page.Samples, info);
        notes.AddRange(samples.Where(s => s.Note is not null).Select(s => $"line {s.Line}: {s.FileName}: {s.Note}"));

        var fileNotes = new List<KeyValuePair<string, string>>();
        if (page.Notes.Count > 0)
        {
            fileNotes.Add(new("page", string.Join("; ", page.Notes)));
        }

        if (parameterNotes.Count > 0)
        {
            fileNotes.Add(new("parameters", string.Join("; ", parameterNotes)));
        }

        fileNotes.AddRange(samples.Where(s => s.Note is not null).Select(s => new KeyValuePair<string, string>(s.FileName, $"line {s.Line}: {s.Note}")));
        var meaningNotes = new List<KeyValuePair<string, string>>();
        var meanings = request.Method == "GET" ? ImportMeanings.Read(page.Samples, samples, meaningNotes) : [];
        notes.AddRange(meaningNotes.Select(n => $"{n.Key}: {n.Value}"));
        fileNotes.AddRange(meaningNotes.Where(n => fileNotes.All(f => f.Key != n.Key)));
        var manifest = ManifestWriter.Write(new ManifestContent(
            page.Summary,
            request.Method,
            request.Path,
            parameters,
            $"myTracker documentation page {address ?? sourceName}, imported by fake-tracker fixtures import (samples copied verbatim)",
            page.Examples,
            fileNotes,
            meanings));

        var files = new List<ImportedFile> { new("endpoint.json", manifest, 0, null) };
        files.AddRange(samples.Select(s => new ImportedFile(s.FileName, s.Text.EndsWith('\n') ? s.Text : s.Text + "\n", s.Line, s.Note)));
        return new ImportedEndpoint(area, endpoint, request.Method, request.Path, [.. parameters.Select(p => p.Name)], files, notes, info);
    }

    /// <summary>Writes the endpoint folder <c>&lt;outDirectory&gt;/&lt;area&gt;/&lt;endpoint&gt;/</c>.</summary>
    /// <param name="endpoint">What <see cref="Read"/> or <see cref="Parse"/> gave.</param>
    /// <param name="outDirectory">The fixture root to write into.</param>
    /// <param name="overwrite">Whether files already there may be replaced; without it nothing is written when one exists.</param>
    /// <returns>The full paths written, endpoint.json first.</returns>
    /// <exception cref="FixturesException">A file exists and <paramref name="overwrite"/> is false, or the folder cannot be written.</exception>
    public static IReadOnlyList<string> Write(ImportedEndpoint endpoint, string outDirectory, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(outDirectory, endpoint.Area, endpoint.Endpoint));
        var targets = endpoint.Files.Select(f => (File: f, Path: System.IO.Path.Combine(folder, f.FileName))).ToList();
        if (!overwrite && targets.FirstOrDefault(t => System.IO.File.Exists(t.Path)) is { Path: { } existing })
        {
            throw new FixturesException($"{existing} already exists; nothing was written (pass --force to overwrite)");
        }

        try
        {
            Directory.CreateDirectory(folder);
            foreach (var (file, path) in targets)
            {
                System.IO.File.WriteAllText(path, file.Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FixturesException($"cannot write {folder}: {e.Message}", e);
        }

        return [.. targets.Select(t => t.Path)];
    }

    private static List<ImportedParameter> Parameters(DocumentationPage page, RequestLine request, List<string> notes)
    {
        var parameters = NestedParameterImport.Fold(page.Parameters.Select(row => ParameterTypes.FromRow(row, page.RequiredMarker, request.Path, notes)).ToList(), notes);
        if (parameters.Count == 0 && page.Examples.Count > 0)
        {
            var query = page.Examples[0].Split('?', 2) is [_, var q] ? q : string.Empty;
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var (name, value) = pair.Split('=', 2) is [var n, var v] ? (Uri.UnescapeDataString(n), Uri.UnescapeDataString(v)) : (Uri.UnescapeDataString(pair), string.Empty);
                if (name.Length > 0 && parameters.All(p => p.Name != name))
                {
                    parameters.Add(ParameterTypes.FromExample(name, value, request.Path));
                }
            }

            if (parameters.Count > 0)
            {
                notes.Add($"the page has no parameter table; {string.Join(", ", parameters.Select(p => p.Name))} come from the example request {page.Examples[0]}, typed by its values and not marked required");
            }
        }

        foreach (var segment in request.Path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')))
        {
            var name = segment[1..^1];
            if (parameters.All(p => p.Name != name))
            {
                parameters.Add(new ImportedParameter(name, "path", "string", true, null, null, null, null, null));
                notes.Add($"path parameter {name} is not in the parameter table; imported as a required string");
            }
        }

        return parameters;
    }

    private static void CheckFolderName(string name, string option)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new FixturesException($"{option} '{name}' is not a folder name (letters, digits, '-' and '_')");
        }
    }
}
