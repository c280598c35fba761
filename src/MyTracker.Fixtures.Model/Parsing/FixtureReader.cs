using System;
using System.Collections.Generic;
using System.Globalization;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Parsing;

/// <summary>Reads one fixture file: its place in the layout, its JSON, and the manifest if it is one.</summary>
public static class FixtureReader
{
    /// <summary>The manifest's file name in an endpoint folder.</summary>
    public const string ManifestFileName = "endpoint.json";

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" };
    private static readonly HashSet<string> ParameterTypes = new(StringComparer.Ordinal) { "integer", "number", "string", "boolean", "enum", "list", NestedParameters.ObjectType };

    /// <summary>The path of <paramref name="filePath"/> below <paramref name="root"/> with '/' separators, or null when it is not below.</summary>
    public static string? RelativePath(string filePath, string root)
    {
        var file = filePath.Replace('\\', '/');
        var folder = root.Replace('\\', '/');
        if (folder.Length > 0 && !folder.EndsWith("/", StringComparison.Ordinal))
        {
            folder += "/";
        }

        return file.StartsWith(folder, StringComparison.OrdinalIgnoreCase) ? file.Substring(folder.Length) : null;
    }

    /// <summary>Reads one file: its place in the layout, its JSON (with positions) and, for a manifest, the manifest rules.</summary>
    public static ParsedFixture Read(FixtureFile file)
    {
        try
        {
            return ReadCore(file);
        }
        catch (Exception ex)
        {
            return Ignored(file, DiagnosticInfo.Create(FixtureDiagnosticKind.GeneratorFailure, FixtureLocation.StartOf(file.FilePath), file.RelativePath, ex.GetType().Name + ": " + ex.Message));
        }
    }

    private static ParsedFixture ReadCore(FixtureFile file)
    {
        var parts = file.RelativePath.Split('/');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return Ignored(file, DiagnosticInfo.Create(FixtureDiagnosticKind.MisplacedFixture, FixtureLocation.StartOf(file.FilePath), file.RelativePath, file.Root));
        }

        var area = parts[0];
        var endpoint = parts[1];
        var fileName = parts[2];
        var isManifest = string.Equals(fileName, ManifestFileName, StringComparison.Ordinal);
        var status = 0;
        var scenario = string.Empty;
        if (!isManifest)
        {
            var nameError = ParseSampleName(fileName, out status, out scenario);
            if (nameError is not null)
            {
                return Ignored(file, DiagnosticInfo.Create(FixtureDiagnosticKind.InvalidSampleName, FixtureLocation.StartOf(file.FilePath), file.RelativePath, nameError), area, endpoint, fileName);
            }
        }

        var root = JsonParser.TryParse(file.Text, out var error, out var errorPosition);
        if (root is null)
        {
            var diagnostic = DiagnosticInfo.Create(FixtureDiagnosticKind.InvalidJson, errorPosition.In(file.FilePath), file.RelativePath, error!);
            return new ParsedFixture(file.FilePath, area, endpoint, fileName, isManifest ? FixtureFileKind.Manifest : FixtureFileKind.Sample, status, scenario, null, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
        }

        if (!isManifest)
        {
            return new ParsedFixture(file.FilePath, area, endpoint, fileName, FixtureFileKind.Sample, status, scenario, root, null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var diagnostics = new List<DiagnosticInfo>();
        var manifest = ReadManifest(file, root, diagnostics);
        return new ParsedFixture(file.FilePath, area, endpoint, fileName, FixtureFileKind.Manifest, 0, string.Empty, root, manifest, diagnostics.ToEquatableArray());
    }

    /// <summary>Checks <c>&lt;http-status&gt;.&lt;scenario&gt;.json</c>; returns why the name is wrong, or null.</summary>
    public static string? ParseSampleName(string fileName, out int status, out string scenario)
    {
        status = 0;
        scenario = string.Empty;
        if (!fileName.EndsWith(".json", StringComparison.Ordinal))
        {
            return "a sample name ends with .json";
        }

        var stem = fileName.Substring(0, fileName.Length - ".json".Length);
        var dot = stem.IndexOf('.');
        if (dot < 0)
        {
            return "the name has no '.' between the HTTP status and the scenario (expected e.g. 200.success.json)";
        }

        var statusText = stem.Substring(0, dot);
        if (statusText.Length != 3 || !int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out status) || status < 100 || status > 599)
        {
            status = 0;
            return "'" + statusText + "' is not an HTTP status from 100 to 599";
        }

        scenario = stem.Substring(dot + 1);
        if (scenario.Length == 0)
        {
            return "the scenario part of the name is empty";
        }

        foreach (var c in scenario)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            {
                return "the scenario '" + scenario + "' may contain only letters, digits and dashes";
            }
        }

        if (!((scenario[0] >= 'a' && scenario[0] <= 'z') || (scenario[0] >= 'A' && scenario[0] <= 'Z')))
        {
            return "the scenario '" + scenario + "' must start with a letter";
        }

        return null;
    }

