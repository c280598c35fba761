using System;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Parsing;

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
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
internal sealed record JsonNode(JsonKind Kind, string? Text, EquatableArray<JsonMember> Members, EquatableArray<JsonNode> Items, TextPosition Position)
{
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
internal sealed record JsonMember(string Name, TextPosition Position, JsonNode Value);

/// <summary>A character offset and its 0-based line and column, plus the length of the token there.</summary>
internal readonly record struct TextPosition(int Offset, int Line, int Column, int Length)
{
    public FixtureLocation In(string filePath)
        => new(filePath, Offset, Length, Line, Column, Line, Column + Length);
}
