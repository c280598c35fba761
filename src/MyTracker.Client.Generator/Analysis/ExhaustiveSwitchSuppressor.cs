using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MyTracker.Client.Generator.Analysis;

/// <summary>
/// The compiler cannot know that a generated result type is closed, so a switch expression naming
/// every case still gets CS8509 ("the pattern '_' is not covered") and users add a discard arm that
/// swallows the next documented scenario. This suppresses CS8509 for such a switch when its
/// unguarded arms cover every case (each documented scenario and Unknown), and CS8524 for a switch
/// naming every member of a generated discriminator enum: only then. Null must be covered as well
/// when the compiler would ask for it: the governing value may be null in a nullable-enabled context
/// (as for CS8655), or it is a nullable enum. With nullable annotations disabled the compiler does not
/// ask for null (neither does this).
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class ExhaustiveSwitchSuppressor : DiagnosticSuppressor
{
    /// <inheritdoc />
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ExhaustiveResultSwitch,
        DiagnosticDescriptors.ExhaustiveDiscriminatorSwitch);

    /// <inheritdoc />
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        if (context.Compilation.GetTypeByMetadataName(DocumentedUnion.AttributeMetadataName) is not { } attribute)
        {
            return;
        }

        var unions = new DocumentedUnion.Cache(attribute);
        HashSet<INamedTypeSymbol>? derivedElsewhere = null;
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var descriptor = diagnostic.Id == DiagnosticDescriptors.ExhaustiveResultSwitch.SuppressedDiagnosticId
                ? DiagnosticDescriptors.ExhaustiveResultSwitch
                : DiagnosticDescriptors.ExhaustiveDiscriminatorSwitch;
            if (diagnostic.Location.SourceTree is not { } tree)
            {
                continue;
            }

            var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<SwitchExpressionSyntax>() is not { } syntax)
            {
                continue;
            }

            var model = context.GetSemanticModel(tree);
            if (model.GetOperation(syntax, context.CancellationToken) is not ISwitchExpressionOperation operation
                || unions.Get(operation.Value.Type) is not { } union
                || union.IsEnum != (descriptor == DiagnosticDescriptors.ExhaustiveDiscriminatorSwitch))
            {
                continue;
            }

            bool nullRequired;
            if (union.IsEnum)
            {
                nullRequired = operation.Value.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
            }
            else
            {
                nullRequired = model.GetTypeInfo(syntax.GoverningExpression, context.CancellationToken).Nullability.FlowState == NullableFlowState.MaybeNull;

                // The generated constructor is private protected: only the assembly that generated the
                // type could add a case of its own, and then the generated cases are not all of them.
                derivedElsewhere ??= DerivedOutsideTheResult(context.Compilation);
                if (derivedElsewhere.Contains(union.Type))
                {
                    continue;
                }
            }

            if (SwitchCoverage.IsComplete(union, SwitchCoverage.ArmsOf(operation), nullRequired))
            {
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }

    /// <summary>The types of this compilation that a class outside their own nested cases derives from.</summary>
    private static HashSet<INamedTypeSymbol> DerivedOutsideTheResult(Compilation compilation)
    {
        var bases = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is not INamespaceOrTypeSymbol container)
                {
                    continue;
                }

                pending.Push(container);
                if (member is INamedTypeSymbol { TypeKind: TypeKind.Class, BaseType: { } baseType } type
                    && baseType.IsAbstract
                    && !SymbolEqualityComparer.Default.Equals(type.ContainingType, baseType))
                {
                    bases.Add(baseType.OriginalDefinition);
                }
            }
        }

        return bases;
    }
}
