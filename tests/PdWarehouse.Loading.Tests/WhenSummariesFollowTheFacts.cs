using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;
using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// The aggregate fact tables the reports read must equal a GROUP BY over the facts after every load, whatever the
/// load did to earlier fiscal years: re-sent records that change year, decisions re-sequenced by a later delivery.
/// The expected groupings are written out here, not taken from the refresh's own SQL.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenSummariesFollowTheFacts(LoadingFixture fixture)
{
    private string Deliveries => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    // The codes and names each summary row copies are read here from the dimensions, by the row's keys.
    private const string ExpectedEnforcement = """
        SELECT g.*, c.ComponentCode, c.ProgramName, c.Agency, o.OfficeCode, o.OfficeName, o.OfficeType, o.OfficeRegion,
               t.ActionTypeCode, t.ActionCategory, t.ActionTypeName, t.DispositionCode, co.CountryCode, co.CountryName, co.Region
        FROM (SELECT d.FiscalYear, f.ComponentKey, f.OfficeKey, f.EnforcementActionTypeKey, f.NationalityCountryKey, f.CriminalStatus, COUNT(*) AS Actions
              FROM dw.FactEnforcementAction f JOIN dw.DimDate d ON d.DateKey = f.EventDateKey
              WHERE f.EventDateKey <> 0
              GROUP BY ALL) AS g
        JOIN dw.DimComponent c ON c.ComponentKey = g.ComponentKey
        JOIN dw.DimOffice o ON o.OfficeKey = g.OfficeKey
        JOIN dw.DimEnforcementActionType t ON t.EnforcementActionTypeKey = g.EnforcementActionTypeKey
        JOIN dw.DimCountry co ON co.CountryKey = g.NationalityCountryKey
        """;

    private const string ExpectedDiscretion = """
        SELECT g.*, c.ComponentCode, c.ComponentName, c.Agency, o.OfficeCode, o.OfficeName, o.OfficeType,
               dd.ActionCode, dd.ActionName, dd.BasisCode, dd.BasisName, dd.RemovalProcessEffect, p.PolicyCode, p.PolicyTitle,
               ep.PriorityCode, ep.Framework, ep.CategoryCode, ep.IsPriority, co.CountryCode, co.CountryName, co.Region
        FROM (SELECT d.FiscalYear, d.FiscalQuarter, f.ComponentKey, f.OfficeKey, f.DiscretionDecisionKey, f.PolicyKey, f.EnforcementPriorityKey,
                     f.CitizenshipCountryKey, SUM(CASE WHEN f.IsRepeatAtLaterStage THEN 0 ELSE 1 END) AS Decisions, COUNT(*) AS Records
              FROM dw.FactDiscretionDecision f JOIN dw.DimDate d ON d.DateKey = f.DecisionDateKey
              WHERE f.DecisionDateKey <> 0
              GROUP BY ALL) AS g
        JOIN dw.DimComponent c ON c.ComponentKey = g.ComponentKey
        JOIN dw.DimOffice o ON o.OfficeKey = g.OfficeKey
        JOIN dw.DimDiscretionDecision dd ON dd.DiscretionDecisionKey = g.DiscretionDecisionKey
        JOIN dw.DimPolicy p ON p.PolicyKey = g.PolicyKey
        JOIN dw.DimEnforcementPriority ep ON ep.EnforcementPriorityKey = g.EnforcementPriorityKey
        JOIN dw.DimCountry co ON co.CountryKey = g.CitizenshipCountryKey
        """;

    private const string ActualEnforcement = """
        SELECT FiscalYear, ComponentKey, OfficeKey, EnforcementActionTypeKey, NationalityCountryKey, CriminalStatus, Actions,
               ComponentCode, ProgramName, Agency, OfficeCode, OfficeName, OfficeType, OfficeRegion,
               ActionTypeCode, ActionCategory, ActionTypeName, DispositionCode, NationalityCountryCode, NationalityCountryName, NationalityRegion
        FROM dw.FactEnforcementActionSummary
        """;

    private const string ActualDiscretion = """
        SELECT FiscalYear, FiscalQuarter, ComponentKey, OfficeKey, DiscretionDecisionKey, PolicyKey, EnforcementPriorityKey, CitizenshipCountryKey, Decisions, Records,
               ComponentCode, ComponentName, Agency, OfficeCode, OfficeName, OfficeType, ActionCode, ActionName, BasisCode, BasisName, RemovalProcessEffect,
               PolicyCode, PolicyTitle, PriorityCode, PriorityFramework, PriorityCategoryCode, IsPriority, CitizenshipCountryCode, CitizenshipCountryName, CitizenshipRegion
        FROM dw.FactDiscretionDecisionSummary
        """;

    private const string ExpectedRequests = """
        SELECT g.*, c.Agency, o.OfficeCode, o.OfficeName, co.CountryCode, co.CountryName, co.Region
        FROM (SELECT rd.FiscalYear, CASE WHEN f.DecisionDateKey = 0 THEN 0 ELSE dd.FiscalYear END AS DecisionFiscalYear, f.RequestType, f.RequestStatus,
                     f.ReferralComponentKey, f.ServiceCenterOfficeKey, f.CitizenshipCountryKey, COUNT(*) AS Requests
              FROM dw.FactDeferredActionRequest f JOIN dw.DimDate rd ON rd.DateKey = f.ReceiptDateKey JOIN dw.DimDate dd ON dd.DateKey = f.DecisionDateKey
              WHERE f.ReceiptDateKey <> 0
              GROUP BY ALL) AS g
        JOIN dw.DimComponent c ON c.ComponentKey = g.ReferralComponentKey
        JOIN dw.DimOffice o ON o.OfficeKey = g.ServiceCenterOfficeKey
        JOIN dw.DimCountry co ON co.CountryKey = g.CitizenshipCountryKey
        """;

    private const string ActualRequests = """
        SELECT FiscalYear, DecisionFiscalYear, RequestType, RequestStatus, ReferralComponentKey, ServiceCenterOfficeKey, CitizenshipCountryKey, Requests,
               ReferralAgency, ServiceCenterCode, ServiceCenterName, CitizenshipCountryCode, CitizenshipCountryName, CitizenshipRegion
        FROM dw.FactDeferredActionRequestSummary
        """;

    // Per person: the records and decisions of the year and component counted here, whether later apprehended or
    // convicted taken from the per-decision follow-up view (one row per decision, not per person).
    private const string ExpectedPersons = """
        SELECT r.FiscalYear, r.ComponentKey, r.PersonId, r.Decisions, r.Records,
               COALESCE(u.LaterArrested, 0) AS LaterArrested, COALESCE(u.LaterConvicted, 0) AS LaterConvicted
        FROM (SELECT d.FiscalYear, f.ComponentKey, p.PersonId, SUM(CASE WHEN f.IsRepeatAtLaterStage THEN 0 ELSE 1 END) AS Decisions, COUNT(*) AS Records
              FROM dw.FactDiscretionDecision f JOIN dw.DimDate d ON d.DateKey = f.DecisionDateKey JOIN dw.DimPerson p ON p.PersonKey = f.PersonKey
              WHERE f.PersonKey <> 0 AND f.DecisionDateKey <> 0
              GROUP BY ALL) AS r
        JOIN dw.DimComponent c ON c.ComponentKey = r.ComponentKey
        LEFT JOIN (SELECT FiscalYear, ComponentCode, PersonId, MAX(LaterArrested) AS LaterArrested, MAX(LaterConvicted) AS LaterConvicted
                   FROM rpt.DiscretionFollowUp GROUP BY ALL) AS u
            ON u.FiscalYear = r.FiscalYear AND u.ComponentCode = c.ComponentCode AND u.PersonId = r.PersonId
        """;

    private const string ActualPersons = """
        SELECT FiscalYear, ComponentKey, PersonId, Decisions, Records, CAST(LaterArrested AS INTEGER), CAST(LaterConvicted AS INTEGER)
        FROM dw.FactDiscretionPersonSummary
        """;

    private static void AssertSummariesEqualFacts(string db)
    {
        foreach (var (expected, actual) in new[] { (ExpectedEnforcement, ActualEnforcement), (ExpectedDiscretion, ActualDiscretion), (ExpectedRequests, ActualRequests), (ExpectedPersons, ActualPersons) })
            Assert.Equal(0, WarehouseSnapshot.Count(db,
                $"SELECT COUNT(*) FROM (({expected} EXCEPT {actual}) UNION ALL ({actual} EXCEPT {expected})) AS differences"));
    }

    private static long Actions(string db, int fiscalYear) => WarehouseSnapshot.Count(db,
        $"SELECT CAST(COALESCE(SUM(Actions), 0) AS BIGINT) FROM dw.FactEnforcementActionSummary WHERE FiscalYear = {fiscalYear}");

    [Fact]
    public void A_record_re_sent_with_a_date_in_another_fiscal_year_leaves_both_years_equal_to_their_facts()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "2013-09-20", aNumber: "A1"), Removal("R2", "2013-08-01", "VR", aNumber: "A2")], fiscalYear: "2013"));
        Assert.Equal((2L, 0L), (Actions(db, 2013), Actions(db, 2014)));

        // The FY2014 delivery re-sends R1 dated in FY2014: FY2013 loses a row that the batch did not write in FY2013.
        fixture.Load(db, Write(Deliveries, "ice-removals-returns",
            [Removal("R1", "2013-10-05", aNumber: "A1"), Removal("R3", "2014-02-01", aNumber: "A3")]));

        Assert.Equal((1L, 2L), (Actions(db, 2013), Actions(db, 2014)));
        AssertSummariesEqualFacts(db);
    }

    [Fact]
    public void Decisions_re_sequenced_by_a_later_delivery_are_counted_again_in_their_own_fiscal_year()
    {
        var db = fixture.NewWarehouse();
        // One person, one decision recorded at two stages: the second record is a repeat.
        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions",
            [EroDecision("D1", "2014-03-01", aNumber: "A012345678"), EroDecision("D2", "2014-03-15", stage: "DETENTION", aNumber: "A012345678")]));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT CAST(SUM(Decisions) AS BIGINT) FROM dw.FactDiscretionDecisionSummary WHERE FiscalYear = 2014"));

        // An earlier record of the same decision arrives from FY2013, within 180 days of both: it starts the chain, and D1 becomes a repeat too.
        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions",
            [EroDecision("D0", "2013-09-25", stage: "ENCOUNTER", aNumber: "A012345678")], fiscalYear: "2013"));

        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT CAST(SUM(Decisions) AS BIGINT) FROM dw.FactDiscretionDecisionSummary WHERE FiscalYear = 2013"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT CAST(SUM(Decisions) AS BIGINT) FROM dw.FactDiscretionDecisionSummary WHERE FiscalYear = 2014"));
        Assert.Equal(2, WarehouseSnapshot.Count(db, "SELECT CAST(SUM(Records) AS BIGINT) FROM dw.FactDiscretionDecisionSummary WHERE FiscalYear = 2014"));
        AssertSummariesEqualFacts(db);
    }

    private static (long Persons, long Arrested) FollowUp(string db, int fiscalYear) => (
        WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM rpt.DiscretionPerson WHERE FiscalYear = {fiscalYear} AND Decisions > 0"),
        WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM rpt.DiscretionPerson WHERE FiscalYear = {fiscalYear} AND LaterArrested = 1"));

    [Fact]
    public void A_later_arrest_in_another_fiscal_year_marks_the_PD_recipient_of_the_earlier_year()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions",
            [EroDecision("D1", "2013-03-01", aNumber: "A012345678"), EroDecision("D2", "2013-04-01", aNumber: "A087654321", family: "Lopez", given: "Ana")],
            fiscalYear: "2013"));
        Assert.Equal((2L, 0L), FollowUp(db, 2013));

        // An arrest delivery for FY2014 writes no FY2013 row, yet the first person's FY2013 decision now has a later arrest.
        fixture.Load(db, Write(Deliveries, "ice-arrests", [Arrest("AR1", "2014-01-10", aNumber: "A012345678")]));

        Assert.Equal((2L, 1L), FollowUp(db, 2013));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM rpt.DiscretionPerson WHERE FiscalYear = 2014"));
        AssertSummariesEqualFacts(db);
    }

    private static long Count(string db, string where) =>
        WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM rpt.DiscretionPerson WHERE {where}");

    [Fact]
    public void Repeats_later_convictions_and_merged_persons_are_summarised_as_the_follow_up_view_decides()
    {
        var db = fixture.NewWarehouse();
        // Person 1 has a FY2013 decision and the same decision recorded again in FY2014 (a repeat: a FY2014 row with no decision).
        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions", [EroDecision("D1", "2013-09-01", aNumber: "A011111111")], fiscalYear: "2013"));
        // Persons 2 and 3 are known by an A-number and by a FIN only: two persons until a record links them.
        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions",
            [EroDecision("D2", "2013-10-15", stage: "DETENTION", aNumber: "A011111111"),
             EroDecision("D3", "2014-02-01", aNumber: "A022222222", family: "Lopez", given: "Ana"),
             EroDecision("D4", "2014-02-02", basis: "HUMANITARIAN", fin: "1234567890", family: "Perez", given: "Luis")]));
        Assert.Equal((3L, 2L), (Count(db, "FiscalYear = 2014"), Count(db, "FiscalYear = 2014 AND Decisions > 0")));

        // Person 1 is arrested after both records, now with a criminal conviction (a new version of the person);
        // an arrest carrying person 2's A-number and person 3's FIN makes them one person, arrested after both decisions.
        fixture.Load(db, Write(Deliveries, "ice-arrests",
            [Arrest("AR1", "2013-10-20", status: "CRIMINAL", aNumber: "A011111111"),
             Arrest("AR2", "2014-03-01", aNumber: "A022222222", fin: "1234567890", family: "Lopez", given: "Ana")]));

        Assert.Equal(1, Count(db, "FiscalYear = 2013 AND Decisions = 1 AND LaterArrested = 1 AND LaterConvicted = 1"));
        // The repeat is followed up only through the decision it repeats: its own row has neither flag.
        Assert.Equal(1, Count(db, "FiscalYear = 2014 AND Decisions = 0 AND Records = 1 AND LaterArrested = 0 AND LaterConvicted = 0"));
        Assert.Equal(1, Count(db, "FiscalYear = 2014 AND Decisions = 2 AND Records = 2 AND LaterArrested = 1 AND LaterConvicted = 0"));
        Assert.Equal(2, Count(db, "FiscalYear = 2014"));
        AssertSummariesEqualFacts(db);
    }

    [Fact]
    public void Init_rebuilds_missing_or_altered_summaries_from_the_facts()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A1"), Removal("R2", "2014-02-05", "VR", aNumber: "A2")]));
        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions", [EroDecision("D1", "2014-03-01", aNumber: "A012345678")]));
        using (var w = WarehouseConnection.OpenDuckDb(db))
        {
            // A warehouse loaded before one summary existed, and another summary edited without changing its totals.
            w.Execute("DROP TABLE dw.FactEnforcementActionSummary");
            w.Execute("UPDATE dw.FactDiscretionDecisionSummary SET OfficeKey = 0");
            w.Execute("UPDATE dw.FactDiscretionPersonSummary SET LaterArrested = true, Records = 5");
        }

        var result = new DuckDbWarehouseInitializer(fixture.Model, ReferenceData.Load(fixture.Sources, fixture.Model)).Initialize(db);

        Assert.Equal([new SummaryBuilt("dw.FactEnforcementActionSummary", 2), new SummaryBuilt("dw.FactDiscretionDecisionSummary", 1),
                      new SummaryBuilt("dw.FactDeferredActionRequestSummary", 0), new SummaryBuilt("dw.FactDiscretionPersonSummary", 1)], result.SummariesBuilt);
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactDiscretionDecisionSummary WHERE OfficeKey = 0"));
        AssertSummariesEqualFacts(db);
    }

    /// <summary>A DACA request row in the feed's column order.</summary>
    private static string[] DacaRequest(string receipt, string receiptDate, string status, string decisionDate = "", string referral = "ICE") =>
        [receipt, "NSC", "INITIAL", receiptDate, receiptDate, status, decisionDate, referral, "A033333333", "", "Ruiz", "Eva", "1995-05-05", "F", "MX"];

    [Fact]
    public void A_DACA_request_re_sent_with_its_decision_moves_to_its_status_and_decision_year()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "uscis-daca-requests",
            [DacaRequest("NSC1", "2013-09-01", "PENDING"), DacaRequest("NSC2", "2013-09-02", "PENDING", referral: "SELF"),
             DacaRequest("NSC3", "1999-01-04", "PENDING")], fiscalYear: "2013"));
        // A receipt date before the deployed calendar (FY2004 on) extends it and is counted in its own fiscal year (issue 23:
        // it used to load as the Unknown date and drop out of every count).
        Assert.Equal(3, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM rpt.DeferredActionRequest"));
        Assert.Equal(3, WarehouseSnapshot.Count(db, "SELECT CAST(SUM(Requests) AS BIGINT) FROM rpt.DeferredActionRequestCount"));
        Assert.Equal(1, CountViewRows(db, "rpt.DeferredActionRequestCount", "ReceiptFiscalYear = 1999 AND Requests = 1"));
        Assert.Equal(1, CountViewRows(db, "rpt.DeferredActionRequestCount",
            "ReceiptFiscalYear = 2013 AND RequestStatus = 'PENDING' AND ReferralSource = 'ICE' AND DecisionFiscalYear IS NULL AND Requests = 1 AND ServiceCenterCode = 'USCIS-NSC'"));

        // The FY2014 delivery re-sends NSC1 approved in FY2014: its FY2013 receipt year is rebuilt though the batch's period is FY2014.
        fixture.Load(db, Write(Deliveries, "uscis-daca-requests", [DacaRequest("NSC1", "2013-09-01", "APPROVED", "2013-11-20")]));

        Assert.Equal(1, CountViewRows(db, "rpt.DeferredActionRequestCount",
            "ReceiptFiscalYear = 2013 AND RequestStatus = 'APPROVED' AND ReferralSource = 'ICE' AND DecisionFiscalYear = 2014 AND Requests = 1"));
        Assert.Equal(1, CountViewRows(db, "rpt.DeferredActionRequestCount", "ReceiptFiscalYear = 2013 AND RequestStatus = 'PENDING' AND ReferralSource = 'SELF'"));
        Assert.Equal(0, CountViewRows(db, "rpt.DeferredActionRequestCount", "ReceiptFiscalYear = 2013 AND RequestStatus = 'PENDING' AND ReferralSource = 'ICE'"));
        Assert.Equal(1, CountViewRows(db, "rpt.DeferredActionRequestCount", "ReceiptFiscalYear = 1999 AND RequestStatus = 'PENDING' AND ReferralSource = 'ICE'"));
        AssertSummariesEqualFacts(db);
    }

    private static long CountViewRows(string db, string view, string where) =>
        WarehouseSnapshot.Count(db, $"SELECT COUNT(*) FROM {view} WHERE {where}");

    [Fact]
    public void A_country_corrected_by_the_reference_feed_is_renamed_in_the_count_views_of_every_year()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R1", "2013-05-05", aNumber: "A1", country: "MX")], fiscalYear: "2013"));
        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions", [EroDecision("D1", "2014-03-01", aNumber: "A012345678", country: "MX")]));
        Assert.Equal(1, CountViewRows(db, "rpt.EnforcementActionCount", "NationalityCountryName = 'Mexico' AND NationalityRegion = 'North America'"));

        // The FY2014 reference feed renames Mexico and moves it to another region; it writes no fact, yet both years'
        // summary rows (one of them FY2013, a year the batch does not cover) must show the corrected name.
        var result = fixture.Load(db, Write(Deliveries, "reference-countries", [["MX", "MEX", "United Mexican States", "South America"]]));

        Assert.Contains(result.Steps, s => s.Step == "relabel summaries" && s.Rows == 2);
        Assert.Equal(1, CountViewRows(db, "rpt.EnforcementActionCount", "NationalityCountryName = 'United Mexican States' AND NationalityRegion = 'South America' AND FiscalYear = 2013"));
        Assert.Equal(1, CountViewRows(db, "rpt.DiscretionDecisionCount", "CitizenshipCountryName = 'United Mexican States' AND CitizenshipRegion = 'South America' AND FiscalYear = 2014"));
        Assert.Equal(0, CountViewRows(db, "rpt.EnforcementActionCount", "NationalityCountryName = 'Mexico'"));
        AssertSummariesEqualFacts(db);
    }

    [Fact]
    public void Init_makes_again_a_summary_table_of_an_older_definition()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", aNumber: "A1"), Removal("R2", "2014-02-05", "VR", aNumber: "A2")]));
        using (var w = WarehouseConnection.OpenDuckDb(db))
        {
            // The summary as releases before the copied names made it: keys and counts only.
            w.Execute("DROP TABLE dw.FactEnforcementActionSummary");
            w.Execute("""
                CREATE TABLE dw.FactEnforcementActionSummary (FiscalYear SMALLINT NOT NULL, ComponentKey SMALLINT NOT NULL, OfficeKey INTEGER NOT NULL,
                    EnforcementActionTypeKey SMALLINT NOT NULL, NationalityCountryKey SMALLINT NOT NULL, CriminalStatus VARCHAR NOT NULL,
                    Actions INTEGER NOT NULL, LineageKey INTEGER NOT NULL,
                    PRIMARY KEY (FiscalYear, ComponentKey, OfficeKey, EnforcementActionTypeKey, NationalityCountryKey, CriminalStatus))
                """);
            w.Execute("INSERT INTO dw.FactEnforcementActionSummary VALUES (2014, 0, 0, 0, 0, 'UNKNOWN', 7, 0)");
        }

        var result = new DuckDbWarehouseInitializer(fixture.Model, ReferenceData.Load(fixture.Sources, fixture.Model)).Initialize(db);

        Assert.Equal(["dw.FactEnforcementActionSummary"], result.SummaryTablesRemade);
        Assert.Equal(0, result.TablesCreated);
        Assert.Contains(new SummaryBuilt("dw.FactEnforcementActionSummary", 2), result.SummariesBuilt);
        Assert.Equal(2, CountViewRows(db, "rpt.EnforcementActionCount", "FiscalYear = 2014 AND NationalityCountryName = 'Mexico' AND OfficeCode = 'ERO-ATL'"));
        AssertSummariesEqualFacts(db);
    }
}
