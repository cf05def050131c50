using System.Text;
using Dapper;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Monitoring.Tests;

/// <summary>
/// Measurement on a hand-built warehouse: a dozen fact rows written here, and every expected figure worked out by hand
/// from them (the comments show the working; Wilson bounds were computed separately from the textbook formula), never
/// taken from the code's output.
/// </summary>
public sealed class WhenIndicatorsAreMeasured(EmptyWarehouse empty) : IClassFixture<EmptyWarehouse>
{
    // Keys from warehouse/reference: components, offices, action types, priorities, discretion decisions.
    private const short Ero = 1, Hsi = 2, Usbp = 4;
    private const int Atl = 1, Chi = 5, Nsc = 68;
    private const short Apprehension = 1, RemovalEr = 4, RemovalJudicial = 7;
    private const short P2011Level1 = 1, P2011Level2 = 2, P2011None = 4, PUnknown = 0;
    private const short RelNotPriority = 1, RelNoTravelDocs = 5, RelNotRecorded = 10;

    private const string Goals = """
        version: "fixture"
        owner: Test
        indicators:
          - id: removals-priority-1
            statement: Share of ERO removals in priority 1.
            policy: ICE-2011-06-17-VWP
            period: { from: 2013-11-15, to: 2014-01-31 }
            measure:
              kind: share
              population: enforcement-actions
              where: { component: [ICE-ERO], action-category: [REMOVAL] }
              numerator: { priority-level: [1] }
            direction: higher
            target: 0.5
          - id: basis-recorded
            statement: Share of PD decisions with a basis.
            policy: ICE-2011-06-17-VWP
            period: { from: 2013-11-15, to: 2014-01-31 }
            measure: { kind: share, population: pd-decisions, numerator: { basis-recorded: [yes] } }
            direction: higher
            target: 0.9
          - id: no-docs-per-1000-removals
            statement: PD releases for lack of travel documents per 1,000 removals.
            policy: ICE-2011-06-17-VWP
            period: { from: 2013-11-15, to: 2014-01-31 }
            measure:
              kind: rate
              per: 1000
              numerator: { population: pd-decisions, where: { action: [REL], basis: [NO-TRAVEL-DOCS] } }
              denominator: { population: enforcement-actions, where: { action-category: [REMOVAL] } }
            direction: lower
            target: 5
          - id: ice-daca-days
            statement: Median days from receipt to decision for ICE referrals.
            policy: DHS-2012-06-15-DACA
            period: { from: 2013-11-15, to: 2014-01-31 }
            measure: { kind: median-days, population: daca-requests, where: { referral-source: [ICE] }, from: receipt, to: decision }
            direction: lower
            target: 60
          - id: removals
            statement: Removals of every component.
            policy: ICE-2011-06-17-VWP
            period: { from: 2013-11-15, to: 2014-01-31 }
            measure: { kind: count, population: enforcement-actions, where: { action-category: [REMOVAL] } }
            direction: higher
            target: 1
          - id: convicted
            statement: PD recipients later convicted.
            policy: ICE-2011-06-17-VWP
            period: { from: 2013-11-15, to: 2014-01-31 }
            measure: { kind: share, population: pd-recipients, numerator: { convicted-within-12-months: [yes] } }
            direction: lower
            target: 0.02
        """;

    private static int _key;

    private static void Action(WarehouseConnection db, int date, short component, int office, short type, short priority) => db.Execute("""
        INSERT INTO dw.FactEnforcementAction (EnforcementActionRecordKey, SourceSystem, SourceRecordId, EventDateKey, ComponentKey, OfficeKey, PersonKey,
            NationalityCountryKey, EnforcementActionTypeKey, ProcessStageKey, EnforcementPriorityKey, CriminalStatus, ThreatLevel, ArrestMethod, LineageKey)
        VALUES (@key, 'FIXTURE', @id, @date, @component, @office, 0, 0, @type, 0, @priority, 'UNKNOWN', NULL, NULL, 1)
        """, new { key = ++_key, id = $"EA-{_key}", date, component, office, type, priority });

