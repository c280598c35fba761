using MyTracker.Client.Generator.Emitting;
using MyTracker.Client.Generator.Helpers;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;

namespace MyTracker.Client.Generator.Tests;

/// <summary>
/// The one C# projection of the model's typed paths (<see cref="CSharp"/>), the one table of C# names
/// (<see cref="CSharpNames"/>) and <see cref="SourceWriter"/>'s templates.
/// </summary>
public sealed class CSharpProjectionTests
{
    private static readonly PropertyStep Data = new("data", "Data", Nullable: false);
    private static readonly PropertyStep OptionalResult = new("result", "Result", Nullable: true);
    private static readonly PropertyStep Files = new("files", "Files", Nullable: true);

    [Fact]
    public void A_path_reads_with_a_null_check_exactly_after_the_steps_that_may_be_null()
    {
        var path = PropertyPath.Of([Data, OptionalResult, Files]);

        Assert.Equal("Data.Result?.Files", CSharp.Access(path));
        Assert.Equal("response.Data.Result?.Files", CSharp.Read("response", path));
        Assert.Equal("data.result.files", path.JsonPath);
        Assert.True(path.MayBeNull);
    }

    [Fact]
    public void A_case_value_is_read_through_the_property_the_case_promises_and_below_it_as_the_path_says()
    {
        var path = PropertyPath.Of([Data, OptionalResult, Files]);

        Assert.Equal("c.Response.Data.Result?.Files", CSharp.Read("c", new CaseValueModel(path)));
        // The case promises data.result (its Result property is not nullable): what is below it reads from there.
        var below = new CaseValueModel(path, CaseProperty: "Result", CaseSteps: 2);
        Assert.Equal("c.Result.Files", CSharp.Read("c", below));
        Assert.True(below.MayBeNull);
        var promised = new CaseValueModel(path, CaseProperty: "Files", CaseSteps: 3);
        Assert.Equal("c.Files", CSharp.Read("c", promised));
        Assert.False(promised.MayBeNull);
    }

    [Theory]
    [InlineData(ProgressEncoding.PercentString, false, 0, "(double?)c.Response.Job?.Done.Value")]
    [InlineData(ProgressEncoding.PercentString, true, 0, "(double?)c.Response.Job?.Done?.Value")]
    [InlineData(ProgressEncoding.PercentString, true, 2, "(double)c.Done.Value")]
    [InlineData(ProgressEncoding.Number, false, 0, "(double?)c.Response.Job?.Done")]
    [InlineData(ProgressEncoding.Number, true, 2, "(double)c.Done")]
    public void A_progress_is_a_double_or_a_double_that_may_be_missing_by_its_encoding(ProgressEncoding encoding, bool doneNullable, int promisedSteps, string expected)
    {
        var path = PropertyPath.Of([new PropertyStep("job", "Job", true), new PropertyStep("done", "Done", doneNullable)]);
        var value = promisedSteps == 0 ? new CaseValueModel(path) : new CaseValueModel(path, "Done", promisedSteps);

        Assert.Equal(expected, CSharp.ReadProgress("c", value, encoding));
    }

    [Theory]
    [InlineData(CSharpNames.Owner.ModelClass, "ToJson", true)]
    [InlineData(CSharpNames.Owner.ModelClass, "Response", false)]
    [InlineData(CSharpNames.Owner.Result, "FromResponse", true)]
    [InlineData(CSharpNames.Owner.Result, "EqualityContract", true)]
    [InlineData(CSharpNames.Owner.Case, "Response", true)]
    [InlineData(CSharpNames.Owner.Request, "MemberwiseClone", true)]
    [InlineData(CSharpNames.Owner.Request, "Deconstruct", true)]
    [InlineData(CSharpNames.Owner.Request, "FromJson", false)]
    public void One_table_says_which_names_a_member_of_each_generated_type_may_not_take(CSharpNames.Owner owner, string name, bool reserved)
    {
        Assert.Equal(reserved, CSharpNames.Reserved(owner).Contains(name));
    }

    [Fact]
    public void Request_properties_step_aside_from_what_every_record_has_and_keywords_are_escaped()
    {
        Assert.Equal("IdSegment", CSharpNames.RequestProperty("idSegment"));
        Assert.Equal("MemberwiseCloneValue", CSharpNames.RequestProperty("memberwiseClone"));
        Assert.Equal("@class", Naming.ToCamelCase("class", "value"));
        Assert.False(Naming.IsValidNamespace("My.namespace"));
    }

    [Fact]
    public void A_template_is_written_line_by_line_at_the_current_indentation()
    {
        var w = new SourceWriter();
        w.OpenBlock("class A");
        w.Write("""
            int X;

            void M()
            {
                X = 1;
            }
            """);
        w.CloseBlock();

        Assert.Equal("class A\n{\n    int X;\n\n    void M()\n    {\n        X = 1;\n    }\n}\n", w.ToString());
    }

    [Fact]
    public void A_template_with_windows_line_ends_or_a_final_line_end_writes_the_same_lines()
    {
        var unix = new SourceWriter();
        unix.Write("a\n  b");
        var windows = new SourceWriter();
        windows.Write("a\r\n  b\r\n");

        Assert.Equal("a\n  b\n", unix.ToString());
        Assert.Equal(unix.ToString(), windows.ToString());
    }
}
