using PdWarehouse.Reports.Tables;
using PdWarehouse.Reports.Tests.Fixture;

namespace PdWarehouse.Reports.Tests;

[Collection(RenderedReportsCollection.Name)]
public sealed class WhenCellsAreWithheld(RenderedReports reports)
{
    /// <summary>
    /// Checks every row and every column of every table from the table's shape alone (not from the
    /// suppression code's own relations): where cells add up to a published total, a withheld cell
    /// must never be the only unknown, or it could be recovered by subtraction.
    /// </summary>
    [Fact]
    public void No_withheld_cell_can_be_derived_from_published_totals()
    {
        var checkedLines = 0;
        foreach (var table in reports.Both.SelectMany(o => o.Document.Tables).Where(t => t.DisclosureControlled))
        {
            foreach (var (total, parts, what) in PrintedLines.Of(table))
            {
                var unknown = parts.Append(total).Count(c => table.IsWithheld(c));
                Assert.True(unknown != 1, $"{table.Id}: {what} has exactly one withheld cell");
                checkedLines++;
            }
            // No published cell below the threshold other than zero.
            foreach (var row in table.Rows)
                for (var c = 0; c < row.Values.Length; c++)
                    Assert.False(!row.Withheld[c] && row.Values[c] is > 0 and < FixtureWarehouse.MinimumCell, $"{table.Id}: {row.Label} column {c} published below the threshold");
        }
        Assert.True(checkedLines > 100, $"only {checkedLines} lines checked");
    }

    /// <summary>
    /// Each report prints its audit (the annual report in its data-quality appendix, the Yearbook in its notes): a
    /// sentence per table with withheld cells, naming the protection interval, in the HTML and in the PDF, about the same
    /// suppressed tables the CSVs carry.
    /// </summary>
    [Fact]
    public void Each_report_prints_the_audit_of_every_table_with_withheld_cells()
    {
        foreach (var output in reports.Both)
        {
            var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(output.HtmlPath));
            var pdf = string.Concat(new PdfText(output.PdfPath).Pages);
            var audited = output.Document.Tables.Where(t => t.DisclosureControlled && t.Rows.Any(r => r.Withheld.Any(w => w))).ToList();
            Assert.NotEmpty(audited);
            foreach (var table in audited)
            {
                Assert.NotNull(table.Audit);
                // The audit counts the cells the CSV shows as D.
                var csvWithheld = CsvTable.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(output.PdfPath)!, table.Id + ".csv"))).Skip(1).Sum(r => r.Skip(3).Count(c => c == "D"));
                Assert.Equal(csvWithheld, table.Audit.Withheld);
                var statement = table.Audit.Statement;
                Assert.Contains($"no withheld cell can be narrowed to a range spanning less than {FixtureWarehouse.MinimumCell}", statement, StringComparison.Ordinal);
                Assert.Contains(statement, html, StringComparison.Ordinal);
                Assert.Contains(PdfText.Squash(statement), pdf, StringComparison.Ordinal);
            }
        }
        var appendix = reports.Annual.Document.Sections.Single(s => s.Id == "data-quality");
        Assert.Contains(appendix.Blocks, b => b.Paragraphs?.Any(p => p.StartsWith("Disclosure audit:", StringComparison.Ordinal)) == true);
    }

    [Fact]
    public void A_lone_small_cell_takes_the_smallest_other_cell_of_its_row_and_column_with_it()
    {
        var table = new ReportTable
        {
            Id = "t", Number = "Table 1", Title = "t", StubHeader = "Row", Source = "s", TotalColumn = 0,
            Columns = [new("Total", "Total", SumsAcross: false), new("A", "A"), new("B", "B")],
        };
        void Row(string label, RowKind kind, long a, long b)
        {
            var row = new TableRow(label, kind, null, 3);
            (row.Values[0], row.Values[1], row.Values[2]) = (a + b, a, b);
            table.Rows.Add(row);
        }
        Row("Total", RowKind.Total, 60, 41);
        Row("x", RowKind.Detail, 2, 20);
        Row("y", RowKind.Detail, 40, 11);
        Row("z", RowKind.Detail, 18, 10);
        Disclosure.Apply(table, 3);
        // x/A = 2 is withheld; column A takes z/A = 18 (smaller than 40); row x takes x/B = 20;
        // column B then takes z/B = 10 (smaller than 11); row z has two withheld cells and keeps its total.
        var withheld = table.Rows.SelectMany((r, i) => r.Withheld.Select((w, c) => (w, i, c))).Where(x => x.w).Select(x => (x.i, x.c)).ToList();
        Assert.Equal([(1, 1), (1, 2), (3, 1), (3, 2)], withheld);
    }

    [Fact]
    public void Zeros_are_never_withheld_and_print_as_a_dash()
    {
        Assert.Equal("-", YearbookFormat.Count(0, false));
        Assert.Equal("D", YearbookFormat.Count(7, true));
        Assert.Equal("1,234,567", YearbookFormat.Count(1_234_567, false));
        foreach (var table in reports.Both.SelectMany(o => o.Document.Tables))
            Assert.DoesNotContain(table.Rows, r => r.Values.Where((v, c) => r.Withheld[c] && v == 0).Any());
    }
}
