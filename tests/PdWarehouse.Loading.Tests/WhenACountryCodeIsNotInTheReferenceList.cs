using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Loading;
using PdWarehouse.Reports.Data;
using PdWarehouse.Reports.Tables;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// A delivery's nationality code that no reference list holds used to conform to Unknown (ZZ), with only a data-quality
/// line: the nationality the component recorded was lost (issue 23, item 7). A well-formed code is now kept, as a country
/// member flagged not in the reference list, for facts and persons alike; a malformed one is still Unknown.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenACountryCodeIsNotInTheReferenceList(LoadingFixture fixture)
{
    private string Deliveries => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    private static string Member(string db, string code) => WarehouseSnapshot.Text(db,
        $"SELECT CONCAT(CAST(CountryKey AS VARCHAR), '|', CountryName, '|', Region, '|', IsoAlpha3, '|', CAST(IsInReferenceList AS VARCHAR), '|', CAST(LineageKey AS VARCHAR)) FROM dw.DimCountry WHERE CountryCode = '{code}'");

    private static string FactCountry(string db, string table, string column, string record) => WarehouseSnapshot.Text(db,
        $"SELECT c.CountryCode FROM {table} f JOIN dw.DimCountry c ON c.CountryKey = f.{column} WHERE f.SourceRecordId = '{record}'");

    private static string PersonCountry(string db, string record) => WarehouseSnapshot.Text(db,
        $"SELECT p.CitizenshipCountryCode FROM dw.FactEnforcementAction f JOIN dw.DimPerson p ON p.PersonKey = f.PersonKey WHERE f.SourceRecordId = '{record}'");

    private static long Finding(string db, int lineage, string finding) => WarehouseSnapshot.Count(db,
        $"SELECT CAST(COALESCE(SUM(FailingRows), 0) AS BIGINT) FROM etl.DataQualityResult WHERE LineageKey = {lineage} AND TestType = 'CONFORMANCE' AND TestName LIKE '%: {finding}'");

    [Fact]
    public void The_fact_and_the_person_keep_the_code_and_a_malformed_code_is_still_unknown()
    {
        var db = fixture.NewWarehouse();
        var result = fixture.Load(db, Write(Deliveries, "ice-removals-returns",
        [
            Removal("R1", "2014-01-05", aNumber: "A1", country: "QZ"),
            Removal("R2", "2014-02-05", aNumber: "A2", country: "QZ"),
            Removal("R3", "2014-03-05", aNumber: "A3", country: "MX"),
            Removal("R4", "2014-04-05", aNumber: "A4", country: "Q1"),
        ]));

        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal($"{KeyOf(db, "QZ")}|QZ|Unknown|ZZZ|false|{result.LineageKey}", Member(db, "QZ"));
        Assert.Equal("QZ", FactCountry(db, "dw.FactEnforcementAction", "NationalityCountryKey", "R1"));
        Assert.Equal("QZ", FactCountry(db, "dw.FactEnforcementAction", "NationalityCountryKey", "R2"));
        Assert.Equal("QZ", PersonCountry(db, "R1"));
        Assert.Equal("MX", FactCountry(db, "dw.FactEnforcementAction", "NationalityCountryKey", "R3"));
        // Q1 is no code a list could ever bring: Unknown, as before, with its finding; no member is made of it.
        Assert.Equal("ZZ", FactCountry(db, "dw.FactEnforcementAction", "NationalityCountryKey", "R4"));
        Assert.Equal("ZZ", PersonCountry(db, "R4"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimCountry WHERE CountryCode = 'Q1'"));
        Assert.Equal(2, Finding(db, result.LineageKey, UnlistedCountries.Finding));
        Assert.Equal(1, Finding(db, result.LineageKey, "unknown country code"));
        Assert.Contains(result.Steps, s => s.Step == "keep unlisted countries" && s.Rows == 1);
    }

    [Fact]
    public void Reloads_and_other_feeds_find_the_same_member()
    {
        var db = fixture.NewWarehouse();
        var first = Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A1", country: "QZ")]);
        var loaded = fixture.Load(db, first);
        var member = Member(db, "QZ");

        var again = fixture.Load(db, first, new LoadOptions { Force = true });
        // Re-sent with a record added: another manifest, so a batch of its own.
        var resent = fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "2014-01-05", aNumber: "A1", country: "QZ"), Removal("R9", "2014-06-05", aNumber: "A9", country: "MX")]));
        var decisions = fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions", [EroDecision("D1", "2014-03-01", aNumber: "A1", country: "QZ")]));

        Assert.All(new[] { again, resent, decisions }, r => Assert.Equal("SUCCEEDED", r.Status));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimCountry WHERE CountryCode = 'QZ'"));
        Assert.Equal(member, Member(db, "QZ"));   // same key, still the first batch's lineage
        Assert.EndsWith($"|{loaded.LineageKey}", member, StringComparison.Ordinal);
        Assert.Equal("QZ", FactCountry(db, "dw.FactDiscretionDecision", "CitizenshipCountryKey", "D1"));
        // Each batch still says it carried codes not in the list, with its rows.
        Assert.Equal(1, Finding(db, decisions.LineageKey, UnlistedCountries.Finding));
        Assert.Equal(1, Finding(db, resent.LineageKey, UnlistedCountries.Finding));
    }

    [Fact]
    public void A_later_reference_list_that_brings_the_code_lists_it_and_the_facts_stay()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A1", country: "QZ")]));
        var key = KeyOf(db, "QZ");
        var facts = WarehouseSnapshot.Take(db, t => t.StartsWith("dw.Fact", StringComparison.Ordinal) && !t.EndsWith("Summary", StringComparison.Ordinal));

        var reference = fixture.Load(db, Write(Deliveries, "reference-countries", [["QZ", "QZQ", "Quzeland", "Africa"]]));

        Assert.Equal("SUCCEEDED", reference.Status);
        Assert.Equal($"{key}|Quzeland|Africa|QZQ|true|{reference.LineageKey}", Member(db, "QZ"));
        WarehouseSnapshot.AssertEqual(facts, WarehouseSnapshot.Take(db, t => t.StartsWith("dw.Fact", StringComparison.Ordinal) && !t.EndsWith("Summary", StringComparison.Ordinal)));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM rpt.EnforcementActionCount WHERE NationalityCountryName = 'Quzeland' AND NationalityRegion = 'Africa'"));
        // Listed now: the next delivery with the code is no longer a finding.
        var later = fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R2", "2014-02-05", aNumber: "A2", country: "QZ")]));
        Assert.Equal(0, Finding(db, later.LineageKey, UnlistedCountries.Finding));
    }

    private static ReportTable Table(string db, string id)
    {
        using var w = WarehouseConnection.OpenDuckDb(db);
        using var data = new ReportData(w, 2014);
        return data.Build(id, "Table 1");
    }

    private static long?[] Line(ReportTable table, string label) => table.Rows.Single(r => r.Label == label && r.Kind == RowKind.Detail).Values;

    [Fact]
    public void The_reports_count_it_on_the_other_line_and_list_it_in_the_data_quality_appendix_until_a_list_brings_it()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns",
        [
            Removal("R1", "2014-01-05", aNumber: "A1", country: "QZ"), Removal("R2", "2014-01-06", aNumber: "A2", country: "QZ"),
            Removal("R3", "2014-01-07", aNumber: "A3", country: "QZ", status: "NON-CRIMINAL"), Removal("R4", "2014-01-08", aNumber: "A4", country: "MX"),
        ]));

        var appendix = Table(db, "dq-country-codes-not-in-the-reference-list");
        Assert.Equal([3L, 3L, 0L, 0L], Line(appendix, "QZ"));   // total, enforcement actions, PD records, DACA requests
        var removals = Table(db, "removals-by-criminal-status-region-and-country");
        Assert.Equal([3L, 2L, 1L, 0L], Line(removals, "Other"));
        Assert.Equal([0L, 0L, 0L, 0L], Line(removals, "Unknown"));
        Assert.Equal([1L, 1L, 0L, 0L], Line(removals, "Mexico"));
        Assert.Contains(removals.Notes, n => n.StartsWith("Other: nationality codes the reference list does not hold", StringComparison.Ordinal) && n.Contains("QZ", StringComparison.Ordinal));

        fixture.Load(db, Write(Deliveries, "reference-countries", [["QZ", "QZQ", "Quzeland", "Africa"]]));

        Assert.DoesNotContain(Table(db, "dq-country-codes-not-in-the-reference-list").Rows, r => r.Kind == RowKind.Detail);
        removals = Table(db, "removals-by-criminal-status-region-and-country");
        Assert.Equal([3L, 2L, 1L, 0L], Line(removals, "Quzeland"));
        Assert.Equal("Africa", removals.Rows.Single(r => r.Label == "Quzeland").Group);
        Assert.Equal([0L, 0L, 0L, 0L], Line(removals, "Other"));
        Assert.DoesNotContain(removals.Notes, n => n.StartsWith("Other:", StringComparison.Ordinal));
    }

    [Fact]
    public void Loaded_members_take_keys_the_shipped_list_never_uses()
    {
        // init repairs the shipped list by key: a loaded member numbered on from the list's last key would be overwritten
        // by the first country a later release adds.
        var shipped = File.ReadLines(Path.Combine(PdWarehouse.Warehouse.WarehouseSources.Locate().ReferenceDirectory, "dw.DimCountry.csv")).Skip(1)
            .Select(l => int.Parse(l[..l.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(shipped.Max() < UnlistedCountries.FirstLoadedKey, $"the shipped list reaches key {shipped.Max()}");

        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "2014-01-05", aNumber: "A1", country: "QZ"), Removal("R2", "2014-01-06", aNumber: "A2", country: "QY")]));
        fixture.Load(db, Write(Deliveries, "reference-countries", [["QX", "QXQ", "Quxland", "Europe"]]));

        Assert.Equal(UnlistedCountries.FirstLoadedKey, KeyOf(db, "QY"));
        Assert.Equal(UnlistedCountries.FirstLoadedKey + 1, KeyOf(db, "QZ"));
        Assert.Equal(UnlistedCountries.FirstLoadedKey + 2, KeyOf(db, "QX"));
    }

    private static long KeyOf(string db, string code) => WarehouseSnapshot.Count(db, $"SELECT CountryKey FROM dw.DimCountry WHERE CountryCode = '{code}'");
}
