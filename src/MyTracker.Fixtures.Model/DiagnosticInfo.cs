using System;
using System.Globalization;
using System.Linq;

namespace MyTracker.Fixtures.Model;

/// <summary>A place in a fixture file: the path plus a character offset and its line/column (0-based).</summary>
/// <param name="FilePath">The file's path as the build sees it.</param>
/// <param name="Start">The character offset of the place.</param>
/// <param name="Length">How many characters it spans.</param>
/// <param name="Line">The 0-based line of <paramref name="Start"/>.</param>
/// <param name="Column">The 0-based column of <paramref name="Start"/>.</param>
/// <param name="EndLine">The 0-based line of the end.</param>
/// <param name="EndColumn">The 0-based column of the end.</param>
public readonly record struct FixtureLocation(string FilePath, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>The start of a file, for problems about the file as a whole.</summary>
    /// <param name="filePath">The file.</param>
    /// <returns>The location.</returns>
    public static FixtureLocation StartOf(string filePath) => new(filePath, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// A problem with a fixture as a plain, equatable value (id, location, arguments). The generator's
/// pipeline carries these (a Roslyn <c>Diagnostic</c> holds a <c>Location</c> and would defeat caching)
/// and maps the id to its descriptor when reporting; the fake and the tool print <see cref="Message"/>.
/// </summary>
/// <param name="Id">The MTG id (<see cref="FixtureDiagnosticIds"/>).</param>
/// <param name="Location">Where in which file.</param>
/// <param name="Arguments">The values of the message's placeholders.</param>
public sealed record DiagnosticInfo(string Id, FixtureLocation Location, EquatableArray<string> Arguments)
{
    /// <summary>A diagnostic of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="location">Where.</param>
    /// <param name="arguments">The message's arguments.</param>
    /// <returns>The diagnostic.</returns>
    public static DiagnosticInfo Create(FixtureDiagnosticKind kind, FixtureLocation location, params string[] arguments)
        => new(kind.Id, location, new EquatableArray<string>(arguments));

    /// <summary>Whether the build fails on it (and the fake refuses the folder).</summary>
    public bool IsError => FixtureDiagnosticKind.ById(Id)?.IsError ?? false;

    /// <summary>The message as the compiler prints it.</summary>
    public string Message => FixtureDiagnosticKind.ById(Id) is { } kind
        ? string.Format(CultureInfo.InvariantCulture, kind.MessageFormat, Arguments.Cast<object>().ToArray())
        : string.Join(", ", Arguments);

    /// <summary>One line as the compiler would print it: <c>file(line,col): severity MTG0001: message</c> (1-based).</summary>
    /// <returns>The line.</returns>
    public string Format()
    {
        var where = Location.FilePath.Length == 0
            ? string.Empty
            : string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): ", Location.FilePath, Location.Line + 1, Location.Column + 1);
        return where + (IsError ? "error " : "warning ") + Id + ": " + Message;
    }
}
