using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>Turns JSON names, folder names and scenario names into C# identifiers.</summary>
public static class Naming
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// PascalCase: words are split at anything that is not an ASCII letter or digit, each word gets an
    /// upper-case first letter and keeps the rest (<c>idSegmentExport</c> -> <c>IdSegmentExport</c>,
    /// <c>block_index</c> -> <c>BlockIndex</c>, <c>in-progress</c> -> <c>InProgress</c>). Non-ASCII
    /// characters are dropped so every name can be typed on any keyboard; a name that starts with a
    /// digit gets a leading underscore; an empty result becomes <paramref name="fallback"/>.
    /// </summary>
    public static string ToPascalCase(string name, string fallback)
    {
        var builder = new StringBuilder(name.Length);
        var startOfWord = true;
        foreach (var c in name)
        {
            if (IsAsciiLetterOrDigit(c))
            {
                builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
                startOfWord = false;
            }
            else
            {
                startOfWord = true;
            }
        }

        if (builder.Length == 0)
        {
            return fallback;
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>camelCase for parameters, escaped with '@' when it is a keyword.</summary>
    public static string ToCamelCase(string name, string fallback)
    {
        var pascal = ToPascalCase(name, fallback);
        var camel = pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    private static readonly (string Plural, string Singular)[] Irregular =
    {
        ("People", "Person"), ("people", "person"), ("Children", "Child"), ("children", "child"),
        ("Men", "Man"), ("men", "man"), ("Women", "Woman"), ("women", "woman"),
    };

    /// <summary>A singular for the item type of an array property (<c>files</c> -> <c>File</c>).</summary>
    public static string Singularize(string pascal)
    {
        foreach (var (plural, singular) in Irregular)
        {
            if (pascal.EndsWith(plural, StringComparison.Ordinal))
            {
                return pascal.Substring(0, pascal.Length - plural.Length) + singular;
            }
        }

        if (pascal.EndsWith("ies", StringComparison.Ordinal) && pascal.Length > 4)
        {
            return pascal.Substring(0, pascal.Length - 3) + "y";
        }

        if ((pascal.EndsWith("ses", StringComparison.Ordinal) || pascal.EndsWith("xes", StringComparison.Ordinal)) && pascal.Length > 4)
        {
            return pascal.Substring(0, pascal.Length - 2);
        }

        if (pascal.EndsWith("s", StringComparison.Ordinal) && !pascal.EndsWith("ss", StringComparison.Ordinal) && pascal.Length > 2)
        {
            return pascal.Substring(0, pascal.Length - 1);
        }

        return pascal + "Item";
    }

    /// <summary>Returns <paramref name="candidate"/>, or it with the first free numeric suffix (2, 3, ...).</summary>
    public static string Unique(string candidate, ISet<string> taken)
    {
        if (taken.Add(candidate))
        {
            return candidate;
        }

        for (var i = 2; ; i++)
        {
            var next = candidate + i.ToString(CultureInfo.InvariantCulture);
            if (taken.Add(next))
            {
                return next;
            }
        }
    }

    /// <summary>
    /// The namespace a project's <c>RootNamespace</c> stands for, made valid the way <c>dotnet new</c> makes a
    /// project name one: every character an identifier cannot hold becomes <c>_</c>, and a part that starts
    /// with a digit or is a keyword gets a leading <c>_</c> (<c>my-app</c> is <c>my_app</c>,
    /// <c>2024.Reports</c> is <c>_2024.Reports</c>). Null when nothing of an identifier is left.
    /// </summary>
    public static string? ToNamespace(string rootNamespace)
    {
        var parts = new List<string>();
        foreach (var raw in rootNamespace.Split('.'))
        {
            var part = new StringBuilder(raw.Length + 1);
            foreach (var c in raw.Trim())
            {
                part.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
            }

            if (part.Length == 0)
            {
                continue;
            }

            if (char.IsDigit(part[0]) || Keywords.Contains(part.ToString()))
            {
                part.Insert(0, '_');
            }

            parts.Add(part.ToString());
        }

        var result = string.Join(".", parts);
        return IsValidNamespace(result) ? result : null;
    }

    /// <summary>Whether <paramref name="name"/> is a dotted sequence of C# identifiers.</summary>
    public static bool IsValidNamespace(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var part in name.Split('.'))
        {
            if (part.Length == 0 || Keywords.Contains(part) || !(char.IsLetter(part[0]) || part[0] == '_'))
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A C# string literal for any text (non-ASCII and control characters as \u escapes).</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>Text safe inside an XML doc comment: escaped, on one line, shortened.</summary>
    public static string XmlText(string value, int maxLength = 120)
    {
        var builder = new StringBuilder();
        var count = 0;
        foreach (var c in value)
        {
            if (count++ >= maxLength)
            {
                builder.Append("...");
                break;
            }

            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '"': builder.Append("&quot;"); break;
                default:
                    if (c < ' ' || c == '\u007F' || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\uFFFE' || c == '\uFFFF')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
