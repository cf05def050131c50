namespace PdWarehouse.Warehouse;

/// <summary>An aggregate table the reports read instead of the facts, kept equal to what it aggregates.</summary>
public interface ISummaryTable
{
    /// <summary>The summary table, e.g. dw.FactEnforcementActionSummary.</summary>
    string Table { get; }

    /// <summary>What a load runs, in the batch's transaction once its facts are final (@LineageKey is the batch).</summary>
    IReadOnlyList<string> Refresh { get; }

    /// <summary>
    /// The whole summary again from the facts, for <c>pdw warehouse init</c> and deployments: whatever the table held
    /// (nothing, rows of an older definition, rows someone edited), it ends equal to the facts.
    /// </summary>
    IReadOnlyList<string> Rebuild { get; }

    /// <summary>
    /// What a load that changed dimension rows in place runs (a reference feed), in its transaction: the codes and names
    /// the summary copies from its dimensions are set again where they differ. Rows keep their LineageKey, the batch that
    /// last counted them. Empty when the summary copies none.
    /// </summary>
    IReadOnlyList<string> Relabel { get; }
}

/// <summary>
/// A dimension whose codes and names a summary copies beside its key, so a count view reads the summary alone. Joining
/// six dimensions made DuckDB spend 6–8 ms binding, planning and joining for every report query, against 2 ms for the
/// summary alone (bench/README.md); a report runs 18 to 26 of them.
/// </summary>
/// <param name="Table">The dimension, e.g. dw.DimCountry.</param>
/// <param name="Key">Its surrogate key.</param>
/// <param name="SummaryKey">The summary's column holding that key.</param>
/// <param name="Copies">Summary column and the dimension column it copies.</param>
public sealed record DimensionCopy(string Table, string Key, string SummaryKey, IReadOnlyList<(string Column, string DimensionColumn)> Copies);

