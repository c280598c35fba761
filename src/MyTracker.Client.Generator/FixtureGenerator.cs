using Microsoft.CodeAnalysis;

namespace MyTracker.Client.Generator;

/// <summary>Turns fixture folders into typed models, converters and clients.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class FixtureGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
