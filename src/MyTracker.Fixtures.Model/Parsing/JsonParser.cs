using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Parsing;

/// <summary>Thrown by <see cref="JsonParser"/> for malformed input; never leaves the parser's caller.</summary>
internal sealed class JsonParseException : Exception
{
    public JsonParseException(string message, TextPosition position)
        : base(message) => Position = position;

    public TextPosition Position { get; }
}

/// <summary>
/// A small, tolerant JSON reader that records where every value starts. It accepts what
/// documentation pages contain (trailing commas, // and /* */ comments, a byte order mark) and
/// rejects everything else with the exact line and column. No dependency on System.Text.Json, so the
/// analyzer loads in any compiler host.
/// </summary>
public sealed class JsonParser
{
    /// <summary>Deepest container nesting accepted; the generated readers allow 64, this keeps a margin.</summary>
    public const int MaxDepth = 60;

    private readonly string _text;
    private int _pos;
    private int _line;
    private int _lineStart;

    private JsonParser(string text)
    {
        _text = text;
    }

    /// <summary>Parses <paramref name="text"/>; on failure returns null and the error with its position.</summary>
    public static JsonNode? TryParse(string text, out string? error, out TextPosition errorPosition)
    {
        var parser = new JsonParser(text);
        try
        {
            var node = parser.ParseDocument();
            error = null;
            errorPosition = default;
            return node;
        }
        catch (JsonParseException ex)
        {
            error = ex.Message;
            errorPosition = ex.Position;
            return null;
        }
    }

