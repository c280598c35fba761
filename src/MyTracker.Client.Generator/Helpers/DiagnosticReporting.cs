using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using MyTracker.Fixtures.Model;

namespace MyTracker.Client.Generator.Helpers;

/// <summary>Turns the fixture model's plain diagnostics into the compiler's, through <see cref="DiagnosticDescriptors"/>.</summary>
internal static class DiagnosticReporting
{
    /// <summary>A generator-only diagnostic (one the fixture model does not find) as a plain value.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, FixtureLocation location, params string[] arguments)
        => new(descriptor.Id, location, new EquatableArray<string>(arguments));

    public static Location ToLocation(this FixtureLocation location) => Location.Create(
        location.FilePath,
        new TextSpan(location.Start, location.Length),
        new LinePositionSpan(new LinePosition(location.Line, location.Column), new LinePosition(location.EndLine, location.EndColumn)));

    public static Diagnostic ToDiagnostic(this DiagnosticInfo info)
    {
        var descriptor = DiagnosticDescriptors.ById(info.Id);
        var args = new object[info.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = info.Arguments[i];
        }

        return Diagnostic.Create(descriptor, info.Location.ToLocation(), args);
    }
}
