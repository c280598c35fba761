using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MyTracker.Client.Generator.Analysis;

/// <summary>
/// What the arms of a switch say about the cases of a <see cref="DocumentedUnion"/>, read from the
/// operation tree: which cases an arm names (for MTG0013) and whether the arms together cover every
/// case for sure (for the suppressor, which must never hide a switch that can fall through).
/// </summary>
internal static class SwitchCoverage
{
    /// <summary>The arms of a switch expression or the labels of a switch statement: a pattern or a single value, and whether a <c>when</c> clause guards it.</summary>
    internal readonly struct Arm
    {
        public Arm(IPatternOperation? pattern, IOperation? value, bool guarded)
        {
            Pattern = pattern;
            Value = value;
            Guarded = guarded;
        }

        public IPatternOperation? Pattern { get; }

        /// <summary>The value of a <c>case E.X:</c> label.</summary>
        public IOperation? Value { get; }

        public bool Guarded { get; }
    }

    public static IEnumerable<Arm> ArmsOf(ISwitchExpressionOperation operation)
        => operation.Arms.Select(a => new Arm(a.Pattern, null, a.Guard is not null));

    public static IEnumerable<Arm> ArmsOf(ISwitchOperation operation)
    {
        foreach (var section in operation.Cases)
        {
            foreach (var clause in section.Clauses)
            {
                switch (clause)
                {
                    case IPatternCaseClauseOperation pattern:
                        yield return new Arm(pattern.Pattern, null, pattern.Guard is not null);
                        break;
                    case ISingleValueCaseClauseOperation single:
                        yield return new Arm(null, single.Value, false);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// The cases some arm names at its top level (through <c>or</c>, <c>and</c>, <c>not</c>), with or
    /// without a <c>when</c> clause or property patterns: naming a case is handling it on purpose.
    /// A discard, <c>var</c>, <c>default</c> or a base-type pattern names none.
    /// </summary>
    public static HashSet<UnionCase> Named(DocumentedUnion union, IEnumerable<Arm> arms)
    {
        var named = new HashSet<UnionCase>();
        foreach (var arm in arms)
        {
            if (arm.Value is not null && union.CaseOfConstant(arm.Value.ConstantValue) is { } constantCase)
            {
                named.Add(constantCase);
            }

            if (arm.Pattern is not null)
            {
                Name(union, arm.Pattern, named);
            }
        }

        return named;
    }

    private static void Name(DocumentedUnion union, IPatternOperation pattern, HashSet<UnionCase> named)
    {
        UnionCase? found = pattern switch
        {
            ITypePatternOperation type => union.CaseOfType(type.MatchedType),
            IDeclarationPatternOperation declaration => union.CaseOfType(declaration.MatchedType),
            IRecursivePatternOperation recursive => union.CaseOfType(recursive.MatchedType),
            IConstantPatternOperation constant => union.CaseOfConstant(constant.Value.ConstantValue),
            _ => null,
        };
        if (found is not null)
        {
            named.Add(found);
        }

        switch (pattern)
        {
            case IBinaryPatternOperation binary:
                Name(union, binary.LeftPattern, named);
                Name(union, binary.RightPattern, named);
                break;
            case INegatedPatternOperation negated:
                Name(union, negated.Pattern, named);
                break;
        }
    }

    /// <summary>
    /// True when the unguarded arms match every value of every case for sure, and null too when
    /// <paramref name="nullRequired"/>. Anything this does not understand counts as matching nothing,
    /// so the answer errs towards "not complete" (and the compiler's warning stays).
    /// </summary>
    public static bool IsComplete(DocumentedUnion union, IEnumerable<Arm> arms, bool nullRequired)
    {
        var covered = new HashSet<UnionCase>();
        var coversNull = false;
        foreach (var arm in arms)
        {
            if (arm.Guarded)
            {
                continue;
            }

            var coverage = arm.Pattern is not null
                ? Cover(union, arm.Pattern)
                : new Coverage(union.CaseOfConstant(arm.Value!.ConstantValue) is { } c ? new[] { c } : Enumerable.Empty<UnionCase>(), false);
            covered.UnionWith(coverage.Cases);
            coversNull |= coverage.Null;
        }

        return union.Cases.All(covered.Contains) && (coversNull || !nullRequired);
    }

    private readonly struct Coverage
    {
        public Coverage(IEnumerable<UnionCase> cases, bool coversNull)
        {
            Cases = new HashSet<UnionCase>(cases);
            Null = coversNull;
        }

        public HashSet<UnionCase> Cases { get; }

        public bool Null { get; }
    }

    private static Coverage Cover(DocumentedUnion union, IPatternOperation pattern)
    {
        var none = Enumerable.Empty<UnionCase>();
        switch (pattern)
        {
            case IDiscardPatternOperation:
                return new Coverage(union.Cases, true);
            case IDeclarationPatternOperation { MatchesNull: true }:
                return new Coverage(union.Cases, true);
            case IDeclarationPatternOperation declaration:
                return new Coverage(union.CasesAssignableTo(declaration.MatchedType), false);
            case ITypePatternOperation type:
                return new Coverage(union.CasesAssignableTo(type.MatchedType), false);
            case IRecursivePatternOperation recursive:
                var irrefutable = recursive.DeconstructionSubpatterns.All(IsIrrefutable) && recursive.PropertySubpatterns.All(p => IsIrrefutable(p.Pattern));
                return new Coverage(irrefutable ? union.CasesAssignableTo(recursive.MatchedType) : none, false);
            case IConstantPatternOperation constant when constant.Value.ConstantValue is { HasValue: true, Value: null }:
                return new Coverage(none, true);
            case IConstantPatternOperation constant:
                return new Coverage(union.CaseOfConstant(constant.Value.ConstantValue) is { } c ? new[] { c } : none, false);
            case INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } }:
                return new Coverage(union.Cases, false);
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or:
                var left = Cover(union, or.LeftPattern);
                var right = Cover(union, or.RightPattern);
                return new Coverage(left.Cases.Union(right.Cases), left.Null || right.Null);
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } and:
                var first = Cover(union, and.LeftPattern);
                var second = Cover(union, and.RightPattern);
                return new Coverage(first.Cases.Intersect(second.Cases), first.Null && second.Null);
            default:
                return new Coverage(none, false);
        }
    }

    private static bool IsIrrefutable(IPatternOperation pattern)
        => pattern is IDiscardPatternOperation or IDeclarationPatternOperation { MatchesNull: true };
}
