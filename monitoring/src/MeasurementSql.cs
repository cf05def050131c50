using Dapper;

namespace PdWarehouse.Monitoring;

/// <summary>How a catalog population reads in SQL: its joins, date, component and office, and each field's expression.</summary>
/// <param name="From">FROM clause; the period event's dw.DimDate is aliased d.</param>
/// <param name="Fields">Field name → (SQL expression of its value as text, SQL condition under which it is recorded).</param>
/// <param name="Events">Event name → (its dw.DimDate key column, yyyymmdd, which both engines return alike; SQL condition under which it is recorded).</param>
internal sealed record PopulationSql(
    string From, string DateKey, string ComponentKey, string OfficeKey, string Base,
    IReadOnlyDictionary<string, (string Value, string Recorded)> Fields, IReadOnlyDictionary<string, (string Date, string Recorded)> Events);

/// <summary>
/// The measurement's shared SQL (one text for both engines, DESIGN §4), generated per indicator from the catalog: each
/// statement groups a population's records by calendar month, component and office in the database; the C# side rolls
/// months up to fiscal quarters and offices up to components, and computes values and intervals.
/// Filter values are always parameters; only catalog expressions (never file text) are written into the SQL.
/// </summary>
internal static class MeasurementSql
{
    private static readonly (string, string) Component = ("c.ComponentCode", "f.ComponentKey <> 0");
    private static readonly (string, string) Agency = ("c.Agency", "f.ComponentKey <> 0");
    private static readonly (string, string) Office = ("o.OfficeCode", "f.OfficeKey <> 0");
    private const string PriorityLevel = "CASE WHEN ep.IsPriority = 1 THEN CAST(ep.PriorityLevel AS VARCHAR(4)) ELSE 'NONE' END";

    /// <summary>
    /// Days numbered in calendar order. dw.DimDate holds every day of its range, so the row number is a day number, and
    /// "within 365 days" becomes a subtraction both engines run alike (DATEADD and date + INTERVAL are each one engine's).
    /// </summary>
    private const string DayNumbers = "(SELECT DateKey, Date, ROW_NUMBER() OVER (ORDER BY DateKey) AS DayNumber FROM dw.DimDate WHERE DateKey <> 0)";

    /// <summary>Decisions whose 365 following days end on or before the last day any loaded delivery covers.</summary>
    private const string FollowUpCovered = "d.Date <= @FollowUpLastDecision";

