using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.OpenApi;

/// <summary>
/// The schema descriptions, in plain text with `code` spans, written from what the fixture model says
/// the samples show (the same facts the generator documents its classes from; the type itself is in the
/// schema's keywords).
/// </summary>
internal static class OpenApiDescriptions
{
    public static string Object(ObjectModel obj) => obj.Origin.JsonName is { } jsonName
        ? "The `" + jsonName + "` object of " + Fixtures(obj.Origin.Fixtures) + "."
        : "The response body of " + Fixtures(obj.Origin.Fixtures) + " (HTTP " + obj.Origin.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + ").";

    public static string Property(PropertyModel property)
    {
        var text = "JSON `" + property.JsonName + "`, seen in " + Fixtures(property.Seen.Fixtures);
        if (property.Seen.Examples.Count > 0)
        {
            text += "; example" + (property.Seen.Examples.Count > 1 ? "s" : string.Empty) + ": " + string.Join(", ", property.Seen.Examples.Select(e => "`" + Shorten(e, 80) + "`"));
        }

        text += ".";
        if (property.RawTextName is not null)
        {
            text += " The field that tells the scenarios apart; a value nobody documented is kept as text.";
        }
        else if (!property.Required)
        {
            text += " Optional: missing from some samples.";
        }

        return text;
    }

    public static string Discriminator(EnumModel @enum, string folder) =>
        "The documented values of `" + @enum.Source + "`, the field that tells the scenarios of " + folder + " apart.";

    private static string Fixtures(EquatableArray<string> fixtures)
    {
        var text = string.Join(", ", fixtures.Take(4));
        return fixtures.Count > 4 ? text + " and " + (fixtures.Count - 4).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more" : text;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "...";
}
