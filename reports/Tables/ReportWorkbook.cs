using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PdWarehouse.Reports.Tables;

/// <summary>
/// A report's tables as one Excel workbook, a sheet a table, in the form OIS publishes its tables: the title above the
/// table, counts as numbers (formatted #,##0), the Yearbook's marks as text ("D" withheld, "-" zero), and the key to
/// the marks, the table's notes and its source below it. The same suppressed table the PDF, HTML and CSV show.
/// One workbook a report rather than a file a table: one package to write (about 40 files a report otherwise, each a
/// zip of its own, on the path from print to published report) and one file for a reader to open.
/// </summary>
public static class ReportWorkbook
{
    // Cell formats, by their index in the stylesheet below.
    private const uint Plain = 0, Count = 1, Bold = 2, BoldCount = 3, Indented = 4, Mark = 5, BoldMark = 6, Title = 7, Note = 8;

    public static void Save(string path, IReadOnlyList<ReportTable> tables)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        uint sheetId = 1;
        foreach (var table in tables)
        {
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = Sheet(table);
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = sheetId++, Name = SheetName(table, names) });
        }
        workbookPart.Workbook.Save();
    }

    /// <summary>"Table 35A" as the edition numbers it (the number already says "Table"); Excel allows 31 characters, none of []:*?/\, and no two alike.</summary>
    public static string SheetName(ReportTable table, ISet<string> taken)
    {
        var name = new string(table.Number.Select(c => "[]:*?/\\".Contains(c) ? '-' : c).ToArray()).Trim('\'');
        if (name.Length > 31) name = name[..31];
        var unique = name;
        for (var n = 2; !taken.Add(unique); n++) unique = name[..Math.Min(name.Length, 27)] + $" ({n})";
        return unique;
    }

    private static Worksheet Sheet(ReportTable table)
    {
        var data = new SheetData();
        var row = 0u;
        Row Next() { var r = new Row { RowIndex = ++row }; data.Append(r); return r; }

        Next().Append(Text($"{table.Number}. {table.Title}", Title));
        Next();
        var header = Next();
        header.Append(Text(table.StubHeader, Bold));
        foreach (var column in table.Columns) header.Append(Text(column.Header, Bold));
        foreach (var tableRow in table.Rows)
        {
            var r = Next();
            var strong = tableRow.Kind != RowKind.Detail;
            // Grouped tables print their detail rows indented under the group's subtotal, as the PDF does (not when the subtotals print as a block first).
            r.Append(Text(tableRow.Label, strong ? Bold : table.IndentsDetails ? Indented : Plain));
            for (var c = 0; c < table.Columns.Count; c++)
                r.Append(tableRow.Withheld[c] ? Text(YearbookFormat.Withheld, strong ? BoldMark : Mark)
                    : table.Columns[c].Content == CellContent.Figure && double.TryParse(tableRow.Texts[c], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var figure)
                        ? new Cell { CellValue = new CellValue(figure), DataType = CellValues.Number, StyleIndex = strong ? Bold : Plain }
                    : table.Columns[c].Content != CellContent.Count ? Text(tableRow.Texts[c] ?? "", strong ? Bold : Plain)
                    : tableRow.Values[c] switch
                    {
                        null => Text(YearbookFormat.NotAvailable, strong ? BoldMark : Mark),
                        0 => Text(YearbookFormat.Zero, strong ? BoldMark : Mark),
                        long v => new Cell { CellValue = new CellValue((decimal)v), DataType = CellValues.Number, StyleIndex = strong ? BoldCount : Count },
                    });
        }
        Next();
        var key = (table.DisclosureControlled
            ? $"{YearbookFormat.Withheld} Data withheld to limit disclosure.   {YearbookFormat.Zero} Represents zero."
            : $"{YearbookFormat.Zero} Represents zero.")
            + (table.HasNotAvailable ? $"   {YearbookFormat.NotAvailable} Not available." : "");
        Next().Append(Text(key, Note));
        foreach (var note in table.Notes) Next().Append(Text(note, Note));
        Next().Append(Text("Source: " + table.Source, Note));

        return new Worksheet(
            new SheetViews(new SheetView { WorkbookViewId = 0, Pane = new Pane { VerticalSplit = 3, TopLeftCell = "A4", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen } }),
            new Columns(
                new Column { Min = 1, Max = 1, Width = 44, CustomWidth = true },
                new Column { Min = 2, Max = (uint)Math.Max(2, table.Columns.Count + 1), Width = 13, CustomWidth = true }),
            data);
    }

    // Inline strings: a text cell is never a formula, whatever it starts with, so nothing needs neutralising as in the CSV.
    private static Cell Text(string text, uint style) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)), StyleIndex = style };

    private static Stylesheet Styles()
    {
        var fonts = new Fonts(
            new Font(new FontSize { Val = 10 }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 10 }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
            new Font(new Italic(), new FontSize { Val = 9 }, new FontName { Val = "Arial" }));
        var fills = new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
        var borders = new Borders(new Border());
        // Built-in number format 3 is #,##0.
        CellFormat Format(uint font, uint numberFormat = 0, Alignment? alignment = null) => new()
        {
            FontId = font, FillId = 0, BorderId = 0, NumberFormatId = numberFormat, ApplyFont = true,
            ApplyNumberFormat = numberFormat != 0, Alignment = alignment, ApplyAlignment = alignment is not null,
        };
        Alignment Right() => new() { Horizontal = HorizontalAlignmentValues.Right };
        var formats = new CellFormats(
            Format(0),                                              // Plain
            Format(0, 3),                                           // Count
            Format(1),                                              // Bold
            Format(1, 3),                                           // BoldCount
            Format(0, 0, new Alignment { Indent = 1 }),             // Indented
            Format(0, 0, Right()),                                  // Mark
            Format(1, 0, Right()),                                  // BoldMark
            Format(2),                                              // Title
            Format(3, 0, new Alignment { WrapText = false }));      // Note
        return new Stylesheet(fonts, fills, borders, formats);
    }
}
