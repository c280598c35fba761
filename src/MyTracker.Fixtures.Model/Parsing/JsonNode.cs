using System;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Parsing;

/// <summary>The kind of a JSON value.</summary>
public enum JsonKind
{
    /// <summary>An object.</summary>
    Object,
    /// <summary>An array.</summary>
    Array,
    /// <summary>A string.</summary>
    String,
    /// <summary>A number.</summary>
    Number,
    /// <summary>true.</summary>
    True,
    /// <summary>false.</summary>
    False,
    /// <summary>null.</summary>
    Null,
}

/// <summary>
/// A JSON value with the place it was read from. Value equality (records + <see cref="EquatableArray{T}"/>)
/// lets the incremental pipeline cache a parsed fixture.
/// </summary>
/// <param name="Kind">The JSON kind.</param>
/// <param name="Text">The unescaped string, or the number exactly as written; null otherwise.</param>
/// <param name="Members">Object members in document order.</param>
/// <param name="Items">Array items.</param>
/// <param name="Position">Where the value starts.</param>
public sealed record JsonNode(JsonKind Kind, string? Text, EquatableArray<JsonMember> Members, EquatableArray<JsonNode> Items, TextPosition Position)
{
    /// <summary>The member with this name, or null.</summary>
    public JsonNode? this[string name]
    {
        get
        {
            foreach (var member in Members)
            {
                if (string.Equals(member.Name, name, StringComparison.Ordinal))
                {
                    return member.Value;
                }
            }

            return null;
        }
    }

    /// <summary>The kind in the words of a message ("a string", "an object").</summary>
    public string KindName => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };
}

/// <summary>An object member: its name, where the name starts, and its value.</summary>
public sealed record JsonMember(string Name, TextPosition Position, JsonNode Value);

/// <summary>A character offset and its 0-based line and column, plus the length of the token there.</summary>
public readonly record struct TextPosition(int Offset, int Line, int Column, int Length)
{
    /// <summary>This position as a location in a file.</summary>
    public FixtureLocation In(string filePath)
        => new(filePath, Offset, Length, Line, Column, Line, Column + Length);
}
