using BenchmarkDotNet.Running;
using MyTracker.Benchmarks;
using MyTracker.Benchmarks.Hosting;

// Console modes first (the load script's serve-fake and startup, the rows measurements); anything
// else goes to BenchmarkDotNet.
if (await FakeHost.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

if (args.Length > 0 && args[0] == "poll-allocations")
{
    return await PollAllocations.RunAsync(args);
}

if (args.Length > 0 && args[0] == "scenario-race")
{
    return await ScenarioRace.RunAsync(args);
}

if (args.Length > 0 && args[0] is "rows" or "rows-memory")
{
    return await RowsThroughput.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(JsonBenchmarks).Assembly).Run(args);
return 0;
