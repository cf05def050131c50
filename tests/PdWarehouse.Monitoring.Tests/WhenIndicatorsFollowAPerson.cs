using System.Text.Json;
using Dapper;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Monitoring.Tests;

/// <summary>
/// Indicators that follow a person from one record to another, on the generated FY2014-FY2015 warehouse. A removal's
/// priority is the one recorded at the person's most recent ICE ERO arrest (truth: monitoring.eroRemovalsByMonth).
/// The pd-recipients population: FY2015's book-ins carry the generator's
/// documented follow-up convictions of FY2014's PD recipients (etl/Generation/FollowUpConvictions.cs), and truth.json
/// states, per component, office and month, how many decisions the warehouse can follow up for 12 months and how many
/// of those it will find convicted or arrested (monitoring.pdRecipientFollowUpByMonth).
/// </summary>
public sealed class WhenIndicatorsFollowAPerson(GeneratedWarehouse fixture) : IClassFixture<GeneratedWarehouse>
{
    private const string Goals = """
        version: "follow-up"
        owner: tests
        indicators:
          - id: convicted
            statement: PD recipients recorded as convicted within 12 months.
            policy: ICE-2011-06-17-PD
            period: { from: 2013-10-01, to: 2014-11-19 }
            measure: { kind: share, population: pd-recipients, numerator: { convicted-within-12-months: [yes] } }
            direction: lower
            target: 0.02
          - id: arrested
            statement: PD recipients arrested within 12 months.
            policy: ICE-2011-06-17-PD
            period: { from: 2013-10-01, to: 2014-11-19 }
            measure: { kind: share, population: pd-recipients, numerator: { arrested-within-12-months: [yes] } }
            direction: lower
            target: 0.02
          - id: removals-priority-1
            statement: ICE ERO removals in priority 1, by the priority of the arrest before them.
            policy: DHS-2014-11-20-PRI
            period: { from: 2014-12-01 }
            measure:
              kind: share
              population: enforcement-actions
              where: { component: [ICE-ERO], action-category: [REMOVAL] }
              numerator: { priority-level: [1] }
            direction: higher
            target: 0.6
        """;

    private sealed record Cell(string Component, string Office, string Month);

    private (Dictionary<Cell, Measurement> Offices, Dictionary<(string Component, string Month), Measurement> Components) Measure(string id)
    {
        var goals = new GoalsValidator().Validate(Goals);
        Assert.True(goals.IsValid, string.Join("; ", goals.Problems));
        using var w = WarehouseConnection.OpenDuckDb(fixture.Db);
        var indicator = goals.Goals!.Indicators.Single(i => i.Id == id);
        var measured = new IndicatorMeasurer(w).Measure(indicator, null, out var why) ?? throw new InvalidOperationException(why);
        var components = w.Query<(short, string)>("SELECT ComponentKey, ComponentCode FROM dw.DimComponent").ToDictionary(c => c.Item1, c => c.Item2);
        var offices = w.Query<(int, string)>("SELECT OfficeKey, OfficeCode FROM dw.DimOffice").ToDictionary(o => o.Item1, o => o.Item2);
        static string Month(DateOnly d) => $"{d.Year:D4}-{d.Month:D2}";
        return (
            measured.Where(m => m is { PeriodType: "MONTH", BreakdownLevel: "OFFICE" })
                .ToDictionary(m => new Cell(components[m.ComponentKey!.Value], offices[m.OfficeKey!.Value], Month(m.PeriodStart))),
            measured.Where(m => m is { PeriodType: "MONTH", BreakdownLevel: "COMPONENT" })
                .ToDictionary(m => (components[m.ComponentKey!.Value], Month(m.PeriodStart))));
    }

    private List<(Cell Cell, long Decisions, long Covered, long Convicted, long Arrested)> Truth() =>
        fixture.Truth.RootElement.GetProperty("monitoring").GetProperty("pdRecipientFollowUpByMonth").EnumerateArray()
            .Select(r => (new Cell(r.GetProperty("component").GetString()!, r.GetProperty("office").GetString()!, r.GetProperty("month").GetString()!),
                r.GetProperty("decisions").GetInt64(), r.GetProperty("followUpCovered").GetInt64(),
                r.GetProperty("convictedWithin12Months").GetInt64(), r.GetProperty("arrestedWithin12Months").GetInt64()))
            .Where(t => string.CompareOrdinal(t.Item1.Month, "2014-11") <= 0)
            .ToList();

