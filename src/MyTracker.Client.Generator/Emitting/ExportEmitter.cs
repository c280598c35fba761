using System.Globalization;
using System.Linq;
using MyTracker.Client.Generator.Helpers;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;

namespace MyTracker.Client.Generator.Emitting;

/// <summary>
/// The export glue of one recognized family, <c>&lt;Area&gt;Operations.g.cs</c>: the create
/// endpoint's parameters as a request record, and <c>&lt;Area&gt;Operations</c> with its nested
/// <c>Adapter</c> that tells the shared export runtime which case means what.
/// </summary>
internal static class ExportEmitter
{
    private const string Runtime = "global::MyTracker.Client";
    private const string Tasks = "global::System.Threading.Tasks";
    private const string Token = "global::System.Threading.CancellationToken";

    public static string Emit(ExportFamilyModel family)
    {
        var w = new SourceWriter();
        w.WriteLine(CSharp.Header("fixtures/" + family.Area + " (" + family.CreateLabel + " starts an export, " + family.StatusLabel + " reports it)").TrimEnd('\n'));
        w.WriteLine();
        w.WriteLine("namespace " + family.Namespace + ";");
        w.WriteLine();
        EmitRequest(w, family);
        w.WriteLine();
        EmitOperations(w, family);
        return w.ToString();
    }

    private static void EmitRequest(SourceWriter w, ExportFamilyModel family)
    {
        w.WriteLine("/// <summary>What to export: the parameters of " + family.CreateFolder + ", which <see cref=\"" + family.OperationsName + "\"/> sends to start a " + CSharp.XmlText(family.Area) + " export.</summary>");
        w.WriteLine("/// <remarks>The one-call job tells requests apart by <see cref=\"" + family.OperationsName + ".Adapter.DescribeRequest\"/>, the query they are sent as; list properties compare by reference in <c>Equals</c>.</remarks>");
        w.OpenBlock("public sealed partial record " + family.RequestName);
        var first = true;
        foreach (var property in family.RequestProperties)
        {
            if (!first)
            {
                w.WriteLine();
            }

            first = false;
            var parameter = property.Parameter;
            var type = ParameterText.TypeOf(parameter, "global::System.Collections.Generic.IReadOnlyList<string>");
            w.WriteLine("/// <summary>" + ParameterText.Doc(parameter) + "</summary>");
            w.WriteLine("public " + (parameter.Required ? "required " + type : type + "?") + " " + property.PropertyName + " { get; init; }");
        }

        w.CloseBlock();
    }

