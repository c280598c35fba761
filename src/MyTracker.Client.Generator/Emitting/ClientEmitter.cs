using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MyTracker.Client.Generator.Helpers;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;

namespace MyTracker.Client.Generator.Emitting;

/// <summary>Emits the typed clients: one shell per area and one partial file per endpoint method.</summary>
internal static class ClientEmitter
{
    /// <summary>The constructors and HttpClient of an area client: <c>&lt;Area&gt;Client.g.cs</c>.</summary>
    public static string EmitAreaClient(string @namespace, string area, string clientName)
    {
        var w = new SourceWriter();
        w.WriteLine(Emitter.Header("fixtures/" + area).TrimEnd('\n'));
        w.WriteLine();
        w.WriteLine("namespace " + @namespace + ";");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Typed client for the " + Naming.XmlText(area) + " endpoints documented in fixtures/" + Naming.XmlText(area) + "/: one method per endpoint,");
        w.WriteLine("/// documented answers as result cases, anything else as <see cref=\"global::MyTracker.Client.MyTrackerRequestFailedException\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine("/// <remarks>Methods are virtual and a protected constructor exists so the client can be mocked.</remarks>");
        w.OpenBlock("public partial class " + clientName);
        w.WriteLine("private readonly global::System.Net.Http.HttpClient? _httpClient;");
        w.WriteLine();
        w.WriteLine("/// <summary>Creates the client.</summary>");
        w.WriteLine("/// <param name=\"httpClient\">Sends the requests. Its BaseAddress is the API root (for example <c>https://tracker.my.com/</c>); the handler that signs requests belongs in its pipeline. <see cref=\"global::MyTracker.Client.MyTrackerClient.CreateHttpClient\"/> gives one with the client's whole pipeline: signing, retries, timeouts, logging.</param>");
        w.OpenBlock("public " + clientName + "(global::System.Net.Http.HttpClient httpClient)");
        w.WriteLine("_httpClient = httpClient ?? throw new global::System.ArgumentNullException(nameof(httpClient));");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>For mocking frameworks and test doubles: a client that sends nothing until its methods are overridden.</summary>");
        w.OpenBlock("protected " + clientName + "()");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>The HttpClient requests are sent with.</summary>");
        w.WriteLine("/// <exception cref=\"global::System.InvalidOperationException\">The client was created with the protected constructor and the called method was not overridden.</exception>");
        w.WriteLine("protected global::System.Net.Http.HttpClient HttpClient => _httpClient ?? throw new global::System.InvalidOperationException(\"This " + clientName + " was created for mocking; override the methods you call.\");");
        w.CloseBlock();
        return w.ToString();
    }

    /// <summary>One endpoint method: <c>&lt;Area&gt;Client.&lt;Endpoint&gt;Async.g.cs</c>.</summary>
    public static string EmitMethod(EndpointModel model)
    {
        var w = new SourceWriter();
        w.WriteLine(Emitter.Header(model.FixtureFolder + "/endpoint.json").TrimEnd('\n'));
        w.WriteLine();
        w.WriteLine("namespace " + model.Namespace + ";");
        w.WriteLine();
        w.OpenBlock("public partial class " + model.ClientName);
        w.WriteLine("/// <summary>" + Naming.XmlText(model.Summary ?? (model.HttpMethod + " " + model.Path), 400) + "</summary>");
        w.WriteLine("/// <remarks><c>" + model.HttpMethod + " " + Naming.XmlText(model.Path, 400) + "</c>, generated from " + model.FixtureFolder + ".</remarks>");
        foreach (var parameter in model.Parameters)
        {
            w.WriteLine("/// <param name=\"" + parameter.CSharpName.TrimStart('@') + "\">" + ParameterText.Doc(parameter) + "</param>");
        }

        w.WriteLine("/// <param name=\"cancellationToken\">Cancels the request.</param>");
        w.WriteLine("/// <returns>The documented answer as one case of <see cref=\"" + model.Result.Name + "\"/>.</returns>");
        w.WriteLine("/// <exception cref=\"global::MyTracker.Client.MyTrackerRequestFailedException\">An answer the documentation does not describe: another HTTP status, a body that is not the documented JSON, or no answer at all.</exception>");
        var arguments = model.Parameters.Select(p => ParameterType(p) + " " + p.CSharpName + (p.Required ? string.Empty : " = null")).ToList();
        arguments.Add("global::System.Threading.CancellationToken cancellationToken = default");
        w.OpenBlock("public virtual global::System.Threading.Tasks.Task<" + model.Result.Name + "> " + model.MethodName + "(" + string.Join(", ", arguments) + ")");
        foreach (var parameter in model.Parameters.Where(p => p.Required && p.Kind is ParameterKind.String or ParameterKind.List or ParameterKind.Object))
        {
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(" + parameter.CSharpName + ");");
        }

        ParameterText.EmitRangeChecks(w, model.Parameters);

        var query = model.Parameters.Where(p => !p.InPath).ToList();
        if (query.Count > 0)
        {
            w.WriteLine("var query = new global::MyTracker.Client.Json.QueryBuilder();");
            if (query.Any(p => p.Kind == ParameterKind.Object))
            {
                w.WriteLine(RequestTypeEmitter.LatestDateDeclaration);
            }

            foreach (var parameter in query)
            {
                var value = parameter.Required ? parameter.CSharpName : "value" + Naming.ToPascalCase(parameter.JsonName, "Value");
                if (!parameter.Required)
                {
                    w.OpenBlock("if (" + parameter.CSharpName + " is { } " + value + ")");
                }

                w.WriteLine(AddStatement(parameter, value, model));
                if (!parameter.Required)
                {
                    w.CloseBlock();
                }
            }

            w.WriteLine();
        }

        var path = PathExpression(model);
        w.WriteLine("return global::MyTracker.Client.Json.ClientSupport.SendAsync(HttpClient, global::System.Net.Http.HttpMethod." + MethodProperty(model.HttpMethod) + ", " + path + (query.Count > 0 ? " + query.ToString()" : string.Empty) + ", " + model.Result.Name + ".FromResponse, cancellationToken);");
        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }

    private static string MethodProperty(string method) => method switch
    {
        "GET" => "Get",
        "POST" => "Post",
        "PUT" => "Put",
        "PATCH" => "Patch",
        "DELETE" => "Delete",
        _ => "Head",
    };

    private static string ParameterType(ParameterModel parameter)
    {
        var type = ParameterText.TypeOf(parameter, "global::System.Collections.Generic.IEnumerable<string>");
        return parameter.Required ? type : type + "?";
    }

    private static string AddStatement(ParameterModel parameter, string value, EndpointModel model)
    {
        var name = Naming.Literal(parameter.JsonName);
        return parameter.Kind switch
        {
            ParameterKind.List when parameter.Spelling == "array" => "query.AddArray(" + name + ", " + value + ");",
            ParameterKind.List => "query.AddList(" + name + ", " + value + ");",
            ParameterKind.Enum => "query.Add(" + name + ", " + EnumToWire(parameter, value, model) + ");",
            ParameterKind.Object => value + ".AppendTo(query, " + name + ", " + RequestTypeEmitter.LatestDate + ");",
            _ => "query.Add(" + name + ", " + value + ");",
        };
    }

    private static string EnumToWire(ParameterModel parameter, string value, EndpointModel model)
    {
        var @enum = model.Enums.First(e => e.Name == parameter.EnumTypeName);
        var arms = @enum.Members.Select(m => @enum.Name + "." + m.Name + " => " + Naming.Literal(m.WireValue));
        return value + " switch { " + string.Join(", ", arms) + ", _ => throw new global::System.ArgumentOutOfRangeException(nameof(" + parameter.CSharpName + ")) }";
    }

    private static string PathExpression(EndpointModel model)
    {
        var path = model.Path.TrimStart('/');
        var parts = new List<string>();
        var rest = path;
        while (rest.Length > 0)
        {
            var open = rest.IndexOf('{');
            var close = open < 0 ? -1 : rest.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                parts.Add(Naming.Literal(rest));
                break;
            }

            if (open > 0)
            {
                parts.Add(Naming.Literal(rest.Substring(0, open)));
            }

            var name = rest.Substring(open + 1, close - open - 1);
            var parameter = model.Parameters.FirstOrDefault(p => p.InPath && p.JsonName == name);
            if (parameter is null)
            {
                parts.Add(Naming.Literal(rest.Substring(open, close - open + 1)));
            }
            else
            {
                var text = parameter.Kind switch
                {
                    ParameterKind.Integer => parameter.CSharpName + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
                    ParameterKind.Number => parameter.CSharpName + ".ToString(\"R\", global::System.Globalization.CultureInfo.InvariantCulture)",
                    ParameterKind.Boolean => "(" + parameter.CSharpName + " ? \"1\" : \"0\")",
                    ParameterKind.Enum => "(" + EnumToWire(parameter, parameter.CSharpName, model) + ")",
                    ParameterKind.List => "string.Join(\",\", " + parameter.CSharpName + ")",
                    _ => parameter.CSharpName,
                };
                parts.Add("global::System.Uri.EscapeDataString(" + text + ")");
            }

            rest = rest.Substring(close + 1);
        }

        return parts.Count == 0 ? "\"\"" : string.Join(" + ", parts);
    }
}