    [Theory]
    [InlineData("convicted")]
    [InlineData("arrested")]
    public void Every_office_month_has_the_truths_decisions_followed_up_and_found(string id)
    {
        var (measured, _) = Measure(id);
        var truth = Truth();
        Assert.True(truth.Sum(t => t.Convicted) > 100, "the generated follow-up gives too few convictions to test");
        foreach (var (cell, decisions, covered, convicted, arrested) in truth)
        {
            // November 2014 is measured up to the 19th only, so only whole months compare with the truth's month.
            if (cell.Month == "2014-11") continue;
            var m = measured[cell];
            Assert.True((decisions, covered, id == "convicted" ? convicted : arrested) == (m.RecordsInScope, m.Denominator, m.Numerator ?? -1),
                $"{cell}: truth {decisions} decisions, {covered} followed up, {(id == "convicted" ? convicted : arrested)} found; " +
                $"measured {m.RecordsInScope}, {m.Denominator}, {m.Numerator}");
        }
        Assert.Equal(truth.Count(t => t.Cell.Month != "2014-11"), measured.Count(m => m.Key.Month != "2014-11"));
    }

    [Fact]
    public void Decisions_whose_12_months_run_past_the_data_are_incomplete_never_counted_as_no()
    {
        var (_, components) = Measure("convicted");
        // The data ends 2015-09-30: decisions from 2014-10-01 have no complete follow-up yet.
        foreach (var ((component, month), m) in components)
        {
            if (string.CompareOrdinal(month, "2014-10") < 0) Assert.Equal(1.0, m.Completeness);
            else
            {
                Assert.Equal(0, m.Denominator);
                Assert.Equal(0.0, m.Completeness);
                Assert.Null(m.Value);
                Assert.Null(m.IntervalLow);
            }
        }
    }

    /// <summary>
    /// Each component-month's Wilson interval is a chance to miss the component's share over FY2014 in the truth (36
    /// cells). The months are not identical draws (a decision's 12 months cover different deliveries), so this is
    /// a coarse check: Binomial(36, 0.95) falls below 31 with probability under 0.005.
    /// </summary>
    [Theory]
    [InlineData("convicted")]
    [InlineData("arrested")]
    public void Component_month_Wilson_intervals_cover_the_truths_share(string id)
    {
        var (_, components) = Measure(id);
        var truth = Truth().Where(t => string.CompareOrdinal(t.Cell.Month, "2014-10") < 0).ToList();
        var shares = truth.GroupBy(t => t.Cell.Component)
            .ToDictionary(g => g.Key, g => (double)g.Sum(t => id == "convicted" ? t.Convicted : t.Arrested) / g.Sum(t => t.Covered));
        var cells = components.Where(c => string.CompareOrdinal(c.Key.Month, "2014-10") < 0 && c.Value.Denominator > 0).ToList();
        Assert.Equal(36, cells.Count);
        var covered = cells.Count(c => c.Value.IntervalLow <= shares[c.Key.Component] && shares[c.Key.Component] <= c.Value.IntervalHigh);
        Assert.True(covered >= 31, $"{covered} of {cells.Count} intervals contain the truth's share");
    }

    [Fact]
    public void A_removal_takes_the_priority_of_the_persons_latest_ERO_arrest_and_every_office_month_equals_the_truth()
    {
        var (measured, _) = Measure("removals-priority-1");
        var truth = fixture.Truth.RootElement.GetProperty("monitoring").GetProperty("eroRemovalsByMonth").EnumerateArray()
            .Where(r => string.CompareOrdinal(r.GetProperty("month").GetString(), "2014-12") >= 0)
            .GroupBy(r => new Cell("ICE-ERO", r.GetProperty("office").GetString()!, r.GetProperty("month").GetString()!))
            .ToDictionary(g => g.Key, g => (
                Removals: g.Sum(r => r.GetProperty("removals").GetInt64()),
                Recorded: g.Where(r => r.GetProperty("arrestPriorityLevel").GetString() != "NOT-RECORDED").Sum(r => r.GetProperty("removals").GetInt64()),
                Priority1: g.Where(r => r.GetProperty("arrestPriorityLevel").GetString() == "1").Sum(r => r.GetProperty("removals").GetInt64())));
        Assert.True(truth.Values.Sum(t => t.Priority1) > 500, "too few removals with an arrest in priority 1 to test");
        Assert.Equal(truth.Keys.OrderBy(k => k.ToString(), StringComparer.Ordinal), measured.Keys.OrderBy(k => k.ToString(), StringComparer.Ordinal));
        foreach (var (cell, t) in truth)
        {
            var m = measured[cell];
            Assert.True((t.Removals, t.Recorded, t.Priority1) == (m.RecordsInScope, m.Denominator, m.Numerator ?? -1),
                $"{cell}: truth {t.Removals} removals, {t.Recorded} with an arrest priority, {t.Priority1} in priority 1; measured {m.RecordsInScope}, {m.Denominator}, {m.Numerator}");
        }
    }
}