/// <summary>
/// An aggregate fact table kept equal to its fact table, fiscal year by fiscal year: one row per fiscal year and
/// combination of <paramref name="Keys"/>, over the facts whose date is known (date key not 0).
/// </summary>
/// <param name="Table">The summary table, e.g. dw.FactEnforcementActionSummary.</param>
/// <param name="FactTable">The fact table it summarises.</param>
/// <param name="DateKey">The fact's date key that decides the fiscal year.</param>
/// <param name="Keys">Summary column and the expression over the fact <c>f</c> and its date <c>d</c> (dw.DimDate) that fills it, besides FiscalYear.</param>
/// <param name="RowCount">The measure that counts fact rows (COUNT(*)): with it a fiscal year whose summary no longer adds up to its facts is found.</param>
/// <param name="OtherMeasures">Further measures and their aggregate expressions.</param>
/// <param name="Dimensions">The dimensions whose codes and names each row copies, by the key columns among <paramref name="Keys"/>.</param>
public sealed record FactSummary(
    string Table, string FactTable, string DateKey,
    IReadOnlyList<(string Column, string Sql)> Keys, string RowCount, IReadOnlyList<(string Column, string Sql)> OtherMeasures,
    IReadOnlyList<DimensionCopy> Dimensions) : ISummaryTable
{
    /// <summary>Further joins of the facts, for keys read from another dimension row than the date's (e.g. a second date).</summary>
    public IReadOnlyList<string> FactJoins { get; init; } = [];

    /// <summary>
    /// Fiscal years whose summary rows do not add up to their facts: a fiscal year a load added rows to, moved rows out
    /// of (a re-sent record with another date), or that an empty summary has not covered yet.
    /// </summary>
    private string YearsOutOfStep => $"""
        SELECT COALESCE(f.FiscalYear, s.FiscalYear)
            FROM (SELECT d.FiscalYear, COUNT(*) AS FactRows FROM {FactTable} AS x JOIN dw.DimDate AS d ON d.DateKey = x.{DateKey}
                  WHERE x.{DateKey} <> 0 GROUP BY d.FiscalYear) AS f
            FULL OUTER JOIN (SELECT FiscalYear, SUM({RowCount}) AS SummaryRows FROM {Table} GROUP BY FiscalYear) AS s ON s.FiscalYear = f.FiscalYear
            WHERE f.FactRows IS NULL OR s.SummaryRows IS NULL OR f.FactRows <> s.SummaryRows
        """;

    /// <summary>
    /// Step 1 of a refresh: drop the fiscal years the batch wrote facts in (@LineageKey: new, re-sent or re-sequenced
    /// rows, whose counts may cancel out) and those out of step.
    /// </summary>
    public string DeleteStaleYears => $"""
        DELETE FROM {Table}
        WHERE FiscalYear IN (
            SELECT d.FiscalYear FROM {FactTable} AS x JOIN dw.DimDate AS d ON d.DateKey = x.{DateKey}
            WHERE x.LineageKey = @LineageKey AND x.{DateKey} <> 0
            UNION
            {YearsOutOfStep.TrimStart()}
        )
        """;

    /// <summary>Step 2: rebuild every fiscal year now missing from the summary (exactly those step 1 dropped, when they still have facts).</summary>
    public string InsertMissingYears => Insert($"AND d.FiscalYear IN ({YearsOutOfStep.TrimStart()})");

    /// <summary>Both steps, in order; run in the batch's transaction after its facts are final.</summary>
    public IReadOnlyList<string> Refresh => [DeleteStaleYears, InsertMissingYears];

    public IReadOnlyList<string> Rebuild => [$"DELETE FROM {Table}", Insert("")];

    /// <summary>
    /// The facts are grouped first, then each group is joined to its dimensions for the copies: the joins see the
    /// summary's rows, not the facts'. Every key is a foreign key (0 is each dimension's Unknown member), so no group is lost.
    /// </summary>
    private string Insert(string yearCondition)
    {
        var grouped = Keys.Select(k => k.Column).Prepend("FiscalYear").Append(RowCount).Concat(OtherMeasures.Select(m => m.Column)).ToList();
        var copies = Dimensions.SelectMany((dim, i) => dim.Copies.Select(c => (c.Column, Sql: $"x{i}.{c.DimensionColumn}"))).ToList();
        var keys = Keys.Select(k => k.Sql).Prepend("d.FiscalYear").ToList();
        var aggregates = Keys.Select(k => $"{k.Sql} AS {k.Column}").Prepend("d.FiscalYear AS FiscalYear").Append($"COUNT(*) AS {RowCount}")
            .Concat(OtherMeasures.Select(m => $"{m.Sql} AS {m.Column}"));
        var joins = Dimensions.Select((dim, i) => $"JOIN {dim.Table} AS x{i} ON x{i}.{dim.Key} = g.{dim.SummaryKey}");
        return $"""
            INSERT INTO {Table} ({string.Join(", ", grouped.Concat(copies.Select(c => c.Column)).Append("LineageKey"))})
            SELECT {string.Join(", ", grouped.Select(c => "g." + c).Concat(copies.Select(c => c.Sql)).Append("@LineageKey"))}
            FROM (
                SELECT {string.Join(", ", aggregates)}
                FROM {FactTable} AS f
                JOIN dw.DimDate AS d ON d.DateKey = f.{DateKey}{string.Concat(FactJoins.Select(j => "\n" + j))}
                WHERE f.{DateKey} <> 0 {yearCondition}
                GROUP BY {string.Join(", ", keys)}
            ) AS g
            {string.Join("\n", joins)}
            """;
    }

    /// <summary>One UPDATE per dimension, touching only the rows whose copies differ from the dimension's row.</summary>
    public IReadOnlyList<string> Relabel => Dimensions.Select(dim =>
    {
        var target = Table[(Table.IndexOf('.') + 1)..];
        var set = string.Join(", ", dim.Copies.Select(c => $"{c.Column} = x.{c.DimensionColumn}"));
        var differs = string.Join(" OR ", dim.Copies.Select(c => $"{target}.{c.Column} IS DISTINCT FROM x.{c.DimensionColumn}"));
        return $"UPDATE {Table} SET {set} FROM {dim.Table} AS x WHERE {target}.{dim.SummaryKey} = x.{dim.Key} AND ({differs})";
    }).ToList();
}

/// <summary>
/// The PD recipients of each fiscal year and component, one row per person, with whether each was later apprehended,
/// arrested or convicted: what the person tables of the reports count, computed as rpt.DiscretionFollowUp decides it
/// per decision. Unlike the fact summaries it is rebuilt whole by every load that loads facts: a fiscal year's row can
/// change through facts of any year (a later apprehension), a new version of the person (a conviction) or a merge of
/// two persons, none of which is dated in that year. The rebuild reads the PD facts and the apprehensions of their
/// persons (7.1 M rows loaded: 0.4–0.5 s; bench/README.md). Its LineageKey names the latest batch that wrote one of
/// the row's PD records, not the batch whose arrest changed a flag.
/// </summary>
public sealed class DiscretionPersonSummary : ISummaryTable
{
    public string Table => "dw.FactDiscretionPersonSummary";

