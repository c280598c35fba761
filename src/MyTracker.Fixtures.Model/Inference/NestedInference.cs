using System;
using System.Collections.Generic;
using System.Linq;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>
/// The request types of an object parameter (endpoint.json <c>"type": "object"</c>): one type per object,
/// named after the shortest tail of its path that no other type of the endpoint has
/// (<c>settings[filter][date]</c> items -> <c>ReportFileCreateDate</c>, unless that is taken).
/// </summary>
internal static class NestedInference
{
    private static readonly string[] ReservedMembers =
    {
        "AppendTo", "EqualityContract", "PrintMembers", "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>Adds the types of <paramref name="parameter"/> to <paramref name="types"/> and returns the name of its own.</summary>
    public static string Build(ParameterSpec parameter, string prefix, ISet<string> typeNames, List<RequestTypeModel> types)
    {
        return BuildObject(parameter, new List<string> { parameter.Name }, parameter.Name, prefix, typeNames, types);
    }

    private static string BuildObject(ParameterSpec spec, List<string> path, string wireName, string prefix, ISet<string> typeNames, List<RequestTypeModel> types)
    {
        var name = NameOf(path, prefix, typeNames);
        var index = types.Count;
        types.Add(null!); // keeps pre-order: a type comes before the types of its members
        var memberNames = new HashSet<string>(ReservedMembers, StringComparer.Ordinal) { name };
        var members = new List<RequestMemberModel>();
        foreach (var member in spec.Members)
        {
            var csharp = Naming.Unique(Naming.ToPascalCase(member.Name, "Value"), memberNames);
            var isArray = member.Type == NestedParameters.ArrayType;
            var value = isArray ? member.Items! : member;
            var memberWire = wireName + "[" + member.Name + "]";
            string? typeName = null;
            if (value.Type == NestedParameters.ObjectType)
            {
                var memberPath = new List<string>(path) { member.Name };
                var described = isArray && value.Description is null ? value with { Description = member.Description } : value;
                typeName = BuildObject(described, memberPath, isArray ? memberWire + "[n]" : memberWire, prefix, typeNames, types);
            }

            members.Add(new RequestMemberModel(
                member.Name,
                csharp,
                KindOf(value.Type),
                isArray,
                typeName,
                member.Required,
                member.Description,
                member.Default,
                value.Minimum,
                value.Maximum,
                member.NotAfter,
                member.NotBefore,
                isArray ? member.Spelling : string.Empty,
                value.Values.Select(v => v.WireValue).ToEquatableArray()));
        }

        var positional = members.Count <= 4 && members.All(m => m.Required && !m.IsArray && m.Kind != RequestValueKind.Object);
        types[index] = new RequestTypeModel(name, spec.Description, wireName, positional, members.ToEquatableArray());
        return name;
    }

    private static string NameOf(List<string> path, string prefix, ISet<string> typeNames)
    {
        for (var take = 1; take <= path.Count; take++)
        {
            var candidate = prefix + string.Concat(path.Skip(path.Count - take).Select(p => Naming.ToPascalCase(p, "Value").TrimStart('_')));
            if (!typeNames.Contains(candidate))
            {
                typeNames.Add(candidate);
                return candidate;
            }
        }

        return Naming.Unique(prefix + string.Concat(path.Select(p => Naming.ToPascalCase(p, "Value").TrimStart('_'))), typeNames);
    }

    private static RequestValueKind KindOf(string type) => type switch
    {
        "integer" => RequestValueKind.Integer,
        "number" => RequestValueKind.Number,
        "boolean" => RequestValueKind.Boolean,
        NestedParameters.DateType => RequestValueKind.Date,
        NestedParameters.ObjectType => RequestValueKind.Object,
        _ => RequestValueKind.String,
    };
}
