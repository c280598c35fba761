using System.IO.Compression;
using MyTracker.Client;

namespace MyTracker.Fake.Exports;

/// <summary>
/// The bytes of one file of an export, in its format: gzip-compressed CSV as every export before
/// report files had it (<see cref="CsvContent"/>, unchanged), plain CSV, or a workbook
/// (<see cref="Files.Workbook"/>). Report files take their rows and columns from their request
/// (<see cref="ExportTable"/>); a report always has its header row.
/// </summary>
internal static class FileContent
{
    public static byte[] Build(ExportState export, int fileNumber) => export.Format switch
    {
        ExportFileFormat.CsvGzip when export.Spec.Report is null => CsvContent.BuildGzip(export, fileNumber),
        ExportFileFormat.CsvGzip => Gzip(Csv(export, fileNumber)),
        ExportFileFormat.Xlsx => Files.Workbook.Build(ExportTable.Of(export, fileNumber)),
        _ => Csv(export, fileNumber),
    };

    /// <summary>The file's rows as CSV text (a workbook's too, for <see cref="FakeTracker.GetExpectedCsv"/>).</summary>
    public static byte[] Csv(ExportState export, int fileNumber) => export.Spec.Report is null
        ? CsvContent.BuildCsv(export.ApiUserId, export.Id, export.Spec, fileNumber)
        : ExportTable.Of(export, fileNumber).Csv(headerLine: true);

    private static byte[] Gzip(byte[] csv)
    {
        using var buffer = new MemoryStream(csv.Length / 3);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(csv);
        }

        return buffer.ToArray();
    }
}
