using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>
/// The types pass: what the samples of one place say (a <see cref="Shape"/>) becomes a type, an
/// object a class (same-structured objects share one), the discriminator an enum.
/// </summary>
public sealed partial class EndpointInference
{
    private string BuildObject(Shape shape, string name, string typePrefix, ObjectOrigin doc, Discriminator? discriminator, List<string> path, List<PropertyStep> steps, out PropertyPath? discriminatorAccess, out string? discriminatorEnum, bool isRoot = false)
    {
        discriminatorAccess = null;
        discriminatorEnum = null;
        _typeNames.Add(name);
        var taken = CSharpNames.Reserved(CSharpNames.Owner.ModelClass);
        taken.Add(name);
        var properties = new List<PropertyModel>();

        // Reserve the names first so a later field cannot take a name a companion property needs.
        var names = new List<string>();
        foreach (var field in shape.Fields)
        {
            names.Add(Naming.Unique(Naming.ToPascalCase(field.Name, "Property"), taken));
        }

        var index = 0;
        var insertAt = _objects.Count;
        foreach (var field in shape.Fields)
        {
            var csharpName = names[index++];
            var optional = field.PresentCount < shape.ObjectCount;
            var fieldPath = new List<string>(path) { field.Name };
            var isDiscriminator = discriminator is not null && fieldPath.SequenceEqual(discriminator.Path);
            TypeRef type;
            string? rawTextName = null;

            if (isDiscriminator)
            {
                var enumName = Naming.Unique(typePrefix + Naming.ToPascalCase(field.Name, "Kind"), _typeNames);
                var members = new List<EnumMemberModel>();
                var memberNames = new HashSet<string>(StringComparer.Ordinal) { "Unknown" };
                for (var i = 0; i < discriminator!.Members.Count; i++)
                {
                    var (caseName, value, _) = discriminator.Members[i];
                    var memberName = Naming.Unique(Naming.ToPascalCase(value, "Value"), memberNames);
                    discriminator.Members[i] = (caseName, value, memberName);
                    var sample = discriminator.Samples[i];
                    members.Add(new EnumMemberModel(memberName, value, caseName, sample.Scenario, sample.StatusCode, FixturePathOf(sample)));
                }

                _enums.Add(new EnumModel(enumName, string.Join(".", discriminator.Path), null, true, members.ToEquatableArray()));
                type = new TypeRef(TypeKind.Enum, optional || field.Shape.NullCount > 0, enumName, null);
                rawTextName = Naming.Unique(csharpName + "Text", taken);
                discriminatorAccess = PropertyPath.Of(steps).Then(new PropertyStep(field.Name, csharpName, type.Nullable));
                discriminatorEnum = enumName;
            }
            else
            {
                PropertyPath? nestedAccess = null;
                string? nestedEnum = null;
                type = Resolve(field.Shape, typePrefix, Naming.ToPascalCase(field.Name, "Property").TrimStart('_'), field.Name, discriminator, fieldPath, (steps, csharpName), (a, e) => { nestedAccess = a; nestedEnum = e; });
                if (nestedAccess is not null)
                {
                    discriminatorAccess = nestedAccess;
                    discriminatorEnum = nestedEnum;
                }

                if (optional && !type.Nullable)
                {
                    type = type with { Nullable = true };
                }

            }

            var trackNull = optional && field.Shape.NullCount > 0;
            var nullFlag = trackNull ? Naming.Unique(csharpName + "IsExplicitNull", taken) : null;
            properties.Add(new PropertyModel(field.Name, csharpName, type, !optional, trackNull, nullFlag, rawTextName, Seen(field.Shape)));
        }

        // Objects of the same structure (same JSON names and types) share one class: a map-like
        // object with a hundred same-shaped values gives one type, not a hundred.
        var structure = new ObjectStructure(properties.Select(p => p with { Seen = SampleFacts.None }).ToEquatableArray());
        if (!isRoot && discriminator is null && _classesByStructure.TryGetValue(structure, out var existing))
        {
            _typeNames.Remove(name);
            return existing;
        }

        if (!isRoot && discriminator is null && !_classesByStructure.ContainsKey(structure))
        {
            _classesByStructure[structure] = name;
        }

        _objects.Insert(insertAt, new ObjectModel(name, doc, false, properties.ToEquatableArray()));
        return name;
    }

    private sealed record ObjectStructure(EquatableArray<PropertyModel> Properties);

    private readonly Dictionary<ObjectStructure, string> _classesByStructure = new();

