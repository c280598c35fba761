namespace MyTracker.Client.Downloads;

/// <summary>
/// A file being downloaded, under a temporary name (<c>&lt;name&gt;.&lt;guid&gt;.partial</c>) until it is
/// complete and verified: then it is flushed to disk and renamed, so a file under its final name is
/// always complete (a resumed download skips it) and a crash or a cancellation never leaves a partial
/// file under a final name. Bytes of a cut transfer stay, so the next attempt can ask for the rest.
/// </summary>
internal sealed class PartialFile(string finalPath) : IAsyncDisposable
{
    public const string Suffix = ".partial";

    private readonly string _temporaryPath = $"{finalPath}.{Guid.NewGuid():N}{Suffix}";
    private FileStream? _stream;

    public string FinalPath => finalPath;

    /// <summary>How many bytes are there so far.</summary>
    public long Length => _stream?.Length ?? 0;

    /// <summary>Appends what <paramref name="body"/> delivers until it ends or fails; what arrived before a failure stays.</summary>
    public async Task AppendAsync(Stream body, CancellationToken cancellationToken)
    {
        var stream = Open();
        stream.Seek(0, SeekOrigin.End);
        try
        {
            await body.CopyToAsync(stream, 1 << 16, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets every byte: the next attempt starts from the beginning.</summary>
    public void Reset() => _stream?.SetLength(0);

    /// <summary>Reads the whole file through the check of its format (<see cref="FileVerification"/>).</summary>
    /// <exception cref="InvalidDataException">It is not a complete file of that format.</exception>
    public async Task VerifyAsync(ExportFileFormat format, CancellationToken cancellationToken)
    {
        var stream = Open();
        stream.Position = 0;
        await FileVerification.VerifyAsync(stream, format, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes to disk, then renames to the final name.</summary>
    public async Task<long> CommitAsync()
    {
        var stream = Open();
        var length = stream.Length;

        // On disk before the rename: after a crash the final name never holds a partial file.
        stream.Flush(flushToDisk: true);
        await stream.DisposeAsync().ConfigureAwait(false);
        _stream = null;
        File.Move(_temporaryPath, finalPath, overwrite: false);
        return length;
    }

    /// <summary>Removes the temporary file (after a failure or a cancellation).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }

        TryDelete(_temporaryPath);
    }

    /// <summary>Deletes temporary files an earlier, interrupted run left for this name.</summary>
    public static void DeleteStale(string directory, string name)
    {
        foreach (var stale in Directory.EnumerateFiles(directory, name + ".*" + Suffix))
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

    private FileStream Open() =>
        _stream ??= new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
}
