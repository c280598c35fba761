using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>
/// Infers the models, result cases and client method of one endpoint from all its samples.
/// Pure: the same input gives the same model, and nothing here throws out of <see cref="Infer"/>.
/// </summary>
public sealed class EndpointInference
{
    private static readonly string[] ObjectReservedMembers =
    {
        "FromJson", "ToJson", "WriteTo", "ReadFrom", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    private static readonly string[] ResultReservedMembers =
    {
        "Unknown", "FromResponse", "EqualityContract", "PrintMembers", "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    private readonly EndpointInput _input;
    private readonly string _namespace;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly List<ObjectModel> _objects = new();
    private readonly List<EnumModel> _enums = new();
    private readonly List<RequestTypeModel> _requestTypes = new();
    private string _folder = string.Empty;
    private string _endpointLabel = string.Empty;

    private EndpointInference(EndpointInput input, string @namespace)
    {
        _input = input;
        _namespace = @namespace;
    }

    /// <summary>Infers one endpoint's model (types, scenarios, discriminator, parameters) from its manifest and samples.</summary>
    public static EndpointResult Infer(EndpointInput input, string @namespace)
    {
        var inference = new EndpointInference(input, @namespace);
        try
        {
            var model = inference.Run();
            return new EndpointResult(model, inference._diagnostics.ToEquatableArray());
        }
        catch (Exception ex)
        {
            var file = input.Manifest?.FilePath ?? input.Samples.FirstOrDefault()?.FilePath ?? string.Empty;
            var diagnostic = DiagnosticInfo.Create(FixtureDiagnosticKind.GeneratorFailure, FixtureLocation.StartOf(file), input.Area + "/" + input.Endpoint, ex.GetType().Name + ": " + ex.Message);
            return new EndpointResult(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
        }
    }

    private EndpointModel? Run()
    {
        _folder = "fixtures/" + _input.Area + "/" + _input.Endpoint;
        _endpointLabel = _input.Area + "/" + _input.Endpoint;
        var manifest = _input.Manifest;
        if (manifest is null)
        {
            var first = _input.Samples.FirstOrDefault();
            if (first is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(FixtureDiagnosticKind.MissingManifest, FixtureLocation.StartOf(first.FilePath), _endpointLabel));
            }

            return null;
        }

        if (_input.CollidesWith is not null)
        {
            var at = FixtureLocation.StartOf(manifest.FilePath);
            _diagnostics.Add(DiagnosticInfo.Create(FixtureDiagnosticKind.NameCollision, at, _endpointLabel, _input.CollidesWith, _input.CollidingName!));
            return null;
        }

        var samples = _input.Samples.Where(s => s.Root is not null).ToList();
        if (_input.Samples.Count == 0)
        {
            _diagnostics.Add(DiagnosticInfo.Create(FixtureDiagnosticKind.NoSamples, FixtureLocation.StartOf(manifest.FilePath), _endpointLabel));
            return null;
        }

        // A broken manifest or sample was reported where it was read; generating from what is left
        // would silently change the API, so the endpoint waits until the fixture is fixed.
        if (manifest.Manifest is null || samples.Count != _input.Samples.Count)
        {
            return null;
        }

        var endpoint = Naming.ToPascalCase(_input.Endpoint, "Endpoint");
        var prefix = PrefixOf(_input.Area, _input.Endpoint);
        var clientName = ClientNameOf(_input.Area);
        var methodName = (endpoint[0] == '_' ? "Call" + endpoint : endpoint) + "Async";
        var resultName = prefix + "Result";
        _typeNames.Add(clientName);
        _typeNames.Add(resultName);

        var cases = AssignCases(samples, resultName);
        var groups = new List<StatusGroupModel>();
        var successNamed = false;
        foreach (var group in cases.GroupBy(c => c.Sample.StatusCode).OrderBy(g => g.Key))
        {
            var members = group.ToList();
            string responseName;
            if (!successNamed && group.Key >= 200 && group.Key < 300)
            {
                responseName = prefix + "Response";
                successNamed = true;
            }
            else if (members.Count == 1)
            {
                responseName = prefix + members[0].Name + "Response";
            }
            else
            {
                responseName = prefix + "Status" + group.Key.ToString(CultureInfo.InvariantCulture) + "Response";
            }

            responseName = Naming.Unique(responseName, _typeNames);
            groups.Add(BuildGroup(group.Key, members, responseName));
        }

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

        var parameters = BuildParameters(manifest.Manifest.Parameters, prefix);
        return new EndpointModel(
            _namespace,
            _input.Area,
            _input.Endpoint,
            clientName,
            methodName,
            prefix,
            manifest.Manifest.Method,
            manifest.Manifest.Path,
            manifest.Manifest.Summary,
            _folder,
            manifest.FilePath,
            parameters.ToEquatableArray(),
            _enums.ToEquatableArray(),
            _objects.ToEquatableArray(),
            new ResultModel(resultName, caseModels.ToEquatableArray(), groups.ToEquatableArray()),
            manifest.Manifest.Meanings,
            _requestTypes.ToEquatableArray());
    }

    /// <summary>The area client's name: <c>segment-export</c> -> <c>SegmentExportClient</c>.</summary>
    internal static string ClientNameOf(string area) => AreaName(area) + "Client";

    /// <summary>The type prefix of an endpoint: <c>segment-export/get</c> -> <c>SegmentExportGet</c>.</summary>
    internal static string PrefixOf(string area, string endpoint) => AreaName(area) + Naming.ToPascalCase(endpoint, "Endpoint").TrimStart('_');

    private static string AreaName(string area)
    {
        var name = Naming.ToPascalCase(area, "Area");
        return name[0] == '_' ? "Area" + name : name;
    }

    private readonly Dictionary<string, (string? Member, string? Value)> _discriminatorMembers = new(StringComparer.Ordinal);

    private readonly Dictionary<string, EquatableArray<ScenarioPropertyModel>> _guaranteed = new(StringComparer.Ordinal);

    private string FixturePathOf(ParsedFixture sample) => _input.Area + "/" + _input.Endpoint + "/" + sample.FileName;

    /// <summary>Members a case's property may not take: the record's own and those its generated code uses.</summary>
    private static readonly string[] CaseReservedMembers =
    {
        "Response", "EqualityContract", "PrintMembers", "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "MemberwiseClone", "Finalize", "ReferenceEquals", "FromResponse", "Unknown",
    };

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

        var found = new List<(List<string> Names, TypeRef Type, string Access, string JsonPath, string DeclaringType, string PropertyName)>();
        void Walk(ObjectModel obj, List<JsonNode> nodes, string access, string jsonPath, List<string> names)
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
                var propertyAccess = access + property.CSharpName;
                var propertyJsonPath = jsonPath.Length == 0 ? property.JsonName : jsonPath + "." + property.JsonName;
                if (property.Type.Nullable)
                {
                    found.Add((path, property.Type with { Nullable = false }, propertyAccess, propertyJsonPath, obj.Name, property.CSharpName));
                }

                if (property.Type.Kind == TypeKind.Object && _objects.FirstOrDefault(o => o.Name == property.Type.Name) is { IsValueWrapper: false } nested)
                {
                    Walk(nested, values.Select(v => v!).ToList(), propertyAccess + (property.Type.Nullable ? "?." : "."), propertyJsonPath, path);
                }
            }
        }

