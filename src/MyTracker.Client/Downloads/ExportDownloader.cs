using System.Globalization;
using System.Net;
using MyTracker.Client.Http;

namespace MyTracker.Client.Downloads;

/// <summary>
/// Downloading for an export of any family: maps its files and its link refresh onto the
/// endpoint-neutral <see cref="FileDownloader"/> (parallel, resumable, verified, atomic), names files
/// by family, export and position, and streams one file for reading rows straight from the server.
/// </summary>
internal sealed class ExportDownloader(HttpClient http, MyTrackerClientOptions options)
{
    private readonly FileDownloader _files = new(http, options);

    public async Task<IReadOnlyList<DownloadedExportFile>> DownloadAsync(
        IReadOnlyList<ExportFile> files,
        string directory,
        Func<CancellationToken, Task<IReadOnlyList<ExportFile>>>? refreshLinks,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? localNames = null,
        long? exportId = null,
        Action<int>? filesCompleted = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrEmpty(directory);

        // Names are fixed before the first byte, so a refreshed link still maps to the same file.
        var names = localNames is not null && localNames.Count == files.Count ? localNames : LocalNames(files);
        var job = new DownloadJob(
            files.Select(ToLink).ToArray(),
            names,
            directory,
            refreshLinks is null ? null : async ct => (await refreshLinks(ct).ConfigureAwait(false)).Select(ToLink).ToArray(),
            exportId);
        // Counted and reported under one lock: parallel downloads finishing together must not report 2 after 3.
        var done = 0;
        var gate = new object();
        Action<FetchedFile>? completed = filesCompleted is null ? null : _ =>
        {
            lock (gate)
            {
                filesCompleted(++done);
            }
        };
        var fetched = await _files.DownloadAsync(job, completed, cancellationToken).ConfigureAwait(false);
        return fetched.Select(f => new DownloadedExportFile(new ExportFile(f.Link.Link, f.Link.ExpiresAt), f.Path, f.Length, f.Skipped)).ToArray();
    }

    private static FileLink ToLink(ExportFile file) => new(file.Link, file.ExpiresAt);

