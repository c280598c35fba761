using System.Text.Json.Nodes;
using MyTracker.Fixtures.Model;
using FixtureReader = MyTracker.Fixtures.Model.Parsing.FixtureReader;
using MyTracker.Fixtures.Tests.Support;

namespace MyTracker.Fixtures.Tests.Import;

/// <summary>
/// A parameter table with bracketed rows (<c>settings[filter][period][from] *</c>), on a page written for
/// this test in the documentation's style with names the built-in fixtures do not have: the rows fold
/// into one object parameter that the fixture model reads without a diagnostic.
/// </summary>
public sealed class NestedImportTests
{
    [Fact]
    public void Bracketed_rows_become_one_object_parameter_with_members_arrays_and_the_documented_limits()
    {
        var imported = DocumentationImporter.Read(Repository.Page("report-file-create.nested.txt"));

        var manifest = imported.Files[0].Text;
        var parameters = JsonNode.Parse(manifest)!["parameters"]!.AsArray();
        Assert.Equal(["fileType", "settings"], parameters.Select(p => (string)p!["name"]!));
        var settings = parameters[1]!;
        Assert.Equal(("object", true), ((string)settings["type"]!, (bool)settings["required"]!));
        Assert.Equal(["filter", "precision", "metrics"], settings["members"]!.AsArray().Select(m => (string)m!["name"]!));
        Assert.All(settings["members"]!.AsArray(), m => Assert.Null(m!["in"]));

        var filter = settings["members"]![0]!;
        var period = filter["members"]![0]!;
        Assert.Equal(("array", "single-or-indexed", true), ((string)period["type"]!, (string)period["spelling"]!, (bool)period["required"]!));
        var ends = period["items"]!["members"]!.AsArray();
        Assert.Equal(
            ["from date required 2000-01-01..today notAfter to", "to date required ..today notBefore from"],
            ends.Select(e => $"{e!["name"]} {e["type"]} {((bool)e["required"]! ? "required" : "optional")} {e["minimum"]}..{e["maximum"]} {(e["notAfter"] is { } a ? "notAfter " + a : "notBefore " + e["notBefore"])}"));

        var country = filter["members"]![1]!["members"]![0]!;
        Assert.Equal("idCountry", (string)country["name"]!);
        var value = country["members"]![0]!;
        Assert.Equal(("array", "integer", "array"), ((string)value["type"]!, (string)value["items"]!["type"]!, (string)value["spelling"]!));
        var precision = settings["members"]![1]!;
        Assert.Equal(("integer", 0, 6), ((string)precision["type"]!, (int)precision["minimum"]!, (int)precision["maximum"]!));
        Assert.Equal(("array", "string"), ((string)settings["members"]![2]!["type"]!, (string)settings["members"]![2]!["items"]!["type"]!));

        // The fixture model reads what the import wrote, nested members and all, without a diagnostic.
        var read = FixtureReader.Read(new FixtureFile("/f/report-file/create/endpoint.json", "report-file/create/endpoint.json", "/f/", manifest));
        Assert.Empty(read.Diagnostics);
        var spec = read.Manifest!.Parameters.Single(p => p.Name == "settings");
        Assert.Equal("to", spec.Members[0].Members[0].Items!.Members[0].NotAfter);
        Assert.Equal(NestedParameters.Today, spec.Members[0].Members[0].Items!.Members[1].Maximum);
    }

    [Fact]
    public void A_row_that_holds_rows_without_saying_so_and_a_comparison_with_no_sibling_are_notes_not_guesses()
    {
        const string page = """
            Request to create a thing

            POST https://tracker.my.com/api/thing/v1/create.json

            | Name | Value | Description | Note |
            |---|---|---|---|
            | opts[window][start] | Date | First day | Must not be more than opts[other][end] |
            | opts[size] | Integer | How many | |

            A 200 status code indicates success.

            {"code": 200, "message": "Ok", "data": {"id": "1"}}
            """;

        var imported = DocumentationImporter.Parse(page, "thing.txt");

        Assert.Contains(imported.Notes, n => n.Contains("opts has no row of its own", StringComparison.Ordinal));
        Assert.Contains(imported.Notes, n => n.Contains("opts[window][start] is compared with opts[other][end], which is not a member beside it", StringComparison.Ordinal));
        var read = FixtureReader.Read(new FixtureFile("/f/thing/create/endpoint.json", "thing/create/endpoint.json", "/f/", imported.Files[0].Text));
        Assert.Empty(read.Diagnostics);
        Assert.Null(read.Manifest!.Parameters.Single().Members[0].Members[0].NotAfter);
    }
}
