using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Loading;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

[Collection(LoadingCollection.Name)]
public sealed class IdempotentLoadTests(LoadingFixture fixture)
{
    private string Deliveries => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public void The_same_delivery_twice_changes_nothing_and_the_second_is_reported_as_already_loaded()
    {
        var db = fixture.NewWarehouse();
        var delivery = Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A012345678"), Removal("R2", "2014-02-05", "VR", aNumber: "A000000777")]);
        var first = fixture.Load(db, delivery);
        var after = WarehouseSnapshot.Take(db);

        var second = fixture.Load(db, delivery);

        Assert.Equal("SUCCEEDED", first.Status);
        Assert.Equal(2, first.RowsInserted);
        Assert.Equal("SKIPPED", second.Status);
        WarehouseSnapshot.AssertEqual(after, WarehouseSnapshot.Take(db));
    }

    [Fact]
    public void Forcing_a_reload_of_the_same_delivery_leaves_every_dimension_and_fact_row_as_it_was()
    {
        var db = fixture.NewWarehouse();
        var delivery = Write(Deliveries, "ice-ero-discretion-decisions",
            [EroDecision("D1", "2014-01-05", aNumber: "A012345678"), EroDecision("D2", "2014-01-20", stage: "DETENTION", aNumber: "12345678")]);
        fixture.Load(db, delivery);
        var dw = WarehouseSnapshot.Take(db, t => t.StartsWith("dw.", StringComparison.Ordinal));

        var again = fixture.Load(db, delivery, new LoadOptions { Force = true });

        Assert.Equal("SUCCEEDED", again.Status);
        Assert.Equal(0, again.RowsInserted);
        Assert.Equal(0, again.RowsUpdated);
        WarehouseSnapshot.AssertEqual(dw, WarehouseSnapshot.Take(db, t => t.StartsWith("dw.", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_re_sent_record_replaces_its_row_and_an_unchanged_one_keeps_its_lineage()
    {
        var db = fixture.NewWarehouse();
        var first = fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "2014-01-05", aNumber: "A1"), Removal("R2", "2014-02-05", aNumber: "A2")]));
        var correction = fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "2014-01-05", "REINST", aNumber: "A1"), Removal("R2", "2014-02-05", aNumber: "A2")]));

        Assert.Equal((0L, 1L), (correction.RowsInserted, correction.RowsUpdated));
        Assert.Equal(2, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction"));
        Assert.Equal("REMOVAL-REINST", WarehouseSnapshot.Text(db, "SELECT t.ActionTypeCode FROM dw.FactEnforcementAction f JOIN dw.DimEnforcementActionType t USING (EnforcementActionTypeKey) WHERE f.SourceRecordId = 'R1'"));
        Assert.Equal(correction.LineageKey, WarehouseSnapshot.Count(db, "SELECT LineageKey FROM dw.FactEnforcementAction WHERE SourceRecordId = 'R1'"));
        Assert.Equal(first.LineageKey, WarehouseSnapshot.Count(db, "SELECT LineageKey FROM dw.FactEnforcementAction WHERE SourceRecordId = 'R2'"));
    }

    [Fact]
    public void A_later_delivery_correcting_an_earlier_one_wins_and_adds_its_new_records()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aor: "ATL", aNumber: "A1")]));
        var later = fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "2014-01-05", aor: "SND", aNumber: "A1"), Removal("R3", "2014-03-01", aNumber: "A3")]));

        Assert.Equal((1L, 1L), (later.RowsInserted, later.RowsUpdated));
        Assert.Equal("ERO-SND", WarehouseSnapshot.Text(db, "SELECT o.OfficeCode FROM dw.FactEnforcementAction f JOIN dw.DimOffice o USING (OfficeKey) WHERE f.SourceRecordId = 'R1'"));
    }

    [Fact]
    public void Rows_read_equal_rows_staged_plus_rows_rejected_and_every_reject_says_where_and_why()
    {
        var db = fixture.NewWarehouse();
        var result = fixture.Load(db, Write(Deliveries, "ice-removals-returns",
        [
            Removal("R1", "2014-01-05", aNumber: "A1"),
            Removal("R2", "2014-02-30", aNumber: "A2"),      // impossible date
            Removal("R3", "2014-03-01", "XX", aNumber: "A3"), // not a departure type
            Removal("R4", "2014-03-02", aNumber: "A4"),
        ]), new LoadOptions { RejectThreshold = 0.9 });

        Assert.Equal(4, result.RowsRead);
        Assert.Equal(result.RowsRead, result.RowsStaged + result.RowsRejected);
        Assert.Equal(2, result.RowsRejected);
        Assert.Equal(2, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction"));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE LineNumber = 3 AND FieldName = 'DepartureDate' AND ReasonCode = 'INVALID-DATE' AND SourceRecordId = 'R2' AND RawText = '2014-02-30' AND NOT ValueWithheld AND FileName = 'data.csv'"));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.Reject WHERE LineNumber = 4 AND FieldName = 'DepartureType' AND ReasonCode = 'INVALID-CODE'"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM stg.EroRemoval"));
    }

    [Fact]
    public void Unknown_office_and_country_codes_load_as_the_Unknown_member_and_are_counted_as_findings()
    {
        var db = fixture.NewWarehouse();
        var result = fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "2014-01-05", aor: "QQQ", aNumber: "A1"), Removal("R2", "2014-01-06", aNumber: "A2", country: "QQ")]));

        Assert.Contains(result.Findings, f => f is { Column: "OfficeKey", Rows: 1 });
        Assert.Contains(result.Findings, f => f is { Column: "NationalityCountryKey", Rows: 1 });
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE OfficeKey = 0"));
        Assert.Equal(2, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.DataQualityResult WHERE TestType = 'CONFORMANCE'"));
    }

    [Fact]
    public void Control_totals_are_reconciled_and_differences_recorded()
    {
        var db = fixture.NewWarehouse();
        var result = fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "2014-01-05", aNumber: "A1"), Removal("R2", "2014-01-06", "VR", aNumber: "A2", status: "NON-CRIMINAL")],
            controlTotals: [new ControlTotal("removals in period", 1), new ControlTotal("returns in period", 2),
                new ControlTotal("removals of criminal aliens in period", 1), new ControlTotal("aliens counted by hand", 5)]));

        Assert.Equal([0L, -1L, 0L, null], result.ControlTotals.Select(c => c.Difference));
        // A measure pdw cannot count is still recorded, with no loaded value, so nothing the component reported is lost.
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.ControlTotal WHERE MeasureName = 'aliens counted by hand' AND ReportedValue = 5 AND LoadedValue IS NULL"));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM etl.ControlTotal WHERE MeasureName = 'returns in period' AND ReportedValue = 2 AND LoadedValue = 1 AND Difference = -1"));
        // ... and the batch says it could not reconcile it, instead of letting a declared check pass unseen.
        Assert.Contains("not reconciled (no such measure for this feed): aliens counted by hand",
            WarehouseSnapshot.Text(db, $"SELECT Message FROM etl.Lineage WHERE LineageKey = {result.LineageKey}"), StringComparison.Ordinal);
    }
}