    // Each decision is first folded to one row (its person's versions times their apprehensions), then to one row per person.
    // Every column, LineageKey included (the latest batch that wrote one of the row's PD records), is a function of the
    // warehouse's rows, not of the batch that rebuilds it: loading the same delivery again leaves the table as it was.
    private const string Insert = """
        INSERT INTO dw.FactDiscretionPersonSummary (FiscalYear, ComponentKey, PersonId, Decisions, Records, LaterArrested, LaterConvicted, LineageKey)
        SELECT r.FiscalYear, r.ComponentKey, r.PersonId, SUM(r.IsDecision), COUNT(*), MAX(r.LaterArrested), MAX(r.LaterConvicted), MAX(r.LineageKey)
        FROM (
            SELECT f.DiscretionDecisionRecordKey, d.FiscalYear, f.ComponentKey, p.PersonId, MAX(f.LineageKey) AS LineageKey,
                   MAX(CASE WHEN f.IsRepeatAtLaterStage = 0 THEN 1 ELSE 0 END) AS IsDecision,
                   MAX(CASE WHEN f.IsRepeatAtLaterStage = 0 AND a.EventDate > d.Date THEN 1 ELSE 0 END) AS LaterArrested,
                   MAX(CASE WHEN f.IsRepeatAtLaterStage = 0 AND p.CriminalStatus <> 'CRIMINAL' AND pv.CriminalStatus = 'CRIMINAL' AND pv.ValidFrom > d.Date THEN 1 ELSE 0 END) AS LaterConvicted
            FROM dw.FactDiscretionDecision AS f
            JOIN dw.DimDate AS d ON d.DateKey = f.DecisionDateKey
            JOIN dw.DimPerson AS p ON p.PersonKey = f.PersonKey
            JOIN dw.DimPerson AS pv ON pv.PersonId = p.PersonId
            LEFT JOIN (
                SELECT e.PersonKey, ed.Date AS EventDate
                FROM dw.FactEnforcementAction AS e
                JOIN dw.DimDate AS ed ON ed.DateKey = e.EventDateKey
                JOIN dw.DimEnforcementActionType AS t ON t.EnforcementActionTypeKey = e.EnforcementActionTypeKey
                WHERE e.PersonKey <> 0 AND e.EventDateKey <> 0 AND t.ActionCategory = 'APPREHENSION'
            ) AS a ON a.PersonKey = pv.PersonKey
            WHERE f.PersonKey <> 0 AND f.DecisionDateKey <> 0
            GROUP BY f.DiscretionDecisionRecordKey, d.FiscalYear, f.ComponentKey, p.PersonId
        ) AS r
        GROUP BY r.FiscalYear, r.ComponentKey, r.PersonId
        """;

    public IReadOnlyList<string> Rebuild => ["DELETE FROM dw.FactDiscretionPersonSummary", Insert];

    public IReadOnlyList<string> Refresh => Rebuild;

    /// <summary>Nothing: it reads its component's code through rpt.DiscretionPerson's join, a 2-table view.</summary>
    public IReadOnlyList<string> Relabel => [];
}

/// <summary>
/// The aggregate tables the reports read instead of the facts. A load that loads a feed into a summarised fact table
/// refreshes its summary by fiscal year; every load that loads facts rebuilds the person summary. Loads change other
/// facts only by re-pointing a merged person's rows (PersonKey), which no fact summary carries. <c>pdw warehouse init</c>
/// and the post-deployment script rebuild every summary whole (the fact summaries with @LineageKey 0; the person summary
/// takes its LineageKey from the facts), so a warehouse loaded before a summary existed, or under an older definition
/// of it, gets one equal to its facts.
/// </summary>
public static class FactSummaries
{
    public static readonly FactSummary EnforcementActions = new(
        "dw.FactEnforcementActionSummary", "dw.FactEnforcementAction", "EventDateKey",
        [("ComponentKey", "f.ComponentKey"), ("OfficeKey", "f.OfficeKey"), ("EnforcementActionTypeKey", "f.EnforcementActionTypeKey"),
         ("NationalityCountryKey", "f.NationalityCountryKey"), ("CriminalStatus", "f.CriminalStatus")],
        "Actions", [],
        [new("dw.DimComponent", "ComponentKey", "ComponentKey", [("ComponentCode", "ComponentCode"), ("ProgramName", "ProgramName"), ("Agency", "Agency")]),
         new("dw.DimOffice", "OfficeKey", "OfficeKey", [("OfficeCode", "OfficeCode"), ("OfficeName", "OfficeName"), ("OfficeType", "OfficeType"), ("OfficeRegion", "OfficeRegion")]),
         new("dw.DimEnforcementActionType", "EnforcementActionTypeKey", "EnforcementActionTypeKey",
             [("ActionTypeCode", "ActionTypeCode"), ("ActionCategory", "ActionCategory"), ("ActionTypeName", "ActionTypeName"), ("DispositionCode", "DispositionCode")]),
         new("dw.DimCountry", "CountryKey", "NationalityCountryKey",
             [("NationalityCountryCode", "CountryCode"), ("NationalityCountryName", "CountryName"), ("NationalityRegion", "Region")])]);

