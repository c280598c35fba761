using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>The parameters pass: endpoint.json's parameters become method arguments and enums of their documented values.</summary>
public sealed partial class EndpointInference
{
    private List<ParameterModel> BuildParameters(EquatableArray<ParameterSpec> specs, string prefix)
    {
        var result = new List<ParameterModel>();
        var taken = new HashSet<string>(StringComparer.Ordinal) { "cancellationToken" };
        foreach (var spec in specs.OrderBy(s => s.Required ? 0 : 1))
        {
            var name = Naming.ToCamelCase(spec.Name, "value");
            name = Naming.Unique(name, taken);
            var kind = spec.Type switch
            {
                "integer" => ParameterKind.Integer,
                "number" => ParameterKind.Number,
                "boolean" => ParameterKind.Boolean,
                "enum" => ParameterKind.Enum,
                "list" => ParameterKind.List,
                NestedParameters.ObjectType => ParameterKind.Object,
                _ => ParameterKind.String,
            };
            var objectName = kind == ParameterKind.Object ? NestedInference.Build(spec, prefix, _typeNames, _requestTypes) : null;
            string? enumName = null;
            if (kind == ParameterKind.Enum)
            {
                enumName = Naming.Unique(prefix + Naming.ToPascalCase(spec.Name, "Value").TrimStart('_'), _typeNames);
                var memberNames = new HashSet<string>(StringComparer.Ordinal);
                var members = spec.Values.Select(v => new EnumMemberModel(Naming.Unique(Naming.ToPascalCase(v.Name, "Value"), memberNames), v.WireValue)).ToList();
                _enums.Add(new EnumModel(enumName, spec.Name, spec.Description, false, members.ToEquatableArray()));
            }

            string? range = null;
            if (spec.Minimum is not null || spec.Maximum is not null)
            {
                range = (spec.Minimum ?? "") + ".." + (spec.Maximum ?? "");
            }

            result.Add(new ParameterModel(spec.Name, name, kind, spec.In == "path", spec.Required, spec.Description, spec.Default, range, enumName, spec.Values, spec.Spelling, spec.Minimum, spec.Maximum, objectName));
        }

        return result;
    }
}
