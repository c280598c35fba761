namespace MyTracker.Fixtures.Tests.Support;

/// <summary>Edits a copied fixture file, failing loudly when the text to change is not there (a test that mutates nothing proves nothing).</summary>
internal static class FixtureEdit
{
    public static void Replace(string file, string oldText, string newText)
    {
        var text = File.ReadAllText(file);
        Assert.True(text.Contains(oldText, StringComparison.Ordinal), $"{file} does not contain {oldText}");
        File.WriteAllText(file, text.Replace(oldText, newText, StringComparison.Ordinal));
    }
}
