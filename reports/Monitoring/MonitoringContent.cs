using System.Globalization;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Monitoring;
using PdWarehouse.Reports.Charts;
using PdWarehouse.Reports.Tables;

namespace PdWarehouse.Reports.Monitoring;

/// <summary>
/// The monitoring report's computed blocks (docs/monitoring.md, "The monitoring report"): the goals, the scorecard
/// (<see cref="GoalsCheck"/>), a trend chart per indicator, the offices furthest from target, completeness, and the
/// before/after estimates (<see cref="BeforeAfter"/>). Every figure is measured from the goals given, by the measurer
/// that fills etl.IndicatorMeasurement, so a draft goals file can be reported before it is loaded; for the loaded goals
/// the figures are rpt.IndicatorMeasurement's.
/// </summary>
/// <param name="source">Where the goals came from, as the report says it ("monitoring/goals.yaml", "the goals loaded in the warehouse").</param>
public sealed class MonitoringContent(GoalsFile goals, string source) : IComputedContent
{
    private sealed record Measured(Indicator Indicator, IReadOnlyList<Measurement>? Own, IReadOnlyList<Measurement>? Whole, string? Why);

    private sealed record State(
        IReadOnlyList<Measured> Indicators, IReadOnlyList<GoalCheck> Checks, IReadOnlyList<BeforeAfterEstimate> Estimates,
        IReadOnlyList<(DateOnly Date, string What)> PolicyDates, IReadOnlyDictionary<short, string> Components, IReadOnlyDictionary<int, string> Offices);

    private State? _state;
    private ComputedContext? _stateFor;

    public IReadOnlyList<ComputedItem> Build(string name, ComputedContext context)
    {
        // Every block reads the same measurements: measured once a report.
        if (!ReferenceEquals(_stateFor, context)) (_state, _stateFor) = (Measure(context), context);
        var state = _state!;
        return name switch
        {
            "monitoring-goals" => Goals(context),
            "monitoring-scorecard" => [new(Table: Scorecard(state, context))],
            "monitoring-trends" => Trends(state, context),
            "monitoring-offices" => Offices(state, context),
            "monitoring-completeness" => [new(Table: Completeness(state, context))],
            "monitoring-before-after" => [new(Table: BeforeAfterTable(state, context))],
            _ => throw new ArgumentException($"No computed block \"{name}\" in the monitoring report.", nameof(name)),
        };
    }

    private State Measure(ComputedContext context)
    {
        var db = context.Db;
        var measurer = new IndicatorMeasurer(db);
        var indicators = goals.Indicators.Select(i =>
        {
            var own = measurer.Measure(i, null, out var why);
            // The trend shows the months before the indicator's own period too: that is where a policy's effect shows.
            var whole = own is null ? null : measurer.Measure(i with { PeriodStart = DateOnly.MinValue, PeriodEnd = null }, null, out _);
            return new Measured(i, own, whole, why);
        }).ToList();
        var dates = new List<(DateOnly, string)>();
        foreach (var p in db.Query<(short PolicyKey, string PolicyCode, DateTime? IssuedDate, DateTime? SupersededDate, string PolicyTitle)>(GoalsSql.Policies))
        {
            if (p.PolicyKey == 0) continue;
            if (p.IssuedDate is { } issued) dates.Add((DateOnly.FromDateTime(issued), p.PolicyCode + " effective"));
            if (p.SupersededDate is { } superseded) dates.Add((DateOnly.FromDateTime(superseded), p.PolicyCode + " superseded"));
        }
        var inPeriod = dates.Where(d => d.Item1 >= context.Period.Start && d.Item1 <= context.Period.End)
            .GroupBy(d => d.Item1).Select(g => (g.Key, string.Join(", ", g.Select(x => x.Item2).Order(StringComparer.Ordinal)))).OrderBy(d => d.Key).ToList();
        var components = db.Query<(short ComponentKey, string ComponentCode)>("SELECT ComponentKey, ComponentCode FROM dw.DimComponent").ToDictionary(c => c.ComponentKey, c => c.ComponentCode);
        var offices = db.Query<(int OfficeKey, string OfficeName)>("SELECT OfficeKey, OfficeName FROM dw.DimOffice").ToDictionary(o => o.OfficeKey, o => o.OfficeName);
        var checks = new GoalsCheck(db).Check(goals, context.Period.End);
        var estimates = new BeforeAfter(db).Estimate(goals, context.MinimumCell);
        return new State(indicators, checks, estimates, inPeriod, components, offices);
    }