    private static void Decision(WarehouseConnection db, int date, int office, short decision, bool repeat) => db.Execute("""
        INSERT INTO dw.FactDiscretionDecision (DiscretionDecisionRecordKey, SourceSystem, SourceRecordId, DecisionDateKey, ComponentKey, OfficeKey, PersonKey,
            CitizenshipCountryKey, DiscretionDecisionKey, PolicyKey, EnforcementPriorityKey, ProcessStageKey, PersonDecisionSequence, IsRepeatAtLaterStage, LineageKey)
        VALUES (@key, 'FIXTURE', @id, @date, 1, @office, 0, 0, @decision, 0, 0, 0, @sequence, @repeat, 1)
        """, new { key = ++_key, id = $"PD-{_key}", date, office, decision, sequence = repeat ? 2 : 1, repeat });

    private static void Request(WarehouseConnection db, int receipt, int decision, short referral) => db.Execute("""
        INSERT INTO dw.FactDeferredActionRequest (DeferredActionRequestRecordKey, SourceSystem, SourceRecordId, PersonKey, CitizenshipCountryKey, ServiceCenterOfficeKey,
            RequestType, RequestStatus, ReceiptDateKey, AcceptedDateKey, DecisionDateKey, ReferralComponentKey, PolicyKey, LineageKey)
        VALUES (@key, 'FIXTURE', @id, 0, 0, @office, 'INITIAL', @status, @receipt, @receipt, @decision, @referral, 8, 1)
        """, new { key = ++_key, id = $"DACA-{_key}", office = Nsc, status = decision == 0 ? "ACCEPTED" : "APPROVED", receipt, decision, referral });

    private string Build()
    {
        var path = empty.Copy();
        using var db = WarehouseConnection.OpenDuckDb(path);
        Action(db, 20131110, Ero, Atl, RemovalEr, P2011Level1);        // before the goal's period (from 15 Nov): not counted
        Action(db, 20131120, Ero, Atl, RemovalEr, P2011Level1);
        Action(db, 20131121, Ero, Atl, RemovalJudicial, P2011Level2);
        Action(db, 20131122, Ero, Atl, RemovalEr, PUnknown);           // priority not recorded
        Action(db, 20131205, Ero, Chi, RemovalEr, P2011Level1);
        Action(db, 20131206, Ero, Chi, RemovalJudicial, P2011None);
        Action(db, 20131207, Hsi, 0, RemovalEr, P2011Level1);          // HSI: outside the ERO share, inside the all-component count and rate
        Action(db, 20140110, Ero, Atl, RemovalEr, P2011Level1);
        Action(db, 20140111, Ero, Atl, Apprehension, P2011Level1);     // not a removal
        Action(db, 20140201, Ero, Atl, RemovalEr, P2011Level1);        // after the goal's period (to 31 Jan)
        Action(db, 20131201, Usbp, 0, Apprehension, PUnknown);         // Border Patrol apprehension: in the count's population only

        Decision(db, 20131116, Atl, RelNoTravelDocs, repeat: false);
        Decision(db, 20131117, Atl, RelNoTravelDocs, repeat: true);    // the same decision recorded again: not counted
        Decision(db, 20131118, Atl, RelNotRecorded, repeat: false);
        Decision(db, 20131201, Atl, RelNotPriority, repeat: false);

        Request(db, 20131120, 20140119, Ero);   // 60 days (10 left in November + 31 + 19)
        Request(db, 20131125, 20131205, Ero);   // 10 days
        Request(db, 20131126, 0, Ero);          // not decided yet: incomplete
        Request(db, 20131127, 20131227, 0);     // self-initiated: outside the ICE filter
        Request(db, 20131202, 20140303, Ero);   // 91 days (29 + 31 + 28 + 3)
        return path;
    }

    /// <summary>Every column of every stored measurement, as text.</summary>
    private static List<string> Stored(WarehouseConnection db) =>
        db.Connection.Query("SELECT * FROM etl.IndicatorMeasurement ORDER BY IndicatorMeasurementKey")
            .Select(r => string.Join("|", ((IDictionary<string, object?>)r).Select(c => $"{c.Key}={c.Value}"))).ToList();

