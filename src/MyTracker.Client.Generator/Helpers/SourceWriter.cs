using System.Text;

namespace MyTracker.Client.Generator.Helpers;

/// <summary>Writes C# source with an indentation counter; lines always end with '\n'.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public void WriteLine() => _builder.Append('\n');

    public void WriteLine(string text)
    {
        if (text.Length == 0)
        {
            _builder.Append('\n');
            return;
        }

        _builder.Append(' ', _indent * 4).Append(text).Append('\n');
    }

    /// <summary>
    /// Writes a multi-line template (typically a raw string literal, whose own indentation C# removes):
    /// each line at the current indentation plus its own, empty lines empty. A '\r' before '\n' is
    /// dropped, so a template reads the same from a file with Windows line ends. A final '\n' ends the
    /// last line rather than starting an empty one.
    /// </summary>
    public void Write(string template)
    {
        var length = template.Length > 0 && template[template.Length - 1] == '\n' ? template.Length - 1 : template.Length;
        var start = 0;
        while (start <= length)
        {
            var end = template.IndexOf('\n', start);
            if (end < 0 || end > length)
            {
                end = length;
            }

            var line = template.Substring(start, end - start);
            WriteLine(line.Length > 0 && line[line.Length - 1] == '\r' ? line.Substring(0, line.Length - 1) : line);
            start = end + 1;
        }
    }

    /// <summary>Writes <paramref name="text"/> and opens a brace block.</summary>
    public void OpenBlock(string text)
    {
        WriteLine(text);
        WriteLine("{");
        _indent++;
    }

    public void CloseBlock(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