    private static ManifestModel? ReadManifest(FixtureFile file, JsonNode root, List<DiagnosticInfo> diagnostics)
    {
        void Fail(TextPosition at, string message)
            => diagnostics.Add(DiagnosticInfo.Create(FixtureDiagnosticKind.InvalidManifest, at.In(file.FilePath), file.RelativePath, message));

        if (root.Kind != JsonKind.Object)
        {
            Fail(root.Position, "the manifest must be a JSON object");
            return null;
        }

        var method = root["method"];
        var path = root["path"];
        if (method is null || method.Kind != JsonKind.String || !Methods.Contains(method.Text!))
        {
            Fail(method?.Position ?? root.Position, "'method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD");
        }

        if (path is null || path.Kind != JsonKind.String || !path.Text!.StartsWith("/", StringComparison.Ordinal) || path.Text.IndexOfAny(new[] { '?', '#', ' ' }) >= 0)
        {
            Fail(path?.Position ?? root.Position, "'path' must be a string that starts with '/' and has no query, fragment or spaces");
        }

        var summaryNode = root["summary"];
        if (summaryNode is not null && summaryNode.Kind != JsonKind.String)
        {
            Fail(summaryNode.Position, "'summary' must be a string");
        }

        var parameters = new List<ParameterSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var parametersNode = root["parameters"];
        if (parametersNode is not null && parametersNode.Kind != JsonKind.Array)
        {
            Fail(parametersNode.Position, "'parameters' must be an array");
        }
        else if (parametersNode is not null)
        {
            foreach (var item in parametersNode.Items)
            {
                var parameter = ReadParameter(item, path?.Text ?? string.Empty, Fail);
                if (parameter is null)
                {
                    continue;
                }

                if (!names.Add(parameter.Name))
                {
                    Fail(item.Position, "parameter '" + parameter.Name + "' is listed twice");
                    continue;
                }

                parameters.Add(parameter);
            }
        }

        var meanings = ManifestMeanings.Read(root, Fail);
        if (diagnostics.Count > 0)
        {
            return null;
        }

        return new ManifestModel(method!.Text!, path!.Text!, summaryNode?.Text, parameters.ToEquatableArray(), meanings);
    }