    private sealed record Row(string IndicatorId, string PeriodType, DateTime PeriodStart, bool IsPartialPeriod, string BreakdownLevel, string? ComponentCode,
        string? OfficeCode, long? Numerator, long Denominator, double? Value, double? IntervalLow, double? IntervalHigh, long RecordsInScope, long RecordsComplete, double? Completeness);

    private static List<Row> Rows(WarehouseConnection db, string id, string periodType, string level) => db.Connection.Query<Row>("""
        SELECT IndicatorId, PeriodType, CAST(PeriodStart AS TIMESTAMP) AS PeriodStart, IsPartialPeriod, BreakdownLevel, ComponentCode, OfficeCode,
               Numerator, Denominator, Value, IntervalLow, IntervalHigh, RecordsInScope, RecordsComplete, Completeness
        FROM rpt.IndicatorMeasurement
        WHERE IndicatorId = $id AND PeriodType = $periodType AND BreakdownLevel = $level
        ORDER BY PeriodStart, ComponentCode, OfficeCode
        """, new { id, periodType, level }).ToList();

    private static void Equal(double? expected, double? actual)
    {
        if (expected is null) { Assert.Null(actual); return; }
        Assert.NotNull(actual);
        Assert.Equal(expected.Value, actual.Value, 9);
    }

    private static void Check(Row row, DateTime start, bool partial, long? numerator, long denominator, double? value, long inScope, long complete)
    {
        Assert.Equal((start, partial, numerator, denominator, inScope, complete),
            (row.PeriodStart, row.IsPartialPeriod, row.Numerator, row.Denominator, row.RecordsInScope, row.RecordsComplete));
        Equal(value, row.Value);
        Equal(inScope == 0 ? null : (double)complete / inScope, row.Completeness);
    }

    private (WarehouseConnection Db, GoalsLoadResult Result) Load()
    {
        var db = WarehouseConnection.OpenDuckDb(Build());
        var result = new GoalsLoader(db, TimeProvider.System).Load("fixture.yaml", Encoding.UTF8.GetBytes(Goals));
        return (db, result);
    }

    [Fact]
    public void A_share_has_its_numerator_denominator_value_Wilson_interval_and_completeness_by_month_and_quarter()
    {
        var (db, _) = Load();
        using var _db = db;
        var months = Rows(db, "removals-priority-1", "MONTH", "ALL");
        Assert.Equal(3, months.Count);
        // November from the 15th: removals of the 20th (priority 1), 21st (2), 22nd (not recorded): 1 of the 2 recorded.
        Check(months[0], new DateTime(2013, 11, 1), partial: true, numerator: 1, denominator: 2, value: 0.5, inScope: 3, complete: 2);
        Equal(0.09453120573423074, months[0].IntervalLow);
        Equal(0.9054687942657693, months[0].IntervalHigh);
        // December: Chicago's 5th (priority 1) and 6th (not a priority); HSI's removal is outside the ERO filter.
        Check(months[1], new DateTime(2013, 12, 1), partial: false, numerator: 1, denominator: 2, value: 0.5, inScope: 2, complete: 2);
        // January: the 10th only; the apprehension of the 11th is not a removal, the removal of 1 February is after the period.
        Check(months[2], new DateTime(2014, 1, 1), partial: false, numerator: 1, denominator: 1, value: 1.0, inScope: 1, complete: 1);
        Equal(0.20654931437723745, months[2].IntervalLow);
        Equal(1.0, months[2].IntervalHigh);

        var quarters = Rows(db, "removals-priority-1", "QUARTER", "ALL");
        // FY2014 Q1 (October–December): 2 of 4 recorded, 5 in scope; Q2 (January–March) holds only January: partial.
        Check(quarters[0], new DateTime(2013, 10, 1), partial: true, numerator: 2, denominator: 4, value: 0.5, inScope: 5, complete: 4);
        Equal(0.15003898915214953, quarters[0].IntervalLow);
        Equal(0.8499610108478505, quarters[0].IntervalHigh);
        Check(quarters[1], new DateTime(2014, 1, 1), partial: true, numerator: 1, denominator: 1, value: 1.0, inScope: 1, complete: 1);
        Assert.Equal(2, quarters.Count);

        // By office, the quarter splits into Atlanta (November) and Chicago (December); by component it is all ERO.
        var offices = Rows(db, "removals-priority-1", "QUARTER", "OFFICE").Where(r => r.PeriodStart == new DateTime(2013, 10, 1)).ToList();
        Assert.Equal([("ICE-ERO", "ERO-ATL"), ("ICE-ERO", "ERO-CHI")], offices.Select(r => (r.ComponentCode, r.OfficeCode)));
        Check(offices[0], new DateTime(2013, 10, 1), partial: true, numerator: 1, denominator: 2, value: 0.5, inScope: 3, complete: 2);
        Check(offices[1], new DateTime(2013, 10, 1), partial: true, numerator: 1, denominator: 2, value: 0.5, inScope: 2, complete: 2);
        var components = Rows(db, "removals-priority-1", "QUARTER", "COMPONENT");
        Assert.Equal(["ICE-ERO", "ICE-ERO"], components.Select(r => r.ComponentCode));
        Assert.All(components, r => Assert.Null(r.OfficeCode));
    }

