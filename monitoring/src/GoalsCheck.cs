using System.Globalization;
using Dapper;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Monitoring;

/// <summary>One indicator's standing in its latest complete month (docs/monitoring.md, "pdw monitor check").</summary>
/// <param name="Status">MET, MISSED, or NOT-CHECKED (with <see cref="Why"/>).</param>
public sealed record GoalCheck(
    string IndicatorId, string Status, string? PeriodStart, double? Value, decimal Target, string Direction, bool? WithinTolerance,
    long? Numerator, long? Denominator, double? IntervalLow, double? IntervalHigh, string? Why);

/// <summary>
/// Checks each goal in the latest complete month: the last calendar month, all components, with a figure, that the
/// indicator's period covers whole and that ends on or before the end of the latest period any loaded delivery covers
/// (a month the deliveries have not closed yet is not judged). Met means on the target's side (at or above it for
/// "higher", at or below for "lower"); a miss inside the tolerance band is still a miss, and says so.
/// </summary>
public sealed class GoalsCheck(WarehouseConnection warehouse)
{
    public const string Met = "MET", Missed = "MISSED", NotChecked = "NOT-CHECKED";

    /// <param name="until">Judge no month ending after this day (a report's last month); the end of the loaded data when later or not given.</param>
    public IReadOnlyList<GoalCheck> Check(GoalsFile goals, DateOnly? until = null)
    {
        var dataEnd = warehouse.Connection.ExecuteScalar<DateTime?>(warehouse.Prepare("SELECT MAX(PeriodEnd) FROM etl.Lineage WHERE PeriodEnd IS NOT NULL"));
        var measurer = new IndicatorMeasurer(warehouse);
        var result = new List<GoalCheck>();
        foreach (var indicator in goals.Indicators)
        {
            GoalCheck Skip(string why) => new(indicator.Id, NotChecked, null, null, indicator.Target, indicator.Direction, null, null, null, null, null, why);
            if (dataEnd is null) { result.Add(Skip("no delivery with a period is loaded")); continue; }
            var end = DateOnly.FromDateTime(dataEnd.Value);
            if (until is { } u && u < end) end = u;
            if (measurer.Measure(indicator, null, out var why) is not { } measured) { result.Add(Skip(why!)); continue; }
            var latest = measured.Where(m => m.PeriodType == "MONTH" && m.BreakdownLevel == "ALL" && !m.IsPartialPeriod && m.PeriodEnd <= end)
                .MaxBy(m => m.PeriodStart);
            if (latest is null) { result.Add(Skip($"no complete month inside the indicator's period up to {end:yyyy-MM-dd}, {(until is { } last && last <= end ? "the report's last day" : "the end of the loaded data")}")); continue; }
            var month = latest.PeriodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            if (latest.Value is not { } value) { result.Add(Skip($"{month}: no figure (denominator 0, completeness {latest.Completeness?.ToString("0.00", CultureInfo.InvariantCulture) ?? "none"})")); continue; }
            var target = (double)indicator.Target;
            var met = indicator.Direction == "higher" ? value >= target : value <= target;
            bool? within = indicator.ToleranceLow is { } lo && indicator.ToleranceHigh is { } hi ? value >= (double)lo && value <= (double)hi : null;
            result.Add(new GoalCheck(indicator.Id, met ? Met : Missed, month, value, indicator.Target, indicator.Direction, within,
                latest.Numerator, latest.Denominator, latest.IntervalLow, latest.IntervalHigh, null));
        }
        return result;
    }
}
