using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using MyTracker.Client.Generator;

namespace MyTracker.Fixtures.Model;

/// <summary>A place in a fixture file: the path plus a character offset and its line/column (0-based).</summary>
internal readonly record struct FixtureLocation(string FilePath, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    public static FixtureLocation StartOf(string filePath) => new(filePath, 0, 0, 0, 0, 0, 0);

    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(Line, Column), new LinePosition(EndLine, EndColumn)));
}

/// <summary>
/// A diagnostic as an equatable value: the pipeline carries these instead of <see cref="Diagnostic"/>
/// (which holds a <see cref="Location"/> and would defeat caching) and turns them into diagnostics
/// only when reporting.
/// </summary>
internal sealed record DiagnosticInfo(string Id, FixtureLocation Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, FixtureLocation location, params string[] arguments)
        => new(descriptor.Id, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var descriptor = DiagnosticDescriptors.ById(Id);
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        return Diagnostic.Create(descriptor, Location.ToLocation(), args);
    }
}