    [Fact]
    public void A_share_counts_each_decision_once_and_a_recorded_basis_is_always_recorded()
    {
        var (db, _) = Load();
        using var _db = db;
        var months = Rows(db, "basis-recorded", "MONTH", "ALL");
        // November: the decisions of the 16th (NO-TRAVEL-DOCS) and 18th (NOT-RECORDED); the repeat of the 17th is not counted.
        Check(months[0], new DateTime(2013, 11, 1), partial: true, numerator: 1, denominator: 2, value: 0.5, inScope: 2, complete: 2);
        Check(months[1], new DateTime(2013, 12, 1), partial: false, numerator: 1, denominator: 1, value: 1.0, inScope: 1, complete: 1);
        Assert.Equal(2, months.Count);
    }

    [Fact]
    public void A_rate_divides_by_the_denominator_population_in_the_same_period_and_takes_completeness_from_the_numerator()
    {
        var (db, _) = Load();
        using var _db = db;
        var months = Rows(db, "no-docs-per-1000-removals", "MONTH", "ALL");
        // November: 1 release for lack of travel documents (the 16th) per 3 removals (20th, 21st, 22nd) = 333.33 per 1,000.
        // Completeness: of the 2 decisions, the 18th's basis is NOT-RECORDED, so it cannot say whether it was one.
        Check(months[0], new DateTime(2013, 11, 1), partial: true, numerator: 1, denominator: 3, value: 1000.0 / 3, inScope: 2, complete: 1);
        // December: no such release (the 1st's basis is NOT-PRIORITY) per 3 removals (ERO 5th and 6th, HSI 7th).
        Check(months[1], new DateTime(2013, 12, 1), partial: false, numerator: 0, denominator: 3, value: 0, inScope: 1, complete: 1);
        // January: no decision at all per 1 removal: the value is 0 and completeness has nothing to be taken over.
        Check(months[2], new DateTime(2014, 1, 1), partial: false, numerator: 0, denominator: 1, value: 0, inScope: 0, complete: 0);
        // Garwood's exact Poisson interval for the numerator over the denominator, from published tables (k = 0: 0 to
        // 3.688879; k = 1: 0.025318 to 5.571643), not from the code's chi-squared quantiles.
        Assert.Equal(0.025318 / 3 * 1000, months[0].IntervalLow!.Value, 1e-2);
        Assert.Equal(5.571643 / 3 * 1000, months[0].IntervalHigh!.Value, 1e-2);
        Assert.Equal(0.0, months[1].IntervalLow!.Value);
        Assert.Equal(3.688879 / 3 * 1000, months[1].IntervalHigh!.Value, 1e-2);
        Assert.Equal(3.688879 * 1000, months[2].IntervalHigh!.Value, 1e-2);
    }

