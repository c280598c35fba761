using System.Collections.Immutable;
using MyTracker.Fixtures.Model.Inference;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;
using MyTracker.Client.Generator.Tests.Infrastructure;
using static MyTracker.Client.Generator.Tests.Infrastructure.InferenceHelper;

namespace MyTracker.Client.Generator.Tests;

/// <summary>One test per inference rule of the generator.</summary>
public sealed class InferenceRuleTests
{
    [Fact]
    public void A_field_missing_from_some_objects_is_optional_and_nullable()
    {
        var item = ModelOf(("200.ok.json", """{"items":[{"x":1,"y":"a"},{"x":2}]}""")).Object("TestEpItem");

        Assert.True(item.Property("x").Required);
        Assert.False(item.Property("x").Type.Nullable);
        Assert.False(item.Property("y").Required);
        Assert.True(item.Property("y").Type.Nullable);
        Assert.False(item.Property("y").TrackNull);
    }

    [Fact]
    public void A_field_that_is_null_somewhere_is_nullable_but_still_required()
    {
        var item = ModelOf(("200.ok.json", """{"items":[{"x":"a"},{"x":null}]}""")).Object("TestEpItem");

        var x = item.Property("x");
        Assert.Equal(TypeKind.String, x.Type.Kind);
        Assert.True(x.Type.Nullable);
        Assert.True(x.Required);
    }

    [Fact]
    public void A_field_both_missing_and_null_remembers_an_explicit_null()
    {
        var item = ModelOf(("200.ok.json", """{"items":[{"x":1},{"x":null},{}]}""")).Object("TestEpItem");

        var x = item.Property("x");
        Assert.True(x.TrackNull);
        Assert.Equal("XIsExplicitNull", x.NullFlagName);
    }

    [Theory]
    [InlineData("""["1","42","-7"]""", "Int64String")]
    [InlineData("""["1","007"]""", "String")]
    [InlineData("""["1","abc"]""", "String")]
    [InlineData("""["99999999999999999999"]""", "String")]
    public void Integer_strings_become_long_written_back_as_strings(string values, string expected)
    {
        Assert.Equal(expected, RootType("{\"v\":" + values + "}", "v").Element!.Kind.ToString());
    }

    [Theory]
    [InlineData("""[true,false]""", "Boolean", false)]
    [InlineData("""[true,null]""", "Boolean", true)]
    [InlineData("""["true","false"]""", "String", false)]
    [InlineData("""[true,"yes"]""", "Any", false)]
    public void True_and_false_become_bool_and_strings_stay_strings(string values, string expected, bool nullable)
    {
        var item = RootType("{\"v\":" + values + "}", "v").Element!;

        Assert.Equal((expected, nullable), (item.Kind.ToString(), item.Nullable));
    }

    [Theory]
    [InlineData("""["64%","100%","12.5%"]""", "Percent")]
    [InlineData("""["64%","64"]""", "String")]
    [InlineData("""["064%"]""", "String")]
    [InlineData("""["%"]""", "String")]
    public void Percent_strings_become_percent(string values, string expected)
    {
        Assert.Equal(expected, RootType("{\"v\":" + values + "}", "v").Element!.Kind.ToString());
    }

    [Theory]
    [InlineData("timestampExpires", "UnixSecondsString")]
    [InlineData("createdAt", "UnixSecondsString")]
    [InlineData("expire_time", "UnixSecondsString")]
    [InlineData("date", "UnixSecondsString")]
    [InlineData("validUntil", "UnixSecondsString")]
    [InlineData("idSegmentExport", "Int64String")]
    [InlineData("format", "Int64String")]
    public void Unix_seconds_strings_become_date_time_offset_only_in_timestamp_like_names(string name, string expected)
    {
        Assert.Equal(expected, RootType("{\"" + name + "\":\"1617197992\"}", name).Kind.ToString());
    }

    [Fact]
    public void Negative_or_huge_seconds_are_not_timestamps()
    {
        Assert.Equal(TypeKind.Int64String, RootType("""{"timestamp":"-5"}""", "timestamp").Kind);
        Assert.Equal(TypeKind.Int64String, RootType("""{"timestamp":"999999999999999"}""", "timestamp").Kind);
    }

    [Theory]
    [InlineData("""["https://tracker.my.com/a.csv.gz","http://x.example/b"]""", "Uri")]
    [InlineData("""["https://tracker.my.com/a","/relative/path"]""", "String")]
    [InlineData("""["ftp://files.example/a"]""", "String")]
    [InlineData("""["https://tracker.my.com/a b"]""", "String")]
    public void Absolute_web_urls_become_uri(string values, string expected)
    {
        Assert.Equal(expected, RootType("{\"v\":" + values + "}", "v").Element!.Kind.ToString());
    }

