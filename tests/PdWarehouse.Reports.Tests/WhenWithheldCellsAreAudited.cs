using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Tables;
using PdWarehouse.Reports.Tests.Fixture;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// Withheld cells are protected jointly, not line by line: from everything a table prints (its totals, its published
/// cells, zeros printed "-" so that every D is at least 1), no withheld cell can be narrowed to a range spanning less than
/// the minimum cell (docs/reports.md, Disclosure control).
/// </summary>
public sealed class WhenWithheldCellsAreAudited
{
    private const int MinimumCell = 10;

    /// <summary>
    /// The case of issue 24, by region and country as in the Yearbook's PD-decisions table: Ghana's 16 decisions are 14
    /// printed plus two D cells, and a D is at least 1, so both are 1. Every line holds two withheld cells or none,
    /// which is all line-by-line suppression asked.
    /// </summary>
    private static ReportTable IssueTable()
    {
        var table = new ReportTable
        {
            Id = "pd-decisions-by-region-and-country", Number = "Table 14", Title = "t", StubHeader = "Region and country", Source = "s", TotalColumn = 0,
            Columns = [new("Total", "Total", SumsAcross: false), new("ICE", "ICE"), new("CBP", "CBP"), new("USCIS", "USCIS")],
        };
        void Row(string label, RowKind kind, string? group, long ice, long cbp, long uscis)
        {
            var row = new TableRow(label, kind, group, 4);
            (row.Values[0], row.Values[1], row.Values[2], row.Values[3]) = (ice + cbp + uscis, ice, cbp, uscis);
            table.Rows.Add(row);
        }
        Row("Total", RowKind.Total, null, 23, 56, 24);
        Row("Africa", RowKind.Subtotal, "Africa", 5, 56, 19);
        Row("Ghana", RowKind.Detail, "Africa", 1, 14, 1);
        Row("Kenya", RowKind.Detail, "Africa", 0, 18, 14);
        Row("Nigeria", RowKind.Detail, "Africa", 4, 24, 4);
        Row("Europe", RowKind.Subtotal, "Europe", 18, 0, 5);
        Row("Spain", RowKind.Detail, "Europe", 18, 0, 5);
        return table;
    }

    /// <summary>What line-by-line suppression (before the audit) withheld in <see cref="IssueTable"/>: the ICE and USCIS columns of every row but the total.</summary>
    private static readonly (int Row, int Column)[] LineByLine = [(1, 1), (1, 3), (2, 1), (2, 3), (4, 1), (4, 3), (5, 1), (5, 3), (6, 1), (6, 3)];

    [Fact]
    public void Line_by_line_suppression_of_the_issue_s_table_lets_a_reader_recover_cells_exactly()
    {
        var table = IssueTable();
        foreach (var (r, c) in LineByLine) table.Rows[r].Withheld[c] = true;
        var ranges = FeasibleRangesByEnumeration.Of(table, cap: 110);
        // Ghana's ICE and USCIS cells: 16 − 14 = 2 shared by two cells of at least 1.
        Assert.Equal((1L, 1L), ranges[new CellRef(2, 1)]);
        Assert.Equal((1L, 1L), ranges[new CellRef(2, 3)]);
        // The audit's programs find what enumeration finds, narrow ranges included.
        AssertSameRanges(ranges, new DisclosureAudit(table).AllRanges(), cap: 110);
    }

    [Fact]
    public void After_disclosure_control_no_withheld_cell_of_the_issue_s_table_can_be_narrowed_below_the_minimum_cell()
    {
        var table = IssueTable();
        Disclosure.Apply(table, MinimumCell);
        var ranges = FeasibleRangesByEnumeration.Of(table, cap: 110);
        Assert.NotEmpty(ranges);
        foreach (var (cell, (low, high)) in ranges)
            Assert.True(high - low >= MinimumCell, $"{table.Rows[cell.Row].Label} / {table.Columns[cell.Column].Header} (value {table.Value(cell)}) can be narrowed to {low} to {high}");
        // Line-by-line suppression's cells stay withheld: the audit only adds.
        Assert.All(LineByLine, x => Assert.True(table.Rows[x.Row].Withheld[x.Column]));
        // The grand total is never needed here: complements are found among the details first.
        Assert.False(table.Rows[0].Withheld[0]);
        // What the report publishes is what enumeration finds.
        Assert.NotNull(table.Audit);
        Assert.Equal(ranges.Count, table.Audit.Withheld);
        Assert.Equal(ranges.Count - LineByLine.Length, table.Audit.AddedByAudit);
        Assert.Contains("no withheld cell can be narrowed to a range spanning less than 10", table.Audit.Statement, StringComparison.Ordinal);
        // The audit's own programs, cell by cell, agree with enumeration.
        AssertSameRanges(ranges, new DisclosureAudit(table).AllRanges(), cap: 110);
    }

    private static void AssertSameRanges(Dictionary<CellRef, (long Low, long High)> enumerated, IReadOnlyDictionary<CellRef, FeasibleRange> audited, long cap)
    {
        Assert.Equal(enumerated.Keys.OrderBy(c => c.Row).ThenBy(c => c.Column), audited.Keys.OrderBy(c => c.Row).ThenBy(c => c.Column));
        foreach (var (cell, (low, high)) in enumerated)
        {
            Assert.Equal(low, audited[cell].Low);
            // Enumeration stops at the cap: a cell that reaches it has no upper bound below the cap.
            if (high < cap) Assert.Equal(high, audited[cell].High);
            else Assert.True(audited[cell].High is null or >= 110, $"{cell}: audit {audited[cell]}, enumeration reached the cap");
        }
    }

