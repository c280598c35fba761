using System.Runtime.InteropServices;
using MyTracker.Fake.Tool;

// Thin host: everything testable lives in FakeTrackerApp. Only the process-wide signal wiring is here,
// because tests run the app in-process and must not install Ctrl+C handlers in the test host.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Keep the process alive so the fake is disposed and the exit code stays 0.
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

return await FakeTrackerApp.RunAsync(args, Console.Out, Console.Error, stop.Token);
