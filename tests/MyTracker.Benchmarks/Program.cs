using BenchmarkDotNet.Running;
using MyTracker.Benchmarks.Hosting;

// The load script's console modes come first; anything else goes to BenchmarkDotNet.
if (await FakeHost.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

BenchmarkSwitcher.FromAssembly(typeof(FakeHost).Assembly).Run(args);
return 0;