    /// <summary>
    /// Per PD decision of a resolved person: whether the person's version valid on the decision day is CRIMINAL, whether a
    /// version with CRIMINAL begins 1 to 365 days after it, and whether any version of the person was apprehended in those
    /// days. Versions are matched by PersonId and dated by their own ValidFrom/ValidTo, not through the decision's
    /// PersonKey: a batch loaded after the decision can open a version that began before it, and the decision's key then
    /// points at a version no longer valid on its day.
    /// </summary>
    private const string FollowUp = $"""
        (
            SELECT x.DiscretionDecisionRecordKey,
                   MAX(CASE WHEN pv.CriminalStatus = 'CRIMINAL' AND pv.ValidFrom <= x.Date AND pv.ValidTo > x.Date THEN 1 ELSE 0 END) AS CriminalAtDecision,
                   MAX(CASE WHEN pv.CriminalStatus = 'CRIMINAL' AND vd.DayNumber > x.DayNumber AND vd.DayNumber <= x.DayNumber + 365 THEN 1 ELSE 0 END) AS CriminalWithin365,
                   MAX(CASE WHEN la.DiscretionDecisionRecordKey IS NULL THEN 0 ELSE 1 END) AS ArrestedWithin365
            FROM (
                SELECT fd.DiscretionDecisionRecordKey, fd.PersonKey, dn.Date, dn.DayNumber
                FROM dw.FactDiscretionDecision AS fd
                JOIN {DayNumbers} AS dn ON dn.DateKey = fd.DecisionDateKey
                WHERE fd.PersonKey <> 0 AND fd.IsRepeatAtLaterStage = 0
            ) AS x
            JOIN dw.DimPerson AS px ON px.PersonKey = x.PersonKey
            JOIN dw.DimPerson AS pv ON pv.PersonId = px.PersonId
            LEFT JOIN {DayNumbers} AS vd ON vd.Date = CAST(pv.ValidFrom AS DATE)
            LEFT JOIN (
                SELECT DISTINCT ad.DiscretionDecisionRecordKey
                FROM (
                    SELECT fd.DiscretionDecisionRecordKey, fd.PersonKey, dn.DayNumber
                    FROM dw.FactDiscretionDecision AS fd
                    JOIN {DayNumbers} AS dn ON dn.DateKey = fd.DecisionDateKey
                    WHERE fd.PersonKey <> 0 AND fd.IsRepeatAtLaterStage = 0
                ) AS ad
                JOIN dw.DimPerson AS ap ON ap.PersonKey = ad.PersonKey
                JOIN dw.DimPerson AS av ON av.PersonId = ap.PersonId
                JOIN dw.FactEnforcementAction AS a ON a.PersonKey = av.PersonKey
                JOIN dw.DimEnforcementActionType AS t ON t.EnforcementActionTypeKey = a.EnforcementActionTypeKey
                JOIN {DayNumbers} AS an ON an.DateKey = a.EventDateKey
                WHERE t.ActionCategory = 'APPREHENSION' AND an.DayNumber > ad.DayNumber AND an.DayNumber <= ad.DayNumber + 365
            ) AS la ON la.DiscretionDecisionRecordKey = x.DiscretionDecisionRecordKey
            GROUP BY x.DiscretionDecisionRecordKey
        )
        """;

    /// <summary>
    /// Per removal of a resolved person: the priority recorded at the person's most recent ICE ERO arrest (an APPREHENSION
    /// of component ICE-ERO, any version of the person) on or before the removal day. ICE's removal extract carries no
    /// priority, so a removal without its own takes this one (docs/monitoring.md); a removal with no such arrest has none.
    /// Same-day arrests are ordered by their record key, the order they were loaded in.
    /// </summary>
    private const string RemovalArrestPriority = """
        (
            SELECT x.EnforcementActionRecordKey, x.EnforcementPriorityKey, x.IsPriority, x.PriorityLevel
            FROM (
                SELECT r.EnforcementActionRecordKey, a.EnforcementPriorityKey, aep.IsPriority, aep.PriorityLevel,
                       ROW_NUMBER() OVER (PARTITION BY r.EnforcementActionRecordKey ORDER BY a.EventDateKey DESC, a.EnforcementActionRecordKey DESC) AS Recency
                FROM dw.FactEnforcementAction AS r
                JOIN dw.DimEnforcementActionType AS rt ON rt.EnforcementActionTypeKey = r.EnforcementActionTypeKey
                JOIN dw.DimPerson AS rp ON rp.PersonKey = r.PersonKey
                JOIN dw.DimPerson AS av ON av.PersonId = rp.PersonId
                JOIN dw.FactEnforcementAction AS a ON a.PersonKey = av.PersonKey
                JOIN dw.DimEnforcementActionType AS aty ON aty.EnforcementActionTypeKey = a.EnforcementActionTypeKey
                JOIN dw.DimComponent AS ac ON ac.ComponentKey = a.ComponentKey
                JOIN dw.DimEnforcementPriority AS aep ON aep.EnforcementPriorityKey = a.EnforcementPriorityKey
                WHERE rt.ActionCategory = 'REMOVAL' AND r.PersonKey <> 0 AND r.EventDateKey <> 0
                  AND aty.ActionCategory = 'APPREHENSION' AND ac.ComponentCode = 'ICE-ERO'
                  AND a.EventDateKey <> 0 AND a.EventDateKey <= r.EventDateKey
            ) AS x
            WHERE x.Recency = 1
        )
        """;