    public static readonly FactSummary DiscretionDecisions = new(
        "dw.FactDiscretionDecisionSummary", "dw.FactDiscretionDecision", "DecisionDateKey",
        [("FiscalQuarter", "d.FiscalQuarter"), ("ComponentKey", "f.ComponentKey"), ("OfficeKey", "f.OfficeKey"),
         ("DiscretionDecisionKey", "f.DiscretionDecisionKey"), ("PolicyKey", "f.PolicyKey"),
         ("EnforcementPriorityKey", "f.EnforcementPriorityKey"), ("CitizenshipCountryKey", "f.CitizenshipCountryKey")],
        "Records", [("Decisions", "SUM(CASE WHEN f.IsRepeatAtLaterStage = 0 THEN 1 ELSE 0 END)")],
        [new("dw.DimComponent", "ComponentKey", "ComponentKey", [("ComponentCode", "ComponentCode"), ("ComponentName", "ComponentName"), ("Agency", "Agency")]),
         new("dw.DimOffice", "OfficeKey", "OfficeKey", [("OfficeCode", "OfficeCode"), ("OfficeName", "OfficeName"), ("OfficeType", "OfficeType")]),
         new("dw.DimDiscretionDecision", "DiscretionDecisionKey", "DiscretionDecisionKey",
             [("ActionCode", "ActionCode"), ("ActionName", "ActionName"), ("BasisCode", "BasisCode"), ("BasisName", "BasisName"), ("RemovalProcessEffect", "RemovalProcessEffect")]),
         new("dw.DimPolicy", "PolicyKey", "PolicyKey", [("PolicyCode", "PolicyCode"), ("PolicyTitle", "PolicyTitle")]),
         new("dw.DimEnforcementPriority", "EnforcementPriorityKey", "EnforcementPriorityKey",
             [("PriorityCode", "PriorityCode"), ("PriorityFramework", "Framework"), ("PriorityCategoryCode", "CategoryCode"), ("IsPriority", "IsPriority")]),
         new("dw.DimCountry", "CountryKey", "CitizenshipCountryKey",
             [("CitizenshipCountryCode", "CountryCode"), ("CitizenshipCountryName", "CountryName"), ("CitizenshipRegion", "Region")])]);

    /// <summary>DACA requests by fiscal year of receipt; the decision's fiscal year is a key too (0 while undecided).</summary>
    public static readonly FactSummary DeferredActionRequests = new(
        "dw.FactDeferredActionRequestSummary", "dw.FactDeferredActionRequest", "ReceiptDateKey",
        [("DecisionFiscalYear", "CASE WHEN f.DecisionDateKey = 0 THEN 0 ELSE dd.FiscalYear END"), ("RequestType", "f.RequestType"),
         ("RequestStatus", "f.RequestStatus"), ("ReferralComponentKey", "f.ReferralComponentKey"), ("ServiceCenterOfficeKey", "f.ServiceCenterOfficeKey"),
         ("CitizenshipCountryKey", "f.CitizenshipCountryKey")],
        "Requests", [],
        [new("dw.DimComponent", "ComponentKey", "ReferralComponentKey", [("ReferralAgency", "Agency")]),
         new("dw.DimOffice", "OfficeKey", "ServiceCenterOfficeKey", [("ServiceCenterCode", "OfficeCode"), ("ServiceCenterName", "OfficeName")]),
         new("dw.DimCountry", "CountryKey", "CitizenshipCountryKey",
             [("CitizenshipCountryCode", "CountryCode"), ("CitizenshipCountryName", "CountryName"), ("CitizenshipRegion", "Region")])])
    {
        FactJoins = ["JOIN dw.DimDate AS dd ON dd.DateKey = f.DecisionDateKey"],
    };

    public static readonly DiscretionPersonSummary DiscretionPersons = new();

    /// <summary>The summaries kept by fiscal year, one per summarised fact table.</summary>
    public static readonly IReadOnlyList<FactSummary> ByFiscalYear = [EnforcementActions, DiscretionDecisions, DeferredActionRequests];

    /// <summary>Every summary, in the order init and deployments rebuild them.</summary>
    public static readonly IReadOnlyList<ISummaryTable> All = [EnforcementActions, DiscretionDecisions, DeferredActionRequests, DiscretionPersons];

    /// <summary>The fiscal-year summary of a fact table, or null when it has none.</summary>
    public static FactSummary? Of(string factTable) =>
        ByFiscalYear.FirstOrDefault(s => string.Equals(s.FactTable, factTable, StringComparison.OrdinalIgnoreCase));
}