    [Fact]
    public void The_field_that_tells_scenarios_apart_becomes_an_enum_with_unknown()
    {
        var model = ModelOf(
            ("200.running.json", """{"code":200,"data":{"id":"1","state":"Running"}}"""),
            ("200.done.json", """{"code":200,"data":{"id":"1","state":"Done!"}}"""),
            ("404.missing.json", """{"code":404}"""));

        var state = model.Object("TestEpData").Property("state");
        Assert.Equal(TypeKind.Enum, state.Type.Kind);
        Assert.Equal("StateText", state.RawTextName);
        var @enum = Assert.Single(model.Enums);
        Assert.True(@enum.IsDiscriminator);
        Assert.Equal(new[] { ("Done", "Done!"), ("Running", "Running") }, @enum.Members.Select(m => (m.Name, m.WireValue)));

        var group = model.Result.Groups.Single(g => g.StatusCode == 200);
        Assert.Equal("Data.State", Emitting.CSharp.Access(group.Discriminator!));
        Assert.Equal("data.state", group.DiscriminatorJsonPath);
        Assert.Equal(new[] { "Done", "Running", "Missing" }, model.Result.Cases.Select(c => c.Name));
        Assert.Equal("TestEpMissingResponse", model.Result.Cases.Single(c => c.Name == "Missing").ResponseType);
    }

    [Fact]
    public void The_shallowest_distinct_field_wins_and_status_like_names_break_ties()
    {
        var model = ModelOf(
            ("200.a.json", """{"note":"x","kind":"A","deep":{"status":"1"}}"""),
            ("200.b.json", """{"note":"y","kind":"B","deep":{"status":"2"}}"""));

        Assert.Equal("kind", model.Result.Groups.Single().DiscriminatorJsonPath);
    }

    [Fact]
    public void Arrays_of_objects_are_merged_into_one_item_class()
    {
        var model = ModelOf(("200.ok.json", """{"files":[{"link":"https://a.example/1","size":1},{"link":"https://a.example/2","extra":true}]}"""));

        var file = model.Object("TestEpFile");
        Assert.Equal(new[] { "link", "size", "extra" }, file.Properties.Select(p => p.JsonName));
        Assert.True(file.Property("link").Required);
        Assert.False(file.Property("size").Required);
        Assert.False(file.Property("extra").Required);
        Assert.Equal(TypeKind.Array, model.Object("TestEpResponse").Property("files").Type.Kind);
    }

    [Theory]
    [InlineData("[1,2]", "Int32")]
    [InlineData("[1,3000000000]", "Int64")]
    [InlineData("[1,99999999999999999999]", "Decimal")]
    [InlineData("[1,1.5]", "Double")]
    [InlineData("[1,2e3]", "Double")]
    [InlineData("[1e400]", "Any")]
    public void Numbers_widen_from_int_to_long_to_decimal_or_double(string values, string expected)
    {
        Assert.Equal(expected, RootType("{\"v\":" + values + "}", "v").Element!.Kind.ToString());
    }

    [Fact]
    public void A_real_conflict_falls_back_to_json_element_with_a_located_warning()
    {
        var result = Infer(("200.ok.json", "{\"v\":[1,\n\"one\"]}"));

        Assert.Equal(TypeKind.Any, result.Model!.Object("TestEpResponse").Property("v").Type.Element!.Kind);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MTG0006", diagnostic.Id);
        Assert.Equal(1, diagnostic.Location.Line);
        Assert.Equal(0, diagnostic.Location.Column);
    }

    [Fact]
    public void Only_null_or_empty_arrays_fall_back_to_json_element_without_a_warning()
    {
        var result = Infer(("200.ok.json", """{"a":null,"b":[]}"""));

        var response = result.Model!.Object("TestEpResponse");
        Assert.Equal(new TypeRef(TypeKind.Any, true, null, null), response.Property("a").Type);
        Assert.Equal(TypeKind.Any, response.Property("b").Type.Element!.Kind);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Objects_keyed_by_integers_become_dictionaries()
    {
        var type = RootType("""{"players":{"7":{"name":"a"},"12":{"name":"b","age":3}}}""", "players");

        Assert.Equal(TypeKind.Map, type.Kind);
        Assert.Equal(TypeKind.Object, type.Element!.Kind);
    }

    [Fact]
    public void Ten_same_shaped_objects_under_names_become_a_dictionary_but_nine_do_not()
    {
        static string Pairs(int count) => "{\"pairs\":{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"p{i}\":{{\"fee\":{i}}}")) + "}}";