    /// <summary>The last day any loaded delivery covers: the end of the data a follow-up window must lie inside.</summary>
    public const string LoadedDataEnd = """
        SELECT CAST(MAX(PeriodEnd) AS DATETIME) FROM etl.Lineage WHERE Status = 'SUCCEEDED' AND PeriodEnd IS NOT NULL
        """;

    public static readonly IReadOnlyDictionary<string, PopulationSql> Populations = new Dictionary<string, PopulationSql>(StringComparer.Ordinal)
    {
        ["enforcement-actions"] = new(
            $"""
            dw.FactEnforcementAction AS f
            JOIN dw.DimDate AS d ON d.DateKey = f.EventDateKey
            JOIN dw.DimComponent AS c ON c.ComponentKey = f.ComponentKey
            JOIN dw.DimOffice AS o ON o.OfficeKey = f.OfficeKey
            JOIN dw.DimEnforcementActionType AS t ON t.EnforcementActionTypeKey = f.EnforcementActionTypeKey
            JOIN dw.DimEnforcementPriority AS ep ON ep.EnforcementPriorityKey = f.EnforcementPriorityKey
            LEFT JOIN {RemovalArrestPriority} AS ra ON ra.EnforcementActionRecordKey = f.EnforcementActionRecordKey
            """,
            "f.EventDateKey", "f.ComponentKey", "f.OfficeKey", "1 = 1",
            new Dictionary<string, (string, string)>(StringComparer.Ordinal)
            {
                ["component"] = Component, ["agency"] = Agency, ["office"] = Office,
                ["action-category"] = ("t.ActionCategory", "f.EnforcementActionTypeKey <> 0"),
                ["action-type"] = ("t.ActionTypeCode", "f.EnforcementActionTypeKey <> 0"),
                ["priority-level"] = (
                    $"CASE WHEN f.EnforcementPriorityKey <> 0 THEN {PriorityLevel} WHEN ra.EnforcementPriorityKey <> 0 THEN CASE WHEN ra.IsPriority = 1 THEN CAST(ra.PriorityLevel AS VARCHAR(4)) ELSE 'NONE' END ELSE 'UNKNOWN' END",
                    "(f.EnforcementPriorityKey <> 0 OR ra.EnforcementPriorityKey <> 0)"),
                ["criminal-status"] = ("f.CriminalStatus", "f.CriminalStatus <> 'UNKNOWN'"),
                ["threat-level"] = ("CAST(f.ThreatLevel AS VARCHAR(4))", "f.ThreatLevel IS NOT NULL"),
            },
            new Dictionary<string, (string, string)>(StringComparer.Ordinal) { ["event"] = ("f.EventDateKey", "f.EventDateKey <> 0") }),
        ["pd-decisions"] = new(
            """
            dw.FactDiscretionDecision AS f
            JOIN dw.DimDate AS d ON d.DateKey = f.DecisionDateKey
            JOIN dw.DimComponent AS c ON c.ComponentKey = f.ComponentKey
            JOIN dw.DimOffice AS o ON o.OfficeKey = f.OfficeKey
            JOIN dw.DimDiscretionDecision AS dd ON dd.DiscretionDecisionKey = f.DiscretionDecisionKey
            JOIN dw.DimPolicy AS p ON p.PolicyKey = f.PolicyKey
            JOIN dw.DimEnforcementPriority AS ep ON ep.EnforcementPriorityKey = f.EnforcementPriorityKey
            """,
            "f.DecisionDateKey", "f.ComponentKey", "f.OfficeKey", "f.IsRepeatAtLaterStage = 0",
            new Dictionary<string, (string, string)>(StringComparer.Ordinal)
            {
                ["component"] = Component, ["agency"] = Agency, ["office"] = Office,
                ["action"] = ("dd.ActionCode", "f.DiscretionDecisionKey <> 0"),
                ["basis"] = ("dd.BasisCode", "dd.BasisCode NOT IN ('NOT-RECORDED', 'UNKNOWN')"),
                ["basis-recorded"] = ("CASE WHEN dd.BasisCode IN ('NOT-RECORDED', 'UNKNOWN') THEN 'no' ELSE 'yes' END", "1 = 1"),
                ["policy"] = ("p.PolicyCode", "f.PolicyKey <> 0"),
                ["priority-level"] = (PriorityLevel, "f.EnforcementPriorityKey <> 0"),
            },
            new Dictionary<string, (string, string)>(StringComparer.Ordinal) { ["decision"] = ("f.DecisionDateKey", "f.DecisionDateKey <> 0") }),
        // A PD recipient's follow-up is decided per decision in derived tables (FollowUp), so the outer query only counts:
        // SQL Server refuses a subquery inside an aggregate, which is where a field's expression ends up.
        ["pd-recipients"] = new(
            $"""
            dw.FactDiscretionDecision AS f
            JOIN dw.DimDate AS d ON d.DateKey = f.DecisionDateKey
            JOIN dw.DimComponent AS c ON c.ComponentKey = f.ComponentKey
            JOIN dw.DimOffice AS o ON o.OfficeKey = f.OfficeKey
            JOIN dw.DimDiscretionDecision AS dd ON dd.DiscretionDecisionKey = f.DiscretionDecisionKey
            JOIN {FollowUp} AS fu ON fu.DiscretionDecisionRecordKey = f.DiscretionDecisionRecordKey
            """,
            "f.DecisionDateKey", "f.ComponentKey", "f.OfficeKey", "f.IsRepeatAtLaterStage = 0 AND f.PersonKey <> 0",
            new Dictionary<string, (string, string)>(StringComparer.Ordinal)
            {
                ["component"] = Component, ["agency"] = Agency, ["office"] = Office,
                ["action"] = ("dd.ActionCode", "f.DiscretionDecisionKey <> 0"),
                ["basis"] = ("dd.BasisCode", "dd.BasisCode NOT IN ('NOT-RECORDED', 'UNKNOWN')"),
                ["convicted-within-12-months"] = ("CASE WHEN fu.CriminalAtDecision = 0 AND fu.CriminalWithin365 = 1 THEN 'yes' ELSE 'no' END", FollowUpCovered),
                ["arrested-within-12-months"] = ("CASE WHEN fu.ArrestedWithin365 = 1 THEN 'yes' ELSE 'no' END", FollowUpCovered),
            },
            new Dictionary<string, (string, string)>(StringComparer.Ordinal) { ["decision"] = ("f.DecisionDateKey", "f.DecisionDateKey <> 0") }),
        // A DACA request has no component of its own: it is USCIS's, at the service center that received it.
        ["daca-requests"] = new(
            """
            dw.FactDeferredActionRequest AS f
            JOIN dw.DimDate AS d ON d.DateKey = f.ReceiptDateKey
            JOIN dw.DimComponent AS rc ON rc.ComponentKey = f.ReferralComponentKey
            JOIN dw.DimComponent AS c ON c.ComponentCode = 'USCIS'
            JOIN dw.DimOffice AS o ON o.OfficeKey = f.ServiceCenterOfficeKey
            """,
            "f.ReceiptDateKey", "c.ComponentKey", "f.ServiceCenterOfficeKey", "1 = 1",
            new Dictionary<string, (string, string)>(StringComparer.Ordinal)
            {
                ["referral-source"] = ("CASE WHEN f.ReferralComponentKey = 0 THEN 'SELF' ELSE rc.Agency END", "1 = 1"),
                ["request-type"] = ("f.RequestType", "1 = 1"),
                ["status"] = ("f.RequestStatus", "1 = 1"),
                ["office"] = ("o.OfficeCode", "f.ServiceCenterOfficeKey <> 0"),
            },
            new Dictionary<string, (string, string)>(StringComparer.Ordinal)
            {
                ["receipt"] = ("f.ReceiptDateKey", "f.ReceiptDateKey <> 0"),
                ["accepted"] = ("f.AcceptedDateKey", "f.AcceptedDateKey <> 0"),
                ["decision"] = ("f.DecisionDateKey", "f.DecisionDateKey <> 0"),
            }),
    };

