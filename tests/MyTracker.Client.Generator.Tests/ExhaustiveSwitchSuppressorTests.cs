using Microsoft.CodeAnalysis;
using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// The suppressor lifts CS8509/CS8524 only for a switch expression over a generated type that really
/// handles every case. What the compiler itself does (checked here, so a compiler change shows up):
/// a type switch over an abstract record is never exhaustive to it, so naming every case gives
/// CS8509 "'_' is not covered" with or without <c>#nullable enable</c>, also for a maybe-null input
/// (CS8655, "null is not covered", comes only once the non-null values are covered, so never here);
/// an enum switch naming every member gives CS8524 (unnamed values), also for a nullable enum whose
/// null is not handled; CS8655 is a nullable warning: an enabled context with a maybe-null input.
/// </summary>
public sealed class ExhaustiveSwitchSuppressorTests
{
    private const string Usings = "using MyTracker.Client;\n";

    private const string AllCases = """
        SegmentExportGetResult.InProgress => 1,
        SegmentExportGetResult.ErrorOccurred => 2,
        SegmentExportGetResult.Success => 3,
        SegmentExportGetResult.AccessDenied => 4,
        SegmentExportGetResult.NotFound => 5,
        SegmentExportGetResult.Unknown => 6,
        """;

    [Fact]
    public void The_suppressions_are_MTGS0001_for_CS8509_and_MTGS0002_for_CS8524()
    {
        var supported = new Analysis.ExhaustiveSwitchSuppressor().SupportedSuppressions;

        Assert.Equal(new[] { ("MTGS0001", "CS8509"), ("MTGS0002", "CS8524") }, supported.Select(s => (s.Id, s.SuppressedDiagnosticId)));
        Assert.All(supported, s => Assert.False(string.IsNullOrWhiteSpace(s.Justification.ToString())));
    }

    [Fact]
    public void A_switch_naming_every_case_builds_without_warning_and_the_compilers_CS8509_is_suppressed()
    {
        var run = AnalyzerHarness.Analyze(Usings + "static class C { static int F(SegmentExportGetResult r) => r switch {\n" + AllCases + "\n}; }");

        Assert.Empty(run.Problems);
        Assert.Equal("CS8509", Assert.Single(run.Suppressed).Id);
    }

    [Fact]
    public void A_switch_that_leaves_out_one_case_keeps_CS8509()
    {
        var run = AnalyzerHarness.Analyze(Usings + "static class C { static int F(SegmentExportGetResult r) => r switch {\n" + AllCases.Replace("SegmentExportGetResult.Unknown => 6,", "", StringComparison.Ordinal) + "\n}; }");

        Assert.Contains(run.Problems, d => d.Id == "CS8509");
        Assert.Empty(run.Suppressed);
    }

    [Theory]
    [InlineData("SegmentExportGetResult? r", "", false)]
    [InlineData("SegmentExportGetResult? r", "null => 0,", true)]
    [InlineData("SegmentExportGetResult r", "", true)]
    public void With_nullable_enabled_a_maybe_null_input_needs_a_null_arm(string parameter, string nullArm, bool suppressed)
    {
        var run = AnalyzerHarness.Analyze(Usings + "static class C { static int F(" + parameter + ") => r switch {\n" + AllCases + nullArm + "\n}; }");

        Assert.Equal(suppressed, run.Suppressed.Any(s => s.Id == "CS8509"));
        Assert.Equal(!suppressed, run.Problems.Any(d => d.Id == "CS8509"));
    }

    [Fact]
    public void With_nullable_disabled_no_null_arm_is_asked_for_as_the_compiler_does_not_ask_for_one()
    {
        var complete = AnalyzerHarness.Analyze(Usings + "#nullable disable\nstatic class C { static int F(SegmentExportGetResult r) => r switch {\n" + AllCases + "\n}; }", Microsoft.CodeAnalysis.NullableContextOptions.Disable);
        var incomplete = AnalyzerHarness.Analyze(Usings + "#nullable disable\nstatic class C { static int F(SegmentExportGetResult r) => r switch {\n" + AllCases.Replace("SegmentExportGetResult.Success => 3,", "", StringComparison.Ordinal) + "\n}; }", Microsoft.CodeAnalysis.NullableContextOptions.Disable);

        Assert.Empty(complete.Problems);
        Assert.Equal("CS8509", Assert.Single(complete.Suppressed).Id);
        Assert.Contains(incomplete.Problems, d => d.Id == "CS8509");
        Assert.Contains(incomplete.Problems, d => d.Id == "MTG0013");
    }

