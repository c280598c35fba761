using System.Globalization;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Parsing;

namespace MyTracker.Fixtures.Verify;

/// <summary>
/// Walks one answer along the generated client's model of its status (the response class, its
/// properties' <see cref="TypeRef"/>s, the discriminator enum) and reports where they part: a member the
/// class lacks, a required member missing, a value <see cref="FixtureModels.Accepts"/> refuses, an enum
/// value nobody documented. Values themselves are never compared, so new ids, timestamps and links pass.
/// </summary>
internal sealed class DriftChecker
{
    private readonly DocumentedEndpoint _endpoint;
    private readonly int _status;
    private readonly Dictionary<string, ObjectModel> _objects;
    private readonly Dictionary<string, EnumModel> _enums;
    private readonly List<Drift> _drifts = [];
    private readonly HashSet<(DriftKind, string, string)> _seen = [];

    private DriftChecker(DocumentedEndpoint endpoint, int status)
    {
        _endpoint = endpoint;
        _status = status;
        _objects = endpoint.Model.Objects.ToDictionary(o => o.Name, StringComparer.Ordinal);
        _enums = endpoint.Model.Enums.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    public static IReadOnlyList<Drift> Check(DocumentedEndpoint endpoint, int status, string body) =>
        Check(endpoint, status, JsonParser.TryParse(body, out var error, out _), error);

    public static IReadOnlyList<Drift> Check(DocumentedEndpoint endpoint, int status, JsonNode? root, string? parseError)
    {
        var checker = new DriftChecker(endpoint, status);
        var group = endpoint.Model.Result.Groups.FirstOrDefault(g => g.StatusCode == status);
        if (group is null)
        {
            checker.Add(DriftKind.UndocumentedStatus, string.Empty, string.Join(", ", endpoint.Statuses.Select(s => s.ToString(CultureInfo.InvariantCulture))), status.ToString(CultureInfo.InvariantCulture));
            return checker._drifts;
        }

        var response = checker._objects[group.ResponseType];
        if (root is null)
        {
            checker.Add(DriftKind.NotJson, "$", response.IsValueWrapper ? checker.Describe(response.Properties[0].Type) : "an object", "no JSON (" + parseError + ")");
            return checker._drifts;
        }

        if (response.IsValueWrapper)
        {
            checker.CheckValue(response.Properties[0].Type, root, "$", string.Empty);
        }
        else if (root.Kind != JsonKind.Object)
        {
            checker.Add(DriftKind.TypeChanged, "$", "an object", DescribeValue(string.Empty, root));
        }
        else
        {
            checker.CheckObject(response, root, string.Empty);
        }

        return checker._drifts;
    }

    private void CheckObject(ObjectModel model, JsonNode node, string path)
    {
        var documented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in model.Properties)
        {
            documented.Add(property.JsonName);
            var value = node[property.JsonName];
            var place = Join(path, property.JsonName);
            if (value is null)
            {
                if (property.Required)
                {
                    Add(DriftKind.MissingField, place, Describe(property.Type), "nothing");
                }

                continue;
            }

            CheckValue(property.Type, value, place, property.JsonName);
        }

        foreach (var member in node.Members.Where(m => !documented.Contains(m.Name)))
        {
            Add(DriftKind.NewField, Join(path, member.Name), "nothing", DescribeValue(member.Name, member.Value));
        }
    }

    private void CheckValue(TypeRef type, JsonNode value, string path, string jsonName)
    {
        if (!FixtureModels.Accepts(type, value))
        {
            Add(DriftKind.TypeChanged, path, Describe(type), DescribeValue(jsonName, value));
            return;
        }

        if (value.Kind == JsonKind.Null)
        {
            return;
        }

        switch (type.Kind)
        {
            case TypeKind.Object when type.Name is { } name && _objects.TryGetValue(name, out var model):
                CheckObject(model, value, path);
                break;
            case TypeKind.Map when type.Element is { } element:
                foreach (var member in value.Members)
                {
                    CheckValue(element, member.Value, path + "{}", member.Name);
                }

                break;
            case TypeKind.Array when type.Element is { } item:
                foreach (var element in value.Items)
                {
                    CheckValue(item, element, path + "[]", jsonName);
                }

                break;
            case TypeKind.Enum when type.Name is { } name && _enums.TryGetValue(name, out var enumModel) && enumModel.IsDiscriminator:
                if (enumModel.Members.All(m => m.WireValue != value.Text))
                {
                    Add(DriftKind.NewDiscriminatorValue, path, string.Join(", ", enumModel.Members.Select(m => Quote(m.WireValue))), Quote(value.Text!));
                }

                break;
        }
    }

    private void Add(DriftKind kind, string path, string documented, string received)
    {
        // An array of a thousand items with the same new field is one drift, not a thousand.
        if (_seen.Add((kind, path, received)))
        {
            _drifts.Add(new Drift(kind, _endpoint.Key, _status, path, documented, received));
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private string Describe(TypeRef type)
    {
        var text = type.Kind switch
        {
            TypeKind.Any => "any JSON",
            TypeKind.String => "a string",
            TypeKind.Boolean => "a boolean",
            TypeKind.Int32 => "an integer (int)",
            TypeKind.Int64 => "an integer (long)",
            TypeKind.Decimal => "an integer (decimal)",
            TypeKind.Double => "a number",
            TypeKind.Int64String => "an integer string",
            TypeKind.Percent => "a percentage string",
            TypeKind.UnixSecondsString => "unix seconds as a string",
            TypeKind.Uri => "an absolute URL",
            TypeKind.Enum when type.Name is { } name && _enums.TryGetValue(name, out var model) =>
                "one of " + string.Join(", ", model.Members.Select(m => Quote(m.WireValue))),
            TypeKind.Enum => "a string",
            TypeKind.Object => "an object",
            TypeKind.Array => "an array",
            _ => "an object keyed by ids",
        };
        return type.Nullable && type.Kind != TypeKind.Any ? text + " or null" : text;
    }

    private static string DescribeValue(string jsonName, JsonNode value)
    {
        if (value.Kind == JsonKind.Null)
        {
            return "null";
        }

        return FixtureModels.KindOf(jsonName, value) switch
        {
            TypeKind.Boolean => "a boolean",
            TypeKind.Int32 => "an integer",
            TypeKind.Int64 => "an integer too large for int",
            TypeKind.Decimal => "an integer too large for long",
            TypeKind.Double => "a number with a fraction",
            TypeKind.Int64String => "an integer string",
            TypeKind.UnixSecondsString => "unix seconds as a string",
            TypeKind.Percent => "a percentage string",
            TypeKind.Uri => "an absolute URL",
            TypeKind.String => "a string",
            TypeKind.Object => "an object",
            _ => "an array",
        };
    }

    private static string Quote(string value) => "\"" + value + "\"";
}
