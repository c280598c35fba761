using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace MyTracker.Fake.Exports;

/// <summary>
/// The rows of an export's files: deterministic (a function of owner, export, row and field), so a
/// test can predict every value, one column per requested field, gzip-compressed.
/// </summary>
internal static class CsvContent
{
    public static byte[] BuildGzip(ExportState export, int fileNumber)
    {
        var csv = BuildCsv(export.ApiUserId, export.Id, export.Spec, fileNumber);
        using var buffer = new MemoryStream(csv.Length / 3);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(csv);
        }

        return buffer.ToArray();
    }

    public static byte[] BuildCsv(string apiUserId, long exportId, ExportBuilder spec, int fileNumber)
    {
        var text = new StringBuilder(spec.RowsPerFile * 24 * spec.Fields.Count + 64);
        if (fileNumber == 1 && spec.HeaderLine)
        {
            text.AppendJoin(',', spec.Fields).Append('\n');
        }

        var firstRow = (long)(fileNumber - 1) * spec.RowsPerFile;
        var userSeed = StableHash(apiUserId);
        for (var r = 0; r < spec.RowsPerFile; r++)
        {
            var row = firstRow + r;
            for (var f = 0; f < spec.Fields.Count; f++)
            {
                if (f > 0)
                {
                    text.Append(',');
                }

                text.Append(Value(spec, spec.Fields[f], userSeed, exportId, row));
            }

            text.Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The value of one cell, exactly as written to the file.</summary>
    public static string Value(ExportBuilder spec, string field, ulong userSeed, long exportId, long row)
    {
        var seed = Mix(userSeed ^ Mix((ulong)exportId) ^ Mix((ulong)row * 31 + (ulong)field.Length));
        string? identifier = field switch
        {
            "gaid" => Guid(seed, upper: false),
            "idfa" => Guid(seed, upper: true),
            "oaid" => Guid(Mix(seed), upper: false),
            "customUserId" => $"user-{exportId}-{row}",
            _ => null,
        };
        if (identifier is null)
        {
            return field switch
            {
                "idApp" => (10_000 + (row % 7)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "idProfile" => (1_000_000 + row).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "idProject" => (2_000 + (row % 5)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "idProjectUser" => (7_000_000 + row).ToString(System.Globalization.CultureInfo.InvariantCulture),

                // Another family's columns: a value of the kind the column's name says (raw export's selectors),
                // else one that names its column, export and row, so every row is unique.
                _ => ValueOfKind(field, seed, exportId, row),
            };
        }

        if (field != "customUserId")
        {
            identifier = spec.Register switch
            {
                ExportRegisterType.Lower => identifier.ToLowerInvariant(),
                ExportRegisterType.Upper => identifier.ToUpperInvariant(),
                _ => identifier,
            };
        }

        return spec.Hash switch
        {
            ExportHashType.Md5 => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(identifier))),
            ExportHashType.Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identifier))),
            _ => identifier,
        };
    }

    /// <summary>
    /// A value of the kind a column's name documents: unix seconds for <c>ts...</c> (event and install
    /// times), a 20-digit key for <c>SDKKey</c>, else a text naming column, export and row (ids
    /// other than segment export's keep that text, unique per row, which the exactly-once checks rely on).
    /// </summary>
    private static string ValueOfKind(string field, ulong seed, long exportId, long row)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (field.Length > 2 && field.StartsWith("ts", StringComparison.Ordinal) && char.IsUpper(field[2]))
        {
            // 2024-01-01T00:00:00Z onwards, rising with the row, as an export of events over a period is.
            return (1_704_067_200L + row * 37 + (long)(seed % 37)).ToString(invariant);
        }

        if (field == "SDKKey")
        {
            return (seed % 100_000_000_000_000_000UL).ToString("D20", invariant);
        }

        return string.Create(invariant, $"{field}-{exportId}-{row}");
    }

    public static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static string Guid(ulong seed, bool upper)
    {
        var hex = Mix(seed).ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + Mix(seed + 1).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        var text = $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
        return upper ? text.ToUpperInvariant() : text;
    }
}