    [Fact]
    public void A_median_is_taken_over_the_requests_with_both_events_and_afresh_at_each_level()
    {
        var (db, _) = Load();
        using var _db = db;
        var months = Rows(db, "ice-daca-days", "MONTH", "ALL");
        // November: ICE referrals received the 20th (60 days), 25th (10) and 26th (undecided): median of 60 and 10 = 35.
        Check(months[0], new DateTime(2013, 11, 1), partial: true, numerator: null, denominator: 2, value: 35, inScope: 3, complete: 2);
        // December: the 2nd (91 days); the self-initiated request of 27 November is outside the filter.
        Check(months[1], new DateTime(2013, 12, 1), partial: false, numerator: null, denominator: 1, value: 91, inScope: 1, complete: 1);
        Assert.Equal(2, months.Count);
        // The quarter's median is of all three intervals (10, 60, 91), not the median of the months' medians (35, 91).
        var quarter = Assert.Single(Rows(db, "ice-daca-days", "QUARTER", "ALL"));
        Check(quarter, new DateTime(2013, 10, 1), partial: true, numerator: null, denominator: 3, value: 60, inScope: 4, complete: 3);
        // Three intervals are too few for a 95% order-statistic interval (at least 6 are needed): none is given.
        Assert.Null(quarter.IntervalLow);
        var office = Assert.Single(Rows(db, "ice-daca-days", "QUARTER", "OFFICE"));
        Assert.Equal(("USCIS", "USCIS-NSC"), (office.ComponentCode, office.OfficeCode));
    }

    [Fact]
    public void A_count_counts_the_matching_records_and_its_completeness_is_over_the_whole_population()
    {
        var (db, _) = Load();
        using var _db = db;
        var months = Rows(db, "removals", "MONTH", "ALL");
        // November from the 15th: 3 removals, nothing else. December: 3 removals and the Border Patrol apprehension.
        // January: the removal of the 10th and the apprehension of the 11th.
        Check(months[0], new DateTime(2013, 11, 1), partial: true, numerator: 3, denominator: 3, value: 3, inScope: 3, complete: 3);
        // Garwood's exact interval for a count of 3, from published tables: 0.618672 to 8.767273.
        Assert.Equal((0.618672, 8.767273), (Math.Round(months[0].IntervalLow!.Value, 6), Math.Round(months[0].IntervalHigh!.Value, 6)));
        Check(months[1], new DateTime(2013, 12, 1), partial: false, numerator: 3, denominator: 4, value: 3, inScope: 4, complete: 4);
        Check(months[2], new DateTime(2014, 1, 1), partial: false, numerator: 1, denominator: 2, value: 1, inScope: 2, complete: 2);
    }

    // DuckDB keeps the 128-bit PersonHash as a UHUGEINT: the person id serves as a distinct hash.
    private static void Person(WarehouseConnection db, int key, int id, string status, string from, string to) => db.Execute("""
        INSERT INTO dw.DimPerson (PersonKey, PersonId, PersonHash, Sex, BirthYear, CitizenshipCountryCode, CriminalStatus, ThreatLevel, ValidFrom, ValidTo, IsCurrent, LineageKey)
        VALUES (@key, @id, @id, 'U', NULL, 'ZZ', @status, NULL, CAST(@from AS TIMESTAMP), CAST(@to AS TIMESTAMP), @current, 1)
        """, new { key, id, status, from, to, current = to.StartsWith("9999", StringComparison.Ordinal) });

    private static void RecipientDecision(WarehouseConnection db, int date, int office, int person, bool repeat = false) => db.Execute("""
        INSERT INTO dw.FactDiscretionDecision (DiscretionDecisionRecordKey, SourceSystem, SourceRecordId, DecisionDateKey, ComponentKey, OfficeKey, PersonKey,
            CitizenshipCountryKey, DiscretionDecisionKey, PolicyKey, EnforcementPriorityKey, ProcessStageKey, PersonDecisionSequence, IsRepeatAtLaterStage, LineageKey)
        VALUES (@key, 'FIXTURE', @id, @date, 1, @office, @person, 0, @decision, 0, 0, 0, @sequence, @repeat, 1)
        """, new { key = ++_key, id = $"PD-{_key}", date, office, person, decision = RelNotPriority, sequence = repeat ? 2 : 1, repeat });

