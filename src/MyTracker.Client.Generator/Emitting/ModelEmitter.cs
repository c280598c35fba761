using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MyTracker.Client.Generator.Helpers;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;

namespace MyTracker.Client.Generator.Emitting;

/// <summary>The models, converters and result type of one endpoint, <c>&lt;Prefix&gt;.g.cs</c>: the same model always gives the same text.</summary>
internal static class ModelEmitter
{
    private const string Json = CSharp.Json;
    private const string Support = "global::MyTracker.Client.Json.JsonSupport";

    /// <summary>Models, converters and the result type of one endpoint: <c>&lt;Prefix&gt;.g.cs</c>.</summary>
    public static string EmitModels(EndpointModel model)
    {
        var w = new SourceWriter();
        w.WriteLine(CSharp.Header(model.FixtureFolder).TrimEnd('\n'));
        w.WriteLine();
        w.WriteLine("namespace " + model.Namespace + ";");
        foreach (var @enum in model.Enums)
        {
            w.WriteLine();
            EmitEnum(w, @enum, model.FixtureFolder);
        }

        foreach (var obj in model.Objects)
        {
            w.WriteLine();
            EmitObject(w, obj, model);
        }

        w.WriteLine();
        EmitResult(w, model);
        return w.ToString();
    }

    private static void EmitEnum(SourceWriter w, EnumModel model, string folder)
    {
        w.WriteLine("/// <summary>" + DocText.Enum(model, folder) + "</summary>");
        w.OpenBlock("public enum " + model.Name);
        if (model.IsDiscriminator)
        {
            w.WriteLine("/// <summary>A value no sample documents; the text itself is kept beside the enum property.</summary>");
            w.WriteLine("Unknown = 0,");
        }

        var numeric = !model.IsDiscriminator && model.Members.All(m => int.TryParse(m.WireValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v.ToString(CultureInfo.InvariantCulture) == m.WireValue);
        for (var i = 0; i < model.Members.Count; i++)
        {
            var member = model.Members[i];
            if (i > 0 || model.IsDiscriminator)
            {
                w.WriteLine();
            }

            w.WriteLine("/// <summary>" + DocText.EnumMember(member) + "</summary>");
            if (member.Scenario is not null)
            {
                w.WriteLine(ScenarioAttribute(member.Scenario, member.StatusCode, member.FixturePath!));
            }

            w.WriteLine(member.Name + (numeric ? " = " + member.WireValue : model.IsDiscriminator ? " = " + (i + 1).ToString(CultureInfo.InvariantCulture) : string.Empty) + ",");
        }

        w.CloseBlock();
    }

    private static void EmitObject(SourceWriter w, ObjectModel obj, EndpointModel model)
    {
        w.WriteLine("/// <summary>" + DocText.Object(obj) + "</summary>");
        w.WriteLine("/// <remarks>Generated from " + model.FixtureFolder + ". Read with <see cref=\"FromJson(string)\"/>, write with <see cref=\"ToJson\"/>; JSON names are kept as documented.</remarks>");
        w.OpenBlock("public sealed partial class " + obj.Name);
        foreach (var property in obj.Properties)
        {
            EmitPropertyDeclaration(w, property, obj);
        }

        EmitEntryPoints(w, obj);
        EmitReadFrom(w, obj, model);
        EmitWriteTo(w, obj, model);
        w.CloseBlock();
    }

    private static void EmitPropertyDeclaration(SourceWriter w, PropertyModel property, ObjectModel owner)
    {
        w.WriteLine("/// <summary>" + DocText.Property(property, owner) + "</summary>");
        var required = property.Required ? "required " : string.Empty;
        w.WriteLine("public " + required + CSharp.TypeName(property.Type) + " " + property.CSharpName + " { get; init; }");
        w.WriteLine();
        if (property.RawTextName is not null)
        {
            w.WriteLine("/// <summary>The text of <c>" + CSharp.XmlText(CSharp.Literal(property.JsonName)) + "</c> exactly as received; the only way to see a value no sample documents (when <see cref=\"" + property.CSharpName + "\"/> is <c>Unknown</c>). Written back only for <c>Unknown</c>.</summary>");
            w.WriteLine("public string? " + property.RawTextName + " { get; init; }");
            w.WriteLine();
        }

        if (property.NullFlagName is not null)
        {
            w.WriteLine("/// <summary>True when the JSON had <c>" + CSharp.XmlText(CSharp.Literal(property.JsonName)) + ": null</c> rather than no such property (the samples do both); <see cref=\"ToJson\"/> then writes the null back.</summary>");
            w.WriteLine("public bool " + property.NullFlagName + " { get; init; }");
            w.WriteLine();
        }
    }

    private static void EmitEntryPoints(SourceWriter w, ObjectModel obj)
    {
        w.Write($$"""
            /// <summary>Reads the JSON text of a <see cref="{{obj.Name}}"/>. Trailing commas and comments are accepted.</summary>
            /// <param name="json">The JSON text.</param>
            /// <exception cref="{{Json}}.JsonException">The text is not JSON of the documented shape.</exception>
            public static {{obj.Name}} FromJson(string json) => FromJson(global::System.Text.Encoding.UTF8.GetBytes(json));

            /// <summary>Reads UTF-8 JSON of a <see cref="{{obj.Name}}"/>. Trailing commas and comments are accepted.</summary>
            /// <param name="utf8Json">The UTF-8 encoded JSON.</param>
            /// <exception cref="{{Json}}.JsonException">The bytes are not JSON of the documented shape.</exception>
            public static {{obj.Name}} FromJson(global::System.ReadOnlySpan<byte> utf8Json)
            {
                var reader = {{Support}}.CreateReader(utf8Json);
                var value = ReadFrom(ref reader);
                {{Support}}.EnsureEnd(ref reader);
                return value;
            }

            /// <summary>Writes this value as compact JSON with the documented property names.</summary>
            public string ToJson() => {{Support}}.ToJson(this, static (writer, value) => value.WriteTo(writer));
            """);
        w.WriteLine();
    }

    private static void EmitReadFrom(SourceWriter w, ObjectModel obj, EndpointModel model)
    {
        w.WriteLine("/// <summary>Reads a <see cref=\"" + obj.Name + "\"/> at the reader's current token and leaves the reader on its last token.</summary>");
        w.WriteLine("/// <param name=\"reader\">The reader, positioned on the value.</param>");
        w.WriteLine("/// <exception cref=\"" + Json + ".JsonException\">The JSON is not of the documented shape.</exception>");
        w.OpenBlock("public static " + obj.Name + " ReadFrom(ref " + Json + ".Utf8JsonReader reader)");
        if (obj.IsValueWrapper)
        {
            var property = obj.Properties[0];
            w.WriteLine("return new " + obj.Name + " { " + property.CSharpName + " = " + ReadExpression(property.Type, "reader", 0, model) + " };");
            w.CloseBlock();
            w.WriteLine();
            return;
        }

        w.WriteLine(Support + ".ExpectStartObject(ref reader, " + CSharp.Literal(obj.Name) + ");");
        var locals = new List<string>();
        var index = 0;
        foreach (var property in obj.Properties)
        {
            // Locals are named after the property: <name>Value, <name>Seen, <name>Text, <name>IsNull.
            // The suffixes end in different letters, so names derived from different properties never meet.
            var local = char.ToLowerInvariant(property.CSharpName[0]) + property.CSharpName.Substring(1);
            index++;
            locals.Add(local);
            // Value types keep their own type (the presence check below guards them); references start as null.
            var localType = CSharp.IsValueType(property.Type) && !property.Type.Nullable ? property.Type : property.Type with { Nullable = true };
            w.WriteLine(CSharp.TypeName(localType) + " " + local + "Value = default;");
            if (NeedsPresenceCheck(property))
            {
                w.WriteLine("var " + local + "Seen = false;");
            }

            if (property.RawTextName is not null)
            {
                w.WriteLine("string? " + local + "Text = null;");
            }

            if (property.NullFlagName is not null)
            {
                w.WriteLine("var " + local + "IsNull = false;");
            }
        }

        // Names are matched as spans unescaped into a stack buffer: no string per property.
        w.WriteLine("global::System.Span<char> nameBuffer = stackalloc char[128];");
        w.OpenBlock("while (" + Support + ".NextProperty(ref reader, nameBuffer, out var nameLength, out var longName))");
        w.OpenBlock("switch (" + Support + ".PropertyName(nameBuffer, nameLength, longName))");
        index = 0;
        foreach (var property in obj.Properties)
        {
            var local = locals[index++];
            w.WriteLine("case " + CSharp.Literal(property.JsonName) + ":");
            w.Indent();
            if (property.RawTextName is not null)
            {
                EmitReadDiscriminator(w, property, local, model);
            }
            else
            {
                w.WriteLine(local + "Value = " + ReadExpression(property.Type with { Nullable = property.Type.Nullable }, "reader", 0, model) + ";");
            }

            if (NeedsPresenceCheck(property))
            {
                w.WriteLine(local + "Seen = true;");
            }

            if (property.NullFlagName is not null)
            {
                w.WriteLine(local + "IsNull = reader.TokenType == " + Json + ".JsonTokenType.Null;");
            }

            w.WriteLine("break;");
            w.Unindent();
        }

        w.WriteLine("default:");
        w.Indent();
        w.WriteLine("reader.Skip();");
        w.WriteLine("break;");
        w.Unindent();
        w.CloseBlock();
        w.CloseBlock();
        w.WriteLine();
        index = 0;
        foreach (var property in obj.Properties)
        {
            var local = locals[index++];
            if (NeedsPresenceCheck(property))
            {
                w.OpenBlock("if (!" + local + "Seen)");
                w.WriteLine("throw " + Support + ".MissingProperty(" + CSharp.Literal(property.JsonName) + ", " + CSharp.Literal(obj.Name) + ");");
                w.CloseBlock();
                w.WriteLine();
            }
        }

        w.OpenBlock("return new " + obj.Name);
        index = 0;
        foreach (var property in obj.Properties)
        {
            var local = locals[index++];
            var bang = !property.Type.Nullable && !CSharp.IsValueType(property.Type) ? "!" : string.Empty;
            w.WriteLine(property.CSharpName + " = " + local + "Value" + bang + ",");
            if (property.RawTextName is not null)
            {
                w.WriteLine(property.RawTextName + " = " + local + "Text,");
            }

            if (property.NullFlagName is not null)
            {
                w.WriteLine(property.NullFlagName + " = " + local + "IsNull,");
            }
        }

        w.CloseBlock(";");
        w.CloseBlock();
        w.WriteLine();
    }

    /// <summary>Present in every sample and not nullable: the reader insists on it.</summary>
    private static bool NeedsPresenceCheck(PropertyModel property) => property.Required && !property.Type.Nullable;

    private static void EmitReadDiscriminator(SourceWriter w, PropertyModel property, string local, EndpointModel model)
    {
        var @enum = model.Enums.First(e => e.Name == property.Type.Name);
        if (property.Type.Nullable)
        {
            w.WriteLine(local + "Text = reader.TokenType == " + Json + ".JsonTokenType.Null ? null : " + Support + ".ReadString(ref reader);");
        }
        else
        {
            w.WriteLine(local + "Text = " + Support + ".ReadString(ref reader);");
        }

        w.OpenBlock(local + "Value = " + local + "Text switch");
        if (property.Type.Nullable)
        {
            w.WriteLine("null => null,");
        }

        foreach (var member in @enum.Members)
        {
            w.WriteLine(CSharp.Literal(member.WireValue) + " => " + @enum.Name + "." + member.Name + ",");
        }

        w.WriteLine("_ => " + @enum.Name + ".Unknown,");
        w.CloseBlock(";");
    }

    private static void EmitWriteTo(SourceWriter w, ObjectModel obj, EndpointModel model)
    {
        w.WriteLine("/// <summary>Writes this value with the documented JSON names and encodings.</summary>");
        w.WriteLine("/// <param name=\"writer\">The writer.</param>");
        w.OpenBlock("public void WriteTo(" + Json + ".Utf8JsonWriter writer)");
        var counter = new int[1];
        if (obj.IsValueWrapper)
        {
            var property = obj.Properties[0];
            WriteStatements(w, property.Type, property.CSharpName, "writer", counter, model);
            w.CloseBlock();
            return;
        }

        w.WriteLine("writer.WriteStartObject();");
        foreach (var property in obj.Properties)
        {
            var name = CSharp.Literal(property.JsonName);
            if (property.RawTextName is not null)
            {
                var @enum = model.Enums.First(e => e.Name == property.Type.Name);
                if (property.Type.Nullable)
                {
                    w.OpenBlock("if (" + property.CSharpName + " is not null)");
                }

                w.OpenBlock("writer.WriteString(" + name + ", " + property.CSharpName + " switch");
                foreach (var member in @enum.Members)
                {
                    w.WriteLine(@enum.Name + "." + member.Name + " => " + CSharp.Literal(member.WireValue) + ",");
                }

                w.WriteLine("_ => " + property.RawTextName + " ?? string.Empty,");
                w.CloseBlock(");");
                if (property.Type.Nullable)
                {
                    w.CloseBlock();
                    if (property.Required)
                    {
                        w.OpenBlock("else");
                        w.WriteLine("writer.WriteNull(" + name + ");");
                        w.CloseBlock();
                    }
                }

                continue;
            }

            if (!property.Required && property.Type.Nullable)
            {
                w.OpenBlock("if (" + property.CSharpName + " is not null)");
                w.WriteLine("writer.WritePropertyName(" + name + ");");
                WriteStatements(w, property.Type with { Nullable = false }, property.CSharpName + (CSharp.IsValueType(property.Type) ? ".Value" : string.Empty), "writer", counter, model);
                w.CloseBlock();
                if (property.NullFlagName is not null)
                {
                    w.OpenBlock("else if (" + property.NullFlagName + ")");
                    w.WriteLine("writer.WriteNull(" + name + ");");
                    w.CloseBlock();
                }

                continue;
            }

            w.WriteLine("writer.WritePropertyName(" + name + ");");
            WriteStatements(w, property.Type, property.CSharpName, "writer", counter, model);
        }

        w.WriteLine("writer.WriteEndObject();");
        w.CloseBlock();
    }

    /// <summary>An expression reading <paramref name="type"/> at the current token of <paramref name="reader"/>.</summary>
    private static string ReadExpression(TypeRef type, string reader, int depth, EndpointModel model)
    {
        var core = type.Kind switch
        {
            TypeKind.Any => Support + ".ReadAny(ref " + reader + ")",
            TypeKind.String => Support + ".ReadString(ref " + reader + ")",
            TypeKind.Boolean => Support + ".ReadBoolean(ref " + reader + ")",
            TypeKind.Int32 => Support + ".ReadInt32(ref " + reader + ")",
            TypeKind.Int64 => Support + ".ReadInt64(ref " + reader + ")",
            TypeKind.Decimal => Support + ".ReadDecimal(ref " + reader + ")",
            TypeKind.Double => Support + ".ReadDouble(ref " + reader + ")",
            TypeKind.Int64String => Support + ".ReadInt64String(ref " + reader + ")",
            TypeKind.Percent => Support + ".ReadPercent(ref " + reader + ")",
            TypeKind.UnixSecondsString => Support + ".ReadUnixSecondsString(ref " + reader + ")",
            TypeKind.Uri => Support + ".ReadUri(ref " + reader + ")",
            TypeKind.Object => type.Name + ".ReadFrom(ref " + reader + ")",
            TypeKind.Array => ReadListExpression(type, reader, depth, model),
            TypeKind.Map => ReadMapExpression(type, reader, depth, model),
            _ => "default!",
        };
        if (type.Nullable)
        {
            return reader + ".TokenType == " + Json + ".JsonTokenType.Null ? null : " + core;
        }

        return core;
    }

    private static string ReadListExpression(TypeRef type, string reader, int depth, EndpointModel model)
    {
        var item = "r" + depth.ToString(CultureInfo.InvariantCulture);
        var element = type.Element!;
        return Support + ".ReadList<" + CSharp.TypeName(element) + ">(ref " + reader + ", static (ref " + Json + ".Utf8JsonReader " + item + ") => " + ReadExpression(element, item, depth + 1, model) + ")";
    }

    private static string ReadMapExpression(TypeRef type, string reader, int depth, EndpointModel model)
    {
        var item = "r" + depth.ToString(CultureInfo.InvariantCulture);
        var element = type.Element!;
        return Support + ".ReadMap<" + CSharp.TypeName(element) + ">(ref " + reader + ", static (ref " + Json + ".Utf8JsonReader " + item + ") => " + ReadExpression(element, item, depth + 1, model) + ")";
    }

    /// <summary>Statements writing <paramref name="expression"/> of <paramref name="type"/>.</summary>
    private static void WriteStatements(SourceWriter w, TypeRef type, string expression, string writer, int[] counter, EndpointModel model)
    {
        var depth = counter[0]++;
        if (type.Nullable)
        {
            var v = "v" + depth.ToString(CultureInfo.InvariantCulture);
            w.OpenBlock("if (" + expression + " is { } " + v + ")");
            WriteStatements(w, type with { Nullable = false }, v, writer, counter, model);
            w.CloseBlock();
            w.OpenBlock("else");
            w.WriteLine(writer + ".WriteNullValue();");
            w.CloseBlock();
            return;
        }

        switch (type.Kind)
        {
            case TypeKind.Any:
                w.WriteLine(expression + ".WriteTo(" + writer + ");");
                return;
            case TypeKind.String:
                w.WriteLine(writer + ".WriteStringValue(" + expression + ");");
                return;
            case TypeKind.Boolean:
                w.WriteLine(writer + ".WriteBooleanValue(" + expression + ");");
                return;
            case TypeKind.Int32:
            case TypeKind.Int64:
            case TypeKind.Decimal:
            case TypeKind.Double:
                w.WriteLine(writer + ".WriteNumberValue(" + expression + ");");
                return;
            case TypeKind.Int64String:
                w.WriteLine(Support + ".WriteInt64String(" + writer + ", " + expression + ");");
                return;
            case TypeKind.Percent:
                w.WriteLine(Support + ".WritePercent(" + writer + ", " + expression + ");");
                return;
            case TypeKind.UnixSecondsString:
                w.WriteLine(Support + ".WriteUnixSecondsString(" + writer + ", " + expression + ");");
                return;
            case TypeKind.Uri:
                w.WriteLine(Support + ".WriteUri(" + writer + ", " + expression + ");");
                return;
            case TypeKind.Object:
                w.WriteLine(expression + ".WriteTo(" + writer + ");");
                return;
            case TypeKind.Array:
                var itemWriter = "w" + depth.ToString(CultureInfo.InvariantCulture);
                var item = "item" + depth.ToString(CultureInfo.InvariantCulture);
                w.OpenBlock(Support + ".WriteList(" + writer + ", " + expression + ", static (" + itemWriter + ", " + item + ") =>");
                WriteStatements(w, type.Element!, item, itemWriter, counter, model);
                w.CloseBlock(");");
                return;
            case TypeKind.Map:
                var valueWriter = "w" + depth.ToString(CultureInfo.InvariantCulture);
                var value = "value" + depth.ToString(CultureInfo.InvariantCulture);
                w.OpenBlock(Support + ".WriteMap(" + writer + ", " + expression + ", static (" + valueWriter + ", " + value + ") =>");
                WriteStatements(w, type.Element!, value, valueWriter, counter, model);
                w.CloseBlock(");");
                return;
        }
    }

    /// <summary>The attribute that ties a case or discriminator member to its sample, read by the MTG0013 analyzer and the exhaustiveness suppressor.</summary>
    private static string ScenarioAttribute(string scenario, int statusCode, string fixturePath) =>
        "[global::MyTracker.Client.Json.DocumentedScenario(" + CSharp.Literal(scenario) + ", " + statusCode.ToString(CultureInfo.InvariantCulture) + ", " + CSharp.Literal(fixturePath) + ")]";

    private static void EmitGuaranteedProperty(SourceWriter w, CaseModel @case, ScenarioPropertyModel property, string resultName)
    {
        w.WriteLine("/// <summary>JSON <c>" + CSharp.XmlText(property.JsonPath) + "</c>, which every sample of this scenario has (" + CSharp.XmlText(@case.Fixture) + "): <see cref=\"" + property.DeclaringType + "." + property.PropertyName + "\"/> of <see cref=\"Response\"/>, not nullable here.</summary>");
        w.WriteLine("/// <exception cref=\"global::System.InvalidOperationException\">This case was built by hand from a response without it; <see cref=\"" + resultName + ".FromResponse\"/> never returns such a case.</exception>");
        var message = CSharp.Literal("This " + @case.Name + " was built from a response without \"" + property.JsonPath + "\", which every documented sample of scenario " + @case.Scenario + " has.");
        w.WriteLine("public " + CSharp.TypeName(property.Type) + " " + property.CSharpName);
        w.Indent();
        w.WriteLine("=> " + CSharp.Read("Response", property.Path) + " ?? throw new global::System.InvalidOperationException(" + message + ");");
        w.Unindent();
    }

    private static void EmitResult(SourceWriter w, EndpointModel model)
    {
        var result = model.Result;
        w.WriteLine("/// <summary>");
        w.WriteLine("/// The documented answers of <see cref=\"" + model.ClientName + "." + model.MethodName + "\"/>: one case per scenario in " + model.FixtureFolder + ",");
        w.WriteLine("/// chosen from the HTTP status" + (result.Groups.Any(g => g.DiscriminatorJsonPath is not null) ? " and " + string.Join(", ", result.Groups.Where(g => g.DiscriminatorJsonPath is not null).Select(g => "<c>" + CSharp.XmlText(g.DiscriminatorJsonPath!) + "</c>").Distinct()) : string.Empty) + ".");
        w.WriteLine("/// A documented status with a value nobody documented gives <see cref=\"Unknown\"/>; pattern-match on the cases.");
        w.WriteLine("/// </summary>");
        w.OpenBlock("public abstract partial record " + result.Name);
        w.WriteLine("private protected " + result.Name + "()");
        w.WriteLine("{");
        w.WriteLine("}");
        foreach (var @case in result.Cases)
        {
            w.WriteLine();
            var when = @case.DiscriminatorValue is null ? string.Empty : " with <c>" + CSharp.XmlText(model.Result.Groups.First(g => g.StatusCode == @case.StatusCode).DiscriminatorJsonPath!) + "</c> = <c>" + CSharp.XmlText(CSharp.Literal(@case.DiscriminatorValue)) + "</c>";
            w.WriteLine("/// <summary>Scenario <c>" + CSharp.XmlText(@case.Scenario) + "</c>: HTTP " + @case.StatusCode.ToString(CultureInfo.InvariantCulture) + when + " (" + CSharp.XmlText(@case.Fixture) + ").</summary>");
            w.WriteLine("/// <param name=\"Response\">The response body.</param>");
            w.WriteLine(ScenarioAttribute(@case.Scenario, @case.StatusCode, @case.FixturePath));
            var declaration = "public sealed partial record " + @case.Name + "(" + @case.ResponseType + " Response) : " + result.Name;
            if (@case.Guaranteed.Count == 0)
            {
                w.WriteLine(declaration + ";");
                continue;
            }

            w.OpenBlock(declaration);
            for (var i = 0; i < @case.Guaranteed.Count; i++)
            {
                if (i > 0)
                {
                    w.WriteLine();
                }

                EmitGuaranteedProperty(w, @case, @case.Guaranteed[i], result.Name);
            }

            w.CloseBlock();
        }

        w.WriteLine();
        w.WriteLine("/// <summary>A documented HTTP status whose body carries a value nobody documented (for example a new status text). Not tied to a sample, so a <c>switch</c> that handles every documented case and this one is complete.</summary>");
        w.WriteLine("/// <param name=\"StatusCode\">The HTTP status.</param>");
        w.WriteLine("/// <param name=\"RawBody\">The whole response body.</param>");
        w.WriteLine("public sealed partial record Unknown(int StatusCode, string RawBody) : " + result.Name + ";");
        w.WriteLine();
        w.WriteLine("/// <summary>Picks the documented case for an HTTP status and body.</summary>");
        w.WriteLine("/// <param name=\"statusCode\">The HTTP status.</param>");
        w.WriteLine("/// <param name=\"utf8Body\">The UTF-8 response body.</param>");
        w.WriteLine("/// <returns>The case, or null when the status is not documented for this endpoint.</returns>");
        w.WriteLine("/// <exception cref=\"" + Json + ".JsonException\">The body is not the documented JSON for the status.</exception>");
        w.OpenBlock("public static " + result.Name + "? FromResponse(int statusCode, global::System.ReadOnlySpan<byte> utf8Body)");
        w.OpenBlock("switch (statusCode)");
        foreach (var group in result.Groups)
        {
            w.OpenBlock("case " + group.StatusCode.ToString(CultureInfo.InvariantCulture) + ":");
            var cases = result.Cases.Where(c => c.StatusCode == group.StatusCode).ToList();
            if (group.Discriminator is null || cases.Count < 2)
            {
                w.WriteLine("return new " + cases[0].Name + "(" + group.ResponseType + ".FromJson(utf8Body));");
            }
            else
            {
                w.WriteLine("var response = " + group.ResponseType + ".FromJson(utf8Body);");
                w.OpenBlock("switch (" + CSharp.Read("response", group.Discriminator) + ")");
                foreach (var @case in cases)
                {
                    w.WriteLine("case " + group.DiscriminatorEnum + "." + @case.DiscriminatorMember + ":");
                    w.Indent();
                    foreach (var property in @case.Guaranteed)
                    {
                        // What every sample of the scenario has is required for it, as a required property is for the type.
                        w.OpenBlock("if (" + CSharp.Read("response", property.Path) + " is null)");
                        w.WriteLine("throw new " + Json + ".JsonException(" + CSharp.Literal("The body of scenario " + @case.Scenario + " has no \"" + property.JsonPath + "\", which every documented sample of the scenario has (" + @case.Fixture + ").") + ");");
                        w.CloseBlock();
                        w.WriteLine();
                    }

                    w.WriteLine("return new " + @case.Name + "(response);");
                    w.Unindent();
                }

                w.WriteLine("default:");
                w.Indent();
                w.WriteLine("return new Unknown(statusCode, global::System.Text.Encoding.UTF8.GetString(utf8Body));");
                w.Unindent();
                w.CloseBlock();
            }

            w.CloseBlock();
        }

        w.OpenBlock("default:");
        w.WriteLine("return null;");
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
    }
}
