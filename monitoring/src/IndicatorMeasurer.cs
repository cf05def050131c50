using System.Data.Common;
using System.Globalization;
using Dapper;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Monitoring;

/// <summary>One stored measurement: an indicator in one period and breakdown (etl.IndicatorMeasurement).</summary>
public sealed record Measurement(
    string IndicatorId, string PeriodType, DateOnly PeriodStart, DateOnly PeriodEnd, short FiscalYear, bool IsPartialPeriod,
    string BreakdownLevel, short? ComponentKey, int? OfficeKey, long? Numerator, long Denominator, double? Value,
    double? IntervalLow, double? IntervalHigh, long RecordsInScope, long RecordsComplete, double? Completeness);

/// <summary>What a refresh measured, and which indicators it could not measure yet and why.</summary>
public sealed record MeasurementRefresh(int Rows, IReadOnlyList<(string IndicatorId, string Why)> NotMeasured);

/// <summary>What <see cref="IndicatorMeasurer.MeasureAll"/> found, waiting to be written.</summary>
public sealed record MeasuredGoals(IReadOnlyList<(string IndicatorId, IReadOnlyList<Measurement> Measurements)> Measured,
    IReadOnlyList<(string IndicatorId, string Why)> NotMeasured);

/// <summary>
/// Measures the current goals per calendar month and fiscal quarter, for all components, each component and each office,
/// and replaces etl.IndicatorMeasurement with the result. Counting happens in the database (MeasurementSql); rolling
/// months up to quarters and offices up to components is addition, done here, except for medians, which are taken
/// afresh from each level's own intervals.
/// </summary>
public sealed class IndicatorMeasurer(WarehouseConnection warehouse)
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    private sealed record Cell(int Year, int Month, short ComponentKey, int OfficeKey);

    private sealed class Tally
    {
        public long InScope, Complete, Hits, DenominatorHits;
        public List<int> Days { get; } = [];
    }

    private sealed record CountRow(int CalendarYear, int CalendarMonth, short ComponentKey, int OfficeKey, long InScope, long Complete, long Hits);

    private sealed record IntervalRow(int CalendarYear, int CalendarMonth, short ComponentKey, int OfficeKey, int FromDateKey, int ToDateKey, int Complete);

    /// <summary>Measures the current goals of a warehouse in a transaction of its own; null when no goals were ever loaded.</summary>
    public static MeasurementRefresh? RefreshCurrent(WarehouseConnection warehouse)
    {
        var measurer = new IndicatorMeasurer(warehouse);
        if (measurer.CurrentGoals(null, out var unreadable) is not { } goals) return null;
        var measured = measurer.MeasureAll(goals);
        using var tx = warehouse.Connection.BeginTransaction();
        var refresh = measurer.Write(measured, tx);
        tx.Commit();
        warehouse.SettleCommittedBatch();
        return refresh with { NotMeasured = [.. unreadable, .. refresh.NotMeasured] };
    }

    private sealed record StoredIndicator(string IndicatorId, string Statement, string PolicyCode, DateTime PeriodStart, DateTime? PeriodEnd,
        string Definition, string Direction, decimal Target, decimal? ToleranceLow, decimal? ToleranceHigh, int SourceLine);


    /// <summary>
    /// The current goals as dw.DimIndicator stores them, each definition validated again against today's catalog (those
    /// it no longer fits are listed in <paramref name="unreadable"/>); null when no goals were ever loaded.
    /// </summary>
    public GoalsFile? CurrentGoals(DbTransaction? tx, out List<(string IndicatorId, string Why)> unreadable)
    {
        var stored = warehouse.Connection.Query<StoredIndicator>(warehouse.Prepare(MeasurementSql.CurrentDefinitions), null, tx, commandTimeout: 0).ToList();
        unreadable = [];
        if (stored.Count == 0) return null;
        var indicators = new List<Indicator>();
        foreach (var s in stored)
        {
            var measure = GoalsValidator.MeasureFromDefinition(s.Definition, out var problems);
            if (measure is null) { unreadable.Add((s.IndicatorId, $"its stored definition no longer validates: {string.Join("; ", problems)}")); continue; }
            indicators.Add(new Indicator(s.IndicatorId, s.Statement, s.PolicyCode, DateOnly.FromDateTime(s.PeriodStart),
                s.PeriodEnd is { } end ? DateOnly.FromDateTime(end) : null, measure, s.Direction, s.Target, s.ToleranceLow, s.ToleranceHigh, null, s.SourceLine));
        }
        return new GoalsFile("", "", indicators);
    }

    /// <summary>
    /// Every indicator's measurements, read before the transaction that writes them (<see cref="Write"/>) opens: the
    /// reads take seconds at full scale, and the writing transaction (which blocks every other writer) need not wait
    /// for them. What made a refresh run out of memory at full scale was the writing, not this (MeasurementSql.InsertRows).
    /// </summary>
    public MeasuredGoals MeasureAll(GoalsFile goals)
    {
        var measured = new List<(string IndicatorId, IReadOnlyList<Measurement> Measurements)>();
        var notMeasured = new List<(string, string)>();
        foreach (var indicator in goals.Indicators)
        {
            if (Measure(indicator, null, out var why) is { } m) measured.Add((indicator.Id, m));
            else notMeasured.Add((indicator.Id, why!));
        }
        return new MeasuredGoals(measured, notMeasured);
    }

    /// <summary>Replaces the stored measurements with <paramref name="measured"/>, for the indicators current in <paramref name="tx"/>.</summary>
    public MeasurementRefresh Write(MeasuredGoals measured, DbTransaction tx)
    {
        var current = warehouse.Query<(int IndicatorKey, string IndicatorId, int CurrentLineageKey)>(MeasurementSql.CurrentIndicators, null, tx).ToList();
        warehouse.Execute(MeasurementSql.Clear, null, tx);
        var key = 0L;
        var rows = measured.Measured.SelectMany(i =>
        {
            var row = current.Single(c => c.IndicatorId == i.IndicatorId);
            return i.Measurements.Select(m => new object?[]
            {
                ++key, row.IndicatorKey, m.PeriodType, m.PeriodStart, m.PeriodEnd, m.FiscalYear, m.IsPartialPeriod,
                m.BreakdownLevel, m.ComponentKey, m.OfficeKey, m.Numerator, m.Denominator, m.Value, m.IntervalLow, m.IntervalHigh,
                m.RecordsInScope, m.RecordsComplete, m.Completeness, row.CurrentLineageKey,
            });
        });
        foreach (var chunk in rows.Chunk(MeasurementSql.InsertRows))
        {
            var parameters = new DynamicParameters();
            for (var r = 0; r < chunk.Length; r++)
                for (var c = 0; c < MeasurementSql.InsertColumns.Count; c++)
                    parameters.Add(MeasurementSql.InsertColumns[c] + r.ToString(CultureInfo.InvariantCulture), chunk[r][c]);
            warehouse.Execute(MeasurementSql.Insert(chunk.Length), parameters, tx);
        }
        return new MeasurementRefresh((int)key, measured.NotMeasured);
    }

    /// <summary>The measurements of one indicator, or null with the reason when its population cannot be measured yet.</summary>
    public IReadOnlyList<Measurement>? Measure(Indicator indicator, DbTransaction? tx, out string? why)
    {
        var m = indicator.Measure;
        foreach (var population in new[] { m.Population, m.Denominator.Population })
        {
            if (!MeasurementSql.Populations.ContainsKey(population))
            {
                why = $"population {population} is not measured yet (docs/monitoring.md)";
                return null;
            }
        }
        why = null;
        var followUp = FollowUpLastDecision(m, tx);
        var from = indicator.PeriodStart;
        var to = indicator.PeriodEnd ?? DateOnly.MaxValue;
        var cells = new Dictionary<Cell, Tally>();
        Tally At(int year, int month, short component, int office)
        {
            var cell = new Cell(year, month, component, office);
            if (!cells.TryGetValue(cell, out var tally)) cells[cell] = tally = new Tally();
            return tally;
        }
        var none = new Dictionary<string, IReadOnlyList<string>>();
        switch (m.Kind)
        {
            case "share":
                foreach (var r in Counts(MeasurementSql.Counts(m.Denominator.Population, m.Denominator.Where, m.NumeratorWhere!.Keys, m.NumeratorWhere, from, to, followUp), tx))
                {
                    var t = At(r.CalendarYear, r.CalendarMonth, r.ComponentKey, r.OfficeKey);
                    (t.InScope, t.Complete, t.Hits) = (t.InScope + r.InScope, t.Complete + r.Complete, t.Hits + r.Hits);
                }
                break;
            case "count":
                foreach (var r in Counts(MeasurementSql.Counts(m.Denominator.Population, none, m.Denominator.Where.Keys, m.Denominator.Where, from, to, followUp), tx))
                {
                    var t = At(r.CalendarYear, r.CalendarMonth, r.ComponentKey, r.OfficeKey);
                    (t.InScope, t.Complete, t.Hits) = (t.InScope + r.InScope, t.Complete + r.Complete, t.Hits + r.Hits);
                }
                break;
            case "rate":
                foreach (var r in Counts(MeasurementSql.Counts(m.Numerator!.Population, none, m.Numerator.Where.Keys, m.Numerator.Where, from, to, followUp), tx))
                {
                    var t = At(r.CalendarYear, r.CalendarMonth, r.ComponentKey, r.OfficeKey);
                    (t.InScope, t.Complete, t.Hits) = (t.InScope + r.InScope, t.Complete + r.Complete, t.Hits + r.Hits);
                }
                foreach (var r in Counts(MeasurementSql.Counts(m.Denominator.Population, m.Denominator.Where, [], none, from, to, followUp), tx))
                    At(r.CalendarYear, r.CalendarMonth, r.ComponentKey, r.OfficeKey).DenominatorHits += r.InScope;
                break;
            case "median-days":
                var sql = MeasurementSql.Intervals(m.Denominator.Population, m.Denominator.Where, m.FromEvent!, m.ToEvent!, from, to, followUp);
                foreach (var r in warehouse.Connection.Query<IntervalRow>(warehouse.Prepare(sql.Sql), sql.Parameters, tx, commandTimeout: 0))
                {
                    var t = At(r.CalendarYear, r.CalendarMonth, r.ComponentKey, r.OfficeKey);
                    t.InScope++;
                    if (r.Complete == 1)
                    {
                        t.Complete++;
                        t.Days.Add(Day(r.ToDateKey).DayNumber - Day(r.FromDateKey).DayNumber);
                    }
                }
                break;
        }
        return Roll(indicator, cells);
    }

    /// <summary>
    /// The last decision day whose 365 following days lie inside the loaded data (the latest day any succeeded delivery
    /// covers): a later decision's follow-up is not recorded yet. With no delivery loaded, no decision's is.
    /// </summary>
    private DateOnly FollowUpLastDecision(MeasureDefinition m, DbTransaction? tx)
    {
        if (m.Population != "pd-recipients" && m.Denominator.Population != "pd-recipients") return default;
        var end = warehouse.Connection.ExecuteScalar<DateTime?>(warehouse.Prepare(MeasurementSql.LoadedDataEnd), null, tx, commandTimeout: 0);
        return end is { } last ? DateOnly.FromDateTime(last).AddDays(-FollowUpDays) : DateOnly.MinValue;
    }

    /// <summary>The follow-up of pd-recipients' "within 12 months" fields, in days (MeasurementSql.FollowUp says 365 too).</summary>
    public const int FollowUpDays = 365;

    private IEnumerable<CountRow> Counts(MeasurementSql.Statement statement, DbTransaction? tx) =>
        warehouse.Connection.Query<CountRow>(warehouse.Prepare(statement.Sql), statement.Parameters, tx, commandTimeout: 0);

    private static IReadOnlyList<Measurement> Roll(Indicator indicator, Dictionary<Cell, Tally> cells)
    {
        var result = new List<Measurement>();
        var periods = new[]
        {
            ("MONTH", (Func<Cell, (DateOnly Start, DateOnly End)>)(c => Month(c.Year, c.Month))),
            ("QUARTER", c => Quarter(c.Year, c.Month)),
        };
        foreach (var (periodType, periodOf) in periods)
        {
            var levels = new (string Level, Func<Cell, (short? Component, int? Office)> Key)[]
            {
                ("ALL", _ => (null, null)),
                ("COMPONENT", c => (c.ComponentKey, null)),
                ("OFFICE", c => (c.ComponentKey, c.OfficeKey)),
            };
            foreach (var (level, keyOf) in levels)
            {
                foreach (var group in cells.GroupBy(kv => (Period: periodOf(kv.Key), Key: keyOf(kv.Key)))
                             .OrderBy(g => g.Key.Period.Start).ThenBy(g => g.Key.Key.Component ?? -1).ThenBy(g => g.Key.Key.Office ?? -1))
                {
                    var sum = new Tally();
                    foreach (var (_, t) in group)
                    {
                        sum.InScope += t.InScope; sum.Complete += t.Complete; sum.Hits += t.Hits; sum.DenominatorHits += t.DenominatorHits;
                        sum.Days.AddRange(t.Days);
                    }
                    var (start, end) = group.Key.Period;
                    var partial = indicator.PeriodStart > start || (indicator.PeriodEnd is { } last && last < end);
                    result.Add(Value(indicator, periodType, start, end, partial, level, group.Key.Key.Component, group.Key.Key.Office, sum));
                }
            }
        }
        return result;
    }

    private static Measurement Value(Indicator indicator, string periodType, DateOnly start, DateOnly end, bool partial, string level,
        short? component, int? office, Tally t)
    {
        var m = indicator.Measure;
        long? numerator;
        long denominator;
        double? value, low = null, high = null;
        switch (m.Kind)
        {
            case "share":
                (numerator, denominator) = (t.Hits, t.Complete);
                value = denominator == 0 ? null : (double)t.Hits / denominator;
                if (denominator > 0) (low, high) = Wilson(t.Hits, denominator);
                break;
            case "count":
                (numerator, denominator, value) = (t.Hits, t.InScope, t.Hits);
                (low, high) = Intervals.Garwood(t.Hits);
                break;
            case "rate":
                (numerator, denominator) = (t.Hits, t.DenominatorHits);
                value = denominator == 0 ? null : (double)t.Hits / denominator * m.Per!.Value;
                if (denominator > 0) (low, high) = Intervals.Rate(t.Hits, denominator, m.Per!.Value);
                break;
            default:
                t.Days.Sort();
                (numerator, denominator, value) = (null, t.Days.Count, Median(t.Days));
                if (Intervals.Median(t.Days) is { } median) (low, high) = median;
                break;
        }
        // For a rate, the denominator population may have records in a cell where the numerator's has none.
        var completeness = t.InScope == 0 ? (double?)null : (double)t.Complete / t.InScope;
        return new Measurement(indicator.Id, periodType, start, end, FiscalYear(end), partial, level, component, office,
            numerator, denominator, value, low, high, t.InScope, t.Complete, completeness);
    }

    /// <summary>Wilson score interval for k successes in n trials at 95%: stays inside 0–1 and behaves at k = 0 or k = n.</summary>
    public static (double Low, double High) Wilson(long k, long n)
    {
        var p = (double)k / n;
        var z2 = Z95 * Z95;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z95 / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static double? Median(List<int> days)
    {
        if (days.Count == 0) return null;
        var sorted = days.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private static DateOnly Day(int dateKey) => new(dateKey / 10000, dateKey / 100 % 100, dateKey % 100);

    private static (DateOnly, DateOnly) Month(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        return (start, start.AddMonths(1).AddDays(-1));
    }

    /// <summary>The federal fiscal quarter holding a month: October–December is Q1 of the next year's fiscal year.</summary>
    private static (DateOnly, DateOnly) Quarter(int year, int month)
    {
        var firstMonth = month - (month + 2) % 3;   // Oct, Jan, Apr or Jul
        var start = new DateOnly(year, firstMonth, 1);
        return (start, start.AddMonths(3).AddDays(-1));
    }

    private static short FiscalYear(DateOnly end) => (short)(end.Month >= 10 ? end.Year + 1 : end.Year);
}