    // ---- disclosure: a figure is published only when the counts behind it would be -----------------------------------

    /// <summary>A count the reports print as D: 1 to minimumCell − 1.</summary>
    private static bool Small(long? count, int minimumCell) => count is { } c && c > 0 && c < minimumCell;

    /// <summary>
    /// Whether a measurement's figure may be printed or drawn: none of its counts (numerator, denominator and, for a
    /// share, their difference, which counts the other decisions) is one the reports withhold.
    /// </summary>
    public static bool Publishable(string kind, long? numerator, long denominator, int minimumCell) =>
        !Small(numerator, minimumCell) && !Small(denominator, minimumCell) && !(kind == "share" && Small(denominator - numerator, minimumCell));

    // ---- formatting --------------------------------------------------------------------------------------------------

    private static string Figure(string kind, double value) => value.ToString(kind switch
    {
        "share" => "0.000",
        "rate" => "0.00",
        _ => "0",
    }, CultureInfo.InvariantCulture);

    private static string Interval(string kind, double? low, double? high) =>
        low is { } l && high is { } h ? $"{Figure(kind, l)} to {Figure(kind, h)}" : "";

    private static string Unit(Indicator i) => i.Measure.Kind switch
    {
        "share" => "share",
        "rate" => $"per {i.Measure.Per:#,##0}",
        "median-days" => "days (median)",
        _ => "records",
    };

    private static string TargetText(Indicator i) =>
        $"{(i.Direction == "higher" ? "at least" : "at most")} {i.Target.ToString(CultureInfo.InvariantCulture)}";

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static TableRow Row(string label, int columns) => new(label, RowKind.Detail, null, columns);

    // ---- blocks ------------------------------------------------------------------------------------------------------

    private IReadOnlyList<ComputedItem> Goals(ComputedContext context)
    {
        var columns = new List<TableColumn>
        {
            new("statement", "Goal", false, false, CellContent.Text), new("policy", "Policy", false, false, CellContent.Text),
            new("from", "Applies from", false, false, CellContent.Text), new("target", "Target", false, false, CellContent.Text),
            new("band", "Tolerance band", false, false, CellContent.Text),
        };
        var table = new ReportTable
        {
            Id = "monitoring-goals", Number = context.NextTableNumber(), Title = "Indicators and their targets", StubHeader = "Indicator",
            Columns = columns, Source = $"Source: goals file {source}.", DisclosureControlled = false,
        };
        foreach (var i in goals.Indicators)
        {
            var row = Row(i.Id, columns.Count);
            row.Texts[0] = i.Statement;
            row.Texts[1] = i.PolicyCode;
            row.Texts[2] = i.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (i.PeriodEnd is { } e ? $" to {e:yyyy-MM-dd}" : "");
            row.Texts[3] = $"{TargetText(i)} ({Unit(i)})";
            row.Texts[4] = i.ToleranceLow is { } lo && i.ToleranceHigh is { } hi ? $"{lo.ToString(CultureInfo.InvariantCulture)} to {hi.ToString(CultureInfo.InvariantCulture)}" : "";
            table.Rows.Add(row);
        }
        foreach (var i in goals.Indicators.Where(i => i.Note is not null)) table.Notes.Add($"{i.Id}: {i.Note}");
        var version = goals.Version.Length > 0 ? $"version {goals.Version}" : "the current version";
        var owner = goals.Owner.Length > 0 ? $", owned by {goals.Owner}" : "";
        return
        [
            ComputedItem.Text($"This report measures {goals.Indicators.Count} indicators of {source} ({version}{owner}) over {context.Period.Label}. "
                + "Each indicator is a goal written as data: what is counted, the policy it serves, from when it applies, and the target it must meet."),
            new(Table: table),
        ];
    }

