using System.Diagnostics;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports;
using PdWarehouse.Reports.Definitions;
using PdWarehouse.Reports.Tables;
using Xunit.Abstractions;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// The disclosure audit over both reports of generated, loaded delivery sets (the Reports tests do the fixture warehouse):
/// every disclosure-controlled table is audited afresh, and no withheld cell can be narrowed, from everything the table
/// prints, to a range spanning less than the minimum cell (docs/reports.md). Sparse, small sets are where suppression
/// is hardest, so the scales are small: the truth set (0.01, two years) and a smaller one generated here.
/// </summary>
[Collection(TruthCollection.Name)]
public sealed class DisclosureAuditTests(TruthFixture f, ITestOutputHelper output)
{
    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(25)]
    public void No_withheld_cell_of_either_report_of_the_truth_set_can_be_narrowed_below_the_minimum_cell(int minimumCell)
    {
        Assert.True(f.Load.ExitCode == 0, f.Load.Err);
        using var db = WarehouseConnection.OpenDuckDb(f.Database);
        Assert.True(AuditBothReports(db, minimumCell) > 0, "nothing withheld: the audit checked nothing");
    }

    /// <summary>
    /// Without --min-cell each table is held to its kind's threshold (3 for enforcement events, 10 for decisions about
    /// persons): the audit's guarantee holds at each, and the enforcement tables publish counts the persons rule would withhold.
    /// </summary>
    [Fact]
    public void Without_a_minimum_cell_each_table_is_protected_at_its_kinds_threshold()
    {
        Assert.True(f.Load.ExitCode == 0, f.Load.Err);
        using var db = WarehouseConnection.OpenDuckDb(f.Database);
        Assert.True(AuditBothReports(db, null) > 0, "nothing withheld: the audit checked nothing");
        var yearbook = ReportGenerator.BuildDocument(db, ReportKind.Yearbook, new ReportOptions(2014, "unused"));
        var events = yearbook.Tables.Where(t => Kind(t) == DisclosureKind.EnforcementEvents).ToList();
        Assert.Contains(events, t => t.Rows.Any(r => r.Values.Where((v, c) => !r.Withheld[c] && v is >= 3 and < 10).Any()));
    }

    private static DisclosureKind Kind(ReportTable table) => ReportDefinitions.Default.Tables[table.Id].Disclosure;

    [Fact]
    public void No_withheld_cell_of_either_report_of_a_smaller_set_can_be_narrowed_below_the_minimum_cell()
    {
        var root = Directory.CreateTempSubdirectory("pdw-audit-").FullName;
        try
        {
            var env = new Dictionary<string, string?> { ["PDW_PSEUDONYM_KEY"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray()) };
            var deliveries = Path.Combine(root, "deliveries");
            var database = Path.Combine(root, "pdw.duckdb");
            foreach (var step in new[]
            {
                Cli.Pdw(env, "generate", "--fiscal-years", "2014", "--scale", "0.002", "--seed", "11", "--dirty-rate", "0", "--out", deliveries),
                Cli.Pdw(env, "warehouse", "init", "--db", database),
                Cli.Pdw(env, "load", deliveries, "--db", database),
            })
                Assert.True(step.ExitCode == 0, step.Err);
            using var db = WarehouseConnection.OpenDuckDb(database);
            Assert.True(AuditBothReports(db, 10) > 0, "nothing withheld: the audit checked nothing");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Audits every disclosure-controlled table of both reports; returns how many cells were withheld.</summary>
    private int AuditBothReports(WarehouseConnection db, int? minimumCell)
    {
        var withheld = 0;
        foreach (var kind in new[] { ReportKind.Yearbook, ReportKind.Annual })
        {
            var document = ReportGenerator.BuildDocument(db, kind, new ReportOptions(2014, "unused", minimumCell));
            foreach (var table in document.Tables.Where(t => t.DisclosureControlled))
            {
                var required = minimumCell ?? DisclosurePolicy.MinimumCell(Kind(table));
                var clock = Stopwatch.StartNew();
                var ranges = new DisclosureAudit(table).AllRanges();
                clock.Stop();
                foreach (var (cell, range) in ranges)
                    Assert.True(range.Spans(required), $"{kind} {table.Id} at minimum cell {required}: {table.Rows[cell.Row].Label} / {table.Columns[cell.Column].Header} (value {table.Value(cell)}) can be narrowed to {range}");
                // The report counts what this audit finds.
                Assert.NotNull(table.Audit);
                Assert.Equal(ranges.Count, table.Audit.Withheld);
                Assert.Equal(required, table.Audit.RequiredWidth);
                output.WriteLine($"{kind} {table.Id}: {table.Rows.Count * table.Columns.Count} cells, {ranges.Count} withheld ({table.Audit.AddedByAudit} by the audit); suppression with audit {table.Audit.Elapsed.TotalMilliseconds:0.0} ms, audit alone {clock.Elapsed.TotalMilliseconds:0.0} ms");
                withheld += ranges.Count;
            }
        }
        return withheld;
    }
}
