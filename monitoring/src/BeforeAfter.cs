using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Monitoring;

/// <summary>
/// What changed in one indicator's monthly series at one policy date: the level change (the jump at the first whole
/// month after the date) and the slope change per month of a segmented regression, with 95% intervals; or, when the
/// series cannot carry the model, <see cref="NotEstimable"/> saying why (docs/monitoring.md, "Before and after").
/// </summary>
public sealed record BeforeAfterEstimate(
    string IndicatorId, string Policies, DateOnly PolicyDate, string BreakdownLevel, string? ComponentCode,
    int MonthsBefore, int MonthsAfter, int MonthsWithheld, double? LevelBefore, double? LevelChange, double? LevelChangeLow, double? LevelChangeHigh,
    double? SlopeChange, double? SlopeChangeLow, double? SlopeChangeHigh, string? NotEstimable);

/// <summary>
/// Interrupted time series by segmented regression on the indicator's monthly series, measured afresh over all the
/// loaded data (an indicator's own period starts at its policy, so its stored figures have no "before"). For every
/// dw.DimPolicy issued or superseded date strictly inside the series, at the ALL level and for each component:
/// y = b0 + b1·t + b2·after + b3·t·after, with t in months from the first whole month after the date, weighted by each
/// month's denominator, with the residual variance estimated from the data (so over-dispersion widens the
/// interval rather than being assumed away) and t quantiles on n − 4 degrees of freedom. The month holding the date is
/// left out (it mixes both regimes) unless the date is the 1st. A series with a month whose counts the reports would
/// withhold gives no estimate.
/// </summary>
public sealed class BeforeAfter(WarehouseConnection warehouse)
{
    /// <summary>Months needed on each side: with fewer, a level and a slope on that side are not both identified with any degree of freedom to spare.</summary>
    public const int MinMonthsEachSide = 3;

    /// <param name="Policies">Every policy that took effect or was superseded that day, e.g. "DHS-2014-11-20-PRI effective, ICE-2011-06-17-PD superseded".</param>
    private sealed record PolicyDate(string Policies, DateOnly Date);

    /// <param name="minCell">The reports' disclosure threshold (`pdw report --min-cell`): counts of 1 to minCell − 1 are withheld.</param>
    public IReadOnlyList<BeforeAfterEstimate> Estimate(GoalsFile goals, int minCell = 10)
    {
        var events = new List<(DateOnly Date, string What)>();
        foreach (var p in warehouse.Query<(short PolicyKey, string PolicyCode, DateTime? IssuedDate, DateTime? SupersededDate, string PolicyTitle)>(GoalsSql.Policies))
        {
            if (p.PolicyKey == 0) continue;
            if (p.IssuedDate is { } issued) events.Add((DateOnly.FromDateTime(issued), p.PolicyCode + " effective"));
            if (p.SupersededDate is { } superseded) events.Add((DateOnly.FromDateTime(superseded), p.PolicyCode + " superseded"));
        }
        // One estimate a day: the memos of 20 November 2014 took effect and superseded others at once, and one series
        // cannot tell them apart.
        var dates = events.GroupBy(e => e.Date).Select(g => new PolicyDate(string.Join(", ", g.Select(e => e.What).Order(StringComparer.Ordinal)), g.Key)).ToList();
        var components = warehouse.Query<(short ComponentKey, string ComponentCode)>("SELECT ComponentKey, ComponentCode FROM dw.DimComponent")
            .ToDictionary(c => c.ComponentKey, c => c.ComponentCode);
        var measurer = new IndicatorMeasurer(warehouse);
        var result = new List<BeforeAfterEstimate>();
        foreach (var indicator in goals.Indicators)
        {
            var whole = indicator with { PeriodStart = DateOnly.MinValue, PeriodEnd = null };
            if (measurer.Measure(whole, null, out var why) is not { } measured)
            {
                result.Add(NotEstimable(indicator, new PolicyDate(indicator.PolicyCode, default), "ALL", null, 0, 0, 0, why!));
                continue;
            }
            var months = measured.Where(m => m.PeriodType == "MONTH" && m.BreakdownLevel is "ALL" or "COMPONENT").ToList();
            if (months.Count == 0) continue;
            var first = months.Min(m => m.PeriodStart);
            var last = months.Max(m => m.PeriodEnd);
            foreach (var date in dates.Where(d => d.Date > first && d.Date <= last).OrderBy(d => d.Date))
                foreach (var series in months.GroupBy(m => (m.BreakdownLevel, m.ComponentKey)).OrderBy(g => g.Key.BreakdownLevel == "ALL" ? 0 : 1).ThenBy(g => g.Key.ComponentKey))
                {
                    var code = series.Key.ComponentKey is { } k ? components.GetValueOrDefault(k, "UNKNOWN") : null;
                    result.Add(Fit(indicator, date, series.Key.BreakdownLevel, code, series.ToList(), minCell));
                }
        }
        return result;
    }

