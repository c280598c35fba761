using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MyTracker.Client.Generator.Analysis;

namespace MyTracker.Client.CodeFixes;

/// <summary>
/// Adds arms to a switch expression in the layout it already has: one arm per line with the
/// indentation of its neighbours, or on the same line for a one-line switch, keeping a trailing comma
/// if there was one.
/// </summary>
internal static class SwitchArms
{
    public static SwitchExpressionSyntax Add(SwitchExpressionSyntax syntax, ISwitchExpressionOperation operation, DocumentedUnion union, IReadOnlyList<UnionCase> cases)
    {
        var arms = syntax.Arms;
        var index = arms.Count;
        for (var i = 0; i < operation.Arms.Length && i < arms.Count; i++)
        {
            if (AddMissingCasesCodeFix.IsCatchAll(union, operation.Arms[i].Pattern, operation.Arms[i].Guard is not null))
            {
                index = i;
                break;
            }
        }

        var eol = syntax.OpenBraceToken.TrailingTrivia.FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var multiline = eol.IsKind(SyntaxKind.EndOfLineTrivia);
        var separatorTrivia = arms.SeparatorCount > 0
            ? arms.GetSeparator(0).TrailingTrivia
            : SyntaxFactory.TriviaList(multiline ? eol : SyntaxFactory.Space);
        var pairs = new List<(SwitchExpressionArmSyntax Arm, SyntaxToken? Separator)>();
        for (var i = 0; i < arms.Count; i++)
        {
            pairs.Add((arms[i], i < arms.SeparatorCount ? arms.GetSeparator(i) : null));
        }

        var indent = Indentation(arms[index < arms.Count ? index : arms.Count - 1].GetLeadingTrivia());
        var added = cases.Select(c => NewArm(union, c).WithLeadingTrivia(indent)).ToList();
        if (index < pairs.Count)
        {
            pairs.InsertRange(index, added.Select(arm => (arm, (SyntaxToken?)Comma(separatorTrivia))));
        }
        else if (pairs[pairs.Count - 1].Separator is null)
        {
            // The last arm had no comma: it gets one, and its line end moves to the new last arm.
            var last = pairs[pairs.Count - 1].Arm;
            pairs[pairs.Count - 1] = (last.WithoutTrailingTrivia(), Comma(separatorTrivia));
            for (var i = 0; i < added.Count; i++)
            {
                pairs.Add(i < added.Count - 1 ? (added[i], Comma(separatorTrivia)) : (added[i].WithTrailingTrivia(last.GetTrailingTrivia()), null));
            }
        }
        else
        {
            pairs.AddRange(added.Select(arm => (arm, (SyntaxToken?)Comma(separatorTrivia))));
        }

        var list = new List<SyntaxNodeOrToken>();
        foreach (var (arm, separator) in pairs)
        {
            list.Add(arm);
            if (separator is { } token)
            {
                list.Add(token);
            }
        }

        return syntax.WithArms(SyntaxFactory.SeparatedList<SwitchExpressionArmSyntax>(list));
    }

    private static SwitchExpressionArmSyntax NewArm(DocumentedUnion union, UnionCase @case) => SyntaxFactory.SwitchExpressionArm(
        AddMissingCasesCodeFix.CasePattern(union, @case),
        null,
        SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
        SyntaxFactory.ThrowExpression(SyntaxFactory.Token(SyntaxKind.ThrowKeyword).WithTrailingTrivia(SyntaxFactory.Space), AddMissingCasesCodeFix.NotImplemented()));

    private static SyntaxToken Comma(SyntaxTriviaList trailing) => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(trailing);

    /// <summary>The whitespace right before a token, without the comments or blank lines above it.</summary>
    internal static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
        => leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(leading[leading.Count - 1]) : SyntaxFactory.TriviaList();
}

/// <summary>Adds case sections to a switch statement, before its <c>default</c> or catch-all section, indented like the others.</summary>
internal static class SwitchSections
{
    public static SwitchStatementSyntax Add(SwitchStatementSyntax syntax, ISwitchOperation operation, DocumentedUnion union, IReadOnlyList<UnionCase> cases)
    {
        var sections = syntax.Sections;
        var index = sections.Count;
        for (var i = 0; i < operation.Cases.Length && i < sections.Count; i++)
        {
            if (operation.Cases[i].Clauses.Any(c => c is IDefaultCaseClauseOperation
                || (c is IPatternCaseClauseOperation p && AddMissingCasesCodeFix.IsCatchAll(union, p.Pattern, p.Guard is not null))))
            {
                index = i;
                break;
            }
        }

        var template = sections[index < sections.Count ? index : sections.Count - 1];
        var eol = syntax.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (!eol.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            eol = SyntaxFactory.EndOfLine("\n");
        }

        var labelIndent = SwitchArms.Indentation(template.Labels[0].GetLeadingTrivia());
        var statementIndent = template.Statements.Count > 0 && template.Statements[0].GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.WhitespaceTrivia))
            ? SwitchArms.Indentation(template.Statements[0].GetLeadingTrivia())
            : labelIndent.Add(SyntaxFactory.Whitespace("    "));
        var added = cases.Select(c => SyntaxFactory.SwitchSection(
            SyntaxFactory.SingletonList(AddMissingCasesCodeFix.CaseLabel(union, c).WithLeadingTrivia(labelIndent).WithTrailingTrivia(eol)),
            SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ThrowStatement(
                    SyntaxFactory.Token(SyntaxKind.ThrowKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                    AddMissingCasesCodeFix.NotImplemented(),
                    SyntaxFactory.Token(SyntaxKind.SemicolonToken))
                .WithLeadingTrivia(statementIndent)
                .WithTrailingTrivia(eol))));
        return syntax.WithSections(sections.InsertRange(index, added));
    }
}
