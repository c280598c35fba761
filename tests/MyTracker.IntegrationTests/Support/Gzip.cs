using System.IO.Compression;
using System.Text;

namespace MyTracker.IntegrationTests.Support;

/// <summary>A downloaded <c>.csv.gz</c> as text, for comparing with what the fake says it served.</summary>
internal static class Gzip
{
    /// <summary>
    /// The text of a whole gzip file. GZipStream reads a cut stream to a silent early end, so the
    /// trailer's length (ISIZE, the last four bytes) is compared with what came out: a cut file throws
    /// instead of passing short.
    /// </summary>
    public static string Text(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        if (gz.Length < 18 || BitConverter.ToUInt32(gz, gz.Length - 4) != (uint)output.Length)
        {
            throw new InvalidDataException("The gzip stream is cut short.");
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>The text of a whole gzip file on disk.</summary>
    public static string FileText(string path) => Text(File.ReadAllBytes(path));
}
