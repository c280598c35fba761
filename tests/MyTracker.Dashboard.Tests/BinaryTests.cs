using System.Diagnostics;
using MyTracker.Dashboard.Tests.Support;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.Dashboard.Tests;

/// <summary>
/// The self-contained single-file binary of the tool (build/publish-binaries.sh), run where no .NET is:
/// its banner's curl line gets 200 and its dashboard's page is served from the binary's own resources.
/// Published once, for linux-x64 only, from a copy of the sources so the test's own build outputs stay untouched.
/// </summary>
public sealed class BinaryTests
{
    private static readonly TimeSpan PublishDeadline = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task The_linux_x64_binary_serves_without_dotnet_on_path_and_its_banner_curl_gets_200()
    {
        Assert.True(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64, "the test publishes for linux-x64, CI's machine");
        var copy = Directory.CreateTempSubdirectory("fake-tracker-publish-").FullName;
        try
        {
            CopySources(BuildInfo.RepositoryRoot, copy);
            var publish = await ProcessRunner.RunAsync(ProcessRunner.Describe("/bin/bash", [Path.Combine(copy, "build", "publish-binaries.sh"), "linux-x64"], copy), PublishDeadline);
            Assert.True(publish.ExitCode == 0, publish.ToString());
            var binary = Path.Combine(copy, "artifacts", "fake-tracker", "linux-x64", "fake-tracker");
            Assert.True(File.Exists(binary), publish.ToString());
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(binary)!));

            await RunWithoutDotnetAsync(binary);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task RunWithoutDotnetAsync(string binary)
    {
        // A PATH that holds curl alone (the system's bin folders hold dotnet's link too), and nothing that
        // points at a .NET install.
        var tools = Directory.CreateTempSubdirectory("no-dotnet-path-").FullName;
        File.CreateSymbolicLink(Path.Combine(tools, "curl"), ProcessRunner.FindOnPath("curl") ?? "/usr/bin/curl");
        var path = tools;
        var start = ProcessRunner.Describe(binary, ["--port", "0"], Path.GetTempPath(), new Dictionary<string, string?>
        {
            ["PATH"] = path,
            ["DOTNET_ROOT"] = null,
            ["DOTNET_HOST_PATH"] = null,
            ["MSBuildExtensionsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
        });
        Assert.DoesNotContain(start.Environment["PATH"]!.Split(':'), dir => File.Exists(Path.Combine(dir, "dotnet")));
        using var process = Process.Start(start)!;
        var output = new LineCapture();
        var error = new LineCapture();
        var pumps = Task.WhenAll(Pump(process.StandardOutput, output), Pump(process.StandardError, error));
        try
        {
            var curl = await output.WaitForLineAsync("  curl -s ").WaitAsync(Curl.Deadline);
            var dashboard = await output.WaitForLineAsync("Dashboard: ").WaitAsync(Curl.Deadline);
            var (status, body) = await Curl.RunAsync(curl.Trim(), new Dictionary<string, string?> { ["PATH"] = path });
            Assert.True(status == 200, $"{status} {body}\n{output.Text}\n{error.Text}");
            Assert.Contains("\"In progress\"", body, StringComparison.Ordinal);

            (status, body) = await Curl.RunAsync($"curl -s '{dashboard.Split(' ')[1]}'", new Dictionary<string, string?> { ["PATH"] = path });
            Assert.Equal(200, status);
            Assert.Contains("<title>fake-tracker dashboard</title>", body, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(Curl.Deadline);
            await pumps.WaitAsync(Curl.Deadline);
        }

        Directory.Delete(tools, recursive: true);
        Assert.Equal(string.Empty, error.Text);
    }

    private static async Task Pump(StreamReader reader, LineCapture capture)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            capture.Write(line + "\n");
        }
    }

    /// <summary>What the publish reads: the sources, fixtures and build files, without any bin/ or obj/.</summary>
    private static void CopySources(string root, string target)
    {
        foreach (var file in Directory.GetFiles(root, "Directory.*"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in new[] { "build", "src", "fixtures" })
        {
            CopyTree(Path.Combine(root, folder), Path.Combine(target, folder));
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            if (Path.GetFileName(dir) is not ("bin" or "obj"))
            {
                CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
            }
        }
    }
}
