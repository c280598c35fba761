using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>The MTG0013 code fix adds the missing arms where they are reachable, in the switch's own layout, and the result is complete.</summary>
public sealed class AddMissingCasesCodeFixTests
{
    private const string Header = "using System;\nusing MyTracker.Client;\n\n";

    [Fact]
    public void Arms_go_before_the_discard_arm_one_per_line()
    {
        var source = Header + """
            static class C
            {
                static string F(SegmentExportCreateResult r) => r switch
                {
                    SegmentExportCreateResult.Created c => c.Response.Data.IdSegmentExport.ToString(),
                    // anything else
                    _ => "other",
                };
            }
            """;

        var fixedSource = AnalyzerHarness.Fix(source);

        Assert.Equal(Header + """
            static class C
            {
                static string F(SegmentExportCreateResult r) => r switch
                {
                    SegmentExportCreateResult.Created c => c.Response.Data.IdSegmentExport.ToString(),
                    SegmentExportCreateResult.InvalidParameters => throw new NotImplementedException(),
                    SegmentExportCreateResult.AccessDenied => throw new NotImplementedException(),
                    // anything else
                    _ => "other",
                };
            }
            """, fixedSource);
        Assert.Empty(AnalyzerHarness.Analyze(fixedSource).Problems);
    }

    [Fact]
    public void Arms_are_appended_to_a_switch_without_trailing_comma_and_the_switch_is_then_exhaustive()
    {
        var source = Header + """
            static class C
            {
                static int F(SegmentExportGetResult r) => r switch
                {
                    SegmentExportGetResult.InProgress => 1,
                    SegmentExportGetResult.Unknown => 0
                };
            }
            """;

        var fixedSource = AnalyzerHarness.Fix(source);

        Assert.Equal(Header + """
            static class C
            {
                static int F(SegmentExportGetResult r) => r switch
                {
                    SegmentExportGetResult.InProgress => 1,
                    SegmentExportGetResult.Unknown => 0,
                    SegmentExportGetResult.ErrorOccurred => throw new NotImplementedException(),
                    SegmentExportGetResult.Success => throw new NotImplementedException(),
                    SegmentExportGetResult.AccessDenied => throw new NotImplementedException(),
                    SegmentExportGetResult.NotFound => throw new NotImplementedException()
                };
            }
            """, fixedSource);
        var after = AnalyzerHarness.Analyze(fixedSource);
        Assert.Empty(after.Problems);
        Assert.Equal("CS8509", Assert.Single(after.Suppressed).Id);
    }

    [Fact]
    public void A_one_line_switch_stays_on_one_line()
    {
        var source = Header + "static class C { static int F(SegmentExportCreateResult r) => r switch { SegmentExportCreateResult.Created => 1, SegmentExportCreateResult.AccessDenied => 2, _ => 0 }; }\n";

        Assert.Equal(
            Header + "static class C { static int F(SegmentExportCreateResult r) => r switch { SegmentExportCreateResult.Created => 1, SegmentExportCreateResult.AccessDenied => 2, SegmentExportCreateResult.InvalidParameters => throw new NotImplementedException(), _ => 0 }; }\n",
            AnalyzerHarness.Fix(source));
    }

    [Fact]
    public void Case_sections_go_before_default_in_a_switch_statement()
    {
        var source = Header + """
            static class C
            {
                static int F(SegmentExportGetResult r)
                {
                    switch (r)
                    {
                        case SegmentExportGetResult.Success s:
                            return s.Files.Count;
                        case SegmentExportGetResult.InProgress:
                        case SegmentExportGetResult.ErrorOccurred:
                        case SegmentExportGetResult.AccessDenied:
                            return 0;
                        default:
                            return -1;
                    }
                }
            }
            """;

        var fixedSource = AnalyzerHarness.Fix(source);

        Assert.Equal(Header + """
            static class C
            {
                static int F(SegmentExportGetResult r)
                {
                    switch (r)
                    {
                        case SegmentExportGetResult.Success s:
                            return s.Files.Count;
                        case SegmentExportGetResult.InProgress:
                        case SegmentExportGetResult.ErrorOccurred:
                        case SegmentExportGetResult.AccessDenied:
                            return 0;
                        case SegmentExportGetResult.NotFound:
                            throw new NotImplementedException();
                        default:
                            return -1;
                    }
                }
            }
            """, fixedSource);
        Assert.Empty(AnalyzerHarness.Analyze(fixedSource).Problems);
    }

    [Fact]
    public void Enum_members_are_added_as_constant_cases()
    {
        var source = Header + """
            static class C
            {
                static bool Done(SegmentExportGetStatus status)
                {
                    switch (status)
                    {
                        case SegmentExportGetStatus.Success:
                            return true;
                    }

                    return false;
                }
            }
            """;

        var fixedSource = AnalyzerHarness.Fix(source);

        Assert.Contains("""
                        case SegmentExportGetStatus.Success:
                            return true;
                        case SegmentExportGetStatus.ErrorOccurred:
                            throw new NotImplementedException();
                        case SegmentExportGetStatus.InProgress:
                            throw new NotImplementedException();
                    }
            """, fixedSource, StringComparison.Ordinal);
        Assert.Empty(AnalyzerHarness.Analyze(fixedSource).Problems);
    }

    [Fact]
    public void The_fix_names_the_cases_it_adds()
    {
        Assert.Equal(
            "Add the documented case 'InvalidParameters'",
            AnalyzerHarness.FixTitle(Header + "static class C { static int F(SegmentExportCreateResult r) => r switch { SegmentExportCreateResult.Created => 1, SegmentExportCreateResult.AccessDenied => 2, _ => 0 }; }"));
    }
}