        Walk(root, new List<JsonNode> { member.Sample.Root! }, string.Empty, string.Empty, new List<string>());
        var taken = new HashSet<string>(CaseReservedMembers, StringComparer.Ordinal) { member.Name };
        var result = new List<ScenarioPropertyModel>();
        foreach (var item in found)
        {
            var leaf = item.Names[item.Names.Count - 1];
            var ambiguous = found.Count(f => f.Names[f.Names.Count - 1] == leaf) > 1 || taken.Contains(leaf);
            var name = Naming.Unique(ambiguous ? string.Concat(item.Names.Select(n => n.TrimStart('@'))) : leaf, taken);
            result.Add(new ScenarioPropertyModel(name, item.Type, item.Access, item.JsonPath, item.DeclaringType, item.PropertyName));
        }

        return result.ToEquatableArray();
    }

    private sealed record AssignedCase(string Name, ParsedFixture Sample);

    private List<AssignedCase> AssignCases(List<ParsedFixture> samples, string resultName)
    {
        var taken = new HashSet<string>(ResultReservedMembers, StringComparer.Ordinal) { resultName };
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

        var rootDoc = "The response body of " + Fixtures(shape) + " (HTTP " + status.ToString(CultureInfo.InvariantCulture) + ").";
        string? access = null;
        string? enumName = null;
        if (shape.KindCount == 1 && shape.ObjectCount > 0 && shape.NullCount == 0 && !shape.IsMap)
        {
            BuildObject(shape, responseName, typePrefix, rootDoc, discriminator, new List<string>(), "", out access, out enumName, isRoot: true);
        }
        else
        {
            // A root that is not an object (an array, a number...) is wrapped: the class has one property, Value.
            _typeNames.Add(responseName);
            var type = Resolve(shape, typePrefix, "Item", "$", null, new List<string>());
            var property = new PropertyModel(string.Empty, "Value", type, true, false, null, null, PropertyDoc("the JSON root", shape, type));
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
            discriminatorPath is null ? null : string.Join(".", discriminatorPath),
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

    private string BuildObject(Shape shape, string name, string typePrefix, string doc, Discriminator? discriminator, List<string> path, string accessPrefix, out string? discriminatorAccess, out string? discriminatorEnum, bool isRoot = false)
    {
        discriminatorAccess = null;
        discriminatorEnum = null;
        _typeNames.Add(name);
        var taken = new HashSet<string>(ObjectReservedMembers, StringComparer.Ordinal) { name };
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
            string propertyDoc;
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
                    members.Add(new EnumMemberModel(memberName, value, "<c>" + Naming.XmlText(Naming.Literal(value)) + "</c>: scenario <c>" + caseName + "</c>.", sample.Scenario, sample.StatusCode, FixturePathOf(sample)));
                }

                _enums.Add(new EnumModel(enumName, "The documented values of <c>" + Naming.XmlText(string.Join(".", discriminator.Path)) + "</c>, the field that tells the scenarios of " + _folder + " apart. <see cref=\"Unknown\"/> stands for any other value; the text itself stays in the companion <c>...Text</c> property.", true, members.ToEquatableArray()));
                type = new TypeRef(TypeKind.Enum, optional || field.Shape.NullCount > 0, enumName, null);
                rawTextName = Naming.Unique(csharpName + "Text", taken);
                discriminatorAccess = accessPrefix + csharpName;
                discriminatorEnum = enumName;
                propertyDoc = PropertyHeader(field.Name, field.Shape) + " Type rule: the field that tells the scenarios apart, so an enum; a value nobody documented reads as <c>Unknown</c> and its text stays in <see cref=\"" + rawTextName + "\"/>.";
            }
            else
            {
                string? nestedAccess = null;
                string? nestedEnum = null;
                type = Resolve(field.Shape, typePrefix, Naming.ToPascalCase(field.Name, "Property").TrimStart('_'), field.Name, discriminator, fieldPath, accessPrefix + csharpName, (a, e) => { nestedAccess = a; nestedEnum = e; });
                if (nestedAccess is not null)
                {
                    discriminatorAccess = nestedAccess;
                    discriminatorEnum = nestedEnum;
                }

                if (optional && !type.Nullable)
                {
                    type = type with { Nullable = true };
                }

                propertyDoc = PropertyDoc(field.Name, field.Shape, type) + (optional ? " Optional: missing from some samples." : string.Empty);
            }

            var trackNull = optional && field.Shape.NullCount > 0;
            var nullFlag = trackNull ? Naming.Unique(csharpName + "IsExplicitNull", taken) : null;
            properties.Add(new PropertyModel(field.Name, csharpName, type, !optional, trackNull, nullFlag, rawTextName, propertyDoc));
        }

        // Objects of the same structure (same JSON names and types) share one class: a map-like
        // object with a hundred same-shaped values gives one type, not a hundred.
        var structure = new ObjectStructure(properties.Select(p => p with { Doc = string.Empty }).ToEquatableArray());
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

    private TypeRef Resolve(Shape shape, string typePrefix, string baseName, string jsonName, Discriminator? discriminator, List<string> path, string? access = null, Action<string, string>? foundDiscriminator = null)
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
            var doc = "The <c>" + Naming.XmlText(jsonName) + "</c> object of " + Fixtures(shape) + ".";
            name = BuildObject(shape, name, typePrefix, doc, discriminator, path, (access ?? string.Empty) + (nullable ? "?." : "."), out var discriminatorAccess, out var discriminatorEnum);
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

    private string PropertyDoc(string jsonName, Shape shape, TypeRef type)
        => PropertyHeader(jsonName, shape) + " Type rule: " + Rule(type, shape) + ".";

    private string PropertyHeader(string jsonName, Shape shape)
    {
        var text = jsonName.Length == 0 ? "The JSON root" : "JSON <c>" + Naming.XmlText(Naming.Literal(jsonName)) + "</c>";
        text += ", seen in " + Fixtures(shape);
        if (shape.Examples.Count > 0)
        {
            text += "; example" + (shape.Examples.Count > 1 ? "s" : string.Empty) + ": " + string.Join(", ", shape.Examples.Select(e => "<c>" + Naming.XmlText(e, 80) + "</c>"));
        }

        return text + ".";
    }

    private static string Rule(TypeRef type, Shape shape)
    {
        var rule = type.Kind switch
        {
            TypeKind.Any when shape.KindCount > 1 => "the samples disagree on the kind of value (see warning MTG0006), so any JSON is kept as JsonElement",
            TypeKind.Any when shape.NumberCount > 0 => "a number too large for decimal or double, kept as JsonElement so no digit is lost",
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
        if (shape.NullCount > 0 && shape.KindCount > 0)
        {
            rule += "; null in some samples, so nullable";
        }
        else if (shape.NullCount > 0)
        {
            rule += "; nullable";
        }

        return rule;
    }

    private static string Fixtures(Shape shape)
    {
        var list = shape.Fixtures.Take(4).ToList();
        var text = string.Join(", ", list);
        if (shape.Fixtures.Count > list.Count)
        {
            text += " and " + (shape.Fixtures.Count - list.Count).ToString(CultureInfo.InvariantCulture) + " more";
        }

        return text;
    }

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
                var members = spec.Values.Select(v => new EnumMemberModel(Naming.Unique(Naming.ToPascalCase(v.Name, "Value"), memberNames), v.WireValue, "Sent as <c>" + Naming.XmlText(v.WireValue) + "</c>.")).ToList();
                _enums.Add(new EnumModel(enumName, "The documented values of the <c>" + Naming.XmlText(spec.Name) + "</c> parameter of " + _folder + (spec.Description is null ? "." : ": " + Naming.XmlText(spec.Description, 400)), false, members.ToEquatableArray()));
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
