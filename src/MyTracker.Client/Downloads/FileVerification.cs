using System.IO.Compression;

namespace MyTracker.Client.Downloads;

/// <summary>
/// What "complete" means for a downloaded file of each <see cref="ExportFileFormat"/>, checked before
/// the file gets its final name. The announced length is checked by the transfer for every format;
/// this adds what the bytes themselves can prove.
/// </summary>
internal static class FileVerification
{
    /// <summary>Reads the file from its start and verifies it.</summary>
    /// <exception cref="InvalidDataException">It is not a complete file of that format.</exception>
    public static async Task VerifyAsync(Stream file, ExportFileFormat format, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case ExportFileFormat.CsvGzip:
                await GzipVerifyingStream.VerifyAsync(file, cancellationToken).ConfigureAwait(false);
                break;
            case ExportFileFormat.Xlsx:
                await VerifyWorkbookAsync(file, cancellationToken).ConfigureAwait(false);
                break;

            // Plain CSV has no structure that tells a cut file from a whole one: its announced length is the check.
        }
    }

    /// <summary>
    /// An xlsx file is a zip package. <see cref="ZipArchive"/> finds the end of the central directory
    /// and reads every central header, so a file cut anywhere (the directory is at the end) fails there;
    /// every entry is then read to its end, which checks its local header and its compressed data, and
    /// its CRC-32 is computed here: <see cref="ZipArchive"/> does not compare it (measured on .NET 10: a
    /// changed byte in a stored part reads without an error). A readable zip that is not a workbook (no <c>[Content_Types].xml</c> or
    /// <c>xl/workbook.xml</c>) fails too: an HTML error page or another archive is not the report.
    /// </summary>
    private static async Task VerifyWorkbookAsync(Stream file, CancellationToken cancellationToken)
    {
        try
        {
            await using var zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
            var parts = new HashSet<string>(StringComparer.Ordinal);
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                parts.Add(entry.FullName);
                await using var content = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                long read = 0;
                var crc = Crc32.Start;
                int n;
                while ((n = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    read += n;
                    crc = Crc32.Append(crc, buffer.AsSpan(0, n));
                }

                if (read != entry.Length)
                {
                    throw new InvalidDataException($"its part {entry.FullName} has {read} of {entry.Length} bytes");
                }

                if (Crc32.Finish(crc) != entry.Crc32)
                {
                    throw new InvalidDataException($"its part {entry.FullName} does not match its CRC-32");
                }
            }

            foreach (var required in (string[])["[Content_Types].xml", "xl/workbook.xml"])
            {
                if (!parts.Contains(required))
                {
                    throw new InvalidDataException($"it is a zip file without the workbook part {required}");
                }
            }
        }
        catch (InvalidDataException)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            // What ZipArchive throws for some cuts (a seek past the end, an impossible offset) is the same verdict.
            throw new InvalidDataException(ex.Message, ex);
        }
    }
}

/// <summary>CRC-32 (IEEE 802.3, the zip and gzip polynomial), table-driven; the BCL has it only in a separate package.</summary>
internal static class Crc32
{
    public const uint Start = 0xFFFFFFFFu;

    private static readonly uint[] Table = BuildTable();

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    public static uint Finish(uint crc) => crc ^ 0xFFFFFFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < table.Length; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
