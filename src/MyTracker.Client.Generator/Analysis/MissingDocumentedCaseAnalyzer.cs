using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MyTracker.Client.Generator.Analysis;

/// <summary>
/// MTG0013: a switch statement or expression over a generated result type (or discriminator enum)
/// that names some of its cases but leaves out a documented one, with or without a discard arm.
/// Reported at the <c>switch</c> keyword, naming each missing case and the sample that documents it.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class MissingDocumentedCaseAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the names of the missing cases, separated by <see cref="CaseSeparator"/>, for the code fix.</summary>
    public const string MissingCasesProperty = "MissingCases";

    /// <summary>Separates case names in <see cref="MissingCasesProperty"/> (never part of a C# name).</summary>
    public const char CaseSeparator = ';';

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingDocumentedCase);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(DocumentedUnion.AttributeMetadataName) is not { } attribute)
            {
                return;
            }

            var unions = new DocumentedUnion.Cache(attribute);
            start.RegisterOperationAction(
                operation =>
                {
                    var @switch = (ISwitchOperation)operation.Operation;
                    var keyword = ((SwitchStatementSyntax)@switch.Syntax).SwitchKeyword.GetLocation();
                    Analyze(operation, unions.Get(@switch.Value.Type), SwitchCoverage.ArmsOf(@switch), keyword);
                },
                OperationKind.Switch);
            start.RegisterOperationAction(
                operation =>
                {
                    var @switch = (ISwitchExpressionOperation)operation.Operation;
                    var keyword = ((SwitchExpressionSyntax)@switch.Syntax).SwitchKeyword.GetLocation();
                    Analyze(operation, unions.Get(@switch.Value.Type), SwitchCoverage.ArmsOf(@switch), keyword);
                },
                OperationKind.SwitchExpression);
        });
    }

    private static void Analyze(OperationAnalysisContext context, DocumentedUnion? union, IEnumerable<SwitchCoverage.Arm> arms, Location at)
    {
        if (union is null)
        {
            return;
        }

        // A switch that names no case at all (only null, var or a discard) is not a switch over the cases.
        var named = SwitchCoverage.Named(union, arms);
        if (named.Count == 0)
        {
            return;
        }

        var missing = union.Cases.Where(c => c.IsDocumented && !named.Contains(c)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var list = string.Join(", ", missing.Select(c => "'" + c.Name + "' (" + c.Fixture + ")"));
        var properties = ImmutableDictionary<string, string?>.Empty.Add(MissingCasesProperty, string.Join(CaseSeparator.ToString(), missing.Select(c => c.Name)));
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingDocumentedCase, at, properties, union.Type.Name, list));
    }
}