    [Theory]
    [InlineData("SegmentExportGetResult.Success s when s.Files.Count > 0 => 3,", false)]
    [InlineData("SegmentExportGetResult.Success { Files.Count: > 0 } => 3,", false)]
    [InlineData("SegmentExportGetResult.Success { } => 3,", true)]
    [InlineData("SegmentExportGetResult.Success(var response) => 3,", true)]
    [InlineData("SegmentExportGetResult.Success { Response: var response } s => 3,", true)]
    [InlineData("SegmentExportGetResult.Success and var success => 3,", true)]
    // A bare "{ }" is a null test: nullable analysis then takes the input as maybe null, and the compiler would want null handled.
    [InlineData("SegmentExportGetResult.Success and { } => 3,", false)]
    [InlineData("SegmentExportGetResult.Success and { } => 3, null => 0,", true)]
    public void An_arm_counts_only_when_it_matches_its_whole_case(string successArm, bool suppressed)
    {
        var run = AnalyzerHarness.Analyze(Usings + "static class C { static int F(SegmentExportGetResult r) => r switch {\n" + AllCases.Replace("SegmentExportGetResult.Success => 3,", successArm, StringComparison.Ordinal) + "\n}; }");

        Assert.Equal(suppressed, run.Suppressed.Any(s => s.Id == "CS8509"));
        Assert.Equal(!suppressed, run.Problems.Any(d => d.Id == "CS8509"));
    }

    [Fact]
    public void Or_patterns_cover_each_of_their_cases()
    {
        var run = AnalyzerHarness.Analyze(Usings + """
            static class C
            {
                static int F(SegmentExportGetResult r) => r switch
                {
                    SegmentExportGetResult.InProgress or SegmentExportGetResult.ErrorOccurred => 1,
                    SegmentExportGetResult.Success or SegmentExportGetResult.AccessDenied or SegmentExportGetResult.NotFound => 2,
                    SegmentExportGetResult.Unknown => 3,
                };
            }
            """);

        Assert.Empty(run.Problems);
        Assert.Single(run.Suppressed);
    }

    [Fact]
    public void A_switch_naming_every_member_of_a_discriminator_enum_has_its_CS8524_suppressed()
    {
        var run = AnalyzerHarness.Analyze(Usings + """
            static class C
            {
                static string F(SegmentExportGetStatus s) => s switch
                {
                    SegmentExportGetStatus.Unknown => "?",
                    SegmentExportGetStatus.ErrorOccurred => "error",
                    SegmentExportGetStatus.InProgress => "running",
                    SegmentExportGetStatus.Success => "done",
                };
            }
            """);

        Assert.Empty(run.Problems);
        Assert.Equal("CS8524", Assert.Single(run.Suppressed).Id);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("null => \"none\",", true)]
    public void A_nullable_discriminator_enum_needs_its_null_arm(string nullArm, bool suppressed)
    {
        var run = AnalyzerHarness.Analyze(Usings + "static class C { static string F(SegmentExportGetStatus? s) => s switch {\n"
            + "SegmentExportGetStatus.Unknown => \"?\", SegmentExportGetStatus.ErrorOccurred => \"e\", SegmentExportGetStatus.InProgress => \"r\", SegmentExportGetStatus.Success => \"d\", " + nullArm + "\n}; }");

        Assert.Equal(suppressed, run.Suppressed.Any());
        Assert.Equal(!suppressed, run.Problems.Any(d => d.Id is "CS8524" or "CS8509"));
    }

    [Fact]
    public void Enums_and_records_that_were_not_generated_from_samples_keep_their_warnings()
    {
        var run = AnalyzerHarness.Analyze(Usings + """
            abstract record Shape { public sealed record Circle : Shape; public sealed record Square : Shape; }
            static class C
            {
                static int F(Shape s) => s switch { Shape.Circle => 1, Shape.Square => 2 };
                static int G(SegmentExportCreateHashType h) => h switch { SegmentExportCreateHashType.None => 0, SegmentExportCreateHashType.Md5 => 1, SegmentExportCreateHashType.Sha256 => 2 };
            }
            """);

        Assert.Equal(new[] { "CS8509", "CS8524" }, run.Problems.Select(d => d.Id).Order());
        Assert.Empty(run.Suppressed);
    }

    [Fact]
    public void Cases_generated_into_the_compilation_are_recognised_and_a_class_deriving_elsewhere_makes_the_result_open()
    {
        var fixtures = Samples.ReportExport();
        const string Switch = """
            namespace Test.Generated;
            static class C
            {
                static int F(ReportExportGetResult r) => r switch
                {
                    ReportExportGetResult.InProgress => 1,
                    ReportExportGetResult.Success => 2,
                    ReportExportGetResult.NotFound => 3,
                    ReportExportGetResult.Unknown => 4,
                };
            }
            """;
        var closed = AnalyzerHarness.Analyze(AnalyzerHarness.Compile(new[] { Switch }, fixtures));
        var opened = AnalyzerHarness.Analyze(AnalyzerHarness.Compile(new[] { Switch, "namespace Test.Generated; sealed record Mine() : ReportExportGetResult;" }.Select(s => s).ToArray(), fixtures));

        Assert.Empty(closed.Problems);
        Assert.Equal("CS8509", Assert.Single(closed.Suppressed).Id);
        Assert.Contains(opened.Problems, d => d.Id == "CS8509");
    }
}
