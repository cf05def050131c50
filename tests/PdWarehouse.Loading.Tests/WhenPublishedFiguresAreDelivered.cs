using PdWarehouse.Etl.Loading;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// The published-series feed (docs/feeds.md): figures OIS published, one a table, fiscal year and measure, loaded like
/// every feed. `warehouse init` ships the 2014 edition's Tables 33, 35 and 39 for FY2004-FY2014 (DESIGN.md section 9); a
/// delivery adds years or corrects a figure by its business key, with lineage, and a bad row is rejected on its own.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenPublishedFiguresAreDelivered(LoadingFixture fixture)
{
    private string Deliveries => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    private const string Publisher = "DHS Office of Immigration Statistics";
    private const string Yearbook = "Yearbook of Immigration Statistics";

    private static string[] Figure(string table, string year, string measure, string value, string edition = "2014", string sourceTable = "Table 39", string note = "") =>
        [table, year, measure, value, Publisher, Yearbook, edition, sourceTable, note];

    private static long Figure(string db, string table, int year, string measure) => WarehouseSnapshot.Count(db,
        $"SELECT CAST(Value AS BIGINT) FROM rpt.PublishedFigure WHERE TableNumber = '{table}' AND FiscalYear = {year} AND Measure = '{measure}'");

    [Fact]
    public void Init_ships_the_2014_yearbook_figures_with_their_citation()
    {
        var db = fixture.NewWarehouse();
        // DESIGN.md section 9, as the 2014 edition prints them.
        Assert.Equal(240_665, Figure(db, "39", 2004, "REMOVAL"));
        Assert.Equal(1_166_576, Figure(db, "39", 2004, "RETURN"));
        Assert.Equal(438_421, Figure(db, "39", 2013, "REMOVAL"));
        Assert.Equal(662_483, Figure(db, "33", 2013, "APPREHENSION"));
        Assert.Equal(486_651, Figure(db, "35", 2014, "CBP-USBP"));
        Assert.Equal(42, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM rpt.PublishedFigure WHERE LineageKey = 0"));
        // Table 33's FY2014 is the sum of Table 35's programs, as section 9 derives it.
        Assert.Equal(Figure(db, "33", 2014, "APPREHENSION"), WarehouseSnapshot.Count(db,
            "SELECT CAST(SUM(Value) AS BIGINT) FROM rpt.PublishedFigure WHERE TableNumber = '35' AND FiscalYear = 2014"));
        Assert.Equal("DHS Office of Immigration Statistics, 2014 Yearbook of Immigration Statistics, Table 39 (DHS year-end release)",
            WarehouseSnapshot.Text(db, "SELECT Citation FROM rpt.PublishedFigure WHERE TableNumber = '39' AND FiscalYear = 2014 AND Measure = 'REMOVAL'"));
    }

    [Fact]
    public void A_corrected_figure_replaces_the_old_one_by_table_year_and_measure_and_a_resent_delivery_changes_nothing()
    {
        var db = fixture.NewWarehouse();
        var corrected = Write(Deliveries, "published-series",
        [
            Figure("39", "2004", "REMOVAL", "240666", edition: "2015"),   // a correction of a shipped figure
            Figure("39", "2003", "REMOVAL", "211098", edition: "2015"),   // a year the warehouse did not have
            Figure("39", "2004", "RETURN", "1166576"),                      // re-sent as shipped: left alone
        ], controlTotals: [new("records in period", 3)]);
        var first = fixture.Load(db, corrected);
        Assert.Equal("SUCCEEDED", first.Status);
        Assert.Equal((1L, 1L), (first.RowsInserted, first.RowsUpdated));
        Assert.Equal(240_666, Figure(db, "39", 2004, "REMOVAL"));
        Assert.Equal("2015", WarehouseSnapshot.Text(db, "SELECT Edition FROM dw.PublishedFigure WHERE TableNumber = '39' AND FiscalYear = 2004 AND Measure = 'REMOVAL'"));
        Assert.Equal(211_098, Figure(db, "39", 2003, "REMOVAL"));
        // Lineage: each row names the batch that last set it; the figure re-sent unchanged keeps the deployment's.
        Assert.Equal(first.LineageKey, WarehouseSnapshot.Count(db, "SELECT LineageKey FROM dw.PublishedFigure WHERE TableNumber = '39' AND FiscalYear = 2004 AND Measure = 'REMOVAL'"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT LineageKey FROM dw.PublishedFigure WHERE TableNumber = '39' AND FiscalYear = 2004 AND Measure = 'RETURN'"));
        Assert.Equal("published-series", WarehouseSnapshot.Text(db, $"SELECT FeedName FROM etl.Lineage WHERE LineageKey = {first.LineageKey}"));

        var before = WarehouseSnapshot.Take(db, t => t == "dw.PublishedFigure");
        Assert.Equal("SKIPPED", fixture.Load(db, corrected).Status);
        var forced = fixture.Load(db, corrected, new LoadOptions { Force = true });
        Assert.Equal((0L, 0L), (forced.RowsInserted, forced.RowsUpdated));
        WarehouseSnapshot.AssertEqual(before, WarehouseSnapshot.Take(db, t => t == "dw.PublishedFigure"));
    }

    [Fact]
    public void A_bad_row_is_rejected_with_its_line_field_and_reason_and_the_rest_load()
    {
        var db = fixture.NewWarehouse();
        var rows = Enumerable.Range(1960, 30).Select(y => Figure("33", y.ToString(System.Globalization.CultureInfo.InvariantCulture), "APPREHENSION", "1000", sourceTable: "Table 33")).ToList();
        rows[5] = Figure("33", "1965", "APPREHENSION", "1,000", sourceTable: "Table 33");     // line 7: not plain digits
        rows[6] = Figure("33", "1880", "APPREHENSION", "1000", sourceTable: "Table 33");      // line 8: before the Yearbook's series
        rows[7] = Figure("33", "1960", "APPREHENSION", "2000", sourceTable: "Table 33");      // line 9: 1960 again, another value
        rows[8] = Figure("33", "1968", "APPREHENSION", "1000", edition: "", sourceTable: "Table 33"); // line 10: no edition
        var result = fixture.Load(db, Write(Deliveries, "published-series", rows), new LoadOptions { RejectThreshold = 0.5 });
        Assert.Equal("SUCCEEDED", result.Status);
        var rejects = WarehouseSnapshot.Text(db, """
            SELECT STRING_AGG(CONCAT(CAST(LineNumber AS VARCHAR), ' ', COALESCE(FieldName, '-'), ' ', ReasonCode, ' ', COALESCE(SourceRecordId, '-')), '; ' ORDER BY LineNumber)
            FROM etl.Reject
            """);
        Assert.Equal("7 Value INVALID-NUMBER 33/1965/APPREHENSION; 8 FiscalYear OUT-OF-RANGE 33/1880/APPREHENSION; "
            + "9 - DUPLICATE-RECORD-ID 33/1960/APPREHENSION; 10 Edition MISSING-REQUIRED 33/1968/APPREHENSION", rejects);
        Assert.Equal((26L, 0L), (result.RowsInserted, result.RowsUpdated));
        Assert.Equal(1000, Figure(db, "33", 1960, "APPREHENSION"));   // the first of the two wins
    }
}
