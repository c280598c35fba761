using System.Globalization;
using System.Net;
using System.Text;

namespace MyTracker.Fixtures.Folders;

/// <summary>
/// Scenario names as the fixture format wants them (<c>&lt;status&gt;.&lt;scenario&gt;.json</c>: letters,
/// digits and dashes, starting with a letter), made from documented or received text.
/// </summary>
internal static class ScenarioNames
{
    private const int MaxLength = 48;

    /// <summary>
    /// Kebab case of a text: <c>"In progress"</c> -> <c>in-progress</c>, <c>"Success!"</c> -> <c>success</c>,
    /// <c>"it's completed"</c> -> <c>its-completed</c>. Null when nothing usable is left (only digits,
    /// punctuation or letters outside ASCII).
    /// </summary>
    public static string? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var builder = new StringBuilder(text.Length);
        var dash = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '’')
            {
                continue;
            }

            // camelCase and PascalCase words split where a lower-case letter meets an upper-case one.
            if (char.IsAsciiLetterUpper(c) && i > 0 && char.IsAsciiLetterLower(text[i - 1]) && builder.Length > 0)
            {
                dash = true;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (dash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else
            {
                dash = true;
            }
        }

        var name = builder.ToString();
        if (name.Length > MaxLength)
        {
            var cut = name.LastIndexOf('-', MaxLength);
            name = name[..(cut > 0 ? cut : MaxLength)];
        }

        if (name.Length == 0 || !name.Any(char.IsAsciiLetter))
        {
            return null;
        }

        return char.IsAsciiLetter(name[0]) ? name : "scenario-" + name;
    }

    /// <summary>The HTTP reason phrase as a scenario: 404 -> <c>not-found</c>, 418 -> <c>status-418</c>.</summary>
    public static string FromStatus(int status)
    {
        var name = ((HttpStatusCode)status).ToString();
        return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? "status-" + name
            : FromText(name)!;
    }

    /// <summary>Whether a file name is a sample name <c>&lt;status&gt;.&lt;scenario&gt;.json</c>; gives its parts.</summary>
    public static bool TryParseSampleFileName(string fileName, out int status, out string scenario)
    {
        status = 0;
        scenario = string.Empty;
        var parts = fileName.Split('.');
        if (parts.Length != 3 || parts[2] != "json" || parts[0].Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out status) || status is < 100 or > 599
            || parts[1].Length == 0 || !char.IsAsciiLetter(parts[1][0]) || !parts[1].All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            status = 0;
            return false;
        }

        scenario = parts[1];
        return true;
    }

    /// <summary>Makes <paramref name="name"/> unique among <paramref name="taken"/> (adds it): <c>success</c>, <c>success-2</c>, ...</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