        Assert.Equal(TypeKind.Map, RootType(Pairs(10), "pairs").Kind);
        Assert.Equal(TypeKind.Object, RootType(Pairs(9), "pairs").Kind);
    }

    [Fact]
    public void Objects_with_the_same_structure_share_one_class()
    {
        var model = ModelOf(("200.ok.json", """{"home":{"street":"a","city":"b"},"work":{"street":"c","city":"d"}}"""));

        var response = model.Object("TestEpResponse");
        Assert.Equal(response.Property("home").Type, response.Property("work").Type);
        Assert.Equal(2, model.Objects.Count);
    }

    [Fact]
    public void A_root_that_is_not_an_object_is_wrapped_in_a_value_property()
    {
        var response = ModelOf(("200.ok.json", "[1,2,3]")).Object("TestEpResponse");

        Assert.True(response.IsValueWrapper);
        Assert.Equal("Value", response.Properties.Single().CSharpName);
        Assert.Equal(TypeKind.Int32, response.Properties.Single().Type.Element!.Kind);
    }

    [Fact]
    public void Names_are_pascal_case_and_safe()
    {
        var response = ModelOf(("200.ok.json", """
            {"class":1,"1st":2,"n\u00e9v":3,"a_b":4,"aB":5,"":6,"\u4e2d\u6587":7,"toJson":8,"TestEpResponse":9,"  spaced out  ":10}
            """)).Object("TestEpResponse");

        Assert.Equal(
            new[] { "Class", "_1st", "NV", "AB", "AB2", "Property", "Property2", "ToJson2", "TestEpResponse2", "SpacedOut" },
            response.Properties.Select(p => p.CSharpName));
    }

    [Fact]
    public void Item_types_are_prefixed_so_they_never_clash_with_bcl_names()
    {
        var model = ModelOf(("200.ok.json", """{"files":[{"a":1}],"task":{"b":1},"entries":[{"c":1}]}"""));

        Assert.Equal(new[] { "TestEpResponse", "TestEpFile", "TestEpTask", "TestEpEntry" }, model.Objects.Select(o => o.Name));
    }

    [Theory]
    [InlineData("files", "File")]
    [InlineData("entries", "Entry")]
    [InlineData("boxes", "Box")]
    [InlineData("status", "Statu")]
    [InlineData("address", "AddressItem")]
    [InlineData("data", "DataItem")]
    [InlineData("people", "Person")]
    [InlineData("salesPeople", "SalesPerson")]
    [InlineData("children", "Child")]
    public void Array_item_names_are_singular(string plural, string singular)
    {
        var pascal = Naming.ToPascalCase(plural, "x");
        Assert.Equal(singular, Naming.Singularize(pascal));
    }

    [Fact]
    public void Scenario_names_become_case_names_and_reserved_names_are_suffixed()
    {
        var model = ModelOf(("200.in-progress.json", """{"s":"a"}"""), ("404.unknown.json", """{"s":"b"}"""), ("403.from-response.json", "{}"));

        Assert.Equal(new[] { "InProgress", "FromResponseCase", "UnknownCase" }, model.Result.Cases.Select(c => c.Name));
    }

    [Fact]
    public void Manifest_parameters_become_typed_arguments_required_first()
    {
        var input = FixtureGeneratorTestData.ManifestWith("""
            [{"name":"flag","type":"boolean"},{"name":"id","type":"integer","required":true},
             {"name":"mode","type":"enum","values":{"0":"Off","1":"On"}},{"name":"fields","type":"list"},{"name":"class","type":"string"}]
            """);

        Assert.Equal(new[] { "id", "flag", "mode", "fields", "@class" }, input.Parameters.Select(p => p.CSharpName));
        Assert.Equal(new[] { ParameterKind.Integer, ParameterKind.Boolean, ParameterKind.Enum, ParameterKind.List, ParameterKind.String }, input.Parameters.Select(p => p.Kind));
        var mode = input.Enums.Single(e => e.Name == "TestEpMode");
        Assert.False(mode.IsDiscriminator);
        Assert.Equal(new[] { ("Off", "0"), ("On", "1") }, mode.Members.Select(m => (m.Name, m.WireValue)));
    }
}

internal static class FixtureGeneratorTestData
{
    public static EndpointModel ManifestWith(string parameters)
    {
        var manifest = """{ "method": "GET", "path": "/api/test.json", "parameters": """ + parameters + " }";
        var files = new[] { new Fixture("test/ep/endpoint.json", manifest), new Fixture("test/ep/200.ok.json", "{}") };
        var parsed = files.Select(f => FixtureReader.Read(new FixtureFile(GeneratorHarness.PathOf(f.RelativePath), f.RelativePath, GeneratorHarness.Root, f.Text))).ToImmutableArray();
        return EndpointInference.Infer(EndpointGrouping.Group(parsed).Single(), "Test.Generated").Model!;
    }
}
