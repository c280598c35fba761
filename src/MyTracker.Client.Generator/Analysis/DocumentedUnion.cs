using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MyTracker.Client.Generator.Analysis;

/// <summary>
/// A generated result type, or a generated discriminator enum, seen through symbols: all of its cases
/// and, for each case generated from a sample, that sample. Recognised by the
/// <c>[DocumentedScenario]</c> attribute the generator puts on cases and enum members, so it works
/// the same for types generated into the compilation and for types in a referenced assembly.
/// </summary>
internal sealed class DocumentedUnion
{
    /// <summary>The attribute the generator emits (it lives in the MyTracker.Client runtime).</summary>
    public const string AttributeMetadataName = "MyTracker.Client.Json.DocumentedScenarioAttribute";

    private DocumentedUnion(INamedTypeSymbol type, bool isEnum, ImmutableArray<UnionCase> cases)
    {
        Type = type;
        IsEnum = isEnum;
        Cases = cases;
    }

    /// <summary>The result record (abstract) or the enum.</summary>
    public INamedTypeSymbol Type { get; }

    /// <summary>True for a discriminator enum: its cases are fields matched by constant patterns.</summary>
    public bool IsEnum { get; }

    /// <summary>Every case in declaration order: the documented ones and the rest (Unknown).</summary>
    public ImmutableArray<UnionCase> Cases { get; }

    /// <summary>The union for the type a switch governs, or null when it is not a generated one.</summary>
    /// <param name="type">The governing type; <c>Nullable&lt;E&gt;</c> is looked through.</param>
    /// <param name="attribute">The <c>DocumentedScenarioAttribute</c> symbol of the compilation.</param>
    public static DocumentedUnion? From(ITypeSymbol? type, INamedTypeSymbol attribute)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        named = (INamedTypeSymbol)named.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        var cases = ImmutableArray.CreateBuilder<UnionCase>();
        if (named.TypeKind == TypeKind.Enum)
        {
            foreach (var field in named.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
            {
                cases.Add(UnionCase.Of(field, attribute, field.ConstantValue));
            }
        }
        else if (named.TypeKind == TypeKind.Class && named.IsAbstract)
        {
            foreach (var nested in named.GetTypeMembers())
            {
                if (SymbolEqualityComparer.Default.Equals(nested.BaseType, named))
                {
                    cases.Add(UnionCase.Of(nested, attribute, null));
                }
            }
        }

        if (!cases.Any(c => c.IsDocumented))
        {
            return null;
        }

        return new DocumentedUnion(named, named.TypeKind == TypeKind.Enum, cases.ToImmutable());
    }

    /// <summary>The case a type (of a type pattern) is, if any.</summary>
    public UnionCase? CaseOfType(ITypeSymbol? type)
        => type is null || IsEnum ? null : Cases.FirstOrDefault(c => SymbolEqualityComparer.Default.Equals(c.Symbol, type.OriginalDefinition));

    /// <summary>The case an enum constant is, if any.</summary>
    public UnionCase? CaseOfConstant(Optional<object?> constant)
        => !IsEnum || !constant.HasValue ? null : Cases.FirstOrDefault(c => Equals(c.ConstantValue, constant.Value));

    /// <summary>The cases of a union type that a value of <paramref name="type"/>'s pattern accepts whole: all for the union itself or a base of it.</summary>
    public IEnumerable<UnionCase> CasesAssignableTo(ITypeSymbol? type)
    {
        if (type is null)
        {
            return Enumerable.Empty<UnionCase>();
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (IsEnum)
        {
            return SymbolEqualityComparer.Default.Equals(type, Type) || type.SpecialType is SpecialType.System_Enum or SpecialType.System_ValueType or SpecialType.System_Object
                ? Cases
                : Enumerable.Empty<UnionCase>();
        }

        return Cases.Where(c => IsAssignable((INamedTypeSymbol)c.Symbol, type));
    }

    private static bool IsAssignable(INamedTypeSymbol from, ITypeSymbol to)
    {
        for (var current = from; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, to))
            {
                return true;
            }
        }

        return from.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, to));
    }

    /// <summary>Remembers the unions of one compilation, so each type is looked at once per analysis.</summary>
    public sealed class Cache
    {
        private readonly INamedTypeSymbol _attribute;
        private readonly ConcurrentDictionary<ITypeSymbol, DocumentedUnion?> _byType = new(SymbolEqualityComparer.Default);

        public Cache(INamedTypeSymbol attribute) => _attribute = attribute;

        public DocumentedUnion? Get(ITypeSymbol? type)
            => type is null ? null : _byType.GetOrAdd(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), t => From(t, _attribute));
    }
}

/// <summary>One case of a <see cref="DocumentedUnion"/>: a nested record or an enum member, and the sample it stands for.</summary>
internal sealed class UnionCase
{
    private UnionCase(ISymbol symbol, string? scenario, int statusCode, string? fixture, object? constantValue)
    {
        Symbol = symbol;
        Scenario = scenario;
        StatusCode = statusCode;
        Fixture = fixture;
        ConstantValue = constantValue;
    }

    /// <summary>The nested case type or the enum field.</summary>
    public ISymbol Symbol { get; }

    public string Name => Symbol.Name;

    /// <summary>The scenario from the sample's file name; null for a case no sample documents (Unknown).</summary>
    public string? Scenario { get; }

    public int StatusCode { get; }

    /// <summary>The sample's path below the fixture root; null for a case no sample documents.</summary>
    public string? Fixture { get; }

    /// <summary>The enum member's value; null for a record case.</summary>
    public object? ConstantValue { get; }

    public bool IsDocumented => Fixture is not null;

    public static UnionCase Of(ISymbol symbol, INamedTypeSymbol attribute, object? constantValue)
    {
        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute) && data.ConstructorArguments.Length == 3)
            {
                var arguments = data.ConstructorArguments;
                return new UnionCase(symbol, arguments[0].Value as string, arguments[1].Value is int status ? status : 0, arguments[2].Value as string, constantValue);
            }
        }

        return new UnionCase(symbol, null, 0, null, constantValue);
    }
}