    private static void EmitOperations(SourceWriter w, ExportFamilyModel family)
    {
        var generic = family.RequestName + ", " + family.StatusResult;
        var area = CSharp.XmlText(family.Area);
        var meanings = string.Join(", ", family.StatusCases.Select(c => "<c>" + CSharp.XmlText(c.Scenario) + "</c> " + Meaning(c, family)));
        w.Write($$"""
            /// <summary>
            /// The {{area}} exports, driven by the export runtime with no code of yours: start one (<see cref="{{Runtime}}.ExportOperations{TRequest, TResult}.StartAsync"/>),
            /// resume one by id (<see cref="{{Runtime}}.ExportOperations{TRequest, TResult}.GetOperation"/>), or run the whole job in one call
            /// (<see cref="{{Runtime}}.ExportOperations{TRequest, TResult}.ExportAsync(TRequest, string, global::System.IProgress{{{Runtime}}.ExportProgress}?, {{Token}})"/>):
            /// polling with backoff, retries, parallel downloads resumed with <c>Range</c>, files verified and named by position, and a job that resumes into its folder.
            /// </summary>
            /// <remarks>
            /// Generated because fixtures/{{area}} has the shape of an export: {{CSharp.XmlText(family.CreateLabel)}} answers <c>{{CSharp.XmlText(family.IdParameter)}}</c>, which {{CSharp.XmlText(family.StatusLabel)}} takes,
            /// and its answers mean: {{meanings}}.
            /// To read a case otherwise, derive from <see cref="Adapter"/> and pass it to the constructor that takes one.
            /// </remarks>
            """);
        w.OpenBlock("public partial class " + family.OperationsName + " : " + Runtime + ".ExportOperations<" + generic + ">");
        w.WriteLine("/// <summary>The " + CSharp.XmlText(family.Area) + " exports, sent through <paramref name=\"client\"/>'s pipeline (AuthHMAC for the API origin only, retries, logging) with its options.</summary>");
        w.WriteLine("/// <param name=\"client\">The client to send through.</param>");
        var api = "new " + family.ClientName + "((client ?? throw new global::System.ArgumentNullException(nameof(client))).CreateHttpClient())";
        if (family.Actions.Count == 0)
        {
            Constructor(w, "public " + family.OperationsName + "(" + Runtime + ".MyTrackerClient client)", "base(client, new Adapter(" + api + "))");
        }
        else
        {
            Constructor(w, "public " + family.OperationsName + "(" + Runtime + ".MyTrackerClient client)", "this(client, " + api + ")");
            w.WriteLine();
            ConstructorWithBody(w, "private " + family.OperationsName + "(" + Runtime + ".MyTrackerClient client, " + family.ClientName + " api)", "base(client, new Adapter(api))", "_api = api;");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>The " + CSharp.XmlText(family.Area) + " exports through another adapter, for example a subclass of <see cref=\"Adapter\"/> that reads a case otherwise.</summary>");
        w.WriteLine("/// <param name=\"client\">The client to send through.</param>");
        w.WriteLine("/// <param name=\"adapter\">How the endpoints are called and read.</param>");
        if (family.Actions.Count == 0)
        {
            Constructor(w, "public " + family.OperationsName + "(" + Runtime + ".MyTrackerClient client, " + Runtime + ".ExportAdapter<" + generic + "> adapter)", "base(client, adapter)");
        }
        else
        {
            ConstructorWithBody(w, "public " + family.OperationsName + "(" + Runtime + ".MyTrackerClient client, " + Runtime + ".ExportAdapter<" + generic + "> adapter)", "base(client, adapter)", "_api = " + api + ";");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>For mocking frameworks and test doubles.</summary>");
        w.OpenBlock("protected " + family.OperationsName + "()");
        w.CloseBlock();
        w.WriteLine();
        EmitActions(w, family);
        EmitAdapter(w, family, generic);
        w.CloseBlock();
    }

    /// <summary>The family's other endpoints on one export (raw export's cancel.json), each answering its documented cases.</summary>
    private static void EmitActions(SourceWriter w, ExportFamilyModel family)
    {
        if (family.Actions.Count == 0)
        {
            return;
        }

        w.WriteLine("private readonly " + family.ClientName + " _api = null!;");
        w.WriteLine();
        foreach (var action in family.Actions)
        {
            w.WriteLine("/// <summary>" + CSharp.XmlText(action.Summary ?? action.Label, 400) + "</summary>");
            w.WriteLine("/// <remarks>Calls " + CSharp.XmlText(action.Label) + " once (never retried once it may have reached the server); each documented answer, refusals included, is a case of <see cref=\"" + action.ResultName + "\"/>.</remarks>");
            w.WriteLine("/// <param name=\"exportId\">The export, by the id " + CSharp.XmlText(family.CreateLabel) + " answered.</param>");
            w.WriteLine("/// <param name=\"cancellationToken\">Cancels the request.</param>");
            w.WriteLine("/// <returns>The documented answer.</returns>");
            w.WriteLine("/// <exception cref=\"" + Runtime + ".MyTrackerRequestFailedException\">An answer the documentation does not describe.</exception>");
            w.WriteLine("public virtual " + Tasks + ".Task<" + action.ResultName + "> " + action.MethodName + "(long exportId, " + Token + " cancellationToken = default) =>");
            w.Indent();
            w.WriteLine("_api." + action.MethodName + "(exportId, cancellationToken: cancellationToken);");
            w.Unindent();
            w.WriteLine();
        }
    }

    private static void ConstructorWithBody(SourceWriter w, string signature, string initializer, string statement)
    {
        w.WriteLine(signature);
        w.Indent();
        w.WriteLine(": " + initializer);
        w.Unindent();
        w.WriteLine("{");
        w.Indent();
        w.WriteLine(statement);
        w.Unindent();
        w.WriteLine("}");
    }

    private static void Constructor(SourceWriter w, string signature, string initializer)
    {
        w.WriteLine(signature);
        w.Indent();
        w.WriteLine(": " + initializer);
        w.Unindent();
        w.WriteLine("{");
        w.WriteLine("}");
    }

    private static void EmitAdapter(SourceWriter w, ExportFamilyModel family, string generic)
    {
        w.WriteLine("/// <summary>How the export runtime calls and reads the " + CSharp.XmlText(family.Area) + " endpoints, generated from their documented cases.</summary>");
        w.OpenBlock("public class Adapter : " + Runtime + ".ExportAdapter<" + generic + ">");
        w.WriteLine("private readonly " + family.ClientName + " _api;");
        w.WriteLine();
        w.WriteLine("/// <summary>Reads the endpoints through a generated client.</summary>");
        w.WriteLine("/// <param name=\"api\">The client that sends the calls (for example on <see cref=\"" + Runtime + ".MyTrackerClient.CreateHttpClient\"/>).</param>");
        w.OpenBlock("public Adapter(" + family.ClientName + " api)");
        w.WriteLine("_api = api ?? throw new global::System.ArgumentNullException(nameof(api));");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public override string Name => " + CSharp.Literal(family.Area) + ";");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public override " + Tasks + ".Task<" + family.StatusResult + "> GetStatusAsync(long exportId, " + Token + " cancellationToken) =>");
        w.Indent();
        w.WriteLine("_api." + family.StatusMethod + "(exportId, cancellationToken: cancellationToken);");
        w.Unindent();
        w.WriteLine();
        EmitReadStatus(w, family);
        w.WriteLine();
        EmitCreate(w, family);
        w.WriteLine();
        EmitDescribe(w, family);
        if (family.HeaderProperty is { } header)
        {
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("public override bool FirstFileHasHeader(" + family.RequestName + "? request) => request?." + header + " ?? true;");
        }

        EmitCancel(w, family);
        w.WriteLine();
        w.WriteLine("private static global::System.Collections.Generic.IEnumerable<" + Runtime + ".ExportFile> FilesOf(global::System.Collections.Generic.IReadOnlyList<" + CSharp.TypeName(family.Files.Item) + "> files)");
        w.WriteLine("{");
        w.Indent();
        w.OpenBlock("foreach (var file in files)");
        w.WriteLine("yield return new " + Runtime + ".ExportFile(" + LinkOf(family.Files, "file") + ", " + ExpiryOf(family.Files, "file") + ");");
        w.CloseBlock();
        w.CloseBlock();
        EmitStatusText(w, family);
        w.CloseBlock();
    }