    private JsonNode ParseDocument()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }

        SkipTrivia();
        if (_pos >= _text.Length)
        {
            throw Error("the file is empty", 0);
        }

        var root = ParseValue(0);
        SkipTrivia();
        if (_pos < _text.Length)
        {
            throw Error("unexpected '" + Describe(_text[_pos]) + "' after the end of the JSON value", 1);
        }

        return root;
    }

    private JsonNode ParseValue(int depth)
    {
        SkipTrivia();
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of file, a value was expected", 0);
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return ParseObject(depth + 1);
            case '[':
                return ParseArray(depth + 1);
            case '"':
            {
                var start = Here(0);
                var value = ParseString();
                return new JsonNode(JsonKind.String, value, EquatableArray<JsonMember>.Empty, EquatableArray<JsonNode>.Empty, start with { Length = _pos - start.Offset });
            }

            case 't':
                return ParseLiteral("true", JsonKind.True);
            case 'f':
                return ParseLiteral("false", JsonKind.False);
            case 'n':
                return ParseLiteral("null", JsonKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw Error("unexpected '" + Describe(c) + "', a value was expected", 1);
        }
    }

    private JsonNode ParseObject(int depth)
    {
        var start = Here(1);
        if (depth > MaxDepth)
        {
            throw Error("nesting deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels", 1);
        }

        _pos++;
        var members = new List<JsonMember>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                throw Error("unexpected end of file inside an object that starts at line " + (start.Line + 1).ToString(CultureInfo.InvariantCulture), 0);
            }

            if (_text[_pos] == '}')
            {
                _pos++;
                break;
            }

            if (_text[_pos] != '"')
            {
                throw Error("unexpected '" + Describe(_text[_pos]) + "', a property name in double quotes was expected", 1);
            }

            var namePosition = Here(0);
            var name = ParseString();
            namePosition = namePosition with { Length = _pos - namePosition.Offset };
            SkipTrivia();
            if (_pos >= _text.Length || _text[_pos] != ':')
            {
                throw Error("':' expected after property name \"" + name + "\"", _pos < _text.Length ? 1 : 0);
            }

            _pos++;
            var value = ParseValue(depth);
            members.Add(new JsonMember(name, namePosition, value));
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                throw Error("unexpected end of file inside an object that starts at line " + (start.Line + 1).ToString(CultureInfo.InvariantCulture), 0);
            }

            var next = _text[_pos];
            if (next == ',')
            {
                _pos++;
                continue;
            }

            if (next == '}')
            {
                _pos++;
                break;
            }

            throw Error("unexpected '" + Describe(next) + "', ',' or '}' was expected", 1);
        }

        return new JsonNode(JsonKind.Object, null, new EquatableArray<JsonMember>(members.ToArray()), EquatableArray<JsonNode>.Empty, start);
    }

    private JsonNode ParseArray(int depth)
    {
        var start = Here(1);
        if (depth > MaxDepth)
        {
            throw Error("nesting deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels", 1);
        }

        _pos++;
        var items = new List<JsonNode>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                throw Error("unexpected end of file inside an array that starts at line " + (start.Line + 1).ToString(CultureInfo.InvariantCulture), 0);
            }

            if (_text[_pos] == ']')
            {
                _pos++;
                break;
            }

            items.Add(ParseValue(depth));
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                throw Error("unexpected end of file inside an array that starts at line " + (start.Line + 1).ToString(CultureInfo.InvariantCulture), 0);
            }

            var next = _text[_pos];
            if (next == ',')
            {
                _pos++;
                continue;
            }

            if (next == ']')
            {
                _pos++;
                break;
            }

            throw Error("unexpected '" + Describe(next) + "', ',' or ']' was expected", 1);
        }

        return new JsonNode(JsonKind.Array, null, EquatableArray<JsonMember>.Empty, new EquatableArray<JsonNode>(items.ToArray()), start);
    }

    private JsonNode ParseLiteral(string literal, JsonKind kind)
    {
        var start = Here(literal.Length);
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw Error("unexpected '" + Describe(_text[_pos]) + "', a value was expected", 1);
        }

        _pos += literal.Length;
        if (_pos < _text.Length && IsIdentifierChar(_text[_pos]))
        {
            throw Error("unexpected '" + Describe(_text[_pos]) + "' after " + literal, 1);
        }

        return new JsonNode(kind, null, EquatableArray<JsonMember>.Empty, EquatableArray<JsonNode>.Empty, start);
    }

    private JsonNode ParseNumber()
    {
        var begin = _pos;
        var start = Here(0);
        if (_text[_pos] == '-')
        {
            _pos++;
        }

        if (_pos >= _text.Length || !IsDigit(_text[_pos]))
        {
            throw Error("a digit was expected in the number", _pos < _text.Length ? 1 : 0);
        }

        if (_text[_pos] == '0')
        {
            _pos++;
            if (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                throw Error("a number must not have leading zeros", 1);
            }
        }
        else
        {
            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                _pos++;
            }
        }

        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            if (_pos >= _text.Length || !IsDigit(_text[_pos]))
            {
                throw Error("a digit was expected after the decimal point", _pos < _text.Length ? 1 : 0);
            }

            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                _pos++;
            }
        }

        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-'))
            {
                _pos++;
            }

            if (_pos >= _text.Length || !IsDigit(_text[_pos]))
            {
                throw Error("a digit was expected in the exponent", _pos < _text.Length ? 1 : 0);
            }

            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                _pos++;
            }
        }

        if (_pos < _text.Length && IsIdentifierChar(_text[_pos]))
        {
            throw Error("unexpected '" + Describe(_text[_pos]) + "' in a number", 1);
        }

        return new JsonNode(JsonKind.Number, _text.Substring(begin, _pos - begin), EquatableArray<JsonMember>.Empty, EquatableArray<JsonNode>.Empty, start with { Length = _pos - begin });
    }

    private string ParseString()
    {
        var open = Here(1);
        _pos++; // opening quote
        var builder = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new JsonParseException("unterminated string (it starts at line " + (open.Line + 1).ToString(CultureInfo.InvariantCulture) + ", column " + (open.Column + 1).ToString(CultureInfo.InvariantCulture) + ")", Here(0));
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return builder.ToString();
            }

            if (c == '\\')
            {
                if (_pos + 1 >= _text.Length)
                {
                    _pos++;
                    throw Error("unterminated escape sequence", 0);
                }

                var e = _text[_pos + 1];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_pos + 6 > _text.Length || !IsHex(_text, _pos + 2, 4))
                        {
                            throw Error("\\u must be followed by four hexadecimal digits", 2);
                        }

                        builder.Append((char)int.Parse(_text.Substring(_pos + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _pos += 6;
                        continue;
                    default:
                        throw Error("invalid escape sequence '\\" + Describe(e) + "'", 2);
                }

                _pos += 2;
                continue;
            }

            if (c < ' ')
            {
                throw Error(c == '\n' || c == '\r' ? "unterminated string: a line break inside a string must be written \\n" : "control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " inside a string must be escaped", 1);
            }

            builder.Append(c);
            _pos++;
        }
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c == ' ' || c == '\t' || c == '\r')
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
            {
                var open = Here(2);
                _pos += 2;
                while (true)
                {
                    if (_pos + 1 >= _text.Length)
                    {
                        throw new JsonParseException("unterminated /* comment", open);
                    }

                    if (_text[_pos] == '*' && _text[_pos + 1] == '/')
                    {
                        _pos += 2;
                        break;
                    }

                    if (_text[_pos] == '\n')
                    {
                        _line++;
                        _lineStart = _pos + 1;
                    }

                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private TextPosition Here(int length) => new(_pos, _line, _pos - _lineStart, length);

    private JsonParseException Error(string message, int length)
        => new(message, Here(Math.Min(length, Math.Max(0, _text.Length - _pos))));

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsHex(string text, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(char c)
        => c < ' ' || c == '\u007F' ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();
}