    private TypeRef Resolve(Shape shape, string typePrefix, string baseName, string jsonName, Discriminator? discriminator, List<string> path, (List<PropertyStep> Parent, string PropertyName)? at = null, Action<PropertyPath, string>? foundDiscriminator = null)
    {
        var nullable = shape.NullCount > 0;
        if (shape.KindCount == 0)
        {
            return new TypeRef(TypeKind.Any, nullable, null, null);
        }

        if (shape.KindCount > 1)
        {
            var first = shape.KindsInOrder[0];
            var second = shape.KindsInOrder[1];
            _diagnostics.Add(DiagnosticInfo.Create(FixtureDiagnosticKind.TypeConflict, second.At.Position.In(second.At.FilePath), jsonName, _endpointLabel, second.Kind, first.Kind + " (" + first.At.FileName + " line " + (first.At.Position.Line + 1).ToString(CultureInfo.InvariantCulture) + ")"));
            return new TypeRef(TypeKind.Any, nullable, null, null);
        }

        if (shape.BooleanCount > 0)
        {
            return new TypeRef(TypeKind.Boolean, nullable, null, null);
        }

        if (shape.NumberCount > 0)
        {
            TypeKind kind;
            if (shape.AllIntegers && shape.AllInt32)
            {
                kind = TypeKind.Int32;
            }
            else if (shape.AllIntegers && shape.AllInt64)
            {
                kind = TypeKind.Int64;
            }
            else if (shape.AllIntegers && shape.AllDecimal)
            {
                kind = TypeKind.Decimal;
            }
            else if (shape.AllDouble)
            {
                kind = TypeKind.Double;
            }
            else
            {
                kind = TypeKind.Any;
            }

            return new TypeRef(kind, nullable, null, null);
        }

        if (shape.StringCount > 0)
        {
            TypeKind kind;
            if (shape.AllUnixSecondsStrings && IsTimestampName(jsonName))
            {
                kind = TypeKind.UnixSecondsString;
            }
            else if (shape.AllInt64Strings)
            {
                kind = TypeKind.Int64String;
            }
            else if (shape.AllPercentStrings)
            {
                kind = TypeKind.Percent;
            }
            else if (shape.AllAbsoluteUrls)
            {
                kind = TypeKind.Uri;
            }
            else
            {
                kind = TypeKind.String;
            }

            return new TypeRef(kind, nullable, null, null);
        }

        if (shape.ObjectCount > 0 && shape.IsMap)
        {
            var value = Resolve(shape.MapValues(), typePrefix, Naming.Singularize(baseName), jsonName + "{}", null, new List<string>());
            return new TypeRef(TypeKind.Map, nullable, null, value);
        }

        if (shape.ObjectCount > 0)
        {
            var name = Naming.Unique(typePrefix + baseName, _typeNames);
            var doc = new ObjectOrigin(jsonName, 0, shape.Fixtures.ToEquatableArray());
            // The discriminator, when it is inside this object, is reached through this property.
            var steps = at is { } place ? new List<PropertyStep>(place.Parent) { new PropertyStep(jsonName, place.PropertyName, nullable) } : new List<PropertyStep>();
            name = BuildObject(shape, name, typePrefix, doc, discriminator, path, steps, out var discriminatorAccess, out var discriminatorEnum);
            if (discriminatorAccess is not null)
            {
                foundDiscriminator?.Invoke(discriminatorAccess, discriminatorEnum!);
            }

            return new TypeRef(TypeKind.Object, nullable, name, null);
        }

        // Arrays: items of all arrays seen here are merged into one item type.
        var element = Resolve(shape.Element, typePrefix, Naming.Singularize(baseName), jsonName + "[]", null, new List<string>());
        return new TypeRef(TypeKind.Array, nullable, null, element);
    }

    /// <summary>Names that announce a point in time: timestamp, time, date, expires, ...At, ...Ts.</summary>
    /// <param name="jsonName">The member name as written.</param>
    /// <returns>True for a timestamp name.</returns>
    public static bool IsTimestampName(string jsonName)
    {
        var lower = jsonName.ToLowerInvariant();
        // "until": validity ends such as validUntil, which export families use for their links' expiry.
        if (lower.Contains("timestamp") || lower.Contains("time") || lower.Contains("date") || lower.Contains("expire") || lower.Contains("until"))
        {
            return true;
        }

        return (jsonName.EndsWith("At", StringComparison.Ordinal) && jsonName.Length > 2)
               || lower.EndsWith("_at", StringComparison.Ordinal)
               || lower.EndsWith("_ts", StringComparison.Ordinal)
               || (jsonName.EndsWith("Ts", StringComparison.Ordinal) && jsonName.Length > 2);
    }
    /// <summary>What the samples show at one place, kept for the property's documentation.</summary>
    private static SampleFacts Seen(Shape shape) =>
        new(shape.Fixtures.ToEquatableArray(), shape.Examples.ToEquatableArray(), shape.KindCount, shape.NullCount > 0, shape.NumberCount > 0);
}