    /// <summary>A statement and its parameters.</summary>
    public sealed record Statement(string Sql, DynamicParameters Parameters);

    /// <summary>
    /// Records of a population in the indicator's period, by month, component and office: how many are in scope, how many
    /// have the <paramref name="needed"/> fields recorded, and how many of those match <paramref name="hit"/>.
    /// </summary>
    /// <param name="followUpLastDecision">The last decision day whose 365 following days the loaded data covers (pd-recipients' follow-up fields).</param>
    public static Statement Counts(string population, IReadOnlyDictionary<string, IReadOnlyList<string>> scope,
        IEnumerable<string> needed, IReadOnlyDictionary<string, IReadOnlyList<string>> hit, DateOnly from, DateOnly to, DateOnly followUpLastDecision = default)
    {
        var p = Populations[population];
        var parameters = Period(from, to);
        var complete = Recorded(p, needed);
        var sql = $"""
            SELECT CAST(d.CalendarYear AS INT) AS CalendarYear, CAST(d.CalendarMonth AS INT) AS CalendarMonth, {p.ComponentKey} AS ComponentKey, {p.OfficeKey} AS OfficeKey,
                   CAST(COUNT(*) AS BIGINT) AS InScope,
                   CAST(SUM(CASE WHEN {complete} THEN 1 ELSE 0 END) AS BIGINT) AS Complete,
                   CAST(SUM(CASE WHEN {complete} AND {Match(p, hit, "h", parameters)} THEN 1 ELSE 0 END) AS BIGINT) AS Hits
            FROM {p.From}
            WHERE {p.Base} AND {p.DateKey} <> 0 AND d.Date >= @PeriodFrom AND d.Date <= @PeriodTo
              AND {Match(p, scope, "s", parameters)}
            GROUP BY d.CalendarYear, d.CalendarMonth, {p.ComponentKey}, {p.OfficeKey}
            """;
        return WithFollowUp(sql, parameters, followUpLastDecision);
    }

