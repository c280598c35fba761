using System.Linq;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;

namespace MyTracker.Client.Generator.Emitting;

/// <summary>
/// The XML documentation of generated models, written from what the model says the samples show
/// (where a class or value was seen, examples, which type rule applied): the model keeps facts, this
/// class keeps the prose.
/// </summary>
internal static class DocText
{
    /// <summary>A generated class: a response body of one status, or the object of a member.</summary>
    public static string Object(ObjectModel obj) => obj.Origin.JsonName is { } jsonName
        ? "The <c>" + CSharp.XmlText(jsonName) + "</c> object of " + Fixtures(obj.Origin.Fixtures) + "."
        : "The response body of " + Fixtures(obj.Origin.Fixtures) + " (HTTP " + CSharp.Int(obj.Origin.StatusCode) + ").";

    /// <summary>A property: where it was seen, examples, and the rule that typed it.</summary>
    /// <param name="property">The property.</param>
    /// <param name="owner">The class that declares it.</param>
    public static string Property(PropertyModel property, ObjectModel owner)
    {
        if (property.RawTextName is not null)
        {
            return Header(property.JsonName, property.Seen) + " Type rule: the field that tells the scenarios apart, so an enum; a value nobody documented reads as <c>Unknown</c> and its text stays in <see cref=\"" + property.RawTextName + "\"/>.";
        }

        // A wrapped root (not an object) has no JSON name; its one property is documented as the root's.
        var name = owner.IsValueWrapper ? "the JSON root" : property.JsonName;
        return Header(name, property.Seen) + " Type rule: " + Rule(property.Type, property.Seen) + "." + (property.Required ? string.Empty : " Optional: missing from some samples.");
    }

    /// <summary>An enum: a discriminator's documented values, or a parameter's.</summary>
    /// <param name="enum">The enum.</param>
    /// <param name="folder">The endpoint's fixture folder (<c>fixtures/area/endpoint</c>).</param>
    public static string Enum(EnumModel @enum, string folder) => @enum.IsDiscriminator
        ? "The documented values of <c>" + CSharp.XmlText(@enum.Source) + "</c>, the field that tells the scenarios of " + folder + " apart. <see cref=\"Unknown\"/> stands for any other value; the text itself stays in the companion <c>...Text</c> property."
        : "The documented values of the <c>" + CSharp.XmlText(@enum.Source) + "</c> parameter of " + folder + (@enum.Description is null ? "." : ": " + CSharp.XmlText(@enum.Description, 400));

    /// <summary>An enum member: the scenario a discriminator value picks, or what a parameter value sends.</summary>
    public static string EnumMember(EnumMemberModel member) => member.CaseName is { } caseName
        ? "<c>" + CSharp.XmlText(CSharp.Literal(member.WireValue)) + "</c>: scenario <c>" + caseName + "</c>."
        : "Sent as <c>" + CSharp.XmlText(member.WireValue) + "</c>.";

    private static string Header(string jsonName, SampleFacts seen)
    {
        var text = jsonName.Length == 0 ? "The JSON root" : "JSON <c>" + CSharp.XmlText(CSharp.Literal(jsonName)) + "</c>";
        text += ", seen in " + Fixtures(seen.Fixtures);
        if (seen.Examples.Count > 0)
        {
            text += "; example" + (seen.Examples.Count > 1 ? "s" : string.Empty) + ": " + string.Join(", ", seen.Examples.Select(e => "<c>" + CSharp.XmlText(e, 80) + "</c>"));
        }

        return text + ".";
    }

    private static string Rule(TypeRef type, SampleFacts seen)
    {
        var rule = type.Kind switch
        {
            TypeKind.Any when seen.KindCount > 1 => "the samples disagree on the kind of value (see warning MTG0006), so any JSON is kept as JsonElement",
            TypeKind.Any when seen.SeenNumber => "a number too large for decimal or double, kept as JsonElement so no digit is lost",
            TypeKind.Any => "no sample has a value here other than null (or an empty array), so any JSON is kept as JsonElement",
            TypeKind.Boolean => "every value is true or false",
            TypeKind.Int32 => "every value is an integer that fits in int",
            TypeKind.Int64 => "every value is an integer that fits in long",
            TypeKind.Decimal => "every value is an integer too large for long, so decimal",
            TypeKind.Double => "values have a fraction or exponent, so double",
            TypeKind.Int64String => "every value is an integer written as a string, so long, written back as a string",
            TypeKind.Percent => "every value is a percentage such as \"64%\", so Percent, written back as the same text",
            TypeKind.UnixSecondsString => "a timestamp-like name whose values are unix seconds written as strings, so DateTimeOffset, written back as the same string",
            TypeKind.Uri => "every value is an absolute http(s) URL, so Uri, written back as the same text",
            TypeKind.String => "text",
            TypeKind.Object => "an object, generated as its own class",
            TypeKind.Array => "an array whose items are merged into one item type",
            TypeKind.Map => "an object keyed by ids (all property names are integers, or ten or more properties hold objects of one shape), so a dictionary from name to one merged value type",
            _ => "an enum",
        };
        if (seen.SeenNull && seen.KindCount > 0)
        {
            rule += "; null in some samples, so nullable";
        }
        else if (seen.SeenNull)
        {
            rule += "; nullable";
        }

        return rule;
    }

    /// <summary>Up to four sample names, then how many more.</summary>
    private static string Fixtures(EquatableArray<string> fixtures)
    {
        var text = string.Join(", ", fixtures.Take(4));
        if (fixtures.Count > 4)
        {
            text += " and " + CSharp.Int(fixtures.Count - 4) + " more";
        }

        return text;
    }
}