    private static void Apprehended(WarehouseConnection db, int date, int person) => db.Execute("""
        INSERT INTO dw.FactEnforcementAction (EnforcementActionRecordKey, SourceSystem, SourceRecordId, EventDateKey, ComponentKey, OfficeKey, PersonKey,
            NationalityCountryKey, EnforcementActionTypeKey, ProcessStageKey, EnforcementPriorityKey, CriminalStatus, ThreatLevel, ArrestMethod, LineageKey)
        VALUES (@key, 'FIXTURE', @id, @date, 1, 1, @person, 0, @type, 0, 0, 'UNKNOWN', NULL, NULL, 1)
        """, new { key = ++_key, id = $"EA-{_key}", date, person, type = Apprehension });

    private const string ArrestedGoal = """

          - id: arrested
            statement: PD recipients apprehended within 12 months.
            policy: ICE-2011-06-17-VWP
            period: { from: 2013-11-15, to: 2014-01-31 }
            measure: { kind: share, population: pd-recipients, numerator: { arrested-within-12-months: [yes] } }
            direction: lower
            target: 0.1
        """;

    /// <summary>
    /// Five PD recipients with hand-written person versions; the loaded data ends 2014-12-31 (one delivery), so decisions
    /// up to 2013-12-31 have their whole 12 months inside it and January's do not.
    /// </summary>
    [Fact]
    public void A_PD_recipient_counts_as_convicted_or_arrested_within_12_months_only_when_the_data_covers_the_12_months()
    {
        var path = Build();
        using var db = WarehouseConnection.OpenDuckDb(path);
        db.Execute("""
            INSERT INTO etl.Lineage (LineageKey, DeliveryName, FeedName, SourceSystem, ComponentCode, PeriodStart, PeriodEnd, StartedAt, FinishedAt, Status,
                RowsRead, RowsStaged, RowsRejected, RowsInserted, RowsUpdated)
            VALUES (1, 'fixture', 'ice-arrests', 'EID', 'ICE-ERO', DATE '2013-10-01', DATE '2014-12-31', TIMESTAMP '2015-01-15 06:00:00', TIMESTAMP '2015-01-15 06:01:00', 'SUCCEEDED', 0, 0, 0, 0, 0)
            """);
        // A: not criminal at the decision of 20 Nov 2013, recorded CRIMINAL from 1 March 2014 (101 days later), apprehended
        // 1 Feb 2014 under that later version: convicted and arrested within 12 months.
        Person(db, 101, 101, "NON-CRIMINAL", "1900-01-01", "2014-03-01");
        Person(db, 102, 101, "CRIMINAL", "2014-03-01", "9999-12-31");
        RecipientDecision(db, 20131120, Atl, 101);
        RecipientDecision(db, 20131125, Atl, 101, repeat: true);   // the same decision again: not counted
        Apprehended(db, 20140201, 102);
        // B: CRIMINAL from 21 Nov 2014, 366 days after the decision of 20 Nov 2013: not within 12 months; apprehended the
        // day of the decision, not after it.
        Person(db, 103, 103, "NON-CRIMINAL", "1900-01-01", "2014-11-21");
        Person(db, 104, 103, "CRIMINAL", "2014-11-21", "9999-12-31");
        RecipientDecision(db, 20131120, Atl, 103);
        Apprehended(db, 20131120, 103);
        // C: criminal all along: not "later" convicted.
        Person(db, 105, 105, "CRIMINAL", "1900-01-01", "9999-12-31");
        RecipientDecision(db, 20131202, Chi, 105);
        // D: the decision of 5 Dec 2013 points at the first version (UNKNOWN), but the version valid that day, from
        // 1 Dec, is CRIMINAL (a later batch opened it): criminal at the decision, so not later convicted.
        Person(db, 106, 106, "UNKNOWN", "1900-01-01", "2013-12-01");
        Person(db, 107, 106, "CRIMINAL", "2013-12-01", "9999-12-31");
        RecipientDecision(db, 20131205, Chi, 106);
        // E: decided 10 Jan 2014, CRIMINAL from June: its 12 months end after the data (2014-12-31): incomplete.
        Person(db, 108, 108, "NON-CRIMINAL", "1900-01-01", "2014-06-01");
        Person(db, 109, 108, "CRIMINAL", "2014-06-01", "9999-12-31");
        RecipientDecision(db, 20140110, Atl, 108);

        var result = new GoalsLoader(db, TimeProvider.System).Load("fixture.yaml", Encoding.UTF8.GetBytes(Goals + ArrestedGoal));
        Assert.Empty(result.Measurements.NotMeasured);

        // Decisions without a resolved person (the four of Build, PersonKey 0) are not PD recipients.
        var convicted = Rows(db, "convicted", "MONTH", "ALL");
        Assert.Equal(3, convicted.Count);
        Check(convicted[0], new DateTime(2013, 11, 1), partial: true, numerator: 1, denominator: 2, value: 0.5, inScope: 2, complete: 2);   // A yes, B no
        Check(convicted[1], new DateTime(2013, 12, 1), partial: false, numerator: 0, denominator: 2, value: 0, inScope: 2, complete: 2);    // C, D no
        Equal(0, convicted[1].IntervalLow);
        Equal(0.6576197724933469, convicted[1].IntervalHigh);
        Check(convicted[2], new DateTime(2014, 1, 1), partial: false, numerator: 0, denominator: 0, value: null, inScope: 1, complete: 0);  // E not yet known
        Assert.Null(convicted[2].IntervalLow);
        var quarter = Rows(db, "convicted", "QUARTER", "ALL")[0];
        Check(quarter, new DateTime(2013, 10, 1), partial: true, numerator: 1, denominator: 4, value: 0.25, inScope: 4, complete: 4);
        Equal(0.04558726080970055, quarter.IntervalLow);
        Equal(0.6993581574175981, quarter.IntervalHigh);
        var offices = Rows(db, "convicted", "QUARTER", "OFFICE");
        Assert.Equal([("ERO-ATL", 1L, 2L), ("ERO-CHI", 0L, 2L)], offices.Where(o => o.PeriodStart == new DateTime(2013, 10, 1)).Select(o => (o.OfficeCode!, o.Numerator!.Value, o.Denominator)));

        var arrested = Rows(db, "arrested", "MONTH", "ALL");
        Check(arrested[0], new DateTime(2013, 11, 1), partial: true, numerator: 1, denominator: 2, value: 0.5, inScope: 2, complete: 2);    // A yes, B no
        Check(arrested[1], new DateTime(2013, 12, 1), partial: false, numerator: 0, denominator: 2, value: 0, inScope: 2, complete: 2);
        Check(arrested[2], new DateTime(2014, 1, 1), partial: false, numerator: 0, denominator: 0, value: null, inScope: 1, complete: 0);
    }

