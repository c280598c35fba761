using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using MyTracker.Client.Generator;
using MyTracker.Fixtures.Model;
using MyTracker.Client.Generator.Analysis;

namespace MyTracker.Client.CodeFixes;

/// <summary>
/// Fixes MTG0013 by adding an arm (or a case section) for every documented case the switch leaves
/// out, each throwing <see cref="System.NotImplementedException"/> until it is written. The arms go
/// before a discard, <c>var</c> or <c>default</c> arm, which would otherwise make them unreachable.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMissingCasesCodeFix))]
[Shared]
public sealed class AddMissingCasesCodeFix : CodeFixProvider
{
    /// <summary>Shared by every fix of this kind, so Fix All can apply them together.</summary>
    public const string EquivalenceKey = "MTG0013.AddMissingCases";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingDocumentedCase.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(MissingDocumentedCaseAnalyzer.MissingCasesProperty, out var names) || string.IsNullOrEmpty(names))
            {
                continue;
            }

            var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
            if (node is not (SwitchExpressionSyntax or SwitchStatementSyntax))
            {
                continue;
            }

            var missing = names!.Split(MissingDocumentedCaseAnalyzer.CaseSeparator);
            var title = missing.Length == 1 ? "Add the documented case '" + missing[0] + "'" : "Add the documented cases " + string.Join(", ", missing.Select(m => "'" + m + "'"));
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => AddCasesAsync(context.Document, node, missing, cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddCasesAsync(Document document, SyntaxNode node, IReadOnlyList<string> missing, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null || model.Compilation.GetTypeByMetadataName(DocumentedUnion.AttributeMetadataName) is not { } attribute)
        {
            return document;
        }

        var governing = node is SwitchExpressionSyntax expression ? expression.GoverningExpression : ((SwitchStatementSyntax)node).Expression;
        if (DocumentedUnion.From(model.GetTypeInfo(governing, cancellationToken).Type, attribute) is not { } union)
        {
            return document;
        }

        var cases = missing.Select(name => union.Cases.FirstOrDefault(c => c.Name == name)).Where(c => c is not null).Select(c => c!).ToList();
        if (cases.Count == 0)
        {
            return document;
        }

        var operation = model.GetOperation(node, cancellationToken);
        SyntaxNode replacement = node switch
        {
            SwitchExpressionSyntax switchExpression when operation is ISwitchExpressionOperation switchOperation
                => SwitchArms.Add(switchExpression, switchOperation, union, cases),
            SwitchStatementSyntax switchStatement when operation is ISwitchOperation switchOperation
                => SwitchSections.Add(switchStatement, switchOperation, union, cases),
            _ => node,
        };
        return document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
    }

    /// <summary>The pattern naming a case: the case type, or the enum member, simplified to the shortest name in scope.</summary>
    internal static PatternSyntax CasePattern(DocumentedUnion union, UnionCase @case)
        => union.IsEnum
            ? SyntaxFactory.ConstantPattern(EnumMember(union, @case))
            : SyntaxFactory.TypePattern(SyntaxFactory.ParseTypeName(((ITypeSymbol)@case.Symbol).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithAdditionalAnnotations(Simplifier.Annotation));

    /// <summary>The label of a case section: <c>case Result.Case:</c> or <c>case Enum.Member:</c>.</summary>
    internal static SwitchLabelSyntax CaseLabel(DocumentedUnion union, UnionCase @case)
    {
        var keyword = SyntaxFactory.Token(SyntaxKind.CaseKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        var colon = SyntaxFactory.Token(SyntaxKind.ColonToken);
        return union.IsEnum
            ? SyntaxFactory.CaseSwitchLabel(keyword, EnumMember(union, @case), colon)
            : SyntaxFactory.CasePatternSwitchLabel(keyword, CasePattern(union, @case), null, colon);
    }

    private static ExpressionSyntax EnumMember(DocumentedUnion union, UnionCase @case)
        => SyntaxFactory.ParseExpression(union.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + @case.Name).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary><c>throw new global::System.NotImplementedException()</c>, simplified on insertion.</summary>
    internal static ObjectCreationExpressionSyntax NotImplemented() =>
        SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName("global::System.NotImplementedException").WithAdditionalAnnotations(Simplifier.Annotation))
            .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithArgumentList(SyntaxFactory.ArgumentList());

    /// <summary>True for an unguarded arm that matches every case: arms after it would be unreachable.</summary>
    internal static bool IsCatchAll(DocumentedUnion union, IPatternOperation? pattern, bool guarded)
        => pattern is not null && !guarded && SwitchCoverage.IsComplete(union, new[] { new SwitchCoverage.Arm(pattern, null, false) }, nullRequired: false);
}
