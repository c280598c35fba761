using MyTracker.Fake.Http;

namespace MyTracker.Fake.Tests.BadInput;

public sealed class QueryParametersTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("idSegmentExport=1", "idSegmentExport=1")]
    [InlineData("a=1&&b=2&", "a=1|b=2")]
    [InlineData("&a", "a=")]
    [InlineData("=v&a=", "=v|a=")]
    [InlineData("a=1&a=2", "a=1|a=2")]
    [InlineData("a=x%3Dy&b=c+d", "a=x=y|b=c d")]
    [InlineData("r%C3%A9f=caf%C3%A9", "réf=café")]
    public void Pairs_are_split_kept_in_order_and_decoded_once(string raw, string expected)
    {
        var query = QueryParameters.Parse(raw);

        Assert.False(query.Malformed);
        Assert.Equal(expected, string.Join("|", query.Items.Select(i => $"{i.Name}={i.Value}")));
    }

    [Theory]
    [InlineData("a=%zz")]
    [InlineData("a=%4")]
    [InlineData("a=%C3%28")]
    public void Undecodable_parts_mark_the_query_malformed(string raw) =>
        Assert.True(QueryParameters.Parse(raw).Malformed);

    [Fact]
    public void Repeats_are_counted_and_the_first_value_is_the_one_read()
    {
        var query = QueryParameters.Parse("a=1&b=2&a=3");

        Assert.Equal((2, 1, 0), (query.Count("a"), query.Count("b"), query.Count("c")));
        Assert.Equal("1", query.Get("a"));
        Assert.Null(query.Get("c"));
    }
}