    private static void PersonAction(WarehouseConnection db, int date, short component, short type, short priority, int person) => db.Execute("""
        INSERT INTO dw.FactEnforcementAction (EnforcementActionRecordKey, SourceSystem, SourceRecordId, EventDateKey, ComponentKey, OfficeKey, PersonKey,
            NationalityCountryKey, EnforcementActionTypeKey, ProcessStageKey, EnforcementPriorityKey, CriminalStatus, ThreatLevel, ArrestMethod, LineageKey)
        VALUES (@key, 'FIXTURE', @id, @date, @component, @office, @person, 0, @type, 0, @priority, 'UNKNOWN', NULL, NULL, 1)
        """, new { key = ++_key, id = $"EA-{_key}", date, component, office = Atl, type, priority, person });

    /// <summary>Removals of resolved persons without a priority of their own take the one of the person's latest ICE ERO arrest on or before them.</summary>
    [Fact]
    public void A_removal_without_a_priority_takes_the_one_recorded_at_the_persons_latest_ERO_arrest_on_or_before_it()
    {
        var path = Build();
        using var db = WarehouseConnection.OpenDuckDb(path);
        Person(db, 201, 201, "NON-CRIMINAL", "1900-01-01", "2013-11-10");
        Person(db, 202, 201, "CRIMINAL", "2013-11-10", "9999-12-31");
        PersonAction(db, 20131101, Ero, Apprehension, P2011Level2, 201);
        PersonAction(db, 20131120, Ero, RemovalEr, PUnknown, 201);     // latest ERO arrest 1 Nov: priority 2
        PersonAction(db, 20131125, Ero, Apprehension, P2011Level1, 202); // under the person's later version
        PersonAction(db, 20131127, Hsi, Apprehension, P2011None, 202);   // an HSI arrest is not an ERO arrest
        PersonAction(db, 20131128, Ero, RemovalEr, PUnknown, 202);     // latest ERO arrest 25 Nov: priority 1
        Person(db, 203, 203, "UNKNOWN", "1900-01-01", "9999-12-31");
        PersonAction(db, 20131129, Ero, RemovalEr, PUnknown, 203);     // never arrested: no priority
        PersonAction(db, 20131215, Ero, Apprehension, P2011Level1, 203); // after the removal: not "on or before"
        Person(db, 204, 204, "UNKNOWN", "1900-01-01", "9999-12-31");
        PersonAction(db, 20131210, Ero, Apprehension, P2011Level1, 204);
        PersonAction(db, 20131210, Ero, RemovalJudicial, PUnknown, 204); // arrested the same day: priority 1

        new GoalsLoader(db, TimeProvider.System).Load("fixture.yaml", Encoding.UTF8.GetBytes(Goals));

        var months = Rows(db, "removals-priority-1", "MONTH", "ALL");
        // November: Build's 20th (1), 21st (2), 22nd (none), and these 20th (2), 28th (1), 29th (none): 2 of 4 recorded, 6 in scope.
        Check(months[0], new DateTime(2013, 11, 1), partial: true, numerator: 2, denominator: 4, value: 0.5, inScope: 6, complete: 4);
        // December: Chicago's 5th (1) and 6th (not a priority), and the 10th (1): 2 of 3.
        Check(months[1], new DateTime(2013, 12, 1), partial: false, numerator: 2, denominator: 3, value: 2.0 / 3, inScope: 3, complete: 3);
    }