    /// <summary>The runtime's cancel (<c>ExportOperation.CancelAsync</c>) through the family's cancel endpoint, when it documents one.</summary>
    private static void EmitCancel(SourceWriter w, ExportFamilyModel family)
    {
        var cancel = family.Actions.FirstOrDefault(a => a.CancelCases.Count > 0);
        if (cancel is null)
        {
            return;
        }

        var answer = Runtime + ".ExportCancelAnswer";
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public override bool CanCancel => true;");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.OpenBlock("public override async " + Tasks + ".Task<" + answer + "> CancelAsync(long exportId, " + Token + " cancellationToken)");
        w.WriteLine("var result = await _api." + cancel.MethodName + "(exportId, cancellationToken: cancellationToken).ConfigureAwait(false);");
        w.WriteLine("return result switch");
        w.WriteLine("{");
        w.Indent();
        foreach (var c in cancel.CancelCases)
        {
            var read = new CaseReader();
            var detail = c.Kind == ExportCaseKind.AccessDenied || c.Detail is null ? string.Empty : read.Value(c.Detail);
            var arm = c.Kind switch
            {
                ExportCaseKind.Canceled => answer + ".Canceled(" + detail + ")",
                ExportCaseKind.NotFound => answer + ".NotFound(" + detail + ")",
                ExportCaseKind.AccessDenied => answer + ".AccessDenied()",
                _ => answer + ".Refused(" + detail + ")",
            };
            w.WriteLine(cancel.ResultName + "." + c.CaseName + read.Binding + " => " + arm + ",");
        }

        w.WriteLine(cancel.ResultName + ".Unknown unknown => " + answer + ".Unrecognized(unknown.StatusCode, unknown.RawBody, " + CSharp.Literal(cancel.HttpMethod) + "),");
        w.WriteLine("_ => throw new global::System.InvalidOperationException(\"" + cancel.MethodName + " answered no case of " + cancel.ResultName + ".\"),");
        w.Unindent();
        w.WriteLine("};");
        w.CloseBlock();
    }

