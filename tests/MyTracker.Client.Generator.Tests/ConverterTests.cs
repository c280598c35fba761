using MyTracker.Client.Generator.Tests.Infrastructure;

namespace MyTracker.Client.Generator.Tests;

/// <summary>Generated converters on names the stack buffer does not cover: very long and escaped property names.</summary>
public sealed class ConverterTests
{
    [Fact]
    public void A_property_name_longer_than_the_name_buffer_is_matched()
    {
        var longName = new string('n', 300);
        var outcome = CorpusRunner.Run("long-name", "{\"" + longName + "\": 1, \"short\": \"x\"}");

        Assert.True(outcome.Passed, outcome.Detail);
    }

    [Fact]
    public void Escaped_property_names_are_matched_by_their_unescaped_text()
    {
        // The sample spells "abc" with an escape; the generated reader must still match it.
        var outcome = CorpusRunner.Run("escaped-name", """{"a\u0062c": 1, "quote\"d": [true], "\u00e9t\u00e9": "summer"}""");

        Assert.True(outcome.Passed, outcome.Detail);
    }
}