    /// <summary>A count the reports would print as D: 1 to minCell − 1.</summary>
    private static bool Withheld(long? count, int minCell) => count is { } c && c > 0 && c < minCell;

    private static BeforeAfterEstimate Fit(Indicator indicator, PolicyDate date, string level, string? component, List<Measurement> months, int minCell)
    {
        var firstAfter = date.Date.Day == 1 ? date.Date : new DateOnly(date.Date.Year, date.Date.Month, 1).AddMonths(1);
        var lastBefore = new DateOnly(date.Date.Year, date.Date.Month, 1).AddDays(-1);
        var kind = indicator.Measure.Kind;
        var points = new List<(double T, double After, double Y, double W)>();
        int before = 0, after = 0, withheld = 0;
        foreach (var m in months.Where(m => m.Value is not null && (m.PeriodEnd <= lastBefore || m.PeriodStart >= firstAfter)))
        {
            // A share's numerator and denominator also give their difference; a median publishes the number of intervals.
            if (Withheld(m.Numerator, minCell) || Withheld(m.Denominator, minCell) || (kind == "share" && Withheld(m.Denominator - m.Numerator, minCell)))
            {
                withheld++;
                continue;
            }
            var isAfter = m.PeriodStart >= firstAfter;
            var t = (m.PeriodStart.Year - firstAfter.Year) * 12 + m.PeriodStart.Month - firstAfter.Month;
            // A count has no denominator to weigh it by; each month counts the same.
            var weight = kind == "count" ? 1.0 : m.Denominator;
            if (weight <= 0) continue;
            points.Add((t, isAfter ? 1 : 0, m.Value!.Value, weight));
            if (isAfter) after++; else before++;
        }
        // Leaving the withheld months out would keep the months whose counts happen to be large or zero: a selection on
        // the outcome, which biases the estimate (a share's complement of 1-9 is exactly what a policy moves). So none
        // may be withheld; a coarser breakdown (ALL) or more data is the remedy.
        if (withheld > 0)
            return NotEstimable(indicator, date, level, component, before, after, withheld,
                string.Create(CultureInfo.InvariantCulture, $"not estimable under disclosure control: {withheld} of {withheld + before + after} months have a count from 1 to {minCell - 1}"));
        if (before < MinMonthsEachSide || after < MinMonthsEachSide)
            return NotEstimable(indicator, date, level, component, before, after, withheld,
                string.Create(CultureInfo.InvariantCulture, $"not estimable: {before} month{(before == 1 ? "" : "s")} before, {after} after (at least {MinMonthsEachSide} each side)"));

        var x = Matrix<double>.Build.Dense(points.Count, 4, (i, j) => j switch
        {
            0 => 1, 1 => points[i].T, 2 => points[i].After, _ => points[i].T * points[i].After,
        });
        var y = Vector<double>.Build.Dense(points.Count, i => points[i].Y);
        var w = Vector<double>.Build.Dense(points.Count, i => points[i].W);
        var xtw = x.Transpose().PointwiseMultiply(Matrix<double>.Build.Dense(4, points.Count, (_, i) => w[i]));
        var xtwx = xtw * x;
        if (xtwx.Determinant() is var det && (double.IsNaN(det) || Math.Abs(det) < 1e-12))
            return NotEstimable(indicator, date, level, component, before, after, withheld, "not estimable: the months before and after do not identify a level and a slope on each side");
        var inverse = xtwx.Inverse();
        var b = inverse * (xtw * y);
        var residuals = y - x * b;
        var df = points.Count - 4;
        // Weights are relative (a month with twice the denominator has half the variance); their scale is estimated.
        var sigma2 = residuals.PointwiseMultiply(residuals).PointwiseMultiply(w).Sum() / df;
        var tq = StudentT.InvCDF(0, 1, df, 0.975);
        double Se(int j) => Math.Sqrt(Math.Max(0, sigma2 * inverse[j, j]));
        // LevelBefore is the before-segment's line carried to the first month after: what the change is measured from.
        return new BeforeAfterEstimate(indicator.Id, date.Policies, date.Date, level, component, before, after, withheld,
            b[0], b[2], b[2] - tq * Se(2), b[2] + tq * Se(2), b[3], b[3] - tq * Se(3), b[3] + tq * Se(3), null);
    }

    private static BeforeAfterEstimate NotEstimable(Indicator indicator, PolicyDate date, string level, string? component, int before, int after, int withheld, string why) =>
        new(indicator.Id, date.Policies, date.Date, level, component, before, after, withheld, null, null, null, null, null, null, null, why);
}
