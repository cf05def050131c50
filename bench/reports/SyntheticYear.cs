using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Bench.Reports;

/// <summary>
/// Fills a DuckDB warehouse with row volumes of the published FY2012-FY2014 figures (DESIGN §9) so the
/// benchmark runs at full scale before the generator and loader exist. Attributes are random: only the
/// volumes matter here, never the figures. This SQL is DuckDB's own (range, random), not shared SQL.
/// </summary>
public static class SyntheticYear
{
    public static void Create(string path)
    {
        if (File.Exists(path)) File.Delete(path);
        using (var model = WarehouseModel.LoadDacpac(Path.Combine(AppContext.BaseDirectory, "PdWarehouse.dacpac")))
            new DuckDbWarehouseInitializer(model, ReferenceData.Load(WarehouseSources.Locate(), model)).Initialize(path);
        using var db = WarehouseConnection.OpenDuckDb(path);
        db.Execute("""
            INSERT INTO dw.DimPerson (PersonKey, PersonId, PersonHash, Sex, BirthYear, CitizenshipCountryCode, CriminalStatus, ThreatLevel, ValidFrom, ValidTo, IsCurrent, LineageKey)
            SELECT i, i, CAST(hash('bench-' || i) AS UHUGEINT), 'U', 1990, 'MX', CASE WHEN random() < 0.3 THEN 'CRIMINAL' ELSE 'NON-CRIMINAL' END, NULL,
                   TIMESTAMP '1900-01-01', TIMESTAMP '9999-12-31', true, 1
            FROM range(1, 200001) t(i)
            """);
        var actions = new (int Year, short Type, short Component, int OfficeFrom, int OfficeTo, int Rows)[]
        {
            (2012, 1, 4, 27, 46, 364_768), (2013, 1, 4, 27, 46, 420_789), (2014, 1, 4, 27, 46, 486_651),
            (2012, 1, 2, 0, 0, 15_937), (2013, 1, 2, 0, 0, 11_996), (2014, 1, 2, 0, 0, 11_626),
            (2012, 1, 1, 1, 26, 290_622), (2013, 1, 1, 1, 26, 229_698), (2014, 1, 1, 1, 26, 181_719),
            (2012, 2, 5, 47, 66, 195_000), (2013, 2, 5, 47, 66, 204_000), (2014, 2, 5, 47, 66, 223_000),
            (2012, 3, 1, 1, 26, 478_000), (2013, 3, 1, 1, 26, 441_000), (2014, 3, 1, 1, 26, 425_000),
            (2012, 7, 1, 1, 26, 418_397), (2013, 7, 1, 1, 26, 438_421), (2014, 7, 1, 1, 26, 414_481),
            (2012, 9, 1, 1, 26, 230_386), (2013, 9, 1, 1, 26, 178_371), (2014, 9, 1, 1, 26, 162_814),
        };
        var n = 0;
        foreach (var a in actions)
            db.Execute($"""
                INSERT INTO dw.FactEnforcementAction (EnforcementActionRecordKey, SourceSystem, SourceRecordId, EventDateKey, ComponentKey, OfficeKey, PersonKey, NationalityCountryKey,
                    EnforcementActionTypeKey, ProcessStageKey, EnforcementPriorityKey, CriminalStatus, ThreatLevel, ArrestMethod, LineageKey)
                SELECT (SELECT COALESCE(MAX(EnforcementActionRecordKey), 0) FROM dw.FactEnforcementAction) + i + 1, 'BENCH', 'EA{n++}-' || i,
                    CAST(strftime(DATE '{a.Year - 1}-10-01' + CAST(floor(random() * 365) AS INTEGER), '%Y%m%d') AS INTEGER),
                    {a.Component}, {a.OfficeFrom} + CAST(floor(random() * {a.OfficeTo - a.OfficeFrom + 1}) AS INTEGER),
                    CASE WHEN random() < 0.05 THEN 1 + CAST(floor(random() * 200000) AS INTEGER) ELSE 0 END,
                    CASE WHEN random() < 0.6 THEN 141 WHEN random() < 0.4 THEN 88 WHEN random() < 0.4 THEN 95 WHEN random() < 0.4 THEN 66 ELSE 1 + CAST(floor(random() * 238) AS INTEGER) END,
                    {a.Type}, 2, 0,
                    CASE WHEN random() < 0.45 THEN 'CRIMINAL' WHEN random() < 0.9 THEN 'NON-CRIMINAL' ELSE 'UNKNOWN' END, NULL, NULL, 1
                FROM range({a.Rows}) t(i)
                """);
        foreach (var (year, rows) in new[] { (2013, 21_000), (2014, 26_000) })
            db.Execute($"""
                INSERT INTO dw.FactDiscretionDecision (DiscretionDecisionRecordKey, SourceSystem, SourceRecordId, DecisionDateKey, ComponentKey, OfficeKey, PersonKey, CitizenshipCountryKey,
                    DiscretionDecisionKey, PolicyKey, EnforcementPriorityKey, ProcessStageKey, PersonDecisionSequence, IsRepeatAtLaterStage, LineageKey)
                SELECT (SELECT COALESCE(MAX(DiscretionDecisionRecordKey), 0) FROM dw.FactDiscretionDecision) + i + 1, 'BENCH', 'PD{year}-' || i,
                    CAST(strftime(DATE '{year - 1}-10-01' + CAST(floor(random() * 365) AS INTEGER), '%Y%m%d') AS INTEGER),
                    c.ComponentKey, c.OfficeKey, 1 + CAST(floor(random() * 200000) AS INTEGER),
                    CASE WHEN random() < 0.6 THEN 141 ELSE 1 + CAST(floor(random() * 238) AS INTEGER) END,
                    1 + CAST(floor(random() * 80) AS INTEGER), 1 + CAST(floor(random() * 10) AS INTEGER), 1 + CAST(floor(random() * 15) AS INTEGER),
                    1 + CAST(floor(random() * 7) AS INTEGER), 1, false, 1
                FROM (SELECT i, random() AS r FROM range({rows}) t(i)) AS s
                CROSS JOIN LATERAL (SELECT CASE WHEN s.r < 0.6 THEN 1 WHEN s.r < 0.8 THEN 3 ELSE 4 END AS ComponentKey,
                    CASE WHEN s.r < 0.6 THEN 1 + CAST(floor(random() * 26) AS INTEGER) WHEN s.r < 0.8 THEN 72 + CAST(floor(random() * 24) AS INTEGER)
                         ELSE 27 + CAST(floor(random() * 20) AS INTEGER) END AS OfficeKey) AS c
                """);
        foreach (var (year, rows) in new[] { (2013, 427_612), (2014, 238_898) })
            db.Execute($"""
                INSERT INTO dw.FactDeferredActionRequest (DeferredActionRequestRecordKey, SourceSystem, SourceRecordId, PersonKey, CitizenshipCountryKey, ServiceCenterOfficeKey, RequestType,
                    RequestStatus, ReceiptDateKey, AcceptedDateKey, DecisionDateKey, ReferralComponentKey, PolicyKey, LineageKey)
                SELECT (SELECT COALESCE(MAX(DeferredActionRequestRecordKey), 0) FROM dw.FactDeferredActionRequest) + i + 1, 'BENCH', 'DACA{year}-' || i, 0, 141, 67 + CAST(floor(random() * 5) AS INTEGER), 'INITIAL',
                    CASE WHEN random() < 0.7 THEN 'APPROVED' WHEN random() < 0.5 THEN 'ACCEPTED' WHEN random() < 0.7 THEN 'DENIED' ELSE 'REJECTED' END,
                    {year * 10000 + 115}, {year * 10000 + 201}, 0,
                    CASE WHEN random() < 0.002 THEN 4 WHEN random() < 0.002 THEN 1 ELSE 0 END, 8, 1
                FROM range({rows}) t(i)
                """);
        db.Execute("""
            INSERT INTO etl.Lineage (LineageKey, DeliveryName, FeedName, SourceSystem, ComponentCode, PeriodStart, PeriodEnd, ManifestSha256, StartedAt, FinishedAt, Status,
                RowsRead, RowsStaged, RowsRejected, RowsInserted, RowsUpdated, Message)
            VALUES (1, 'bench', 'BENCH', 'BENCH', 'ICE-ERO', DATE '2013-10-01', DATE '2014-09-30', NULL, TIMESTAMP '2014-11-01', TIMESTAMP '2014-11-01', 'SUCCEEDED', 0, 0, 0, 0, 0, NULL)
            """);
        // The facts were written directly, not by a load: the report summary tables are built as `pdw warehouse init` builds them.
        foreach (var summary in FactSummaries.All)
            foreach (var sql in summary.Rebuild) db.Execute(sql, new { LineageKey = 0 });
    }
}