    private static ReportTable Scorecard(State state, ComputedContext context)
    {
        var columns = new List<TableColumn>
        {
            new("status", "Status", false, false, CellContent.Text), new("month", "Month", false, false, CellContent.Text),
            new("value", "Value", false, false, CellContent.Figure), new("interval", "95% interval", false, false, CellContent.Figure),
            new("numerator", "Numerator", false, false), new("denominator", "Denominator", false, false),
            new("target", "Target", false, false, CellContent.Text),
        };
        var table = new ReportTable
        {
            Id = "monitoring-scorecard", Number = context.NextTableNumber(), Title = $"Scorecard: each indicator in its latest complete month up to {Month(context.Period.End)}",
            StubHeader = "Indicator", Columns = columns,
            Source = "Source: PdWarehouse, the goals measured over dw.FactEnforcementAction, dw.FactDiscretionDecision and dw.FactDeferredActionRequest (pdw monitor check).",
        };
        foreach (var check in state.Checks)
        {
            var indicator = state.Indicators.Single(m => m.Indicator.Id == check.IndicatorId).Indicator;
            var kind = indicator.Measure.Kind;
            var row = Row(check.IndicatorId, columns.Count);
            row.Texts[0] = check.Status switch
            {
                GoalsCheck.Met => "Met",
                GoalsCheck.Missed => check.WithinTolerance == true ? "Missed, inside tolerance" : "Missed",
                _ => "Not measurable",
            };
            row.Texts[1] = check.PeriodStart ?? "";
            row.Texts[2] = check.Value is { } v ? Figure(kind, v) : "";
            row.Texts[3] = Interval(kind, check.IntervalLow, check.IntervalHigh);
            // A median has no numerator: the number of intervals is its denominator.
            row.Values[4] = check.Numerator;
            row.Values[5] = check.Denominator;
            row.Texts[6] = TargetText(indicator);
            if (check.Status == GoalsCheck.NotChecked) row.Values[4] = row.Values[5] = null;
            // The share's other decisions (denominator − numerator) are a count too: withheld with the numerator.
            if (kind == "share" && check.Denominator is { } d && Small(d - check.Numerator, context.MinimumCell)) row.Withheld[4] = true;
            table.Rows.Add(row);
            if (check.Status == GoalsCheck.NotChecked) table.Notes.Add($"{check.IndicatorId} is not measurable: {check.Why}.");
        }
        table.Notes.Add("Met: the value is on the target's side (at or above it when higher is better, at or below when lower is). A miss inside the tolerance band is still a miss. "
            + "The latest complete month is the last calendar month, all components, that the indicator's period covers whole, ends by the report's last month and by the end of the loaded data, and has a figure.");
        table.Notes.Add("Intervals: Wilson for shares, Garwood (Poisson) for counts and rates, order statistics for medians (docs/monitoring.md). NA: a median has no numerator, or the indicator has no figure.");
        return table;
    }

