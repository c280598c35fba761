using System.Globalization;
using System.Text.Json;

namespace MyTracker.Client.Operations;

/// <summary>
/// The whole export job in one call, resumable into the same folder: create.json once, wait, restart
/// after <c>Error occurred</c>, download every file. The folder remembers the export in a small job
/// file (<see cref="ManifestName"/>: export id, the request, the file count once done; no link, no
/// credential), written right after create.json answers. A second call for the same request and
/// folder, after a crash or in another process, resumes that export instead of creating another:
/// create.json, which must not be repeated blindly, is sent again only when the server said the
/// export failed or no longer exists.
/// </summary>
internal sealed class SegmentExportJob(MyTrackerClient client, MyTrackerClientOptions options)
{
    /// <summary>The job file's name in the target folder.</summary>
    public const string ManifestName = "segment-export-job.json";

    public async Task<SegmentExportResult> RunAsync(
        SegmentExportRequest request, string directory, IProgress<SegmentExportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        request.Validate();
        Directory.CreateDirectory(directory);
        var fingerprint = Fingerprint(request);
        var manifest = Manifest.Read(directory);
        if (manifest is not null && manifest.Request != fingerprint)
        {
            throw new InvalidOperationException(
                $"The folder {directory} holds segment export {manifest.ExportId} of another request ({manifest.Request}); use another folder, or delete its {ManifestName} to start over there.");
        }

        var remembered = manifest is not null;
        var operation = manifest is not null
            ? client.GetSegmentExportOperation(manifest.ExportId, request)
            : await StartAsync(request, directory, cancellationToken).ConfigureAwait(false);
        var restarts = 0;
        while (true)
        {
            var waiting = progress is null ? null : new InlineProgress<double>(p => progress.Report(new SegmentExportProgress(operation.Id, SegmentExportStage.Waiting, p, 0, 0)));
            var outcome = await operation.WaitForCompletionAsync(progress: waiting, cancellationToken: cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case SegmentExportOutcome.Succeeded:
                    var files = await operation.DownloadAsync(directory, progress, cancellationToken).ConfigureAwait(false);
                    new Manifest(operation.Id, fingerprint, files.Count).Write(directory);
                    return new SegmentExportResult(operation.Id, files);

                case SegmentExportOutcome.NotFound when remembered && manifest!.FileCount is { } count && Restored(directory, manifest.ExportId, count) is { } restored:
                    // Finished before and since removed from the server: the folder already holds the result.
                    return new SegmentExportResult(manifest.ExportId, restored);

                case SegmentExportOutcome.NotFound when remembered:
                    // The export the folder remembers is gone from the server: a new one is the only way on.
                    remembered = false;
                    DeleteFilesOf(directory, operation.Id);
                    operation = await StartAsync(request, directory, cancellationToken).ConfigureAwait(false);
                    break;

                case SegmentExportOutcome.ErrorOccurred when restarts < options.MaxExportRestarts:
                    // Documented remedy: the same request may be made again.
                    restarts++;
                    remembered = false;
                    DeleteFilesOf(directory, operation.Id);
                    operation = await StartAsync(request, directory, cancellationToken).ConfigureAwait(false);
                    break;

                default:
                    throw new SegmentExportFailedException(operation.Id, outcome);
            }
        }
    }

    /// <summary>A canonical text of what create.json would be asked, to tell the folder's job from another.</summary>
    internal static string Fingerprint(SegmentExportRequest request) => string.Create(CultureInfo.InvariantCulture,
        $"idSegment={request.SegmentId}&requestFields={string.Join(",", request.Fields)}&includeHeaderLine={request.IncludeHeaderLine}&registerType={request.LetterCase}&hashType={request.Hashing}&maxBatchFileSize={request.MaxFileSizeMegabytes}");

    private async Task<SegmentExportOperation> StartAsync(SegmentExportRequest request, string directory, CancellationToken cancellationToken)
    {
        var operation = await client.StartSegmentExportAsync(request, cancellationToken).ConfigureAwait(false);

        // At once, before anything else can fail: from here on a crash resumes this export.
        new Manifest(operation.Id, Fingerprint(request), FileCount: null).Write(directory);
        return operation;
    }

    private static DownloadedFile[]? Restored(string directory, long exportId, int count)
    {
        var names = Downloads.SegmentExportDownloader.PositionalNames(exportId, count);
        var paths = names.Select(n => Path.Combine(directory, n)).ToArray();
        if (!paths.All(File.Exists))
        {
            return null;
        }

        // The links are gone with the export; the local file's URI stands in for them.
        return paths.Select(p => new DownloadedFile(new SegmentExportFile(new Uri(Path.GetFullPath(p)), DateTimeOffset.MinValue), p, new FileInfo(p).Length, Skipped: true)).ToArray();
    }

    private static void DeleteFilesOf(string directory, long exportId)
    {
        foreach (var file in Directory.EnumerateFiles(directory, string.Create(CultureInfo.InvariantCulture, $"segment-export-{exportId}.*")))
        {
            File.Delete(file);
        }
    }

    /// <summary>The job file: which export the folder holds, for which request, and how many files once done.</summary>
    private sealed record Manifest(long ExportId, string Request, int? FileCount)
    {
        public static Manifest? Read(string directory)
        {
            var path = Path.Combine(directory, ManifestName);
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = document.RootElement;
                return new Manifest(
                    root.GetProperty("exportId").GetInt64(),
                    root.GetProperty("request").GetString() ?? string.Empty,
                    root.TryGetProperty("fileCount", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : null);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidOperationException($"{path} is not a job file this client wrote ({ex.Message}); delete it to start over in that folder.", ex);
            }
        }

        public void Write(string directory)
        {
            var path = Path.Combine(directory, ManifestName);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("exportId", ExportId);
                    writer.WriteString("request", Request);
                    if (FileCount is { } count)
                    {
                        writer.WriteNumber("fileCount", count);
                    }

                    writer.WriteEndObject();
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
    }
}
