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

    /// <summary>Country ids as the Countries dictionary numbers them (the create page's own examples first).</summary>
    private static readonly int[] CountryIds = [188, 200, 6, 97, 120];

    /// <summary>
    /// A value of the kind a column's name documents: unix seconds for <c>ts...</c> (event and install
    /// times), a 20-digit key for <c>SDKKey</c>, an integer for an id (<c>id</c> and a capital: accounts,
    /// campaigns, tracking links and countries repeat over the rows as real ones do; a device, or an id
    /// the fake knows nothing of, is <c>1,000,000 + row</c>, unique per row, so an exactly-once check can
    /// tell rows apart and put them in order by it), else a text naming column, export and row.
    /// </summary>
    private static string ValueOfKind(string field, ulong seed, long exportId, long row)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (IsNamedLike(field, "ts"))
        {
            // 2024-01-01T00:00:00Z onwards, rising with the row, as an export of events over a period is.
            return (1_704_067_200L + row * 37 + (long)(seed % 37)).ToString(invariant);
        }

        if (field == "SDKKey")
        {
            return (seed % 100_000_000_000_000_000UL).ToString("D20", invariant);
        }

        if (IsNamedLike(field, "id"))
        {
            var id = field switch
            {
                "idAccount" => 3 + (row % 4),
                "idCampaign" => 60 + (row % 9),
                "idAd" => 87_870 + (row % 13),
                "idCountry" => CountryIds[row % CountryIds.Length],
                _ => 1_000_000 + row,
            };
            return id.ToString(invariant);
        }

        return string.Create(invariant, $"{field}-{exportId}-{row}");
    }

    /// <summary>Whether a column is named <paramref name="prefix"/> and then a capital (<c>tsEvent</c>, <c>idDevice</c>).</summary>
    private static bool IsNamedLike(string field, string prefix) =>
        field.Length > prefix.Length && field.StartsWith(prefix, StringComparison.Ordinal) && char.IsUpper(field[prefix.Length]);

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
