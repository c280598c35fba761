using System.Text.Json;
using MyTracker.Client.Downloads;
using MyTracker.Client.Operations;

namespace MyTracker.Client;

/// <summary>
/// The whole export job of any family in one call, resumable into the same folder: create once,
/// wait, restart after a failure that can be requested again, download every file. The folder
/// remembers the export in a small job file (<c>&lt;name&gt;-job.json</c>: export id, the request's
/// canonical text, the file count once done; no link, no credential), written right after the create
/// call answers. A second call for the same request and folder, after a crash or in another process,
/// resumes that export instead of creating another: the create call, which must not be repeated
/// blindly, is made again only when the server said the export failed or no longer exists.
/// </summary>
internal sealed class ExportJob<TRequest, TResult>(ExportOperations<TRequest, TResult> operations, MyTrackerClientOptions options)
    where TRequest : class
    where TResult : class
{
    private readonly ExportAdapter<TRequest, TResult> _adapter = operations.ExportAdapter;

    /// <summary>The job file's name in the target folder: <c>raw-export-job.json</c>.</summary>
    public static string ManifestNameOf(string exportName) => exportName + "-job.json";

    public async Task<ExportResult> RunAsync(TRequest request, string directory, IProgress<ExportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var fingerprint = _adapter.DescribeRequest(request);
        Directory.CreateDirectory(directory);
        var manifestName = ManifestNameOf(_adapter.Name);
        var manifest = Manifest.Read(directory, manifestName);
        if (manifest is not null && manifest.Request != fingerprint)
        {
            throw new InvalidOperationException(
                $"The folder {directory} holds {ExportNames.Inline(_adapter.Name)} {manifest.ExportId} of another request ({manifest.Request}); use another folder, or delete its {manifestName} to start over there.");
        }

        var remembered = manifest is not null;
        var operation = manifest is not null
            ? operations.GetOperation(manifest.ExportId, request)
            : await StartAsync(request, directory, fingerprint, cancellationToken).ConfigureAwait(false);
        var restarts = 0;
        while (true)
        {
            var current = operation;
            var waiting = progress is null ? null : new InlineProgress<double>(p => progress.Report(new ExportProgress(current.Id, ExportStage.Waiting, p, 0, 0)));
            var outcome = await operation.WaitForCompletionAsync(progress: waiting, cancellationToken: cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case ExportOutcome.Succeeded:
                    var files = await operation.DownloadAsync(directory, progress, cancellationToken).ConfigureAwait(false);
                    new Manifest(operation.Id, fingerprint, files.Count).Write(directory, manifestName);
                    return new ExportResult(operation.Id, files);

                case ExportOutcome.NotFound when remembered && manifest!.FileCount is { } count && Restored(directory, manifest.ExportId, count) is { } restored:
                    // Finished before and since removed from the server: the folder already holds the result.
                    return new ExportResult(manifest.ExportId, restored);

                case ExportOutcome.NotFound when remembered:
                    // The export the folder remembers is gone from the server: a new one is the only way on.
                    remembered = false;
                    DeleteFilesOf(directory, operation.Id);
                    operation = await StartAsync(request, directory, fingerprint, cancellationToken).ConfigureAwait(false);
                    break;

                case ExportOutcome.Failed { CanBeRequestedAgain: true } when restarts < options.MaxExportRestarts:
                    // Documented remedy: the same request may be made again.
                    restarts++;
                    remembered = false;
                    DeleteFilesOf(directory, operation.Id);
                    operation = await StartAsync(request, directory, fingerprint, cancellationToken).ConfigureAwait(false);
                    break;

                default:
                    throw new ExportFailedException(_adapter.Name, operation.Id, outcome, restarts);
            }
        }
    }

    private async Task<ExportOperation<TRequest, TResult>> StartAsync(TRequest request, string directory, string fingerprint, CancellationToken cancellationToken)
    {
        var operation = await operations.StartAsync(request, cancellationToken).ConfigureAwait(false);

        // At once, before anything else can fail: from here on a crash resumes this export.
        new Manifest(operation.Id, fingerprint, FileCount: null).Write(directory, ManifestNameOf(_adapter.Name));
        return operation;
    }

    private DownloadedExportFile[]? Restored(string directory, long exportId, int count)
    {
        if (ExportDownloader.FindPositional(directory, _adapter.Name, exportId, count) is not { } paths)
        {
            return null;
        }

        // The links are gone with the export; the local file's URI stands in for them.
        return paths.Select(p => new DownloadedExportFile(new ExportFile(new Uri(Path.GetFullPath(p)), DateTimeOffset.MinValue), p, new FileInfo(p).Length, Skipped: true)).ToArray();
    }

    private void DeleteFilesOf(string directory, long exportId)
    {
        foreach (var file in Directory.EnumerateFiles(directory, ExportDownloader.PositionalPattern(_adapter.Name, exportId)))
        {
            File.Delete(file);
        }
    }

    /// <summary>The job file: which export the folder holds, for which request, and how many files once done.</summary>
    private sealed record Manifest(long ExportId, string Request, int? FileCount)
    {
        public static Manifest? Read(string directory, string name)
        {
            var path = Path.Combine(directory, name);
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

        public void Write(string directory, string name)
        {
            var path = Path.Combine(directory, name);
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
