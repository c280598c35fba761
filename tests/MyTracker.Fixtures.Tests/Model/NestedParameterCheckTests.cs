using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Requests;
using FixtureReader = MyTracker.Fixtures.Model.Parsing.FixtureReader;

namespace MyTracker.Fixtures.Tests.Model;

/// <summary>
/// The fixture model's one check of an object parameter's bracketed members, which the fake answers
/// with: on a clock given to it, against a manifest of names the built-in fixtures do not have.
/// </summary>
public sealed class NestedParameterCheckTests
{
    private static readonly ParameterSpec Opts = FixtureReader.Read(new FixtureFile("/f/a/b/endpoint.json", "a/b/endpoint.json", "/f/", """
        { "method": "GET", "path": "/x.json", "parameters": [
          { "name": "opts", "type": "object", "required": true, "members": [
            { "name": "window", "type": "array", "spelling": "indexed", "required": true, "items": { "type": "object", "members": [
              { "name": "start", "type": "date", "required": true, "maximum": "today", "notAfter": "end" },
              { "name": "end", "type": "date", "required": true } ] } },
            { "name": "unit", "type": "string", "values": ["day", "week"] },
            { "name": "ids", "type": "array", "items": { "type": "integer" } },
            { "name": "flag", "type": "boolean" } ] } ] }
        """)).Manifest!.Parameters.Single();

    private static readonly DateTime Today = new(2030, 6, 15);

    private static string? Check(params string[] pairs) =>
        NestedParameterCheck.Problem(Opts, [.. pairs.Select(p => new KeyValuePair<string, string>(p[..p.IndexOf('=')], p[(p.IndexOf('=') + 1)..]))], Today);

    [Theory]
    [InlineData("opts[window][0][start]=2030-06-16&opts[window][0][end]=2030-06-16", null)]
    [InlineData("opts[window][0][start]=2030-06-17&opts[window][0][end]=2030-06-17", "opts[window][0][start]")]
    [InlineData("opts[window][start]=2030-06-01&opts[window][end]=2030-06-02", "opts[window][start]")]
    [InlineData("opts[window][0][start]=2030-06-01&opts[window][0][end]=2030-06-02&opts[unit]=week&opts[ids][]=1&opts[ids][]=2&opts[flag]=0", null)]
    [InlineData("opts[window][0][start]=2030-06-01&opts[window][0][end]=2030-06-02&opts[unit]=month", "opts[unit]")]
    [InlineData("opts[window][0][start]=2030-06-01&opts[window][0][end]=2030-06-02&opts[ids]=1,2", "opts[ids]")]
    [InlineData("opts[window][0][start]=2030-06-01&opts[window][0][end]=2030-06-02&opts[ids][0]=1&opts[ids][1]=2", null)]
    [InlineData("opts[window][0][start]=2030-06-01&opts[window][0][end]=2030-06-02&opts[flag]=true", "opts[flag]")]
    [InlineData("opts[window][0][start]=2030-06-01&opts[window][0][end]=2030-06-02&opts[window][1][start]=2030-06-02&opts[window][1][end]=2030-06-01", "opts[window][1][start]")]
    [InlineData("opts[window][0][start]=2030-06-01&opts[window][0][end]=2030-06-02&opts[window][0][start][x]=1", "opts[window][0][start][x]")]
    [InlineData("opts[window][0][start]=2030-06-01", "opts[window][0][end]")]
    public void Members_are_checked_as_documented_on_the_clock_given(string query, string? problem)
    {
        Assert.Equal(problem, Check(query.Split('&')));
    }

    [Fact]
    public void Nothing_sent_names_the_first_required_member_and_the_example_passes_the_check()
    {
        Assert.Equal("opts[window][0][start]", NestedParameterCheck.Problem(Opts, [], Today));
        var example = NestedParameterCheck.Example(Opts);
        Assert.Equal(["opts[window][0][start]", "opts[window][0][end]"], example.Select(e => e.Key));
        Assert.Null(NestedParameterCheck.Problem(Opts, example, Today));
    }
}