    private static void EmitReadStatus(SourceWriter w, ExportFamilyModel family)
    {
        var state = Runtime + ".ExportState";
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public override " + state + " ReadStatus(" + family.StatusResult + " result) => result switch");
        w.WriteLine("{");
        w.Indent();
        foreach (var c in family.StatusCases)
        {
            var read = new CaseReader();
            var raw = c.RawStatus is { } rawStatus ? ", rawStatus: " + read.Value(rawStatus) : string.Empty;
            var arm = c.Kind switch
            {
                ExportCaseKind.InProgress => state + ".InProgress(" + (c.Value is { } progress ? read.Progress(progress, c.Progress) : "null") + raw + ")",
                ExportCaseKind.Succeeded => state + ".Succeeded(FilesOf(" + read.Value(c.Value!) + ")" + raw + ")",
                ExportCaseKind.Failed => state + ".Failed(canBeRequestedAgain: " + CSharp.Bool(c.CanBeRequestedAgain) + ", detail: " + read.Optional(c.Detail) + raw + ")",
                ExportCaseKind.Canceled => state + ".Canceled(detail: " + read.Optional(c.Detail) + raw + ")",
                ExportCaseKind.NotFound => state + ".NotFound(" + (c.Detail is null ? string.Empty : read.Value(c.Detail)) + ")",
                _ => state + ".AccessDenied()",
            };
            w.WriteLine(family.StatusResult + "." + c.CaseName + read.Binding + " => " + arm + ",");
        }

        w.WriteLine(family.StatusResult + ".Unknown unknown => " + state + ".Unrecognized(" + (family.StatusTexts.Count > 0 ? "StatusTextOf(unknown)" : "\"HTTP \" + unknown.StatusCode.ToString(global::System.Globalization.CultureInfo.InvariantCulture)") + "),");
        w.WriteLine("_ => throw new global::System.ArgumentOutOfRangeException(nameof(result), result, \"Not a case of " + family.StatusResult + ".\"),");
        w.Unindent();
        w.WriteLine("};");
    }

    private static void EmitCreate(SourceWriter w, ExportFamilyModel family)
    {
        var start = Runtime + ".ExportStartResult";
        var outcome = Runtime + ".ExportOutcome";
        w.WriteLine("/// <inheritdoc />");
        w.OpenBlock("public override async " + Tasks + ".Task<" + start + "> CreateAsync(" + family.RequestName + " request, " + Token + " cancellationToken)");
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(request);");
        var arguments = family.RequestProperties.Select(p => p.Parameter.CSharpName + ": request." + p.PropertyName).Append("cancellationToken: cancellationToken");
        w.WriteLine("var result = await _api." + family.CreateMethod + "(" + string.Join(", ", arguments) + ").ConfigureAwait(false);");
        w.WriteLine("return result switch");
        w.WriteLine("{");
        w.Indent();
        foreach (var c in family.CreateCases)
        {
            var read = new CaseReader();
            var arm = c.Kind switch
            {
                ExportCaseKind.Started => start + ".Started(" + read.Value(c.Value!) + ")",
                ExportCaseKind.InvalidParameters => start + ".Refused(new " + outcome + ".InvalidParameters(" + read.Optional(c.Detail) + "))",
                ExportCaseKind.NotFound => start + ".Refused(new " + outcome + ".NotFound(" + read.Optional(c.Detail) + "))",
                ExportCaseKind.AccessDenied => start + ".Refused(new " + outcome + ".AccessDenied())",
                _ => start + ".Refused(new " + outcome + ".Failed(" + read.Optional(c.Detail) + ", CanBeRequestedAgain: false))",
            };
            w.WriteLine(family.CreateResult + "." + c.CaseName + read.Binding + " => " + arm + ",");
        }

        w.WriteLine(family.CreateResult + ".Unknown unknown => " + start + ".Unrecognized(unknown.StatusCode, unknown.RawBody),");
        w.WriteLine("_ => throw new global::System.InvalidOperationException(\"" + family.CreateMethod + " answered no case of " + family.CreateResult + ".\"),");
        w.Unindent();
        w.WriteLine("};");
        w.CloseBlock();
    }

