using System.Globalization;
using System.Text.Json;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// Generates a dirty two-year delivery set, loads it with `pdw load` as a user would, and checks that every
/// measure of the generator's truth.json equals what the warehouse holds, queried from facts and dimensions.
/// </summary>
public sealed class TruthFixture : IDisposable
{
    public TruthFixture()
    {
        Root = Directory.CreateTempSubdirectory("pdw-truth-").FullName;
        Deliveries = Path.Combine(Root, "deliveries");
        var deliveries = Deliveries;
        Database = Path.Combine(Root, "pdw.duckdb");
        var env = new Dictionary<string, string?> { ["PDW_PSEUDONYM_KEY"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 11)).ToArray()) };
        Generate = Cli.Pdw(env, "generate", "--fiscal-years", "2013-2014", "--scale", "0.01", "--seed", "7", "--dirty-rate", "0.01", "--out", deliveries);
        Init = Cli.Pdw(env, "warehouse", "init", "--db", Database);
        Load = Cli.Pdw(env, "load", deliveries, "--db", Database);
        Truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(deliveries, "truth.json"))).RootElement;
        // Both reports of the loaded year with no cell withheld (--min-cell 1), so every figure can be compared: rendered
        // together by `pdw report all` (the Yearbook's figures are checked there), and the annual report alone by
        // `pdw report annual`; and the Yearbook again alone with the default minimum cell, to compare what suppression
        // leaves published.
        Reports = Path.Combine(Root, "reports");
        Report = Cli.Pdw(env, "report", "all", "--fy", "2014", "--db", Database, "--out", Reports, "--min-cell", "1");
        AnnualReports = Path.Combine(Root, "annual");
        Annual = Cli.Pdw(env, "report", "annual", "--fy", "2014", "--db", Database, "--out", AnnualReports, "--min-cell", "1");
        SuppressedReports = Path.Combine(Root, "suppressed");
        Suppressed = Cli.Pdw(env, "report", "yearbook", "--fy", "2014", "--db", Database, "--out", SuppressedReports, "--min-cell", SuppressedMinimumCell.ToString(CultureInfo.InvariantCulture));
    }

    public const int SuppressedMinimumCell = 10;
    public string Deliveries { get; }
    public string AnnualReports { get; }
    public (int ExitCode, string Out, string Err) Annual { get; }
    public string SuppressedReports { get; }
    public (int ExitCode, string Out, string Err) Suppressed { get; }

    public string Root { get; }
    public string Database { get; }
    public (int ExitCode, string Out, string Err) Generate { get; }
    public (int ExitCode, string Out, string Err) Init { get; }
    public (int ExitCode, string Out, string Err) Load { get; }
    public JsonElement Truth { get; }
    public string Reports { get; }
    public (int ExitCode, string Out, string Err) Report { get; }

    /// <summary>Rows of a query as "a|b|c" strings, sorted, for set comparison with truth.</summary>
    public List<string> Rows(string sql)
    {
        using var c = DuckDbConnectionFactory.OpenExisting(Database);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    public List<string> TruthRows(string property, params string[] fields)
    {
        var rows = Truth.GetProperty(property).EnumerateArray()
            .Select(e => string.Join("|", fields.Select(f => e.GetProperty(f).ToString()))).ToList();
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One generated and loaded set for every truth test: generating, loading and rendering it is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class TruthCollection : ICollectionFixture<TruthFixture>
{
    public const string Name = "truth";
}

[Collection(TruthCollection.Name)]
public sealed class TruthReconciliationTests(TruthFixture f)
{
    private static void SameRows(List<string> expected, List<string> actual)
    {
        Assert.NotEmpty(expected);   // a comparison of two empty sets proves nothing
        var missing = expected.Except(actual).Take(8).ToList();
        var extra = actual.Except(expected).Take(8).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && expected.Count == actual.Count,
            $"truth rows not in warehouse: {string.Join("; ", missing)}\nwarehouse rows not in truth: {string.Join("; ", extra)}");
    }

    [Fact]
    public void The_generated_deliveries_load_without_failure()
    {
        Assert.True(f.Generate.ExitCode == 0, f.Generate.Err);
        Assert.True(f.Init.ExitCode == 0, f.Init.Err);
        Assert.True(f.Load.ExitCode == 0, f.Load.Err + f.Load.Out);
        Assert.Contains("0 failed", f.Load.Out);
    }

    [Fact]
    public void Decision_records_and_distinct_decisions_by_component_action_basis_and_year_equal_truth() =>
        SameRows(f.TruthRows("decisions", "component", "actionCode", "basisCode", "fiscalYear", "records", "decisions"), f.Rows("""
            SELECT c.ComponentCode, dd.ActionCode, dd.BasisCode, d.FiscalYear, COUNT(*), SUM(CASE WHEN x.IsRepeatAtLaterStage THEN 0 ELSE 1 END)
            FROM dw.FactDiscretionDecision x
            JOIN dw.DimComponent c USING (ComponentKey) JOIN dw.DimDiscretionDecision dd USING (DiscretionDecisionKey)
            JOIN dw.DimDate d ON d.DateKey = x.DecisionDateKey
            GROUP BY ALL
            """));

    [Fact]
    public void Distinct_persons_PD_recipients_and_those_later_arrested_equal_truth()
    {
        var persons = f.Truth.GetProperty("persons");
        Assert.Equal(persons.GetProperty("distinct").GetInt64().ToString(CultureInfo.InvariantCulture),
            f.Rows("SELECT COUNT(DISTINCT PersonHash) FROM dw.DimPerson WHERE PersonKey <> 0").Single());
        Assert.Equal(persons.GetProperty("pdRecipients").GetInt64().ToString(CultureInfo.InvariantCulture),
            f.Rows("SELECT COUNT(DISTINCT p.PersonHash) FROM dw.FactDiscretionDecision x JOIN dw.DimPerson p USING (PersonKey) WHERE x.PersonKey <> 0").Single());
        Assert.Equal(persons.GetProperty("pdRecipientsLaterArrested").GetInt64().ToString(CultureInfo.InvariantCulture), f.Rows("""
            WITH firstpd AS (
                SELECT p.PersonHash, MIN(x.DecisionDateKey) AS FirstDecision
                FROM dw.FactDiscretionDecision x JOIN dw.DimPerson p USING (PersonKey) WHERE x.PersonKey <> 0 GROUP BY p.PersonHash)
            SELECT COUNT(*) FROM firstpd fp
            WHERE EXISTS (
                SELECT 1 FROM dw.FactEnforcementAction a JOIN dw.DimPerson p USING (PersonKey)
                JOIN dw.DimEnforcementActionType t USING (EnforcementActionTypeKey)
                WHERE p.PersonHash = fp.PersonHash AND t.ActionCategory = 'APPREHENSION' AND a.EventDateKey > fp.FirstDecision)
            """).Single());
    }

    [Fact]
    public void DACA_outcomes_by_referral_source_and_year_equal_truth()
    {
        var warehouse = f.Rows("""
            WITH r AS (
                SELECT CASE x.ReferralComponentKey WHEN 0 THEN 'SELF' ELSE c.Agency END AS Source, x.RequestStatus,
                       CASE WHEN x.AcceptedDateKey <> 0 THEN a.FiscalYear END AS AcceptedYear,
                       CASE WHEN x.DecisionDateKey <> 0 THEN d.FiscalYear END AS DecisionYear
                FROM dw.FactDeferredActionRequest x JOIN dw.DimComponent c ON c.ComponentKey = x.ReferralComponentKey
                JOIN dw.DimDate a ON a.DateKey = x.AcceptedDateKey JOIN dw.DimDate d ON d.DateKey = x.DecisionDateKey),
            y AS (SELECT Source, AcceptedYear AS FiscalYear FROM r WHERE AcceptedYear IS NOT NULL
                  UNION SELECT Source, DecisionYear FROM r WHERE DecisionYear IS NOT NULL)
            SELECT y.Source, y.FiscalYear,
                   (SELECT COUNT(*) FROM r WHERE r.Source = y.Source AND r.AcceptedYear = y.FiscalYear),
                   (SELECT COUNT(*) FROM r WHERE r.Source = y.Source AND r.DecisionYear = y.FiscalYear AND r.RequestStatus = 'APPROVED'),
                   (SELECT COUNT(*) FROM r WHERE r.Source = y.Source AND r.DecisionYear = y.FiscalYear AND r.RequestStatus = 'DENIED')
            FROM y
            """);
        SameRows(f.TruthRows("daca", "referralSource", "fiscalYear", "accepted", "approved", "denied"), warehouse);
    }

    [Fact]
    public void Enforcement_actions_by_every_dimension_equal_truth()
    {
        const string Base = """
            FROM dw.FactEnforcementAction x
            JOIN dw.DimDate d ON d.DateKey = x.EventDateKey
            JOIN dw.DimEnforcementActionType t USING (EnforcementActionTypeKey)
            JOIN dw.DimComponent c USING (ComponentKey)
            JOIN dw.DimOffice o USING (OfficeKey)
            JOIN dw.DimCountry n ON n.CountryKey = x.NationalityCountryKey
            """;
        var warehouse = new List<string>();
        foreach (var (dimension, member, filter) in new[]
        {
            ("program", "c.ComponentCode", ""), ("office", "o.OfficeCode", ""), ("country", "n.CountryCode", ""),
            ("region", "n.Region", ""), ("actionType", "t.ActionTypeCode", ""), ("criminalStatus", "x.CriminalStatus", "WHERE t.ActionCategory <> 'INADMISSIBLE'"),
            ("programOffice", "CONCAT(c.ComponentCode, '/', o.OfficeCode)", ""),
            ("criminalStatusCountry", "CONCAT(x.CriminalStatus, '/', n.CountryCode)", "WHERE t.ActionCategory <> 'INADMISSIBLE'"),
        })
            warehouse.AddRange(f.Rows($"SELECT d.FiscalYear, t.ActionCategory, '{dimension}', {member}, COUNT(*) {Base} {filter} GROUP BY ALL"));
        warehouse.Sort(StringComparer.Ordinal);
        SameRows(f.TruthRows("enforcementActions", "fiscalYear", "category", "dimension", "member", "count"), warehouse);
    }

    [Fact]
    public void Rejects_by_feed_year_and_reason_equal_truth() =>
        SameRows(f.TruthRows("rejects", "feed", "fiscalYear", "reasonCode", "rows"),
            f.Rows("SELECT l.FeedName, YEAR(l.PeriodEnd), r.ReasonCode, COUNT(*) FROM etl.Reject r JOIN etl.Lineage l USING (LineageKey) GROUP BY ALL"));

    [Fact]
    public void Unknown_code_findings_by_feed_equal_truth() =>
        SameRows(f.TruthRows("findings", "feed", "kind", "rows"), f.Rows("""
            SELECT l.FeedName, CASE WHEN q.ColumnName LIKE '%OfficeKey' THEN 'UNKNOWN-OFFICE'
                                    WHEN q.TestName LIKE '%: country code not in the reference list' THEN 'UNLISTED-COUNTRY' ELSE 'UNKNOWN-COUNTRY' END, SUM(q.FailingRows)
            FROM etl.DataQualityResult q JOIN etl.Lineage l USING (LineageKey)
            WHERE q.TestType = 'CONFORMANCE' AND (q.ColumnName LIKE '%OfficeKey' OR q.ColumnName LIKE '%CountryKey')
            GROUP BY ALL
            """));

    [Fact]
    public void Rows_read_rejected_and_loaded_per_delivery_equal_truth_and_add_up() =>
        SameRows(f.TruthRows("files", "delivery", "rowsRead", "rowsRejected", "rowsLoaded"),
            f.Rows("SELECT DeliveryName, RowsRead, RowsRejected, RowsStaged FROM etl.Lineage WHERE LineageKey > 0 AND RowsRead = RowsStaged + RowsRejected"));

    [Fact]
    public void Every_manifest_control_total_is_recorded_and_reconciled() =>
        SameRows(f.TruthRows("controlTotals", "delivery", "measure", "value"),
            f.Rows("SELECT l.DeliveryName, t.MeasureName, t.ReportedValue FROM etl.ControlTotal t JOIN etl.Lineage l USING (LineageKey) WHERE t.LoadedValue IS NOT NULL"));
}
