using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>
/// The scenarios pass: one case per sample, cases grouped by HTTP status, the field that tells the
/// cases of a status apart (the discriminator), and what every sample of a case promises.
/// </summary>
public sealed partial class EndpointInference
{
    private readonly Dictionary<string, (string? Member, string? Value)> _discriminatorMembers = new(StringComparer.Ordinal);

    private readonly Dictionary<string, EquatableArray<ScenarioPropertyModel>> _guaranteed = new(StringComparer.Ordinal);

    /// <summary>
    /// The fields, reached from the response root through objects (not into arrays or maps, whose
    /// items share one type), that every sample of the case has with a value other than null while
    /// the shared response type keeps them nullable. Named after the field when that is unambiguous,
    /// else after the whole path (<c>DataResultFiles</c>).
    /// </summary>
    private EquatableArray<ScenarioPropertyModel> GuaranteedProperties(AssignedCase member, string responseName)
    {
        var root = _objects.FirstOrDefault(o => o.Name == responseName);
        if (root is null || root.IsValueWrapper)
        {
            return EquatableArray<ScenarioPropertyModel>.Empty;
        }

        var found = new List<(List<string> Names, TypeRef Type, PropertyPath Path, string DeclaringType, string PropertyName)>();
        void Walk(ObjectModel obj, List<JsonNode> nodes, List<PropertyStep> steps, List<string> names)
        {
            if (names.Count > 8)
            {
                return;
            }

            foreach (var property in obj.Properties)
            {
                // The discriminator is what chose the case; its value is already known.
                if (property.RawTextName is not null)
                {
                    continue;
                }

                var values = nodes.Select(n => n[property.JsonName]).ToList();
                if (values.Any(v => v is null || v.Kind == JsonKind.Null))
                {
                    continue;
                }

                var path = new List<string>(names) { property.CSharpName };
                var propertySteps = new List<PropertyStep>(steps) { StepOf(property) };
                if (property.Type.Nullable)
                {
                    found.Add((path, property.Type with { Nullable = false }, PropertyPath.Of(propertySteps), obj.Name, property.CSharpName));
                }

                if (property.Type.Kind == TypeKind.Object && _objects.FirstOrDefault(o => o.Name == property.Type.Name) is { IsValueWrapper: false } nested)
                {
                    Walk(nested, values.Select(v => v!).ToList(), propertySteps, path);
                }
            }
        }

        Walk(root, new List<JsonNode> { member.Sample.Root! }, new List<PropertyStep>(), new List<string>());
        var taken = CSharpNames.Reserved(CSharpNames.Owner.Case);
        taken.Add(member.Name);
        var result = new List<ScenarioPropertyModel>();
        foreach (var item in found)
        {
            var leaf = item.Names[item.Names.Count - 1];
            var ambiguous = found.Count(f => f.Names[f.Names.Count - 1] == leaf) > 1 || taken.Contains(leaf);
            var name = Naming.Unique(ambiguous ? string.Concat(item.Names.Select(n => n.TrimStart('@'))) : leaf, taken);
            result.Add(new ScenarioPropertyModel(name, item.Type, item.Path, item.DeclaringType, item.PropertyName));
        }

        return result.ToEquatableArray();
    }
    private static PropertyStep StepOf(PropertyModel property) => new(property.JsonName, property.CSharpName, property.Type.Nullable);

    /// <summary>One status group per documented HTTP status, in status order, each with its response type.</summary>
    private List<StatusGroupModel> BuildGroups(List<AssignedCase> cases, string prefix)
    {
        var groups = new List<StatusGroupModel>();
        var successNamed = false;
        foreach (var group in cases.GroupBy(c => c.Sample.StatusCode).OrderBy(g => g.Key))
        {
            var members = group.ToList();
            var firstSuccess = !successNamed && group.Key >= 200 && group.Key < 300;
            successNamed |= firstSuccess;
            var responseName = Naming.Unique(CSharpNames.Response(prefix, group.Key, firstSuccess, members.Count == 1 ? members[0].Name : null), _typeNames);
            groups.Add(BuildGroup(group.Key, members, responseName));
        }

        return groups;
    }

    /// <summary>The cases in group order, each with its discriminator value and what it promises.</summary>
    private List<CaseModel> CaseModels(List<AssignedCase> cases, List<StatusGroupModel> groups)
    {
        var caseModels = new List<CaseModel>();
        foreach (var group in groups)
        {
            foreach (var assigned in cases.Where(c => c.Sample.StatusCode == group.StatusCode))
            {
                _discriminatorMembers.TryGetValue(assigned.Name, out var member);
                _guaranteed.TryGetValue(assigned.Name, out var guaranteed);
                caseModels.Add(new CaseModel(assigned.Name, assigned.Sample.Scenario, assigned.Sample.StatusCode, group.ResponseType, member.Member, member.Value, assigned.Sample.FileName, FixturePathOf(assigned.Sample), guaranteed));
            }
        }

        return caseModels;
    }

    private List<AssignedCase> AssignCases(List<ParsedFixture> samples, string resultName)
    {
        var taken = CSharpNames.Reserved(CSharpNames.Owner.Result);
        taken.Add(resultName);
        var byName = new Dictionary<string, ParsedFixture>(StringComparer.Ordinal);
        var result = new List<AssignedCase>();
        foreach (var sample in samples.OrderBy(s => s.StatusCode).ThenBy(s => s.FileName, StringComparer.Ordinal))
        {
            var name = Naming.ToPascalCase(sample.Scenario, "Scenario");
            if (byName.ContainsKey(name))
            {
                _diagnostics.Add(DiagnosticInfo.Create(FixtureDiagnosticKind.DuplicateScenario, FixtureLocation.StartOf(sample.FilePath), sample.FileName, name, _endpointLabel));
                continue;
            }

            byName.Add(name, sample);
            var unique = taken.Contains(name) ? Naming.Unique(name + "Case", taken) : Naming.Unique(name, taken);
            result.Add(new AssignedCase(unique, sample));
        }

        return result;
    }