    [Fact]
    public void A_table_whose_totals_do_not_add_up_is_refused_by_name()
    {
        var table = IssueTable();
        table.Rows[3].Values[2] = 19; // Kenya's CBP no longer adds up to Kenya's total.
        var ex = Assert.Throws<DisclosureControlException>(() => Disclosure.Apply(table, MinimumCell));
        Assert.Contains("pd-decisions-by-region-and-country", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 'Africa', column 'CBP' is 56 but its parts add up to 57", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FixtureWarehouse.MinimumCell)]
    [InlineData(MinimumCell)]
    public void Every_withheld_cell_of_both_fixture_reports_spans_the_protection_interval(int minimumCell)
    {
        var directory = Directory.CreateTempSubdirectory("pdw-audit-tests-").FullName;
        try
        {
            using var db = WarehouseConnection.OpenDuckDb(FixtureWarehouse.Create(directory));
            var withheld = AuditBothReports(db, FixtureWarehouse.FiscalYear, minimumCell);
            Assert.True(withheld > 0, $"nothing withheld at --min-cell {minimumCell}: the audit checked nothing");
            // Same input, same suppression.
            Assert.Equal(Pattern(db, FixtureWarehouse.FiscalYear, minimumCell), Pattern(db, FixtureWarehouse.FiscalYear, minimumCell));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Builds both reports' tables and audits every disclosure-controlled one afresh (not trusting the audit the report
    /// published, which must agree): every withheld cell's range spans at least the minimum cell. Returns how many cells
    /// were withheld.
    /// </summary>
    public static int AuditBothReports(WarehouseConnection db, int fiscalYear, int minimumCell)
    {
        var withheld = 0;
        foreach (var kind in new[] { ReportKind.Yearbook, ReportKind.Annual })
        {
            var document = ReportGenerator.BuildDocument(db, kind, new ReportOptions(fiscalYear, "unused", minimumCell));
            foreach (var table in document.Tables.Where(t => t.DisclosureControlled))
            {
                var ranges = new DisclosureAudit(table).AllRanges();
                foreach (var (cell, range) in ranges)
                    Assert.True(range.Spans(minimumCell), $"{kind} {table.Id}: {table.Rows[cell.Row].Label} / {table.Columns[cell.Column].Header} can be narrowed to {range}");
                Assert.NotNull(table.Audit);
                Assert.Equal(ranges.Count, table.Audit.Withheld);
                withheld += ranges.Count;
            }
        }
        return withheld;
    }

    private static string Pattern(WarehouseConnection db, int fiscalYear, int minimumCell) => string.Join("\n",
        new[] { ReportKind.Yearbook, ReportKind.Annual }.SelectMany(kind => ReportGenerator.BuildDocument(db, kind, new ReportOptions(fiscalYear, "unused", minimumCell)).Tables)
            .Select(t => t.Id + ":" + string.Concat(t.Rows.SelectMany(r => r.Withheld.Select(w => w ? 'D' : '.')))));

    /// <summary>
    /// Without --min-cell each table is held to the threshold of what it counts (docs/reports.md): enforcement events
    /// 3, OIS's published rule, so the fixture's counts of 3 to 9 by country are printed; decisions about persons 10; data
    /// quality not at all. Every withheld cell keeps a range at least its table's threshold wide.
    /// </summary>
    [Fact]
    public void Without_a_minimum_cell_each_table_kind_has_its_own_threshold_and_the_guarantee_holds_for_each()
    {
        var directory = Directory.CreateTempSubdirectory("pdw-audit-tests-").FullName;
        try
        {
            AtEachKindsThreshold(WarehouseConnection.OpenDuckDb(FixtureWarehouse.Create(directory)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void AtEachKindsThreshold(WarehouseConnection connection)
    {
        using var db = connection;
        var definitions = PdWarehouse.Reports.Definitions.ReportDefinitions.Default;
        var tables = new[] { ReportKind.Yearbook, ReportKind.Annual }
            .SelectMany(kind => ReportGenerator.BuildDocument(db, kind, new ReportOptions(FixtureWarehouse.FiscalYear, "unused")).Tables).ToList();
        var publishedSmallEvents = 0;
        foreach (var table in tables)
        {
            var kind = definitions.Tables[table.Id].Disclosure;
            var threshold = PdWarehouse.Reports.Definitions.DisclosurePolicy.MinimumCell(kind);
            Assert.Equal(kind != PdWarehouse.Reports.Definitions.DisclosureKind.DataQuality, table.DisclosureControlled);
            foreach (var row in table.Rows)
                for (var c = 0; c < row.Values.Length; c++)
                {
                    Assert.False(!row.Withheld[c] && row.Values[c] is > 0 && row.Values[c] < threshold, $"{table.Id}: {row.Label} / {table.Columns[c].Header} = {row.Values[c]} published below {threshold}");
                    if (kind == PdWarehouse.Reports.Definitions.DisclosureKind.EnforcementEvents && !row.Withheld[c] && row.Values[c] is >= 3 and < 10) publishedSmallEvents++;
                }
            if (!table.DisclosureControlled || table.Audit is not { Withheld: > 0 }) continue;
            Assert.Equal(threshold, table.Audit.RequiredWidth);
            Assert.All(new DisclosureAudit(table).AllRanges(), x => Assert.True(x.Value.Spans(threshold), $"{table.Id}: a withheld cell narrowed to {x.Value}"));
        }
        Assert.True(publishedSmallEvents > 0, "no enforcement count from 3 to 9 was published: the events threshold is not 3");
        Assert.Contains(tables, t => definitions.Tables[t.Id].Disclosure == PdWarehouse.Reports.Definitions.DisclosureKind.DecisionsAboutPersons && t.Audit is { Withheld: > 0 });
    }
}