    [Fact]
    public void Loading_the_goals_again_after_new_facts_measures_them_and_otherwise_writes_the_same_rows()
    {
        var (db, first) = Load();
        using var _db = db;
        var before = Stored(db);
        var again = new GoalsLoader(db, TimeProvider.System).Load("fixture.yaml", Encoding.UTF8.GetBytes(Goals));
        Assert.Equal(GoalsLoadResult.AlreadyCurrent, again.Outcome);
        Assert.Equal(first.Measurements.Rows, again.Measurements.Rows);
        Assert.Equal(before, Stored(db));

        // A removal loaded since, in January, priority 2: January's share falls from 1/1 to 1/2.
        Action(db, 20140115, Ero, Atl, RemovalEr, P2011Level2);
        new GoalsLoader(db, TimeProvider.System).Load("fixture.yaml", Encoding.UTF8.GetBytes(Goals));
        var january = Rows(db, "removals-priority-1", "MONTH", "ALL")[2];
        Check(january, new DateTime(2014, 1, 1), partial: false, numerator: 1, denominator: 2, value: 0.5, inScope: 2, complete: 2);
    }

    [Fact]
    public void Warehouse_init_measures_the_current_goals_again_from_what_the_warehouse_stored()
    {
        var (db, _) = Load();
        string path;
        List<string> loaded;
        using (db)
        {
            loaded = Stored(db);
            Assert.NotEmpty(loaded);
            db.Execute("DELETE FROM etl.IndicatorMeasurement");
            path = ((DuckDB.NET.Data.DuckDBConnection)db.Connection).DataSource;
        }

        var init = Pdw.Run("warehouse", "init", "--db", path);

        Assert.True(init.ExitCode == 0, init.Err);
        // Every population is measured now: the fixture's PD recipients indicator has no records (no decision has a person) and no rows.
        Assert.Contains($"policy indicators measured again: {loaded.Count:N0} rows in etl.IndicatorMeasurement{Environment.NewLine}", init.Out);
        using var after = WarehouseConnection.OpenDuckDb(path);
        // Read back from dw.DimIndicator, the goals measure exactly as they did from the file.
        Assert.Equal(loaded, Stored(after));
    }
}