    private StatusGroupModel BuildGroup(int status, List<AssignedCase> members, string responseName)
    {
        var typePrefix = responseName.EndsWith("Response", StringComparison.Ordinal) ? responseName.Substring(0, responseName.Length - "Response".Length) : responseName;
        string[]? discriminatorPath = null;
        if (members.Count > 1)
        {
            discriminatorPath = FindDiscriminator(members);
            if (discriminatorPath is null)
            {
                var names = string.Join(", ", members.Select(m => m.Sample.FileName));
                _diagnostics.Add(DiagnosticInfo.Create(FixtureDiagnosticKind.IndistinguishableScenarios, members[1].Sample.Root!.Position.In(members[1].Sample.FilePath), names, _endpointLabel, status.ToString(CultureInfo.InvariantCulture), members[0].Name));
            }
        }

        var shape = new Shape();
        foreach (var member in members)
        {
            shape.Add(member.Sample.Root!, new Occurrence(member.Sample.FileName, member.Sample.FilePath, member.Sample.Root!.Position));
        }

        Discriminator? discriminator = null;
        if (discriminatorPath is not null)
        {
            discriminator = new Discriminator(discriminatorPath, members);
        }

        var rootDoc = new ObjectOrigin(null, status, shape.Fixtures.ToEquatableArray());
        PropertyPath? access = null;
        string? enumName = null;
        if (shape.KindCount == 1 && shape.ObjectCount > 0 && shape.NullCount == 0 && !shape.IsMap)
        {
            BuildObject(shape, responseName, typePrefix, rootDoc, discriminator, new List<string>(), new List<PropertyStep>(), out access, out enumName, isRoot: true);
        }
        else
        {
            // A root that is not an object (an array, a number...) is wrapped: the class has one property, Value.
            _typeNames.Add(responseName);
            var type = Resolve(shape, typePrefix, "Item", "$", null, new List<string>());
            var property = new PropertyModel(string.Empty, "Value", type, true, false, null, null, Seen(shape));
            _objects.Add(new ObjectModel(responseName, rootDoc, true, new EquatableArray<PropertyModel>(new[] { property })));
        }

        if (discriminator is not null && access is not null)
        {
            foreach (var (caseName, value, memberName) in discriminator.Members)
            {
                _discriminatorMembers[caseName] = (memberName, value);
            }

            // Only a case chosen by its own discriminator value can promise its fields: without one
            // (MTG0009) the first case is returned for every body of the status.
            foreach (var member in members)
            {
                _guaranteed[member.Name] = GuaranteedProperties(member, responseName);
            }
        }

        return new StatusGroupModel(
            status,
            responseName,
            access,
            enumName,
            members.Select(m => m.Name).ToEquatableArray());
    }

    /// <summary>
    /// The string field, reached through objects only, present in every sample of the group with a
    /// different value in each. Shallowest wins; among equals a name like status/state/type/kind; then document order.
    /// </summary>
    private static string[]? FindDiscriminator(List<AssignedCase> members)
    {
        var perSample = members.Select(m => StringLeaves(m.Sample.Root!)).ToList();
        var candidates = new List<(string[] Path, int Order)>();
        var order = 0;
        foreach (var pair in perSample[0])
        {
            order++;
            var values = new HashSet<string>(StringComparer.Ordinal);
            var ok = true;
            foreach (var leaves in perSample)
            {
                if (!leaves.TryGetValue(pair.Key, out var value) || !values.Add(value.Value))
                {
                    ok = false;
                    break;
                }
            }

            if (ok)
            {
                candidates.Add((pair.Value.Path, order));
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        static int Preference(string name)
        {
            var lower = name.ToLowerInvariant();
            return lower.Contains("status") || lower.Contains("state") || lower.Contains("type") || lower.Contains("kind") ? 0 : 1;
        }

        return candidates
            .OrderBy(c => c.Path.Length)
            .ThenBy(c => Preference(c.Path[c.Path.Length - 1]))
            .ThenBy(c => c.Order)
            .First().Path;
    }

    private static Dictionary<string, (string[] Path, string Value)> StringLeaves(JsonNode root)
    {
        var result = new Dictionary<string, (string[] Path, string Value)>(StringComparer.Ordinal);
        void Walk(JsonNode node, List<string> path)
        {
            if (node.Kind != JsonKind.Object || path.Count > 8)
            {
                return;
            }

            foreach (var member in node.Members)
            {
                path.Add(member.Name);
                if (member.Value.Kind == JsonKind.String)
                {
                    var key = string.Join("\u0000", path);
                    if (!result.ContainsKey(key))
                    {
                        result.Add(key, (path.ToArray(), member.Value.Text!));
                    }
                }
                else
                {
                    Walk(member.Value, path);
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        Walk(root, new List<string>());
        return result;
    }

    private sealed class Discriminator
    {
        public Discriminator(string[] path, List<AssignedCase> members)
        {
            Path = path;
            foreach (var member in members)
            {
                var node = member.Sample.Root!;
                foreach (var step in path)
                {
                    node = node![step];
                }

                Members.Add((member.Name, node!.Text!, string.Empty));
                Samples.Add(member.Sample);
            }
        }

        public string[] Path { get; }

        /// <summary>The sample of each member, in the order of <see cref="Members"/>.</summary>
        public List<ParsedFixture> Samples { get; } = new();

        public List<(string CaseName, string Value, string MemberName)> Members { get; } = new();
    }
}
