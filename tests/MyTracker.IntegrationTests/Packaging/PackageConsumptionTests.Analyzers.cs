using System.Text.RegularExpressions;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Packaging;

/// <summary>
/// The analyzers the MyTracker.Client package ships, as a consumer of the packed package meets them:
/// a switch naming every case of a result generated from the consumer's own fixtures builds with no
/// warning (the main test asserts "0 Warning(s)" with <c>Switches.cs</c> in the build), and the same
/// switch without one documented case warns MTG0013 with the case's name.
/// </summary>
public sealed partial class PackageConsumptionTests
{
    /// <summary>The analyzer assemblies the package carries in analyzers/dotnet/cs: the generator (with its analyzer and suppressor) and the code fix.</summary>
    private static readonly string[] AnalyzerAssemblies =
    [
        "analyzers/dotnet/cs/MyTracker.Client.Generator.dll",
        "analyzers/dotnet/cs/MyTracker.Client.CodeFixes.dll",
    ];

    private static void WriteSwitches(string consumer, string template)
        => File.Copy(Path.Combine(template, "Switches.cs.txt"), Path.Combine(consumer, "Switches.cs"));

    private static void AssertAnalyzerAssemblies(IReadOnlySet<string> entries)
    {
        Assert.All(AnalyzerAssemblies, a => Assert.Contains(a, entries));

        // Roslyn itself comes from the compiler or the IDE that loads the analyzers, never from the package.
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && Path.GetFileName(e).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    private async Task AssertAMissingCaseWarnsAsync(string consumer)
    {
        var complete = await File.ReadAllTextAsync(Path.Combine(consumer, "Switches.cs"));
        var incomplete = Regex.Replace(complete.Replace("class Switches", "class IncompleteSwitches", StringComparison.Ordinal), @"^.*ReportExportGetResult\.NotFound.*\n", string.Empty, RegexOptions.Multiline);
        Assert.DoesNotContain("NotFound", incomplete, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(consumer, "IncompleteSwitches.cs"), incomplete);
        try
        {
            var build = await packed.DotnetAsync(consumer,
                "build", "--nologo", "-c", "Debug", "-p:UseSharedCompilation=false", "--disable-build-servers", "-p:TreatWarningsAsErrors=false");
            Assert.True(build.ExitCode == 0, build.ToString());
            var warnings = build.Output.Split('\n')
                .Select(l => Regex.Match(l, @"IncompleteSwitches\.cs\(\d+,\d+\): warning (?<id>\w+): (?<message>[^\[]*)"))
                .Where(m => m.Success)
                .Select(m => (Id: m.Groups["id"].Value, Message: m.Groups["message"].Value.Trim()))
                .Distinct()
                .ToList();
            Assert.Equal(
                [
                    ("CS8509", "The switch expression does not handle all possible values of its input type (it is not exhaustive). For example, the pattern '_' is not covered."),
                    ("MTG0013", "The switch on 'ReportExportGetResult' does not handle 'NotFound' (report-export/get/404.not-found.json)"),
                ],
                warnings.Order());
        }
        finally
        {
            File.Delete(Path.Combine(consumer, "IncompleteSwitches.cs"));
        }
    }
}
