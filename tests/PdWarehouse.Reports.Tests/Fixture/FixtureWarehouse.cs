using System.Security.Cryptography;
using System.Text;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Reports.Tests.Fixture;

/// <summary>
/// A DuckDB warehouse with a few dozen hand-written fact rows. Every expected table cell in
/// <see cref="ExpectedTables"/> was worked out by hand from the rows written here, not by running the code.
/// </summary>
public static class FixtureWarehouse
{
    public const int FiscalYear = 2014;
    public const int MinimumCell = 3;
    public const string ScriptOfficeName = "<script>alert('pdw')</script> Sector";

    // Identifiers that must never reach a report: person hashes and the raw text of a rejected row.
    public const string RejectedRawText = "A012345678,Juan Testperson,1990-01-01";
    // The 128-bit pseudonym (BINARY(16); UHUGEINT on DuckDB) as the decimal text an engine would show it in.
    public static string PersonHash(int person) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"fixture-person-{person}"))).ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static IEnumerable<string> AllPersonHashes => Enumerable.Range(1, 8).Select(PersonHash);

    // Dimension keys from warehouse/reference.
    private const short Ero = 1, Hsi = 2, Opla = 3, Usbp = 4, Ofo = 5;
    private const int Atl = 1, Chi = 5, Rgv = 32, Tca = 34, Blw = 36, Lar = 55, Mia = 57, Nsc = 68, OplaAtl = 72, Xss = 200, UnknownOffice = 0;
    private const short Ca = 39, Cn = 45, Gt = 88, Hn = 95, Mx = 141;
    private const short Apprehension = 1, Inadmissible = 2, BookIn = 3, RemovalEr = 4, RemovalJudicial = 7, ReturnVr = 9;
    private const short RelNotPriority = 1, RelDaca = 2, RelHumanitarian = 3, NtaNotIssuedNotPriority = 11, NtaCancelNotPriority = 21, DismissNotPriority = 31;
    private const short PolicyNursing = 3, PolicyPd2011 = 5, PolicyDaca = 8;
    private const short Priority2011Level2 = 2, Priority2011None = 4;
    private const byte Encounter = 1, Arrest = 2, Detention = 3, Charging = 4, Proceedings = 5;

    public static string Create(string directory)
    {
        var path = Path.Combine(directory, "fixture.duckdb");
        using (var model = WarehouseModel.LoadDacpac(Path.Combine(AppContext.BaseDirectory, "PdWarehouse.dacpac")))
            new DuckDbWarehouseInitializer(model, ReferenceData.Load(WarehouseSources.Locate(), model)).Initialize(path);
        using var db = WarehouseConnection.OpenDuckDb(path);
        Persons(db);
        db.Execute("""
            INSERT INTO dw.DimOffice (OfficeKey, OfficeCode, OfficeName, OfficeType, ComponentCode, ParentOfficeCode, StateCode, OfficeRegion, ValidFrom, ValidTo, IsCurrent, LineageKey)
            VALUES (@key, 'USBP-XSS', @name, 'Border Patrol sector', 'CBP-USBP', NULL, 'TX', 'Southwest border', @from, @to, true, 0)
            """, new { key = Xss, name = ScriptOfficeName, from = ReferenceData.SeedValidFrom, to = ReferenceData.OpenValidTo });
        Enforcement(db);
        Discretion(db);
        Daca(db);
        LoadRecords(db);
        // The facts above were written directly, not by a load: build their summaries as `pdw warehouse init` does.
        foreach (var summary in FactSummaries.All)
            foreach (var sql in summary.Rebuild) db.Execute(sql, new { LineageKey = 0 });
        return path;
    }

    private static void Persons(WarehouseConnection db)
    {
        // PersonId is the key of the person's first version, as the loader assigns it (person 3's versions are keys 3 and 9).
        void Person(int key, int person, string country, string status, DateTime from, DateTime to, bool current) => db.Execute("""
            INSERT INTO dw.DimPerson (PersonKey, PersonId, PersonHash, Sex, BirthYear, CitizenshipCountryCode, CriminalStatus, ThreatLevel, ValidFrom, ValidTo, IsCurrent, LineageKey)
            VALUES (@key, @person, CAST(@hash AS UHUGEINT), 'U', 1990, @country, @status, NULL, @from, @to, @current, 1)
            """, new { key, person, hash = PersonHash(person), country, status, from, to, current });
        var seed = ReferenceData.SeedValidFrom;
        var open = ReferenceData.OpenValidTo;
        Person(1, 1, "MX", "NON-CRIMINAL", seed, open, true);
        Person(2, 2, "MX", "NON-CRIMINAL", seed, open, true);
        // Person 3 is convicted after the PD decision: a second SCD2 version from 1 June 2014.
        Person(3, 3, "GT", "NON-CRIMINAL", seed, new DateTime(2014, 6, 1), false);
        Person(9, 3, "GT", "CRIMINAL", new DateTime(2014, 6, 1), open, true);
        Person(4, 4, "MX", "NON-CRIMINAL", seed, open, true);
        Person(5, 5, "MX", "NON-CRIMINAL", seed, open, true);
        Person(6, 6, "GT", "NON-CRIMINAL", seed, open, true);
        Person(7, 7, "GT", "NON-CRIMINAL", seed, open, true);
        Person(8, 8, "CN", "NON-CRIMINAL", seed, open, true);
    }

    private static int _record;

    private static void Action(WarehouseConnection db, int count, int date, short component, int office, short country, short type, string criminal = "NON-CRIMINAL", int person = 0)
    {
        for (var i = 0; i < count; i++)
            db.Execute("""
                INSERT INTO dw.FactEnforcementAction (EnforcementActionRecordKey, SourceSystem, SourceRecordId, EventDateKey, ComponentKey, OfficeKey, PersonKey, NationalityCountryKey,
                    EnforcementActionTypeKey, ProcessStageKey, EnforcementPriorityKey, CriminalStatus, ThreatLevel, ArrestMethod, LineageKey)
                VALUES (@key, 'FIXTURE', @id, @date, @component, @office, @person, @country, @type, 2, 0, @criminal, NULL, NULL, 1)
                """, new { key = Interlocked.Increment(ref _record), id = $"EA-{_record}", date, component, office, person, country, type, criminal });
    }

    private static void Enforcement(WarehouseConnection db)
    {
        const int fy14 = 20140315, fy13 = 20130510, fy12 = 20120201;
        // Apprehensions FY2014. Four are of persons who also have PD decisions, on the dates the follow-up needs.
        Action(db, 10, fy14, Usbp, Rgv, Mx, Apprehension);
        Action(db, 1, 20140910, Usbp, Rgv, Mx, Apprehension, person: 5);   // after P5's decision of 2 April 2014
        Action(db, 1, 20131001, Usbp, Rgv, Mx, Apprehension);
        Action(db, 4, fy14, Usbp, Rgv, Gt, Apprehension);
        Action(db, 1, 20140610, Usbp, Rgv, Gt, Apprehension, person: 7);   // same day as P7's decision: not later
        Action(db, 7, fy14, Usbp, Tca, Mx, Apprehension);
        Action(db, 1, fy14, Usbp, Blw, Ca, Apprehension);
        Action(db, 4, fy14, Usbp, Xss, Mx, Apprehension);
        Action(db, 4, fy14, Ero, Atl, Mx, Apprehension);
        Action(db, 1, 20140801, Ero, Atl, Mx, Apprehension, person: 1);    // after both of P1's decisions
        Action(db, 1, 20131020, Ero, Atl, Mx, Apprehension, person: 2);    // before P2's decision
        Action(db, 2, fy14, Ero, Atl, Hn, Apprehension);
        Action(db, 3, fy14, Ero, Chi, Gt, Apprehension);
        Action(db, 2, fy14, Hsi, UnknownOffice, Mx, Apprehension);
        // Apprehensions FY2013 and FY2012.
        Action(db, 9, fy13, Usbp, Rgv, Mx, Apprehension);
        Action(db, 2, fy13, Usbp, Tca, Gt, Apprehension);
        Action(db, 4, fy13, Ero, Atl, Mx, Apprehension);
        Action(db, 5, fy12, Usbp, Rgv, Mx, Apprehension);
        Action(db, 1, fy12, Ero, Chi, Hn, Apprehension);
        // Inadmissibles.
        Action(db, 8, fy14, Ofo, Lar, Mx, Inadmissible);
        Action(db, 1, fy14, Ofo, Lar, Cn, Inadmissible);
        Action(db, 4, fy14, Ofo, Mia, Cn, Inadmissible);
        Action(db, 5, fy13, Ofo, Lar, Mx, Inadmissible);
        // Detention book-ins.
        Action(db, 5, fy14, Ero, Atl, Mx, BookIn);
        Action(db, 2, fy14, Ero, Chi, Gt, BookIn);
        Action(db, 3, fy13, Ero, Atl, Mx, BookIn);
        // Removals.
        Action(db, 6, fy14, Ero, Atl, Mx, RemovalJudicial, "CRIMINAL");
        Action(db, 4, fy14, Ero, Atl, Mx, RemovalEr, "NON-CRIMINAL");
        Action(db, 2, fy14, Ero, Atl, Gt, RemovalJudicial, "CRIMINAL");
        Action(db, 3, fy14, Ero, Atl, Gt, RemovalEr, "NON-CRIMINAL");
        Action(db, 1, fy14, Ero, Atl, Cn, RemovalJudicial, "UNKNOWN");
        Action(db, 5, fy13, Ero, Atl, Mx, RemovalJudicial, "CRIMINAL");
        Action(db, 4, fy12, Ero, Atl, Mx, RemovalEr, "NON-CRIMINAL");
        // Returns.
        Action(db, 7, fy14, Ero, Atl, Mx, ReturnVr);
        Action(db, 3, fy14, Ero, Atl, Ca, ReturnVr);
        Action(db, 2, fy13, Ero, Atl, Mx, ReturnVr);
    }

    private static void Decision(WarehouseConnection db, string id, int date, short component, int office, int person, short country,
        short decision, short policy, short priority, byte stage, int sequence = 1)
    {
        db.Execute("""
            INSERT INTO dw.FactDiscretionDecision (DiscretionDecisionRecordKey, SourceSystem, SourceRecordId, DecisionDateKey, ComponentKey, OfficeKey, PersonKey, CitizenshipCountryKey,
                DiscretionDecisionKey, PolicyKey, EnforcementPriorityKey, ProcessStageKey, PersonDecisionSequence, IsRepeatAtLaterStage, LineageKey)
            VALUES (@key, 'FIXTURE', @id, @date, @component, @office, @person, @country, @decision, @policy, @priority, @stage, @sequence, @repeat, 1)
            """, new { key = long.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture), id, date, component, office, person, country, decision, policy, priority, stage, sequence, repeat = sequence > 1 });
    }

    private static void Discretion(WarehouseConnection db)
    {
        Decision(db, "D1", 20131105, Ero, Atl, 1, Mx, RelNotPriority, PolicyPd2011, Priority2011None, Arrest);
        Decision(db, "D2", 20131210, Ero, Atl, 2, Mx, RelNotPriority, PolicyPd2011, Priority2011None, Arrest);
        Decision(db, "D3", 20140115, Ero, Atl, 3, Gt, RelHumanitarian, PolicyNursing, Priority2011None, Detention);
        Decision(db, "D4", 20140220, Ero, Chi, 4, Mx, NtaNotIssuedNotPriority, PolicyPd2011, Priority2011None, Arrest);
        Decision(db, "D5", 20140221, Ero, Chi, 4, Mx, NtaNotIssuedNotPriority, PolicyPd2011, Priority2011None, Charging, sequence: 2);
        Decision(db, "D6", 20140402, Usbp, Rgv, 5, Mx, RelDaca, PolicyDaca, Priority2011Level2, Encounter);
        Decision(db, "D7", 20140505, Usbp, Rgv, 6, Gt, RelDaca, PolicyDaca, Priority2011None, Encounter);
        Decision(db, "D8", 20140610, Usbp, Rgv, 7, Gt, RelDaca, PolicyDaca, Priority2011None, Encounter);
        Decision(db, "D9", 20140701, Opla, OplaAtl, 1, Mx, DismissNotPriority, PolicyPd2011, Priority2011None, Proceedings);
        Decision(db, "D10", 20140815, Opla, OplaAtl, 8, Cn, NtaCancelNotPriority, PolicyPd2011, Priority2011None, Proceedings);
        Decision(db, "D11", 20140901, Ero, Atl, 0, Mx, RelNotPriority, PolicyPd2011, Priority2011None, Arrest);
        Decision(db, "D12", 20140920, Ero, Atl, 2, Mx, RelNotPriority, PolicyPd2011, Priority2011None, Detention, sequence: 2);
        // FY2013, for the comparison with the previous year.
        Decision(db, "D13", 20130301, Ero, Atl, 0, Mx, RelNotPriority, PolicyPd2011, Priority2011None, Arrest);
        Decision(db, "D14", 20130401, Ero, Chi, 0, Mx, RelNotPriority, PolicyPd2011, Priority2011None, Arrest);
        Decision(db, "D15", 20130501, Usbp, Rgv, 0, Mx, RelDaca, PolicyDaca, Priority2011None, Encounter);
        Decision(db, "D16", 20130601, Ero, Atl, 0, Gt, RelNotPriority, PolicyPd2011, Priority2011None, Arrest);
    }

    private static void Daca(WarehouseConnection db)
    {
        var n = 0;
        void Request(int person, string status, short referral, int receipt = 20140110)
        {
            var accepted = status is "REJECTED" or "RECEIVED" ? 0 : receipt + 10;
            var decided = status is "APPROVED" or "DENIED" ? 20140301 : 0;
            db.Execute("""
                INSERT INTO dw.FactDeferredActionRequest (DeferredActionRequestRecordKey, SourceSystem, SourceRecordId, PersonKey, CitizenshipCountryKey, ServiceCenterOfficeKey, RequestType,
                    RequestStatus, ReceiptDateKey, AcceptedDateKey, DecisionDateKey, ReferralComponentKey, PolicyKey, LineageKey)
                VALUES (@key, 'FIXTURE', @id, @person, @country, @office, 'INITIAL', @status, @receipt, @accepted, @decided, @referral, @policy, 1)
                """, new { key = ++n, id = $"NSC{n:D10}", person, country = Mx, office = Nsc, status, receipt, accepted, decided, referral, policy = PolicyDaca });
        }
        Request(5, "APPROVED", Usbp);
        Request(6, "APPROVED", Usbp);
        Request(7, "ACCEPTED", Usbp);
        Request(1, "DENIED", Ero);
        for (var i = 0; i < 4; i++) Request(0, "APPROVED", 0);
        Request(0, "DENIED", 0);
        Request(0, "REJECTED", 0);
        Request(0, "APPROVED", 0, receipt: 20130110);
        Request(0, "APPROVED", 0, receipt: 20130110);
    }

    private static void LoadRecords(WarehouseConnection db)
    {
        long n = 0;
        void Lineage(int key, string feed, string component, DateTime start, DateTime end, long read, long staged, long rejected, long inserted, long updated) => db.Execute("""
            INSERT INTO etl.Lineage (LineageKey, DeliveryName, FeedName, SourceSystem, ComponentCode, PeriodStart, PeriodEnd, ManifestSha256, StartedAt, FinishedAt, Status,
                RowsRead, RowsStaged, RowsRejected, RowsInserted, RowsUpdated, Message)
            VALUES (@key, @name, @feed, 'FIXTURE', @component, @start, @end, NULL, @started, @started, 'SUCCEEDED', @read, @staged, @rejected, @inserted, @updated, NULL)
            """, new { key, name = $"{feed} delivery {key}", feed, component, start, end, started = new DateTime(2014, 11, 1), read, staged, rejected, inserted, updated });
        Lineage(1, "ERO-PD", "ICE-ERO", new DateTime(2013, 10, 1), new DateTime(2014, 9, 30), 14, 12, 2, 12, 0);
        Lineage(2, "USBP-APPREHENSION", "CBP-USBP", new DateTime(2013, 10, 1), new DateTime(2014, 9, 30), 40, 39, 1, 38, 1);
        Lineage(3, "ERO-PD", "ICE-ERO", new DateTime(2012, 10, 1), new DateTime(2013, 9, 30), 5, 5, 0, 5, 0);
        // The enforcement feeds' deliveries, so the tables know which years were loaded: every year of each feed the
        // fixture counts, except the Office of Field Operations' FY2012 (its inadmissibles print NA for 2012) and
        // detention book-ins before FY2013. They carry no rows of their own: the counts above are the fixture's.
        var key = 4;
        foreach (var (feed, component, years) in new[]
        {
            ("cbp-usbp-apprehensions", "CBP-USBP", new[] { 2012, 2013, 2014 }), ("ice-arrests", "ICE-ERO", [2012, 2013, 2014]),
            ("cbp-ofo-inadmissibles", "CBP-OFO", [2013, 2014]), ("ice-removals-returns", "ICE-ERO", [2012, 2013, 2014]),
            ("ice-ero-detention-bookins", "ICE-ERO", [2013, 2014]),
        })
            foreach (var year in years)
                Lineage(key++, feed, component, new DateTime(year - 1, 10, 1), new DateTime(year, 9, 30), 0, 0, 0, 0, 0);

        void Control(int lineage, string measure, long reported, long loaded) => db.Execute(
            "INSERT INTO etl.ControlTotal (ControlTotalKey, LineageKey, MeasureName, ReportedValue, LoadedValue, Difference) VALUES (@key, @lineage, @measure, @reported, @loaded, @difference)",
            new { key = ++n, lineage, measure, reported, loaded, difference = loaded - reported });
        Control(1, "PD releases in period", 13, 12);
        Control(2, "Apprehensions in period", 39, 39);
        Control(3, "PD releases in period", 5, 5);

        void Reject(int lineage, long line, string reason) => db.Execute(
            "INSERT INTO etl.Reject (RejectKey, LineageKey, FileName, LineNumber, FieldName, ReasonCode, Message, RawText) VALUES (@key, @lineage, 'decisions.csv', @line, 'EventDate', @reason, 'fixture reject', @raw)",
            new { key = ++n, lineage, line, reason, raw = RejectedRawText });
        Reject(1, 4, "INVALID-DATE");
        Reject(1, 9, "MISSING-REQUIRED");
        Reject(2, 17, "UNKNOWN-CODE");

        void Test(int lineage, string type, string severity, bool passed, long failing) => db.Execute("""
            INSERT INTO etl.DataQualityResult (DataQualityResultKey, LineageKey, TestName, TestType, TableName, ColumnName, Severity, FailingRows, Passed, CheckedAt)
            VALUES (@key, @lineage, @name, @type, 'dw.FactDiscretionDecision', NULL, @severity, @failing, @passed, @at)
            """, new { key = ++n, lineage, name = $"{type} {lineage}", type, severity, failing, passed, at = new DateTime(2014, 11, 1) });
        Test(1, "UNIQUE", "ERROR", true, 0);
        Test(1, "NOT-NULL", "ERROR", true, 0);
        Test(1, "RELATIONSHIP", "WARN", false, 1);
        Test(2, "UNIQUE", "ERROR", true, 0);
    }
}
