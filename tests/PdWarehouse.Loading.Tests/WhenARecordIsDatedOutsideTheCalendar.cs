using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// The deployed calendar runs FY2004–FY2030. A record dated outside it used to be loaded with the Unknown date and drop
/// out of every table (issue 23); now the load adds the fiscal years it needs, and a date outside FY1901–FY2099 is
/// rejected with its reason. Figures are written out by hand: FY1998 has 365 days, 1997-10-01 to 1998-09-30.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenARecordIsDatedOutsideTheCalendar(LoadingFixture fixture)
{
    private string Deliveries => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public void A_removal_of_fiscal_year_1998_is_loaded_with_its_date_and_the_whole_year_joins_the_calendar()
    {
        var db = fixture.NewWarehouse();
        var before = WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimDate");
        var result = fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "1998-03-15", aNumber: "A1"), Removal("R2", "1997-10-01", aNumber: "A2"), Removal("R3", "1998-09-30", "VR", aNumber: "A3")],
            fiscalYear: "1998"));

        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal(3, result.RowsInserted);
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE EventDateKey = 0"));
        Assert.Equal(19980315, WarehouseSnapshot.Count(db, "SELECT EventDateKey FROM dw.FactEnforcementAction WHERE SourceRecordId = 'R1'"));
        Assert.Equal(before + 365, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimDate"));
        Assert.Equal(365, WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM dw.DimDate WHERE FiscalYear = 1998 AND LineageKey = {result.LineageKey}"));
        Assert.Equal(19971001, WarehouseSnapshot.Count(db, "SELECT MIN(DateKey) FROM dw.DimDate WHERE FiscalYear = 1998"));
        Assert.Equal(19980930, WarehouseSnapshot.Count(db, "SELECT MAX(DateKey) FROM dw.DimDate WHERE FiscalYear = 1998"));
        // 1998-03-15 was a Sunday: ISO day 7, a weekend, in the second fiscal quarter and sixth fiscal month.
        Assert.Equal("Sunday|7|true|2|6|FY1998|March", WarehouseSnapshot.Text(db,
            "SELECT CONCAT(DayName, '|', DayOfWeek, '|', CAST(IsWeekend AS VARCHAR), '|', FiscalQuarter, '|', FiscalMonth, '|', FiscalYearLabel, '|', MonthName) FROM dw.DimDate WHERE DateKey = 19980315"));
        // The removals by fiscal year count them in FY1998.
        Assert.Equal(2, WarehouseSnapshot.Count(db, "SELECT CAST(SUM(Actions) AS BIGINT) FROM rpt.EnforcementActionCount WHERE FiscalYear = 1998 AND ActionCategory = 'REMOVAL'"));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT CAST(SUM(Actions) AS BIGINT) FROM rpt.EnforcementActionCount WHERE FiscalYear = 1998 AND ActionCategory = 'RETURN'"));
    }

    [Fact]
    public void A_second_delivery_of_the_same_year_adds_no_day_and_a_rerun_changes_nothing()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R1", "1998-03-15", aNumber: "A1")], fiscalYear: "1998"));
        var days = WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimDate");
        var second = fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R9", "1998-04-01", aNumber: "A9")], fiscalYear: "1998"));
        Assert.Equal("SUCCEEDED", second.Status);
        Assert.Equal(days, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimDate"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM dw.DimDate WHERE LineageKey = {second.LineageKey}"));
    }

    [Theory]
    [InlineData("1900-09-30", "1901")]
    [InlineData("1850-06-01", "1850")]
    [InlineData("2099-10-01", "2100")]
    public void A_date_outside_the_widest_calendar_is_rejected_with_that_reason_never_loaded_as_unknown(string date, string fiscalYear)
    {
        var db = fixture.NewWarehouse();
        var result = fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", date, aNumber: "A1"), .. Enumerable.Range(2, 40).Select(i => Removal($"R{i}", "2014-01-05", aNumber: $"A{i}"))]));
        // The manifest's period is FY2014, so the date is out of period too; the calendar is the first reason given.
        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal(1, WarehouseSnapshot.Count(db,
            $"SELECT COUNT(*) FROM etl.Reject WHERE LineageKey = {result.LineageKey} AND FieldName = 'DepartureDate' AND ReasonCode = 'OUT-OF-RANGE' AND Message LIKE '%outside the warehouse calendar 1900-10-01..2099-09-30%'"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE EventDateKey = 0 OR SourceRecordId = 'R1'"));
        Assert.Equal(40, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM dw.DimDate WHERE FiscalYear = {fiscalYear}"));
    }
}
