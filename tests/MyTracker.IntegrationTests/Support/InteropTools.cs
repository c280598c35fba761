using System.Security.Cryptography;

namespace MyTracker.IntegrationTests.Support;

/// <summary>
/// The third-party tools of the interop tests (stock WireMock's standalone jar, Prism, an OpenAPI 3.1
/// validator), pinned in <c>tests/interop-tools/package.json</c> + <c>package-lock.json</c> and installed
/// with <c>npm ci</c> into a temp folder named after the lock file's hash: once per machine and lock
/// version, shared by every test (and test process) that needs them. Nothing is written into the clone.
/// </summary>
internal static class InteropTools
{
    public const string WireMockVersion = "3.13.2";

    /// <summary>Long enough for a cold <c>npm ci</c> (~35 s here) on a busy 2-core machine.</summary>
    private static readonly TimeSpan InstallDeadline = TimeSpan.FromMinutes(10);

    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    /// <summary>The java executable, or null where there is none (the WireMock tests then skip).</summary>
    public static string? Java { get; } = ProcessRunner.FindOnPath("java");

    public static string SourceDirectory { get; } = Path.Combine(BuildInfo.RepositoryRoot, "tests", "interop-tools");

    public static async Task<string> WireMockJarAsync() =>
        Path.Combine(await Installed.Value, "node_modules", "wiremock", "build", $"wiremock-standalone-{WireMockVersion}.jar");

    /// <summary>Prism's entry script, run with node.</summary>
    public static async Task<string> PrismAsync() =>
        Path.Combine(await Installed.Value, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");

    /// <summary>The validator's command-line script, run with node.</summary>
    public static async Task<string> OpenApiValidatorAsync() =>
        Path.Combine(await Installed.Value, "node_modules", "@seriousme", "openapi-schema-validator", "bin", "validate-api-cli.js");

    /// <summary>check-examples.mjs: every named example of a document against its response schema (ajv, JSON Schema 2020-12).</summary>
    public static async Task<string> ExampleCheckerAsync() => Path.Combine(await Installed.Value, "check-examples.mjs");

    public static string Node => ProcessRunner.FindOnPath("node")
        ?? throw new InvalidOperationException("node is not on PATH: the interop tests need Node.js 20 or later (with npm) to install tests/interop-tools/package.json.");

    private static async Task<string> InstallAsync()
    {
        var npm = ProcessRunner.FindOnPath("npm")
            ?? throw new InvalidOperationException("npm is not on PATH: the interop tests need Node.js 20 or later (with npm) to install tests/interop-tools/package.json.");
        var lockFile = Path.Combine(SourceDirectory, "package-lock.json");

        // The scripts sit beside node_modules (node resolves their imports from there), so they are part of the install.
        var scripts = Directory.GetFiles(SourceDirectory, "*.mjs").Order(StringComparer.Ordinal).ToList();
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in scripts.Prepend(lockFile))
        {
            digest.AppendData(await File.ReadAllBytesAsync(part));
        }

        var hash = Convert.ToHexStringLower(digest.GetHashAndReset())[..16];
        var target = Path.Combine(Path.GetTempPath(), "mytracker-interop-tools-" + hash);
        var done = Path.Combine(target, ".installed");
        if (File.Exists(done))
        {
            return target;
        }

        // Another test process (or a parallel CI step) may be installing the same lock file.
        Directory.CreateDirectory(target);
        await using var gate = await LockAsync(target + ".lock");
        if (File.Exists(done))
        {
            return target;
        }

        File.Copy(Path.Combine(SourceDirectory, "package.json"), Path.Combine(target, "package.json"), overwrite: true);
        File.Copy(lockFile, Path.Combine(target, "package-lock.json"), overwrite: true);
        foreach (var script in scripts)
        {
            File.Copy(script, Path.Combine(target, Path.GetFileName(script)), overwrite: true);
        }

        // --ignore-scripts: nothing runs at install time (one of Prism's dependencies would report usage).
        var result = await ProcessRunner.RunAsync(
            ProcessRunner.Describe(npm, ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], target),
            InstallDeadline);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci of {SourceDirectory} into {target} failed: {result}");
        }

        await File.WriteAllTextAsync(done, DateTimeOffset.UtcNow.ToString("O"));
        return target;
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        var deadline = DateTime.UtcNow + InstallDeadline;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Held by another process's install: wait for it rather than install twice.
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}

/// <summary>A fact that runs only where Java is installed (stock WireMock is a Java program), and says so when it skips.</summary>
internal sealed class JavaFactAttribute : FactAttribute
{
    public JavaFactAttribute()
    {
        if (InteropTools.Java is null)
        {
            Skip = "java is not on PATH: stock WireMock " + InteropTools.WireMockVersion + " is a Java program (install a JRE 11+ to run this test).";
        }
    }
}

/// <summary>A theory that runs only where Java is installed; see <see cref="JavaFactAttribute"/>.</summary>
internal sealed class JavaTheoryAttribute : TheoryAttribute
{
    public JavaTheoryAttribute()
    {
        if (InteropTools.Java is null)
        {
            Skip = new JavaFactAttribute().Skip;
        }
    }
}