    /// <summary>One row per record in scope: its month, component, office, the two events' date keys and whether both are recorded.</summary>
    public static Statement Intervals(string population, IReadOnlyDictionary<string, IReadOnlyList<string>> scope,
        string fromEvent, string toEvent, DateOnly from, DateOnly to, DateOnly followUpLastDecision = default)
    {
        var p = Populations[population];
        var parameters = Period(from, to);
        var (start, startRecorded) = p.Events[fromEvent];
        var (end, endRecorded) = p.Events[toEvent];
        var sql = $"""
            SELECT CAST(d.CalendarYear AS INT) AS CalendarYear, CAST(d.CalendarMonth AS INT) AS CalendarMonth, {p.ComponentKey} AS ComponentKey, {p.OfficeKey} AS OfficeKey,
                   {start} AS FromDateKey, {end} AS ToDateKey,
                   CASE WHEN {startRecorded} AND {endRecorded} THEN 1 ELSE 0 END AS Complete
            FROM {p.From}
            WHERE {p.Base} AND {p.DateKey} <> 0 AND d.Date >= @PeriodFrom AND d.Date <= @PeriodTo
              AND {Match(p, scope, "s", parameters)}
            """;
        return WithFollowUp(sql, parameters, followUpLastDecision);
    }

    // Only pd-recipients' statements name it, and DuckDB refuses a parameter its statement does not use.
    private static Statement WithFollowUp(string sql, DynamicParameters parameters, DateOnly followUpLastDecision)
    {
        if (sql.Contains("@FollowUpLastDecision", StringComparison.Ordinal)) parameters.Add("FollowUpLastDecision", followUpLastDecision);
        return new Statement(sql, parameters);
    }

