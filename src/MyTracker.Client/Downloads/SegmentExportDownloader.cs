using System.Globalization;
using System.Net;
using MyTracker.Client.Http;

namespace MyTracker.Client.Downloads;

/// <summary>
/// Downloads an export's files into a folder: each streamed to a temporary name, its gzip checked,
/// then renamed, so a file under its final name is always complete and a resumed download skips it.
/// Expired links, by the clock or by the server's refusal, are replaced once through a re-poll.
/// </summary>
internal sealed class SegmentExportDownloader(HttpClient http, MyTrackerClientOptions options)
{
    private const string PartialSuffix = ".partial";

    public async Task<IReadOnlyList<DownloadedFile>> DownloadAsync(
        IReadOnlyList<SegmentExportFile> files,
        string directory,
        Func<CancellationToken, Task<IReadOnlyList<SegmentExportFile>>>? refreshLinks,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? localNames = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);

        // Names are fixed before the first byte, so a refreshed link still maps to the same file.
        var names = localNames is not null && localNames.Count == files.Count ? localNames : LocalNames(files);
        var current = files;
        var results = new List<DownloadedFile>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, names[i]);
            if (File.Exists(path))
            {
                results.Add(new DownloadedFile(current[i], path, new FileInfo(path).Length, Skipped: true));
                continue;
            }

            DeleteStalePartials(directory, names[i]);
            var refreshed = false;
            while (true)
            {
                var file = current[i];
                if (IsExpired(file))
                {
                    current = await RefreshAsync(refreshLinks, refreshed, files.Count, file, "its link expired", 0, cancellationToken).ConfigureAwait(false);
                    refreshed = true;
                    continue;
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, file.Link);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone)
                {
                    current = await RefreshAsync(refreshLinks, refreshed, files.Count, file, "the server refused its link", (int)response.StatusCode, cancellationToken).ConfigureAwait(false);
                    refreshed = true;
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    var body = await SafeReadAsync(response, cancellationToken).ConfigureAwait(false);
                    throw new MyTrackerRequestFailedException((int)response.StatusCode, "GET", Redacted(file.Link), body, "the download failed");
                }

                var length = await SaveAtomicallyAsync(response, path, file, cancellationToken).ConfigureAwait(false);
                results.Add(new DownloadedFile(file, path, length, Skipped: false));
                break;
            }
        }

        return results;
    }

    /// <summary>Opens one file's compressed stream for reading rows straight from the server.</summary>
    public async Task<Stream> OpenAsync(
        int index,
        Func<IReadOnlyList<SegmentExportFile>> currentFiles,
        Func<CancellationToken, Task<IReadOnlyList<SegmentExportFile>>>? refreshLinks,
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

            return new ResponseOwningStream(Guard(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), file), response);
        }
    }

    /// <summary>Names that depend only on the export and the file's position, never on its link.</summary>
    internal static string[] PositionalNames(long exportId, int count) =>
        Enumerable.Range(1, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"segment-export-{exportId}.{n:D3}.csv.gz")).ToArray();

    internal static string[] LocalNames(IReadOnlyList<SegmentExportFile> files)
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
        return name.Length == 0 || name.EndsWith(PartialSuffix, StringComparison.OrdinalIgnoreCase) ? null : name;
    }

    private static void DeleteStalePartials(string directory, string name)
    {
        foreach (var stale in Directory.EnumerateFiles(directory, name + ".*" + PartialSuffix))
        {
            TryDelete(stale);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Uri Redacted(Uri link) => new(MyTrackerLoggingHandler.RedactUrl(new Uri("invalid://none"), link));

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

    private bool IsExpired(SegmentExportFile file) =>
        options.TimeProvider.GetUtcNow() >= file.ExpiresAt - options.LinkExpirySafetyMargin;

    private static async Task<IReadOnlyList<SegmentExportFile>> RefreshAsync(
        Func<CancellationToken, Task<IReadOnlyList<SegmentExportFile>>>? refreshLinks,
        bool alreadyRefreshed,
        int expectedCount,
        SegmentExportFile file,
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

    private StallGuardStream Guard(Stream body, SegmentExportFile file) =>
        new(body, options.DownloadStallTimeout, options.TimeProvider,
            why => new MyTrackerRequestFailedException(200, "GET", Redacted(file.Link), null, "the download stalled: " + why));

    private async Task<long> SaveAtomicallyAsync(HttpResponseMessage response, string path, SegmentExportFile file, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}{PartialSuffix}";
        try
        {
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await using (var body = Guard(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), file))
                {
                    await body.CopyToAsync(target, 1 << 16, cancellationToken).ConfigureAwait(false);
                }

                // On disk before the rename: after a crash the final name never holds a partial file.
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                target.Flush(flushToDisk: true);

                target.Position = 0;
                try
                {
                    await GzipVerifyingStream.VerifyAsync(target, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException ex)
                {
                    throw new InvalidDataException($"The downloaded file {Path.GetFileName(path)} ({Redacted(file.Link)}) is not a complete gzip file.", ex);
                }
            }

            File.Move(temporary, path, overwrite: false);
            return new FileInfo(path).Length;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The response body that disposes its response with it.</summary>
    private sealed class ResponseOwningStream(Stream inner, HttpResponseMessage response) : ReadOnlyStream
    {

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
