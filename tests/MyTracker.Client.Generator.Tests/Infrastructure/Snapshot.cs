using ApprovalTests;
using ApprovalTests.Core;
using ApprovalTests.Writers;

namespace MyTracker.Client.Generator.Tests.Infrastructure;

/// <summary>
/// ApprovalTests with settings that work on a clean machine: approved files live in Snapshots/
/// beside the test sources (found through the compiler's caller path, not the stack trace or the
/// current directory) and a mismatch only fails the test, no diff tool is started.
/// Set MYTRACKER_APPROVE=1 to accept the current output.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string text, string extension = "cs", [System.Runtime.CompilerServices.CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var namer = new BesideSourceNamer(folder, name);
        var normalized = text.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("MYTRACKER_APPROVE") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, name + ".approved." + extension), normalized);
        }

        Approvals.Verify(new ApprovalTextWriter(normalized, extension), namer, new FailOnlyReporter());
    }

    private sealed class BesideSourceNamer(string sourcePath, string name) : IApprovalNamer
    {
        public string SourcePath { get; } = sourcePath;

        public string Name { get; } = name;
    }

    /// <summary>Reports nothing: the mismatch exception fails the test, and the .received file shows the new output.</summary>
    private sealed class FailOnlyReporter : IApprovalFailureReporter
    {
        public void Report(string approved, string received)
        {
        }
    }
}
