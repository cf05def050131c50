using PdWarehouse.Reports.Charts;
using PdWarehouse.Reports.Tables;

namespace PdWarehouse.Reports.Tests;

public sealed class WhenChartsAreDrawn
{
    private static ReportTable OfficeTable(params (string Label, long Apprehensions, long Decisions, bool Withheld)[] offices)
    {
        var table = new ReportTable
        {
            Id = "office", Number = "Table 1", Title = "t", StubHeader = "Office", Source = "s",
            Columns = [new("Apprehensions", "Apprehensions"), new("Decisions", "PD decisions")],
        };
        foreach (var o in offices)
        {
            var row = new TableRow(o.Label, RowKind.Detail, "Border Patrol sector", 2);
            (row.Values[0], row.Values[1], row.Withheld[1]) = (o.Apprehensions, o.Decisions, o.Withheld);
            table.Rows.Add(row);
        }
        return table;
    }

    [Fact]
    public void An_office_name_containing_script_cannot_inject_markup_through_the_svg()
    {
        var chart = ChartFactory.ShareByOffice("Figure 1", OfficeTable(("<script>alert(1)</script> Sector", 100, 10, false)), 2014);
        Assert.StartsWith("<svg", chart.Svg.Value.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", chart.Svg.Value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_withheld_cell_is_never_drawn()
    {
        // Same apprehensions, so the bars would differ only by the decisions; the withheld office must be absent.
        var chart = ChartFactory.ShareByOffice("Figure 1", OfficeTable(("Published Sector", 100, 10, false), ("Withheld Sector", 100, 7, true)), 2014);
        Assert.Contains("Published", chart.Svg.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Withheld", chart.Svg.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_inside_each_chart_are_scoped_to_it()
    {
        var a = ChartFactory.ShareByOffice("Figure 1", OfficeTable(("A Sector", 100, 10, false)), 2014);
        var ids = System.Text.RegularExpressions.Regex.Matches(a.Svg.Value, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.All(ids, id => Assert.StartsWith(a.Id + "-", id, StringComparison.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // Every reference points at an id the chart defines: a clip path that points nowhere would clip nothing.
        var references = System.Text.RegularExpressions.Regex.Matches(a.Svg.Value, "url\\(#([^)]+)\\)|href=\"#([^\"]+)\"")
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, ids));
    }

    [Fact]
    public void The_same_chart_drawn_twice_is_the_same_svg()
    {
        // Skia numbers clip paths with a counter that runs on through the process; the published HTML must not depend on it.
        var first = ChartFactory.ShareByOffice("Figure 1", OfficeTable(("A Sector", 100, 10, false)), 2014);
        var second = ChartFactory.ShareByOffice("Figure 1", OfficeTable(("A Sector", 100, 10, false)), 2014);
        Assert.Equal(first.Svg.Value, second.Svg.Value);
    }
}
