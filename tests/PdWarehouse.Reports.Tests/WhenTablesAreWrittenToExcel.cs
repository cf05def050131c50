using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PdWarehouse.Reports.Tables;
using PdWarehouse.Reports.Tests.Fixture;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// Each report's workbook (one sheet a table), read back with the Open XML SDK as Excel would, against the hand-computed
/// tables of the fixture (the same ground truth the CSVs are held to): counts as numbers, "D" and "-" as text, the title
/// above, the key, notes and source below.
/// </summary>
[Collection(RenderedReportsCollection.Name)]
public sealed class WhenTablesAreWrittenToExcel(RenderedReports reports)
{
    /// <summary>A cell as a reader sees it: its text, and whether Excel holds it as a number.</summary>
    private sealed record XlsxCell(string Text, bool IsNumber);

    private static List<(string Name, List<List<XlsxCell>> Rows)> Read(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheets = new List<(string, List<List<XlsxCell>>)>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            Assert.Empty(part.Worksheet.Descendants<CellFormula>());
            var rows = new List<List<XlsxCell>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                while (rows.Count < row.RowIndex! - 1) rows.Add([]);
                rows.Add(row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString
                    ? new XlsxCell(c.InlineString!.InnerText, false)
                    : new XlsxCell(c.CellValue?.Text ?? "", c.CellValue is not null)).ToList());
            }
            sheets.Add((sheet.Name!.Value!, rows));
        }
        return sheets;
    }

    /// <summary>Every cell's text in a workbook, for scans of what a report publishes.</summary>
    internal static string AllText(string path) =>
        string.Join("\n", Read(path).SelectMany(s => s.Rows.Prepend([new XlsxCell(s.Name, false)])).Select(r => string.Join("\t", r.Select(c => c.Text))));

    [Theory]
    [InlineData(ReportKind.Yearbook)]
    [InlineData(ReportKind.Annual)]
    public void Each_table_is_a_sheet_that_equals_the_hand_computed_table(ReportKind kind)
    {
        var output = reports.Of(kind);
        Assert.Equal(Path.ChangeExtension(output.PdfPath, ".xlsx"), output.WorkbookPath);
        var sheets = Read(output.WorkbookPath);
        Assert.Equal(output.Document.Tables.Select(t => t.Number), sheets.Select(s => s.Name));

        foreach (var (table, (_, rows)) in output.Document.Tables.Zip(sheets))
        {
            Assert.Equal($"{table.Number}. {table.Title}", rows[0].Single().Text);
            // Expected: the fixture's hand-computed CSV (stub, group, row type, then the counts).
            var expected = CsvTable.Parse(CsvTable.Lines(ExpectedTables.Csv[table.Id]));
            Assert.Equal([expected[0][0], .. expected[0].Skip(3)], rows[2].Select(c => c.Text));
            var body = rows.Skip(3).Take(expected.Count - 1).ToList();
            for (var r = 1; r < expected.Count; r++)
            {
                var want = expected[r];
                var got = body[r - 1];
                Assert.Equal(want[0], got[0].Text);
                for (var c = 3; c < want.Count; c++)
                {
                    var cell = got[c - 2];
                    var where = $"{table.Id} row '{want[0]}' column {c - 2}";
                    switch (want[c])
                    {
                        case "D": Assert.True(cell is { Text: "D", IsNumber: false }, where); break;
                        case "NA": Assert.True(cell is { Text: "NA", IsNumber: false }, where); break;
                        case "0": Assert.True(cell is { Text: "-", IsNumber: false }, where); break;
                        case "": Assert.True(cell is { Text: "", IsNumber: false }, where); break;
                        default:
                            Assert.True(cell.IsNumber, where + " is not a number");
                            Assert.Equal(long.Parse(want[c], CultureInfo.InvariantCulture), long.Parse(cell.Text, CultureInfo.InvariantCulture));
                            break;
                    }
                }
            }
            // Below the table, after a blank row: the key to the marks, every note, and the source.
            var below = rows.Skip(3 + expected.Count).Select(r => r.SingleOrDefault()?.Text).Where(t => t is not null).ToList();
            Assert.StartsWith(table.DisclosureControlled ? "D Data withheld to limit disclosure." : "- Represents zero.", below[0]);
            Assert.Equal([.. table.Notes, "Source: " + table.Source], below.Skip(1));
        }
    }

    [Fact]
    public void Sheet_names_are_valid_and_unique_whatever_a_table_is_numbered()
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        ReportTable Numbered(string number) => new()
        { Id = "t", Number = number, Title = "T", StubHeader = "S", Columns = [], Source = "S" };
        var names = new[] { "Table 1", "Table 1", "Table A-1/B:[x]*?\\", "Table " + new string('9', 40) }.Select(n => ReportWorkbook.SheetName(Numbered(n), taken)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.True(n.Length <= 31 && n.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0, n));
        Assert.Equal(["Table 1", "Table 1 (2)"], names.Take(2));
    }
}
