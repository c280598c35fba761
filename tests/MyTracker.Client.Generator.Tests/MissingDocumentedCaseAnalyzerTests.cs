using Microsoft.CodeAnalysis;
using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>MTG0013: a switch over a generated result (or discriminator enum) that leaves out a documented case is reported at its <c>switch</c> keyword with the case and its sample.</summary>
public sealed class MissingDocumentedCaseAnalyzerTests
{
    [Fact]
    public void A_switch_expression_with_a_discard_arm_that_leaves_out_a_case_is_reported_at_the_switch_with_the_sample()
    {
        var run = AnalyzerHarness.Analyze("""
            using MyTracker.Client;
            static class C
            {
                static string F(SegmentExportGetResult r) => r switch
                {
                    SegmentExportGetResult.InProgress p => p.Progress.ToString(),
                    SegmentExportGetResult.ErrorOccurred => "error",
                    _ => "other",
                };
            }
            """);

        var diagnostic = Assert.Single(run.Problems);
        Assert.Equal("MTG0013", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal((4, 52, "switch"), AnalyzerHarness.Where(diagnostic));
        Assert.Equal(
            "The switch on 'SegmentExportGetResult' does not handle 'Success' (segment-export/get/200.success.json), 'AccessDenied' (segment-export/get/403.access-denied.json), 'NotFound' (segment-export/get/404.not-found.json)",
            diagnostic.GetMessage());
    }

    [Fact]
    public void A_switch_statement_with_default_is_reported_and_Unknown_is_not_asked_for()
    {
        var run = AnalyzerHarness.Analyze("""
            using MyTracker.Client;
            static class C
            {
                static int F(SegmentExportGetResult r)
                {
                    switch (r)
                    {
                        case SegmentExportGetResult.InProgress:
                        case SegmentExportGetResult.ErrorOccurred:
                            return 1;
                        case SegmentExportGetResult.Success s when s.Files.Count > 0:
                            return 2;
                        case SegmentExportGetResult.NotFound { Response.Data.Error.Detail: "x" }:
                            return 3;
                        default:
                            return 0;
                    }
                }
            }
            """);

        var diagnostic = Assert.Single(run.Problems);
        Assert.Equal((6, 9, "switch"), AnalyzerHarness.Where(diagnostic));
        Assert.EndsWith("does not handle 'AccessDenied' (segment-export/get/403.access-denied.json)", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_switch_naming_every_documented_case_is_not_reported_nor_one_naming_no_case_at_all()
    {
        var run = AnalyzerHarness.Analyze("""
            using MyTracker.Client;
            static class C
            {
                static int All(SegmentExportGetResult r) => r switch
                {
                    SegmentExportGetResult.InProgress or SegmentExportGetResult.ErrorOccurred or SegmentExportGetResult.Success => 1,
                    SegmentExportGetResult.AccessDenied or SegmentExportGetResult.NotFound => 2,
                    _ => 0,
                };

                static string None(SegmentExportGetResult? r) => r switch { null => "none", var some => some.ToString() };
            }
            """);

        Assert.Empty(run.Problems);
    }

    [Fact]
    public void A_switch_on_a_discriminator_enum_that_leaves_out_a_member_is_reported()
    {
        var run = AnalyzerHarness.Analyze("""
            using MyTracker.Client;
            static class C
            {
                static bool Done(SegmentExportGetData data)
                {
                    switch (data.Status)
                    {
                        case SegmentExportGetStatus.Success:
                            return true;
                        case SegmentExportGetStatus.InProgress:
                            return false;
                    }

                    return false;
                }
            }
            """);

        var diagnostic = Assert.Single(run.Problems);
        Assert.Equal("The switch on 'SegmentExportGetStatus' does not handle 'ErrorOccurred' (segment-export/get/200.error-occurred.json)", diagnostic.GetMessage());
    }

    [Fact]
    public void Nullable_disabled_code_gets_the_same_warning()
    {
        var run = AnalyzerHarness.Analyze("""
            #nullable disable
            using MyTracker.Client;
            static class C
            {
                static int F(SegmentExportCreateResult r) => r switch { SegmentExportCreateResult.Created => 1, _ => 0 };
            }
            """, NullableContextOptions.Disable);

        Assert.Equal(
            "The switch on 'SegmentExportCreateResult' does not handle 'InvalidParameters' (segment-export/create/400.invalid-parameters.json), 'AccessDenied' (segment-export/create/403.access-denied.json)",
            Assert.Single(run.Problems).GetMessage());
    }

    [Theory]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    public void The_severity_is_set_in_editorconfig(string configured, DiagnosticSeverity expected)
    {
        var run = AnalyzerHarness.Analyze(
            "using MyTracker.Client; static class C { static int F(SegmentExportCreateResult r) => r switch { SegmentExportCreateResult.Created => 1, _ => 0 }; }",
            editorConfig: "root = true\n\n[*.cs]\ndotnet_diagnostic.MTG0013.severity = " + configured + "\n");

        Assert.Equal(expected, Assert.Single(run.Mtg0013).Severity);
    }

    [Fact]
    public void Editorconfig_can_switch_it_off()
    {
        var run = AnalyzerHarness.Analyze(
            "using MyTracker.Client; static class C { static int F(SegmentExportCreateResult r) => r switch { SegmentExportCreateResult.Created => 1, _ => 0 }; }",
            editorConfig: "root = true\n\n[*.cs]\ndotnet_diagnostic.MTG0013.severity = none\n");

        Assert.Empty(run.Mtg0013);
    }

    [Fact]
    public void A_scenario_added_to_the_fixtures_shows_up_at_each_switch_that_ignores_it()
    {
        var switches = new[]
        {
            """
            namespace Test.Generated;
            static class Complete
            {
                static int F(ReportExportGetResult r) => r switch
                {
                    ReportExportGetResult.InProgress p => (int)p.Progress.Value,
                    ReportExportGetResult.Success s => s.Files.Count,
                    ReportExportGetResult.NotFound => -1,
                    ReportExportGetResult.Unknown => -2,
                };
            }
            """,
            """
            namespace Test.Generated;
            static class WithDiscard
            {
                static bool F(ReportExportGetResult r) => r switch { ReportExportGetResult.Success => true, _ => false };
            }
            """,
        };

        var before = AnalyzerHarness.Analyze(AnalyzerHarness.Compile(switches, Samples.ReportExport()));
        var after = AnalyzerHarness.Analyze(AnalyzerHarness.Compile(switches, Samples.ReportExport(withQueued: true)));

        // Before: the discard switch leaves out two documented cases, the complete one nothing.
        Assert.Equal(new[] { "MTG0013" }, before.Problems.Select(d => d.Id));
        Assert.Equal("User1.cs", Path.GetFileName(before.Problems[0].Location.SourceTree!.FilePath));

        // After: both switches name Queued as missing, and the complete one is no longer exhaustive.
        var queued = after.Mtg0013.Where(d => d.GetMessage().Contains("'Queued' (report-export/get/200.queued.json)", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "User0.cs", "User1.cs" }, queued.Select(d => Path.GetFileName(d.Location.SourceTree!.FilePath)).Order());
        Assert.Equal("The switch on 'ReportExportGetResult' does not handle 'Queued' (report-export/get/200.queued.json)", queued.Single(d => d.Location.SourceTree!.FilePath.EndsWith("User0.cs", StringComparison.Ordinal)).GetMessage());
        Assert.Contains(after.Problems, d => d.Id == "CS8509" && d.Location.SourceTree!.FilePath.EndsWith("User0.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(after.Problems, d => d.Id is not ("MTG0013" or "CS8509"));
    }
}