    /// <summary>Opens one file's stream as served (compressed for <c>.csv.gz</c>) for reading rows straight from the server; a broken transfer resumes.</summary>
    public async Task<Stream> OpenAsync(
        int index,
        Func<IReadOnlyList<ExportFile>> currentFiles,
        Func<CancellationToken, Task<IReadOnlyList<ExportFile>>>? refreshLinks,
        CancellationToken cancellationToken)
    {
        var first = await RequestAsync(index, currentFiles, refreshLinks, 0, null, cancellationToken).ConfigureAwait(false);
        return await ResumingReadStream.OpenAsync(
            first,
            (from, validator, ct) => RequestAsync(index, currentFiles, refreshLinks, from, validator, ct),
            options,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One file's answer from <paramref name="from"/> on (a successful response; the pipeline has retried it), its link renewed once if needed.</summary>
    private async Task<HttpResponseMessage> RequestAsync(
        int index,
        Func<IReadOnlyList<ExportFile>> currentFiles,
        Func<CancellationToken, Task<IReadOnlyList<ExportFile>>>? refreshLinks,
        long from,
        System.Net.Http.Headers.EntityTagHeaderValue? validator,
        CancellationToken cancellationToken)
    {
        var refreshed = false;
        var files = currentFiles();
        while (true)
        {
            var file = files[index];
            if (IsExpired(file))
            {
                files = await RefreshAsync(refreshLinks, refreshed, files.Count, file, "its link expired", 0, cancellationToken).ConfigureAwait(false);
                refreshed = true;
                continue;
            }

            var request = new HttpRequestMessage(HttpMethod.Get, file.Link);
            request.Options.Set(RequestOptionKeys.StreamedBody, true);
            if (from > 0 && validator is not null)
            {
                request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(from, null);
                request.Headers.IfRange = new System.Net.Http.Headers.RangeConditionHeaderValue(validator);
            }

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                response.Dispose();
                files = await RefreshAsync(refreshLinks, refreshed, files.Count, file, "the server refused its link", (int)response.StatusCode, cancellationToken).ConfigureAwait(false);
                refreshed = true;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var body = await SafeReadAsync(response, cancellationToken).ConfigureAwait(false);
                response.Dispose();
                throw new MyTrackerRequestFailedException((int)response.StatusCode, "GET", Redacted(file.Link), body, "the download failed");
            }

            return response;
        }
    }

    /// <summary>
    /// Names that depend only on the family, the export, the file's position and its format, never on
    /// the rest of its link (<c>raw-export-17.001.csv.gz</c>, <c>report-file-2.001.xlsx</c>): the server
    /// renames links when it renews them, but a renewed link is the same file of the same format.
    /// </summary>
    internal static string[] PositionalNames(string exportName, long exportId, IReadOnlyList<ExportFile> files) =>
        files.Select((file, i) => PositionalStem(exportName, exportId, i + 1) + ExportFileFormats.Extension(ExportFileFormats.FromLink(file.Link) ?? ExportFileFormat.CsvGzip)).ToArray();

    /// <summary>
    /// The complete files of an earlier download of this export, found by position whatever their
    /// format (the links that told it are gone), or null unless each position has exactly one.
    /// </summary>
    internal static string[]? FindPositional(string directory, string exportName, long exportId, int count)
    {
        var paths = new string[count];
        for (var n = 1; n <= count; n++)
        {
            var stem = PositionalStem(exportName, exportId, n);
            var found = Directory.EnumerateFiles(directory, stem + ".*")
                .Where(p => ExportFileFormats.FromName(p) is { } format && Path.GetFileName(p) == stem + ExportFileFormats.Extension(format))
                .ToArray();
            if (found.Length != 1)
            {
                return null;
            }

            paths[n - 1] = found[0];
        }

        return paths;
    }

    private static string PositionalStem(string exportName, long exportId, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{exportName}-{exportId}.{number:D3}");

    /// <summary>The pattern of every positional name of one export (see <see cref="PositionalNames"/>).</summary>
    internal static string PositionalPattern(string exportName, long exportId) =>
        string.Create(CultureInfo.InvariantCulture, $"{exportName}-{exportId}.*");

    internal static string[] LocalNames(IReadOnlyList<ExportFile> files)
    {
        var names = new string[files.Count];
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < files.Count; i++)
        {
            var name = Sanitize(files[i].Link);
            if (name is null || !used.Add(name))
            {
                // A missing or repeated name gets the file's position, which is stable across refreshes.
                name = $"part-{i + 1:D3}" + (name is null ? ".csv.gz" : "-" + name);
                used.Add(name);
            }

            names[i] = name;
        }

        return names;
    }

    private static string? Sanitize(Uri link)
    {
        var segment = link.IsAbsoluteUri ? Uri.UnescapeDataString(link.Segments[^1]).TrimEnd('/') : string.Empty;
        var chars = segment.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray();
        var name = new string(chars).Trim('.');
        return name.Length == 0 || name.EndsWith(PartialFile.Suffix, StringComparison.OrdinalIgnoreCase) ? null : name;
    }

    private Uri Redacted(Uri link) => RequestFailureHandler.Redact(options.BaseAddress, link)!;

    private static async Task<string?> SafeReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4 * MyTrackerRequestFailedException.MaxBodyExcerptLength));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private bool IsExpired(ExportFile file) =>
        options.TimeProvider.GetUtcNow() >= file.ExpiresAt - options.LinkExpirySafetyMargin;

    private async Task<IReadOnlyList<ExportFile>> RefreshAsync(
        Func<CancellationToken, Task<IReadOnlyList<ExportFile>>>? refreshLinks,
        bool alreadyRefreshed,
        int expectedCount,
        ExportFile file,
        string why,
        int status,
        CancellationToken cancellationToken)
    {
        if (refreshLinks is null || alreadyRefreshed)
        {
            throw new MyTrackerRequestFailedException(
                status, "GET", Redacted(file.Link), null,
                alreadyRefreshed ? $"the download failed even with a fresh link ({why})" : $"the download cannot start: {why} and no way to refresh links was given");
        }

        var fresh = await refreshLinks(cancellationToken).ConfigureAwait(false);
        if (fresh.Count != expectedCount)
        {
            throw new InvalidOperationException($"The export listed {expectedCount} files before and {fresh.Count} after refreshing its links.");
        }

        return fresh;
    }
}
