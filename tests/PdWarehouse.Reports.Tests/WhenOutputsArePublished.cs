using PdWarehouse.Reports.Tables;
using PdWarehouse.Reports.Tests.Fixture;

namespace PdWarehouse.Reports.Tests;

[Collection(RenderedReportsCollection.Name)]
public sealed class WhenOutputsArePublished(RenderedReports reports)
{
    private IEnumerable<(string File, string Text)> Outputs()
    {
        foreach (var output in reports.Both)
        {
            foreach (var csv in output.CsvPaths) yield return (csv, File.ReadAllText(csv));
            yield return (output.HtmlPath, File.ReadAllText(output.HtmlPath));
            yield return (output.WorkbookPath, WhenTablesAreWrittenToExcel.AllText(output.WorkbookPath));
            yield return (output.PdfPath, string.Concat(new PdfText(output.PdfPath).Pages));
        }
    }

    [Fact]
    public void No_person_identifier_appears_in_any_output()
    {
        var forbidden = FixtureWarehouse.AllPersonHashes
            .Concat(["A012345678", "Juan Testperson", "PersonKey", "PersonHash", "PersonId", "SourceRecordId", "NSC0000000001"]).ToList();
        foreach (var (file, text) in Outputs())
            foreach (var f in forbidden)
            {
                Assert.DoesNotContain(f, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(PdfText.Squash(f), text, StringComparison.OrdinalIgnoreCase);
            }
    }

    [Fact]
    public void Csv_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised()
    {
        var table = new ReportTable
        {
            Id = "t", Number = "Table 1", Title = "t", StubHeader = "=Stub", Source = "s",
            Columns = [new("A", "@A")],
        };
        foreach (var label in new[] { "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "Mexico" })
        {
            var row = new TableRow(label, RowKind.Detail, null, 1);
            row.Values[0] = -5;
            table.Rows.Add(row);
        }
        var rows = CsvTable.Parse(TableCsv.Write(table));
        Assert.Equal(["'=Stub", "Group", "Row type", "'@A"], rows[0]);
        Assert.Equal(["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "Mexico"], rows.Skip(1).Select(r => r[0]));
        // Numbers are written by the report itself and stay numbers.
        Assert.All(rows.Skip(1), r => Assert.Equal("-5", r[3]));
    }
}
