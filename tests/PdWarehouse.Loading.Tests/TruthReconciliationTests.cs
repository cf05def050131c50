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
        var deliveries = Path.Combine(Root, "deliveries");
        Database = Path.Combine(Root, "pdw.duckdb");
        var env = new Dictionary<string, string?> { ["PDW_PSEUDONYM_KEY"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 11)).ToArray()) };
        Generate = Cli.Pdw(env, "generate", "--fiscal-years", "2013-2014", "--scale", "0.01", "--seed", "7", "--dirty-rate", "0.01", "--out", deliveries);
        Init = Cli.Pdw(env, "warehouse", "init", "--db", Database);
        Load = Cli.Pdw(env, "load", deliveries, "--db", Database);
        Truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(deliveries, "truth.json"))).RootElement;
        // The Yearbook of the loaded year with no cell withheld (--min-cell 1), so every figure can be compared.
        Reports = Path.Combine(Root, "reports");
        Report = Cli.Pdw(env, "report", "yearbook", "--fy", "2014", "--db", Database, "--out", Reports, "--min-cell", "1");
    }

    public string Root { get; }
    public string Database { get; }
    public (int ExitCode, string Out, string Err) Generate { get; }
    public (int ExitCode, string Out, string Err) Init { get; }
    public (int ExitCode, string Out, string Err) Load { get; }
    public JsonElement Truth { get; }
    public string Reports { get; }
    public (int ExitCode, string Out, string Err) Report { get; }

    /// <summary>A report table's CSV as rows of fields (header first); the files are plain, with no quoted commas in these tables.</summary>
    public List<string[]> Csv(string table) =>
        File.ReadAllLines(Path.Combine(Reports, table + ".csv")).Select(l => l.Split(',')).ToList();

    public long TruthSum(string property, Func<JsonElement, bool> where, string field) =>
        Truth.GetProperty(property).EnumerateArray().Where(where).Sum(e => e.GetProperty(field).GetInt64());

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

public sealed class TruthReconciliationTests(TruthFixture f) : IClassFixture<TruthFixture>
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
            SELECT l.FeedName, CASE WHEN q.ColumnName LIKE '%OfficeKey' THEN 'UNKNOWN-OFFICE' ELSE 'UNKNOWN-COUNTRY' END, SUM(q.FailingRows)
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

    [Fact]
    public void Yearbook_apprehensions_by_program_equal_truth()
    {
        Assert.True(f.Report.ExitCode == 0, f.Report.Err);
        var rows = f.Csv("apprehensions-by-program");
        Assert.Equal(["Program", "Group", "Row type", "FY2012", "FY2013", "FY2014"], rows[0]);
        foreach (var (label, program) in new[] { ("CBP Border Patrol", "CBP-USBP"), ("ICE Homeland Security Investigations", "ICE-HSI"), ("ICE Enforcement and Removal Operations", "ICE-ERO") })
        {
            var row = rows.Single(r => r[0] == label);
            foreach (var year in new[] { 2013, 2014 })
                Assert.Equal(f.TruthSum("enforcementActions", e => e.GetProperty("category").GetString() == "APPREHENSION" && e.GetProperty("dimension").GetString() == "program"
                    && e.GetProperty("member").GetString() == program && e.GetProperty("fiscalYear").GetInt32() == year, "count"), long.Parse(row[year - 2012 + 3], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Yearbook_removals_and_returns_by_fiscal_year_equal_truth()
    {
        Assert.True(f.Report.ExitCode == 0, f.Report.Err);
        var rows = f.Csv("removals-and-returns-by-fiscal-year");
        foreach (var year in new[] { 2013, 2014 })
        {
            var row = rows.Single(r => r[0] == $"FY{year}");
            long Total(string category) => f.TruthSum("enforcementActions", e => e.GetProperty("category").GetString() == category
                && e.GetProperty("dimension").GetString() == "program" && e.GetProperty("fiscalYear").GetInt32() == year, "count");
            Assert.Equal(Total("REMOVAL"), long.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(Total("RETURN"), long.Parse(row[4], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Yearbook_PD_records_and_decisions_by_component_equal_truth()
    {
        Assert.True(f.Report.ExitCode == 0, f.Report.Err);
        var rows = f.Csv("pd-decisions-and-distinct-persons");
        Assert.Equal(["Component", "Group", "Row type", "Records", "Decisions", "Distinct persons"], rows[0]);
        foreach (var (label, component) in new[] { ("ICE ERO", "ICE-ERO"), ("ICE OPLA", "ICE-OPLA"), ("CBP USBP", "CBP-USBP") })
        {
            var row = rows.Single(r => r[0] == label);
            bool Of(JsonElement e) => e.GetProperty("component").GetString() == component && e.GetProperty("fiscalYear").GetInt32() == 2014;
            Assert.Equal(f.TruthSum("decisions", Of, "records"), long.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(f.TruthSum("decisions", Of, "decisions"), long.Parse(row[4], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Yearbook_PD_decisions_by_component_and_action_equal_truth()
    {
        Assert.True(f.Report.ExitCode == 0, f.Report.Err);
        var names = File.ReadAllLines(Path.Combine(WarehouseSources.Locate().ReferenceDirectory, "dw.DimDiscretionDecision.csv")).Skip(1)
            .Select(l => l.Split(',')).GroupBy(p => p[1]).ToDictionary(g => g.Key, g => g.First()[2]);
        var rows = f.Csv("pd-decisions-by-component-and-action");
        Assert.Equal(["Action", "Group", "Row type", "Total", "ICE ERO", "ICE OPLA", "CBP USBP"], rows[0]);
        var actions = f.Truth.GetProperty("decisions").EnumerateArray().Where(e => e.GetProperty("fiscalYear").GetInt32() == 2014)
            .Select(e => e.GetProperty("actionCode").GetString()!).Distinct().ToList();
        Assert.NotEmpty(actions);
        foreach (var action in actions)
        {
            var row = rows.Single(r => r[0] == names[action]);
            var components = new[] { "ICE-ERO", "ICE-OPLA", "CBP-USBP" };
            for (var i = 0; i < components.Length; i++)
                Assert.Equal(f.TruthSum("decisions", e => e.GetProperty("actionCode").GetString() == action && e.GetProperty("component").GetString() == components[i]
                    && e.GetProperty("fiscalYear").GetInt32() == 2014, "decisions"), long.Parse(row[4 + i], CultureInfo.InvariantCulture));
        }
    }
}