    private static IReadOnlyList<ComputedItem> Trends(State state, ComputedContext context)
    {
        var items = new List<ComputedItem>();
        var months = new List<DateOnly>();
        for (var m = context.Period.Start; m <= context.Period.End; m = m.AddMonths(1)) months.Add(m);
        var dates = state.PolicyDates.Select(d => new TrendMarker(d.Date, d.What)).ToList();
        foreach (var measured in state.Indicators)
        {
            var i = measured.Indicator;
            if (measured.Whole is not { } whole)
            {
                items.Add(ComputedItem.Text($"{i.Id}: no trend, the indicator is not measurable: {measured.Why}."));
                continue;
            }
            var kind = i.Measure.Kind;
            var withheld = 0;
            TrendSeries Series(string name, IEnumerable<Measurement> rows)
            {
                var byMonth = rows.Where(r => r.PeriodStart >= context.Period.Start && r.PeriodStart <= context.Period.End).ToDictionary(r => r.PeriodStart);
                return new TrendSeries(name, months.Select(m =>
                {
                    if (!byMonth.TryGetValue(m, out var r) || r.Value is null) return (double?)null;
                    if (Publishable(kind, r.Numerator, r.Denominator, context.MinimumCell)) return r.Value;
                    withheld++;
                    return null;
                }).ToList());
            }
            var monthly = whole.Where(r => r.PeriodType == "MONTH").ToList();
            var series = new List<TrendSeries> { Series("All components", monthly.Where(r => r.BreakdownLevel == "ALL")) };
            foreach (var component in monthly.Where(r => r.BreakdownLevel == "COMPONENT").GroupBy(r => r.ComponentKey).OrderBy(g => g.Key))
                series.Add(Series(state.Components.GetValueOrDefault(component.Key ?? 0, "Unknown"), component));
            series = [.. series.Where(s => s.Values.Any(v => v is not null))];
            if (series.Count == 0)
            {
                items.Add(ComputedItem.Text($"{i.Id}: no trend, no month in the period has a figure that can be published"
                    + (withheld > 0 ? $" ({withheld} are withheld under disclosure control)." : " (every month measures 0 records).")));
                continue;
            }
            var targetFrom = i.PeriodStart > context.Period.Start ? i.PeriodStart : context.Period.Start;
            var notes = new List<string>
            {
                $"Target: {TargetText(i)} ({Unit(i)}), drawn from {targetFrom:yyyy-MM-dd}, when the goal applies; earlier months are measured the same way to show what changed. Vertical lines mark the policy dates in the period.",
            };
            if (withheld > 0) notes.Add($"{withheld} monthly points are not drawn: a count behind them (numerator, denominator or, for a share, their difference) is from 1 to {context.MinimumCell - 1}.");
            var months0 = months;
            items.Add(new(Chart: ChartFactory.IndicatorTrend($"figure-{i.Id}", context.NextFigureNumber(), $"{i.Id}: monthly value, all components and by component",
                $"Line chart of the monthly value of {i.Id} from {context.Period.Label}, with its target and the policy dates marked.",
                months0, series, (double)i.Target, targetFrom, dates, Unit(i), kind == "share", notes,
                "Source: PdWarehouse, the indicator measured per calendar month (rpt.IndicatorMeasurement for the loaded goals).")));
        }
        return items;
    }

