namespace MyTracker.Client;

/// <summary>One CSV row of a segment export (an <see cref="ExportRow"/>), with the header of the first file to look values up by name.</summary>
public readonly struct SegmentExportRow
{
    private readonly ExportRow _row;

    internal SegmentExportRow(ExportRow row) => _row = row;

    /// <summary>The column names from the first file's header line; empty when the export has none.</summary>
    public IReadOnlyList<string> Header => _row.Header;

    /// <summary>The values of this row, in column order.</summary>
    public IReadOnlyList<string> Values => _row.Values;

    /// <summary>Which file (0-based, in the export's order) the row came from.</summary>
    public int FileIndex => _row.FileIndex;

    /// <summary>The value at a column index.</summary>
    /// <param name="index">0-based column index.</param>
    public string this[int index] => _row[index];

    /// <summary>The value of a named column (ordinal, case-sensitive, as in the header).</summary>
    /// <param name="column">A name from <see cref="Header"/>.</param>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public string this[string column] => _row[column];

    /// <inheritdoc />
    public override string ToString() => _row.ToString();
}
