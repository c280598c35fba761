using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using MyTracker.Client;

namespace MyTracker.Benchmarks;

/// <summary>
/// Rows from a large .csv.gz through <see cref="ExportCsv"/> against <c>gzip -dc file | wc -l</c>
/// on the same file, and the process's peak memory as the file grows. A plain timing harness rather
/// than BenchmarkDotNet: one pass over 100 MB is long enough to time, and peak memory needs a fresh process.
/// </summary>
internal static class RowsThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        // rows [sizeMB] [runs]   -> timings; rows-memory <sizeMB> -> one read in this process, prints peak memory
        var sizeMb = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;
        var file = await EnsureFileAsync(sizeMb);
        if (args[0] == "rows-memory")
        {
            var rows = await CountRowsAsync(file);
            using var self = Process.GetCurrentProcess();
            Console.WriteLine($"{sizeMb} MB: {rows} rows, peak working set {self.PeakWorkingSet64 / (1024 * 1024)} MB, GC heap now {GC.GetTotalMemory(false) / (1024 * 1024)} MB");
            return 0;
        }

        var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var length = new FileInfo(file).Length;
        Console.WriteLine($"file: {file} ({length / (1024.0 * 1024):0.0} MB compressed)");
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var rows = await CountRowsAsync(file);
            var ours = sw.Elapsed;
            sw.Restart();
            var lines = GzipWc(file);
            var theirs = sw.Elapsed;
            Console.WriteLine(
                $"run {i + 1}: ExportCsv {rows} rows in {ours.TotalSeconds:0.00} s ({length / ours.TotalSeconds / 1e6:0.0} MB/s); " +
                $"gzip -dc | wc -l {lines} lines in {theirs.TotalSeconds:0.00} s ({length / theirs.TotalSeconds / 1e6:0.0} MB/s); ratio {theirs / ours:0.00}x");
        }

        return 0;
    }

    private static async Task<long> CountRowsAsync(string file)
    {
        long rows = 0;
        await foreach (var _ in ExportCsv.ReadRowsAsync([file]))
        {
            rows++;
        }

        return rows;
    }

    private static long GzipWc(string file)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"gzip -dc '{file}' | wc -l"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return long.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A segment-like export (header + gaid,idfa rows of random UUIDs) of about the given compressed size.</summary>
    private static async Task<string> EnsureFileAsync(int sizeMb)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mytracker-bench-{sizeMb}mb.csv.gz");
        if (File.Exists(path))
        {
            return path;
        }

        var temporary = path + ".tmp";
        var random = new Random(20210330);
        var guid = new byte[16];
        await using (var file = File.Create(temporary))
        {
            await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            var batch = new StringBuilder("gaid,idfa\n");
            while (file.Length < sizeMb * 1024L * 1024)
            {
                for (var i = 0; i < 10_000; i++)
                {
                    random.NextBytes(guid);
                    batch.Append(new Guid(guid).ToString()).Append(',');
                    random.NextBytes(guid);
                    batch.Append(new Guid(guid).ToString().ToUpperInvariant()).Append('\n');
                }

                await gzip.WriteAsync(Encoding.ASCII.GetBytes(batch.ToString()));
                batch.Clear();
            }
        }

        File.Move(temporary, path);
        return path;
    }
}