    private static void EmitDescribe(SourceWriter w, ExportFamilyModel family)
    {
        w.WriteLine("/// <summary>The request as the query " + CSharp.XmlText(family.CreateLabel) + " is sent with (enum values by name): equal requests give equal texts.</summary>");
        w.WriteLine("/// <param name=\"request\">A request.</param>");
        w.WriteLine("/// <returns>Its canonical text.</returns>");
        w.OpenBlock("public override string DescribeRequest(" + family.RequestName + " request)");
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(request);");
        w.WriteLine("var text = new global::MyTracker.Client.Json.QueryBuilder();");
        if (family.RequestProperties.Any(p => p.Parameter.Kind == ParameterKind.Object))
        {
            w.WriteLine(RequestTypeEmitter.LatestDateDeclaration);
        }

        foreach (var p in family.RequestProperties)
        {
            var parameter = p.Parameter;
            var value = parameter.Required ? "request." + p.PropertyName : "value" + p.PropertyName;
            var add = parameter.Kind switch
            {
                ParameterKind.List => "text.AddList(" + CSharp.Literal(parameter.JsonName) + ", " + value + ");",
                ParameterKind.Enum => "text.Add(" + CSharp.Literal(parameter.JsonName) + ", " + value + ".ToString());",
                ParameterKind.Object => value + ".AppendTo(text, " + CSharp.Literal(parameter.JsonName) + ", " + RequestTypeEmitter.LatestDate + ");",
                _ => "text.Add(" + CSharp.Literal(parameter.JsonName) + ", " + value + ");",
            };
            if (parameter.Required)
            {
                w.WriteLine(add);
            }
            else
            {
                w.OpenBlock("if (request." + p.PropertyName + " is { } " + value + ")");
                w.WriteLine(add);
                w.CloseBlock();
            }
        }

        w.WriteLine();
        w.WriteLine("return text.ToString();");
        w.CloseBlock();
    }

    private static void EmitStatusText(SourceWriter w, ExportFamilyModel family)
    {
        if (family.StatusTexts.Count == 0)
        {
            return;
        }

        w.WriteLine();
        w.WriteLine("/// <summary>The status text of an answer no documented case describes, as received; else its HTTP status.</summary>");
        w.OpenBlock("private static string StatusTextOf(" + family.StatusResult + ".Unknown unknown)");
        w.OpenBlock("try");
        foreach (var text in family.StatusTexts)
        {
            var name = "text" + Int(text.StatusCode);
            w.OpenBlock("if (unknown.StatusCode == " + Int(text.StatusCode) + " && " + CSharp.Read(text.ResponseType + ".FromJson(unknown.RawBody)", text.Text) + " is { } " + name + ")");
            w.WriteLine("return " + name + ";");
            w.CloseBlock();
        }

        w.CloseBlock();
        w.OpenBlock("catch (global::System.Text.Json.JsonException)");
        w.WriteLine("// Not the documented JSON either: the status code is all there is to say.");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("return \"HTTP \" + unknown.StatusCode.ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
        w.CloseBlock();
    }

    /// <summary>
    /// Reads values of one case for its switch arm, and remembers whether it did: the arm binds the case
    /// to a variable exactly when it reads one (an unused binding would be noise in the generated code).
    /// </summary>
    private sealed class CaseReader
    {
        private const string Variable = "c";
        private bool _used;

        /// <summary>The pattern's designation: <c> c</c> when the arm read the case, else nothing.</summary>
        public string Binding => _used ? " " + Variable : string.Empty;

        public string Value(CaseValueModel value)
        {
            _used = true;
            return CSharp.Read(Variable, value);
        }

        public string Progress(CaseValueModel value, ProgressEncoding encoding)
        {
            _used = true;
            return CSharp.ReadProgress(Variable, value, encoding);
        }

        public string Optional(CaseValueModel? value) => value is null ? "null" : Value(value);
    }

    /// <summary>A file's link: the item itself, or its link member.</summary>
    private static string LinkOf(ExportFileShape files, string item) => files.Link is { } link ? item + "." + link.PropertyName : item;

    /// <summary>A file's expiry as a DateTimeOffset, by how the answer writes it.</summary>
    private static string ExpiryOf(ExportFileShape files, string item) => (files.Expires, files.ExpiryEncoding) switch
    {
        ({ } expires, ExpiryEncoding.UnixSecondsString) => item + "." + expires.PropertyName,
        ({ } expires, ExpiryEncoding.UnixSecondsNumber) => "global::System.DateTimeOffset.FromUnixTimeSeconds(" + item + "." + expires.PropertyName + ")",
        _ => "global::System.DateTimeOffset.MaxValue",
    };

    private static string Meaning(ExportCaseModel @case, ExportFamilyModel family) => @case.Kind switch
    {
        ExportCaseKind.InProgress => "in progress",
        ExportCaseKind.Succeeded => "done with the files at <c>" + CSharp.XmlText(family.Files.JsonPath) + "</c>",
        ExportCaseKind.Failed when @case.CanBeRequestedAgain => "failed (may be requested again)",
        ExportCaseKind.Failed => "failed (not requested again)",
        ExportCaseKind.Canceled => "canceled",
        ExportCaseKind.NotFound => "not found",
        ExportCaseKind.AccessDenied => "access denied",
        ExportCaseKind.InvalidParameters => "invalid parameters",
        _ => "started",
    };

    private static string Int(int value) => CSharp.Int(value);
}
