using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MyTracker.Fake.Exports;

namespace MyTracker.Fake.Files;

/// <summary>
/// An export table as a real <c>.xlsx</c> workbook, written with Microsoft's Open XML SDK
/// (DocumentFormat.OpenXml): one sheet, a header row of text cells, then typed cells: numbers as
/// number cells, dates as date serials with the built-in date format 14, text as inline strings (no
/// shared-string table, so each row is self-contained). Excel, LibreOffice and any SpreadsheetML
/// reader open it; the fake's tests read it back with the same SDK and with plain ZipArchive + XML.
/// </summary>
internal static class Workbook
{
    /// <summary>The sheet's name.</summary>
    public const string SheetName = "Report";

    /// <summary>The style index of date cells (see <see cref="Styles"/>).</summary>
    private const uint DateStyle = 1;

    /// <summary>The style index of the header row (bold).</summary>
    private const uint HeaderStyle = 2;

    public static byte[] Build(ExportTable table)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, table.Header.Select(h => TextCell(h, HeaderStyle))));
            for (var r = 0; r < table.Rows.Count; r++)
            {
                data.Append(Row((uint)r + 2, table.Rows[r].Select(Cell)));
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName }));
        }

        return buffer.ToArray();
    }

    private static Row Row(uint number, IEnumerable<Cell> cells)
    {
        var row = new Row { RowIndex = number };
        var column = 0;
        foreach (var cell in cells)
        {
            cell.CellReference = ColumnName(column++) + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            row.Append(cell);
        }

        return row;
    }

    private static Cell Cell(TableCell cell) => cell.Kind switch
    {
        CellKind.Number => new Cell { DataType = CellValues.Number, CellValue = new CellValue(cell.Number) },
        CellKind.Date => new Cell { StyleIndex = DateStyle, CellValue = new CellValue(cell.Date.ToDateTime(TimeOnly.MinValue).ToOADate()) },
        _ => TextCell(cell.Text, 0),
    };

    private static Cell TextCell(string text, uint style) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style == 0 ? null : style,
    };

    /// <summary>A-Z, AA-AZ, ...: the column letters of a 0-based index.</summary>
    internal static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The smallest stylesheet a reader accepts, with the formats the cells use: 0 default, 1 a date (built-in format 14), 2 bold.</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true }) { Count = 3 });
}