    private static ParameterSpec? ReadParameter(JsonNode item, string path, Action<TextPosition, string> fail)
    {
        if (item.Kind != JsonKind.Object)
        {
            fail(item.Position, "each parameter must be an object");
            return null;
        }

        var name = item["name"];
        if (name is null || name.Kind != JsonKind.String || name.Text!.Length == 0)
        {
            fail(name?.Position ?? item.Position, "a parameter needs a non-empty string 'name'");
            return null;
        }

        var location = item["in"];
        var inText = location?.Text ?? "query";
        if (location is not null && (location.Kind != JsonKind.String || (inText != "query" && inText != "path")))
        {
            fail(location.Position, "'in' of parameter '" + name.Text + "' must be \"query\" or \"path\"");
            return null;
        }

        if (inText == "path" && path.IndexOf("{" + name.Text + "}", StringComparison.Ordinal) < 0)
        {
            fail(location!.Position, "path parameter '" + name.Text + "' does not appear as {" + name.Text + "} in 'path'");
            return null;
        }

        var type = item["type"];
        if (type is null || type.Kind != JsonKind.String || !ParameterTypes.Contains(type.Text!))
        {
            fail(type?.Position ?? item.Position, "'type' of parameter '" + name.Text + "' must be one of integer, number, string, boolean, enum, list, object" + (type?.Text is NestedParameters.ArrayType or NestedParameters.DateType ? " (an array or a date goes inside an object's 'members'; a parameter of its own is a list or a string)" : string.Empty));
            return null;
        }

        var required = item["required"];
        if (required is not null && required.Kind != JsonKind.True && required.Kind != JsonKind.False)
        {
            fail(required.Position, "'required' of parameter '" + name.Text + "' must be true or false");
            return null;
        }

        var description = item["description"];
        if (description is not null && description.Kind != JsonKind.String)
        {
            fail(description.Position, "'description' of parameter '" + name.Text + "' must be a string");
            return null;
        }

        var values = new List<EnumValueSpec>();
        var valuesNode = item["values"];
        if (type.Text == "enum")
        {
            if (valuesNode is null || valuesNode.Kind != JsonKind.Object || valuesNode.Members.Count == 0)
            {
                fail(valuesNode?.Position ?? item.Position, "enum parameter '" + name.Text + "' needs 'values': an object from wire value to name");
                return null;
            }

            foreach (var member in valuesNode.Members)
            {
                if (member.Value.Kind != JsonKind.String || member.Value.Text!.Length == 0)
                {
                    fail(member.Value.Position, "the name of value '" + member.Name + "' of parameter '" + name.Text + "' must be a non-empty string");
                    return null;
                }

                values.Add(new EnumValueSpec(member.Name, member.Value.Text));
            }
        }
        else if (valuesNode is not null)
        {
            if (valuesNode.Kind != JsonKind.Array)
            {
                fail(valuesNode.Position, "'values' of parameter '" + name.Text + "' must be an array of strings (an object only for type enum)");
                return null;
            }

            foreach (var value in valuesNode.Items)
            {
                if (value.Kind != JsonKind.String)
                {
                    fail(value.Position, "'values' of parameter '" + name.Text + "' must hold strings");
                    return null;
                }

                values.Add(new EnumValueSpec(value.Text!, value.Text!));
            }
        }

        var spelling = item["spelling"];
        if (spelling is not null && (spelling.Kind != JsonKind.String || type.Text != "list" || spelling.Text is not ("comma" or "array" or "comma-or-array")))
        {
            fail(spelling.Position, "'spelling' of parameter '" + name.Text + "' must be \"comma\", \"array\" or \"comma-or-array\", and only a list has one");
            return null;
        }

        var members = EquatableArray<ParameterSpec>.Empty;
        if (type.Text == NestedParameters.ObjectType)
        {
            if (inText != "query")
            {
                fail(location!.Position, "object parameter '" + name.Text + "' goes in the query, in bracket notation");
                return null;
            }

            var read = NestedParameterReader.ReadMembers(item, name.Text, 1, fail);
            if (read is null)
            {
                return null;
            }

            members = read.Value;
        }
        else if (item["members"] is { } strayMembers)
        {
            fail(strayMembers.Position, "only an object parameter has 'members'; '" + name.Text + "' is " + type.Text);
            return null;
        }

        return new ParameterSpec(
            name.Text,
            inText,
            type.Text!,
            required?.Kind == JsonKind.True || inText == "path",
            description?.Text,
            ScalarText(item["default"]),
            ScalarText(item["minimum"]),
            ScalarText(item["maximum"]),
            values.ToEquatableArray(),
            spelling?.Text ?? "comma",
            members);
    }

    private static string? ScalarText(JsonNode? node) => node?.Kind switch
    {
        JsonKind.String or JsonKind.Number => node.Text,
        JsonKind.True => "true",
        JsonKind.False => "false",
        _ => null,
    };

    private static ParsedFixture Ignored(FixtureFile file, DiagnosticInfo diagnostic, string area = "", string endpoint = "", string fileName = "")
        => new(file.FilePath, area, endpoint, fileName, FixtureFileKind.Ignored, 0, string.Empty, null, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
}
