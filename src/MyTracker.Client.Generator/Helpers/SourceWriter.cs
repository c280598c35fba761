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
