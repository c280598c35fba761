using System.Runtime.CompilerServices;
using MyTracker.Client.Downloads;
using nietras.SeparatedValues;

namespace MyTracker.Client;

/// <summary>
/// Reads the rows of any export's <c>.csv.gz</c> files, one file after another, streamed through
/// gzip (with its integrity checked at each file's end) and the Sep CSV parser: memory stays
/// constant whatever the size of the export. As documented for segment export, only the first file
/// starts with a header line (when the export has one); a later file that repeats it has it skipped.
/// </summary>
public static class ExportCsv
{
    /// <summary>Reads all rows of downloaded files, in order.</summary>
    /// <param name="gzipFilePaths">The <c>.csv.gz</c> files of one export, in the export's order.</param>
    /// <param name="firstFileHasHeader">Whether the export was requested with a header line (the default); only the first file has it.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The rows, streamed.</returns>
    /// <exception cref="InvalidDataException">A file is not valid gzip or is cut short.</exception>
    public static IAsyncEnumerable<ExportRow> ReadRowsAsync(
        IEnumerable<string> gzipFilePaths, bool firstFileHasHeader = true, CancellationToken cancellationToken = default)
    {
        return ReadRowsAsync(Openers(gzipFilePaths), firstFileHasHeader, cancellationToken);
    }

    /// <summary>Reads all rows of gzip-compressed CSV streams opened one at a time, in order.</summary>
    /// <param name="openFiles">Opens each file's compressed stream when its turn comes; the stream is disposed after it.</param>
    /// <param name="firstFileHasHeader">Whether the first file starts with a header line.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The rows, streamed.</returns>
    /// <exception cref="InvalidDataException">A file is not valid gzip or is cut short.</exception>
    public static IAsyncEnumerable<ExportRow> ReadRowsAsync(
        IEnumerable<Func<CancellationToken, Task<Stream>>> openFiles,
        bool firstFileHasHeader = true,
        CancellationToken cancellationToken = default) =>
        ReadRowsAsync(openFiles, firstFileHasHeader, static row => row, cancellationToken);

    /// <summary>Opens every file of a list of paths when its turn comes.</summary>
    internal static IEnumerable<Func<CancellationToken, Task<Stream>>> Openers(IEnumerable<string> gzipFilePaths)
    {
        ArgumentNullException.ThrowIfNull(gzipFilePaths);
        return gzipFilePaths.Select(path => (Func<CancellationToken, Task<Stream>>)(_ => Task.FromResult<Stream>(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))));
    }

    /// <summary>The reader itself; <paramref name="wrap"/> gives each row the public type of its caller (no extra enumerator per row).</summary>
    internal static async IAsyncEnumerable<TRow> ReadRowsAsync<TRow>(
        IEnumerable<Func<CancellationToken, Task<Stream>>> openFiles,
        bool firstFileHasHeader,
        Func<ExportRow, TRow> wrap,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openFiles);
        string[] header = [];
        var fileIndex = 0;
        foreach (var open in openFiles)
        {
            var hasHeader = firstFileHasHeader && fileIndex == 0;
            var compressed = await open(cancellationToken).ConfigureAwait(false);
            await using var gzip = new GzipVerifyingStream(compressed);
            using var reader = await Sep.New(',')
                .Reader(o => o with { HasHeader = hasHeader, Unescape = true, DisableColCountCheck = true })
                .FromAsync(gzip, cancellationToken)
                .ConfigureAwait(false);
            if (hasHeader)
            {
                header = reader.Header.ColNames.ToArray();
            }

            var first = true;
            while (await reader.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                // Sep looks at the token only when it refills its buffer; a consumer that cancels expects the next row not to come.
                cancellationToken.ThrowIfCancellationRequested();
                var values = CurrentValues(reader);

                // Documented: only the first file has the header. Should a later file repeat it anyway,
                // it is not data (identifiers never equal the column names).
                if (first && fileIndex > 0 && header.Length > 0 && values.AsSpan().SequenceEqual(header))
                {
                    first = false;
                    continue;
                }

                first = false;
                yield return wrap(new ExportRow(header, values, fileIndex));
            }

            fileIndex++;
        }
    }

    // Row is a ref struct: it is turned into strings outside the async iterator's state.
    private static string[] CurrentValues(SepReader reader)
    {
        var row = reader.Current;
        var values = new string[row.ColCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = row[i].ToString();
        }

        return values;
    }
}