    private static DynamicParameters Period(DateOnly from, DateOnly to)
    {
        var parameters = new DynamicParameters();
        parameters.Add("PeriodFrom", from);
        parameters.Add("PeriodTo", to);
        return parameters;
    }

    private static string Recorded(PopulationSql p, IEnumerable<string> fields)
    {
        var conditions = fields.Distinct(StringComparer.Ordinal).Select(f => $"({p.Fields[f].Recorded})").ToList();
        return conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions);
    }

    private static string Match(PopulationSql p, IReadOnlyDictionary<string, IReadOnlyList<string>> filter, string prefix, DynamicParameters parameters)
    {
        var conditions = new List<string>();
        var f = 0;
        foreach (var (field, values) in filter.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var names = new List<string>();
            for (var v = 0; v < values.Count; v++)
            {
                var name = $"{prefix}{f}_{v}";
                parameters.Add(name, values[v]);
                names.Add("@" + name);
            }
            conditions.Add($"{p.Fields[field].Value} IN ({string.Join(", ", names)})");
            f++;
        }
        return conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions);
    }

    public const string Clear = "DELETE FROM etl.IndicatorMeasurement";

    public const string CurrentIndicators = """
        SELECT i.IndicatorKey, i.IndicatorId, g.CurrentLineageKey
        FROM dw.DimIndicator AS i
        JOIN etl.GoalFile AS g ON g.GoalFileKey = i.GoalFileKey
        WHERE g.IsCurrent = 1
        ORDER BY i.IndicatorKey
        """;

    // DuckDB returns a DATE as DateOnly and SQL Server as DateTime; DATETIME (an alias of TIMESTAMP in DuckDB) gives both DateTime.
    public const string CurrentDefinitions = """
        SELECT i.IndicatorId, i.Statement, p.PolicyCode, CAST(i.PeriodStart AS DATETIME) AS PeriodStart, CAST(i.PeriodEnd AS DATETIME) AS PeriodEnd,
               i.Definition, i.Direction, i.Target, i.ToleranceLow, i.ToleranceHigh, i.SourceLine
        FROM dw.DimIndicator AS i
        JOIN etl.GoalFile AS g ON g.GoalFileKey = i.GoalFileKey
        JOIN dw.DimPolicy AS p ON p.PolicyKey = i.PolicyKey
        WHERE g.IsCurrent = 1
        ORDER BY i.IndicatorKey
        """;

    /// <summary>The columns <see cref="Insert"/> writes, in order; each row's parameters are these names with the row's number.</summary>
    public static readonly IReadOnlyList<string> InsertColumns =
    [
        "IndicatorMeasurementKey", "IndicatorKey", "PeriodType", "PeriodStart", "PeriodEnd", "FiscalYear", "IsPartialPeriod",
        "BreakdownLevel", "ComponentKey", "OfficeKey", "Numerator", "Denominator", "Value", "IntervalLow", "IntervalHigh", "RecordsInScope",
        "RecordsComplete", "Completeness", "LineageKey",
    ];

    /// <summary>
    /// Rows per insert: a statement per row cost DuckDB about 200 KB that it gave back only at the end of the transaction,
    /// so 7,327 rows needed more than 2 GB; 100 rows of 19 parameters stay under SQL Server's 2,100 parameters.
    /// </summary>
    public const int InsertRows = 100;

    /// <summary>One parameterised insert of <paramref name="rows"/> measurement rows (@IndicatorMeasurementKey0, ... for the first).</summary>
    public static string Insert(int rows) =>
        $"INSERT INTO etl.IndicatorMeasurement ({string.Join(", ", InsertColumns)})\nVALUES " +
        string.Join(",\n       ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", InsertColumns.Select(c => $"@{c}{r}")) + ")"));
}
