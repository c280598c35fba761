using System.Runtime.CompilerServices;
using MyTracker.Client.Downloads;
using nietras.SeparatedValues;

namespace MyTracker.Client;

/// <summary>
/// Reads the rows of any export's CSV files, one file after another: <c>.csv.gz</c> streamed through
/// gzip (with its integrity checked at each file's end), plain <c>.csv</c> (a report file's
/// <c>fileType=csv</c>) as it is, both through the Sep CSV parser: memory stays constant whatever the
/// size of the export. As documented for segment export, only the first file starts with a header
/// line (when the export has one); a later file that repeats it has it skipped. An <c>.xlsx</c>
/// workbook has no CSV rows: read it with a spreadsheet library (docs/export-operations.md, "Report files").
/// </summary>
public static class ExportCsv
{
    /// <summary>Reads all rows of downloaded files, in order; each file's format is its extension's (<c>.csv.gz</c>, <c>.csv</c>; another name is read as gzip).</summary>
    /// <param name="filePaths">The files of one export, in the export's order.</param>
    /// <param name="firstFileHasHeader">Whether the export was requested with a header line (the default); only the first file has it.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The rows, streamed.</returns>
    /// <exception cref="InvalidDataException">A <c>.csv.gz</c> file is not valid gzip or is cut short.</exception>
    /// <exception cref="NotSupportedException">A file is an <c>.xlsx</c> workbook (thrown before any row).</exception>
    public static IAsyncEnumerable<ExportRow> ReadRowsAsync(
        IEnumerable<string> filePaths, bool firstFileHasHeader = true, CancellationToken cancellationToken = default)
    {
        return ReadRowsAsync(Openers(filePaths), firstFileHasHeader, static row => row, cancellationToken);
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
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openFiles);
        return ReadRowsAsync(openFiles.Select(open => Decoded(open, ExportFileFormat.CsvGzip)), firstFileHasHeader, static row => row, cancellationToken);
    }

    /// <summary>Opens every file of a list of paths when its turn comes, decoded by its extension's format.</summary>
    internal static IEnumerable<Func<CancellationToken, Task<Stream>>> Openers(IEnumerable<string> filePaths)
    {
        ArgumentNullException.ThrowIfNull(filePaths);
        var paths = filePaths.ToArray();
        var formats = paths.Select(path => RowFormat(ExportFileFormats.FromName(path), path)).ToArray();
        return paths.Select((path, i) => Decoded(
            _ => Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan)),
            formats[i]));
    }

    /// <summary>The format whose CSV rows a file has: its own, gzip when unknown; a workbook has none.</summary>
    /// <exception cref="NotSupportedException">An <c>.xlsx</c> workbook.</exception>
    internal static ExportFileFormat RowFormat(ExportFileFormat? format, string name) => format switch
    {
        ExportFileFormat.Xlsx => throw new NotSupportedException(
            $"{name} is an xlsx workbook, which has no CSV rows: read it with a spreadsheet library (docs/export-operations.md, \"Report files\"), or request the report with fileType=csv."),
        { } known => known,
        null => ExportFileFormat.CsvGzip,
    };

    /// <summary>An opener of a file's CSV text: gzip decompressed and verified, plain CSV as it is.</summary>
    internal static Func<CancellationToken, Task<Stream>> Decoded(Func<CancellationToken, Task<Stream>> open, ExportFileFormat format) =>
        format == ExportFileFormat.CsvGzip
            ? async ct => new GzipVerifyingStream(await open(ct).ConfigureAwait(false))
            : open;

    /// <summary>The reader itself, over openers of CSV text (see <see cref="Decoded"/>); <paramref name="wrap"/> gives each row the public type of its caller (no extra enumerator per row).</summary>
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
            await using var text = await open(cancellationToken).ConfigureAwait(false);
            using var reader = await Sep.New(',')
                .Reader(o => o with { HasHeader = hasHeader, Unescape = true, DisableColCountCheck = true })
                .FromAsync(text, cancellationToken)
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
