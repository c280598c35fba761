using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MyTracker.Fake;

namespace MyTracker.IntegrationTests.Support;

/// <summary>
/// The rows an export must yield, taken from a fault-free twin fake (rows are a function of owner,
/// export id, row number and field) over a plain HttpClient and GZipStream, so the oracle shares no
/// code with the client under test.
/// </summary>
internal sealed record ExpectedRows(IReadOnlyList<string> Rows, string Checksum, IReadOnlyList<IReadOnlyList<string>> Files, IReadOnlyList<long> CompressedSizes)
{
    /// <param name="export">The export as the fake under test is given it.</param>
    /// <param name="exportId">Its id.</param>
    /// <param name="cancellationToken">Cancels the twin's requests.</param>
    /// <param name="area">Its family (null: segment export).</param>
    public static async Task<ExpectedRows> FromTwinAsync(ExportBuilder export, long exportId, CancellationToken cancellationToken, string? area = null)
    {
        await using var twin = await FakeTracker.StartAsync(cancellationToken: cancellationToken);
        twin.Given(export);
        using var http = new HttpClient();
        var url = twin.GetStatusUrl(exportId, area);
        List<Uri>? links = null;

        // The lifecycle advances one step per served poll; a handful of polls reaches success.
        for (var poll = 0; poll < 50 && links is null; poll++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Authorization", twin.Sign(HttpMethod.Get, url));
            using var answer = await http.SendAsync(request, cancellationToken);
            answer.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken));
            if (json.RootElement.GetProperty("data").TryGetProperty("files", out var listed))
            {
                // Each file is an object with one absolute URL among its values (link, url, ...).
                links = [.. listed.EnumerateArray().Select(f => f.EnumerateObject()
                    .Select(p => p.Value.ValueKind == JsonValueKind.String && Uri.TryCreate(p.Value.GetString(), UriKind.Absolute, out var link) ? link : null)
                    .First(l => l is not null)!)];
            }
        }

        if (links is null)
        {
            throw new InvalidOperationException($"The twin fake never listed the files of export {exportId}.");
        }

        var files = new List<IReadOnlyList<string>>();
        var sizes = new List<long>();
        for (var i = 0; i < links.Count; i++)
        {
            var compressed = await http.GetByteArrayAsync(links[i], cancellationToken);
            sizes.Add(compressed.Length);
            await using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(cancellationToken);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            // Only file 1 carries the header line.
            files.Add(i == 0 ? [.. lines.Skip(1)] : lines);
        }

        var rows = files.SelectMany(f => f).ToList();
        return new ExpectedRows(rows, ChecksumOf(rows), files, sizes);
    }

    /// <summary>SHA-256 over the rows in order, one newline after each.</summary>
    public static string ChecksumOf(IEnumerable<string> rows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rows)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(row + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Rows missing from <paramref name="actual"/>, and rows it has that were not expected or more often than expected (both 0 when every row arrived exactly once).</summary>
    public (int Lost, int Extra) Compare(IReadOnlyList<string> actual)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in Rows)
        {
            counts[row] = counts.GetValueOrDefault(row) + 1;
        }

        var extra = 0;
        foreach (var row in actual)
        {
            var left = counts.GetValueOrDefault(row) - 1;
            if (left < 0)
            {
                extra++;
            }

            counts[row] = left;
        }

        return (counts.Values.Where(c => c > 0).Sum(), extra);
    }
}
