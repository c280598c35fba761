using BenchmarkDotNet.Running;
using MyTracker.Benchmarks;

if (args.Length > 0 && args[0] is "rows" or "rows-memory")
{
    return await RowsThroughput.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(JsonBenchmarks).Assembly).Run(args);
return 0;
