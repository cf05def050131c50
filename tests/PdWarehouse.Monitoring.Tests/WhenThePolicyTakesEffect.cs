using System.Text.Json;
using Dapper;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Monitoring.Tests;

/// <summary>
/// FY2014-FY2015 generated with the 2014-11-20 memo's stated effect (etl/Generation/PolicyEffect.cs), loaded by `pdw
/// load` into DuckDB after the goals were loaded (so the load's own refresh measures them), once for every test here.
/// </summary>
public sealed class GeneratedWarehouse : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "pdw-monitor-" + Guid.NewGuid().ToString("N")[..10]);
    public string Db => Path.Combine(Folder, "pdw.duckdb");
    public string Goals => Path.Combine(Folder, "goals.yaml");
    public JsonDocument Truth { get; }
    public string LoadOutput { get; }

    public const string GoalsYaml = """
        version: "effect-1"
        owner: tests
        indicators:
          - id: ero-arrests-priority-1
            statement: ICE ERO arrests concentrate on priority 1.
            policy: DHS-2014-11-20-PRI
            period: { from: 2014-11-20 }
            measure:
              kind: share
              population: enforcement-actions
              where: { component: [ICE-ERO], action-category: [APPREHENSION] }
              numerator: { priority-level: [1] }
            direction: higher
            target: 0.60
          - id: pd-basis-recorded
            statement: PD decisions record their basis.
            policy: DHS-2014-11-20-PRI
            period: { from: 2014-11-20 }
            measure:
              kind: share
              population: pd-decisions
              numerator: { basis-recorded: [yes] }
            direction: higher
            target: 0.95
        """;

    public GeneratedWarehouse()
    {
        Directory.CreateDirectory(Folder);
        var deliveries = Path.Combine(Folder, "deliveries");
        new Generator(new GenerateOptions([2014, 2015], 0.02, 3, 0, 0.15, deliveries)).Run();
        Truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(deliveries, "truth.json")));
        File.WriteAllText(Goals, GoalsYaml);
        var key = Path.Combine(Folder, "pdw.key");
        Expect(Pdw.Run("warehouse", "init", "--db", Db));
        Expect(Pdw.Run("key", "new", "--out", key));
        Expect(Pdw.Run("monitor", "goals", "load", Goals, "--db", Db));
        LoadOutput = Expect(Pdw.Run("load", deliveries, "--db", Db, "--key-file", key));
    }

    static string Expect((int ExitCode, string Out, string Err) run) =>
        run.ExitCode == 0 ? run.Out : throw new InvalidOperationException($"pdw exited {run.ExitCode}: {run.Err}{run.Out}");

    public void Dispose()
    {
        Truth.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

public sealed class WhenThePolicyTakesEffect(GeneratedWarehouse fixture) : IClassFixture<GeneratedWarehouse>
{
    sealed record Row(string IndicatorId, string PeriodType, DateOnly PeriodStart, string BreakdownLevel, string? ComponentCode, string? OfficeCode,
        long? Numerator, long Denominator, double? Value, double? IntervalLow, double? IntervalHigh, bool IsPartialPeriod);

    List<Row> Stored(string indicator, string periodType, string level)
    {
        using var w = WarehouseConnection.OpenDuckDb(fixture.Db);
        return w.Query<Row>("""
            SELECT IndicatorId, PeriodType, PeriodStart, BreakdownLevel, ComponentCode, OfficeCode, Numerator, Denominator, Value, IntervalLow, IntervalHigh, IsPartialPeriod
            FROM rpt.IndicatorMeasurement WHERE IndicatorId = @indicator AND PeriodType = @periodType AND BreakdownLevel = @level ORDER BY PeriodStart, ComponentCode, OfficeCode
            """, new { indicator, periodType, level }).ToList();
    }

    IEnumerable<JsonElement> TruthRows(string name) => fixture.Truth.RootElement.GetProperty("monitoring").GetProperty(name).EnumerateArray();

    double Effect(string measure, string component, bool after) =>
        TruthRows("policyEffects").Single(e => e.GetProperty("measure").GetString() == measure && e.GetProperty("component").GetString() == component)
            .GetProperty(after ? "after" : "before").GetDouble();

    static string Month(DateOnly d) => $"{d.Year:D4}-{d.Month:D2}";

    [Fact]
    public void Pdw_load_measures_the_loaded_goals_and_every_whole_month_equals_the_truth()
    {
        Assert.Contains("Policy indicators measured again", fixture.LoadOutput);
        var arrests = Stored("ero-arrests-priority-1", "MONTH", "ALL").Where(r => !r.IsPartialPeriod).ToList();
        Assert.Equal(10, arrests.Count); // December 2014 - September 2015
        foreach (var r in arrests)
        {
            var truth = TruthRows("iceArrestsByMonth").Where(t => t.GetProperty("program").GetString() == "ICE-ERO" && t.GetProperty("month").GetString() == Month(r.PeriodStart)).ToList();
            Assert.Equal((truth.Where(t => t.GetProperty("priorityLevel").GetString() == "1").Sum(t => t.GetProperty("arrests").GetInt64()), truth.Sum(t => t.GetProperty("arrests").GetInt64())),
                (r.Numerator!.Value, r.Denominator));
        }
        var basis = Stored("pd-basis-recorded", "MONTH", "COMPONENT").Where(r => !r.IsPartialPeriod).ToList();
        Assert.Equal(30, basis.Count); // three components, ten months
        foreach (var r in basis)
        {
            var truth = TruthRows("pdDecisionsByMonth").Where(t => t.GetProperty("component").GetString() == r.ComponentCode && t.GetProperty("month").GetString() == Month(r.PeriodStart)).ToList();
            Assert.Equal((truth.Where(t => t.GetProperty("basisRecorded").GetString() == "yes").Sum(t => t.GetProperty("decisions").GetInt64()), truth.Sum(t => t.GetProperty("decisions").GetInt64())),
                (r.Numerator!.Value, r.Denominator));
        }
    }

    /// <summary>
    /// Each office-month's Wilson interval is an independent chance to miss the stated after-memo share (0.70): about
    /// 95% of some 250 must contain it. Binomial(250, 0.95) lies in 0.91-0.99 with probability above 0.99.
    /// </summary>
    [Fact]
    public void About_95_percent_of_the_office_month_intervals_contain_the_stated_share()
    {
        var truth = Effect("ice-arrests-priority-1-share", "ICE-ERO", after: true);
        var cells = Stored("ero-arrests-priority-1", "MONTH", "OFFICE").Where(r => !r.IsPartialPeriod && r.ComponentCode == "ICE-ERO").ToList();
        Assert.True(cells.Count > 200, $"{cells.Count} office-months");
        var covered = cells.Count(r => r.IntervalLow <= truth && truth <= r.IntervalHigh);
        Assert.InRange((double)covered / cells.Count, 0.91, 0.99);
    }

    [Fact]
    public void The_before_after_estimate_at_the_memo_finds_the_stated_change_and_says_what_it_cannot_estimate()
    {
        using var w = WarehouseConnection.OpenDuckDb(fixture.Db);
        var goals = new IndicatorMeasurer(w).CurrentGoals(null, out _)!;
        var estimates = new BeforeAfter(w).Estimate(goals);
        var ero = estimates.Single(e => e.IndicatorId == "ero-arrests-priority-1" && e.PolicyDate == new DateOnly(2014, 11, 20) && e.ComponentCode == "ICE-ERO");
        var change = Effect("ice-arrests-priority-1-share", "ICE-ERO", true) - Effect("ice-arrests-priority-1-share", "ICE-ERO", false);
        Assert.Null(ero.NotEstimable);
        Assert.Equal((13, 10), (ero.MonthsBefore, ero.MonthsAfter)); // Oct 2013 - Oct 2014; Dec 2014 - Sep 2015
        Assert.InRange(change, ero.LevelChangeLow!.Value, ero.LevelChangeHigh!.Value);
        Assert.InRange(ero.LevelChange!.Value, change - 0.06, change + 0.06);
        // The stated effect is a step, not a trend: a slope change, if any is found, is small beside the step (on this seed
        // its 95% interval only just excludes 0, as one in twenty will).
        Assert.InRange(ero.SlopeChange!.Value, -0.015, 0.015);
        // Border Patrol's few releases a month have basis counts the reports withhold: no estimate, and why.
        var usbp = estimates.Single(e => e.IndicatorId == "pd-basis-recorded" && e.PolicyDate == new DateOnly(2014, 11, 20) && e.ComponentCode == "CBP-USBP");
        Assert.StartsWith("not estimable under disclosure control", usbp.NotEstimable);
        Assert.Null(usbp.LevelChange);
    }

    [Fact]
    public void Pdw_monitor_check_exits_0_when_every_target_is_met_4_when_one_is_missed_and_5_when_one_cannot_be_checked()
    {
        string Goals(string name, string text)
        {
            var path = Path.Combine(fixture.Folder, name);
            File.WriteAllText(path, text);
            return path;
        }
        var arrestsOnly = GeneratedWarehouse.GoalsYaml[..GeneratedWarehouse.GoalsYaml.IndexOf("  - id: pd-basis-recorded", StringComparison.Ordinal)];
        var met = Pdw.Run("monitor", "check", "--db", fixture.Db, "--goals", Goals("met.yaml", arrestsOnly));
        Assert.Equal((0, ""), (met.ExitCode, met.Out));
        var missed = Pdw.Run("monitor", "check", "--db", fixture.Db, "--goals", Goals("missed.yaml", arrestsOnly.Replace("target: 0.60", "target: 0.90", StringComparison.Ordinal)));
        Assert.Equal(4, missed.ExitCode);
        Assert.StartsWith("MISSED ero-arrests-priority-1 2015-09: ", missed.Out);
        var json = Pdw.Run("monitor", "check", "--db", fixture.Db, "--json", "--goals", Goals("missed.yaml", arrestsOnly.Replace("target: 0.60", "target: 0.90", StringComparison.Ordinal)));
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(("MISSED", "2015-09"), (doc.RootElement[0].GetProperty("status").GetString(), doc.RootElement[0].GetProperty("periodStart").GetString()));
        // ERO removals take the priority of the arrest before them (docs/monitoring.md): September 2015 has a figure, and it meets 0.60.
        var removals = arrestsOnly.Replace("action-category: [APPREHENSION]", "action-category: [REMOVAL]", StringComparison.Ordinal);
        var removalsChecked = Pdw.Run("monitor", "check", "--db", fixture.Db, "--goals", Goals("removals.yaml", removals));
        Assert.Equal((0, ""), (removalsChecked.ExitCode, removalsChecked.Out));
        // No decision from the memo on has its 12 months inside the data (it ends 2015-09-30): no figure, so the goal cannot be checked.
        var followUp = arrestsOnly
            .Replace("population: enforcement-actions", "population: pd-recipients", StringComparison.Ordinal)
            .Replace("where: { component: [ICE-ERO], action-category: [APPREHENSION] }", "where: { component: [ICE-ERO] }", StringComparison.Ordinal)
            .Replace("numerator: { priority-level: [1] }", "numerator: { convicted-within-12-months: [yes] }", StringComparison.Ordinal)
            .Replace("direction: higher", "direction: lower", StringComparison.Ordinal)
            .Replace("target: 0.60", "target: 0.02", StringComparison.Ordinal);
        var unchecked_ = Pdw.Run("monitor", "check", "--db", fixture.Db, "--goals", Goals("unchecked.yaml", followUp));
        Assert.Equal(5, unchecked_.ExitCode);
        Assert.StartsWith("NOT-CHECKED ero-arrests-priority-1: 2015-09: no figure", unchecked_.Out);
    }
}