    private static IReadOnlyList<ComputedItem> Offices(State state, ComputedContext context, int perIndicator = 5)
    {
        var columns = new List<TableColumn>
        {
            new("indicator", "Indicator", false, false, CellContent.Text), new("month", "Month", false, false, CellContent.Text),
            new("value", "Value", false, false, CellContent.Figure), new("interval", "95% interval", false, false, CellContent.Figure),
            new("numerator", "Numerator", false, false), new("denominator", "Denominator", false, false),
            new("gap", "Short of target by", false, false, CellContent.Figure),
        };
        var table = new ReportTable
        {
            Id = "monitoring-offices", Number = context.NextTableNumber(), Title = "Offices furthest from target in each indicator's latest complete month",
            StubHeader = "Office", Columns = columns,
            Source = "Source: PdWarehouse, the indicators measured per office and calendar month.",
        };
        foreach (var check in state.Checks.Where(c => c.PeriodStart is not null))
        {
            var measured = state.Indicators.Single(m => m.Indicator.Id == check.IndicatorId);
            var i = measured.Indicator;
            var kind = i.Measure.Kind;
            var month = DateOnly.ParseExact(check.PeriodStart! + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var rows = (measured.Own ?? []).Where(r => r.PeriodType == "MONTH" && r.BreakdownLevel == "OFFICE" && r.PeriodStart == month && r.Value is not null).ToList();
            var ranked = rows.Where(r => Publishable(kind, r.Numerator, r.Denominator, context.MinimumCell))
                .Select(r => (Row: r, Gap: i.Direction == "higher" ? (double)i.Target - r.Value!.Value : r.Value!.Value - (double)i.Target))
                .Where(x => x.Gap > 0).OrderByDescending(x => x.Gap).ThenBy(x => state.Offices.GetValueOrDefault(x.Row.OfficeKey ?? 0, ""), StringComparer.Ordinal).ToList();
            foreach (var (r, gap) in ranked.Take(perIndicator))
            {
                var row = Row(state.Offices.GetValueOrDefault(r.OfficeKey ?? 0, "Unknown"), columns.Count);
                row.Texts[0] = i.Id;
                row.Texts[1] = check.PeriodStart;
                row.Texts[2] = Figure(kind, r.Value!.Value);
                row.Texts[3] = Interval(kind, r.IntervalLow, r.IntervalHigh);
                row.Values[4] = r.Numerator;
                row.Values[5] = r.Denominator;
                row.Texts[6] = Figure(kind, gap);
                table.Rows.Add(row);
            }
            var hidden = rows.Count(r => !Publishable(kind, r.Numerator, r.Denominator, context.MinimumCell));
            table.Notes.Add($"{i.Id}, {check.PeriodStart}: {ranked.Count} of {rows.Count} offices with a figure miss the target"
                + (ranked.Count > perIndicator ? $" (the {perIndicator} furthest shown)" : "")
                + (hidden > 0 ? $"; {hidden} offices whose counts are withheld (1 to {context.MinimumCell - 1}) are not ranked." : "."));
        }
        var items = new List<ComputedItem>();
        if (table.Rows.Count == 0)
        {
            items.Add(ComputedItem.Text("No office with a published figure misses its target in its indicator's latest complete month."));
            table.Notes.Insert(0, "No office is listed.");
        }
        items.Add(new(Table: table));
        return items;
    }

    private static ReportTable Completeness(State state, ComputedContext context)
    {
        var columns = new List<TableColumn>
        {
            new("in-scope", "Records in scope", false, false), new("recorded", "Fields recorded", false, true),
            new("not-recorded", "Not recorded", false, true), new("completeness", "Completeness", false, false, CellContent.Figure),
            new("lowest", "Lowest month", false, false, CellContent.Text),
        };
        var table = new ReportTable
        {
            Id = "monitoring-completeness", Number = context.NextTableNumber(),
            Title = $"Completeness: records whose fields each indicator needs were recorded, {context.Period.Label}",
            StubHeader = "Indicator", Columns = columns, TotalColumn = 0,
            Source = "Source: PdWarehouse, the indicators measured per calendar month inside each indicator's own period.",
        };
        foreach (var measured in state.Indicators)
        {
            if (measured.Own is not { } own)
            {
                table.Notes.Add($"{measured.Indicator.Id} is not measurable: {measured.Why}.");
                continue;
            }
            var months = own.Where(r => r.PeriodType == "MONTH" && r.BreakdownLevel == "ALL" && r.PeriodStart >= context.Period.Start && r.PeriodStart <= context.Period.End).ToList();
            var row = Row(measured.Indicator.Id, columns.Count);
            long inScope = months.Sum(m => m.RecordsInScope), complete = months.Sum(m => m.RecordsComplete);
            (row.Values[0], row.Values[1], row.Values[2]) = (inScope, complete, inScope - complete);
            row.Texts[3] = inScope > 0 ? ((double)complete / inScope).ToString("0.000", CultureInfo.InvariantCulture) : "";
            // Only months whose own counts would be published: a month's share of 3 of 4 would say what a table withholds.
            var lowest = months.Where(m => m.RecordsInScope > 0 && !Small(m.RecordsInScope, context.MinimumCell) && !Small(m.RecordsInScope - m.RecordsComplete, context.MinimumCell) && !Small(m.RecordsComplete, context.MinimumCell))
                .OrderBy(m => (double)m.RecordsComplete / m.RecordsInScope).ThenBy(m => m.PeriodStart).FirstOrDefault();
            row.Texts[4] = lowest is null ? "" : $"{Month(lowest.PeriodStart)}: {((double)lowest.RecordsComplete / lowest.RecordsInScope).ToString("0.000", CultureInfo.InvariantCulture)}";
            table.Rows.Add(row);
        }
        table.Notes.Add("A record is in scope when it matches the indicator's filter (for a rate, the numerator's); its fields are recorded when every field the indicator tests was recorded (docs/monitoring.md). "
            + "A share leaves records whose fields were not recorded out of its denominator: completeness says how many that was.");
        return table;
    }

    private ReportTable BeforeAfterTable(State state, ComputedContext context)
    {
        var columns = new List<TableColumn>
        {
            new("date", "Policy date", false, false, CellContent.Text), new("series", "Series", false, false, CellContent.Text),
            new("months", "Months before / after", false, false, CellContent.Text),
            new("level", "Level change", false, false, CellContent.Text), new("level-interval", "95% interval", false, false, CellContent.Text),
            new("slope", "Slope change a month", false, false, CellContent.Text), new("slope-interval", "95% interval", false, false, CellContent.Text),
        };
        var table = new ReportTable
        {
            Id = "monitoring-before-after", Number = context.NextTableNumber(), Title = $"What changed at each policy date in {context.Period.Label}: segmented regression",
            StubHeader = "Indicator", Columns = columns, DisclosureControlled = false,
            Source = "Source: PdWarehouse, each indicator's monthly series over all loaded data (pdw monitor changes).",
        };
        var kinds = goals.Indicators.ToDictionary(i => i.Id, i => i.Measure.Kind, StringComparer.Ordinal);
        static string Signed(string kind, double v) => (v > 0 ? "+" : "") + (kind == "share" ? v.ToString("0.000", CultureInfo.InvariantCulture) : v.ToString("0.00", CultureInfo.InvariantCulture));
        foreach (var e in state.Estimates.Where(e => e.PolicyDate == default || (e.PolicyDate >= context.Period.Start && e.PolicyDate <= context.Period.End)))
        {
            var kind = kinds[e.IndicatorId];
            var row = Row(e.IndicatorId, columns.Count);
            row.Texts[0] = e.PolicyDate == default ? "" : e.PolicyDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            row.Texts[1] = e.ComponentCode ?? "All components";
            row.Texts[2] = e.PolicyDate == default ? "" : $"{e.MonthsBefore} / {e.MonthsAfter}";
            if (e.NotEstimable is { } why)
            {
                row.Texts[3] = why;
            }
            else
            {
                row.Texts[3] = Signed(kind, e.LevelChange!.Value);
                row.Texts[4] = $"{Signed(kind, e.LevelChangeLow!.Value)} to {Signed(kind, e.LevelChangeHigh!.Value)}";
                row.Texts[5] = Signed(kind, e.SlopeChange!.Value);
                row.Texts[6] = $"{Signed(kind, e.SlopeChangeLow!.Value)} to {Signed(kind, e.SlopeChangeHigh!.Value)}";
            }
            table.Rows.Add(row);
        }
        foreach (var (date, what) in state.PolicyDates) table.Notes.Add($"{date:yyyy-MM-dd}: {what}.");
        table.Notes.Add("y = b0 + b1·t + b2·after + b3·t·after over the monthly values, weighted by each month's denominator, the month holding the date left out; "
            + "the level change is b2, the step at the first whole month after the date; the slope change is b3 (docs/monitoring.md, \u201cBefore and after\u201d). "
            + $"No estimate is given for fewer than {BeforeAfter.MinMonthsEachSide} months on a side, or for a series any month of which has a count from 1 to {context.MinimumCell - 1} (disclosure control); the row says which.");
        return table;
    }
}
