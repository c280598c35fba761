namespace MyTracker.Client;

/// <summary>One CSV row of an export of any family, with the header of the first file to look values up by name.</summary>
public readonly struct ExportRow
{
    private static readonly string[] NoHeader = [];
    private readonly IReadOnlyList<string>? _header;
    private readonly string[]? _values;

    internal ExportRow(IReadOnlyList<string> header, string[] values, int fileIndex)
    {
        _header = header;
        _values = values;
        FileIndex = fileIndex;
    }

    /// <summary>The column names from the first file's header line; empty when the export has none.</summary>
    public IReadOnlyList<string> Header => _header ?? NoHeader;

    /// <summary>The values of this row, in column order.</summary>
    public IReadOnlyList<string> Values => _values ?? NoHeader;

    /// <summary>Which file (0-based, in the export's order) the row came from.</summary>
    public int FileIndex { get; }

    /// <summary>The value at a column index.</summary>
    /// <param name="index">0-based column index.</param>
    public string this[int index] => Values[index];

    /// <summary>The value of a named column (ordinal, case-sensitive, as in the header).</summary>
    /// <param name="column">A name from <see cref="Header"/>.</param>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public string this[string column]
    {
        get
        {
            for (var i = 0; i < Header.Count; i++)
            {
                if (string.Equals(Header[i], column, StringComparison.Ordinal))
                {
                    return Values[i];
                }
            }

            throw new KeyNotFoundException($"The export has no column '{column}'.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(',', Values);
}
