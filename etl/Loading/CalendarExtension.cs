using System.Data.Common;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Loading;

/// <summary>
/// Adds to dw.DimDate the fiscal years a batch's dates need and the deployed calendar lacks (FY2004–FY2030 ships), so a
/// record dated before FY2004, or after FY2030, is loaded with its date instead of as the Unknown date. The reader has
/// already rejected any such date outside FY1901–FY2099 (<see cref="ReferenceData.EarliestDate"/>). Whole fiscal years
/// are added, so a year a report selects is complete. The rows carry the batch's LineageKey: the batch's data tests check
/// them, and a batch that rolls back takes them with it.
/// </summary>
internal static class CalendarExtension
{
    /// <summary>The staged date expressions of a plan that conform to dw.DimDate (its Date lookups): one source for both.</summary>
    public static IEnumerable<string> CalendarDates(FactLoadPlan plan) =>
        plan.Lookups.Where(l => l.Dimension == "dw.DimDate" && l.CodeSql is not null).Select(l => l.CodeSql!).Distinct(StringComparer.Ordinal);

    public static long Extend(WarehouseConnection warehouse, WarehouseModel model, FactLoadPlan plan, int lineageKey, DbTransaction tx)
    {
        // Fiscal years as integers (YEAR/MONTH exist on both engines): a missing day's year is all the step needs.
        var years = new SortedSet<int>();
        foreach (var date in CalendarDates(plan))
            foreach (var year in warehouse.Query<int>(
                $"SELECT DISTINCT CASE WHEN MONTH({date}) >= 10 THEN YEAR({date}) + 1 ELSE YEAR({date}) END FROM {plan.StagingTable} AS s " +
                $"WHERE s.LineageKey = @LineageKey AND {date} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dw.DimDate AS d WHERE d.Date = {date})",
                new { LineageKey = lineageKey }, tx))
                years.Add(year);
        if (years.Count == 0) return 0;

        var table = model.Table("dw.DimDate");
        long added = 0;
        using var writer = StagingWriter.Open(warehouse, tx, table, DateDimension.Columns);
        foreach (var year in years)
        {
            DateOnly first = new(year - 1, 10, 1), last = new(year, 9, 30);
            // A year may be partly there (a calendar extended by hand, say): add only the days it lacks.
            var present = warehouse.Query<int>("SELECT DateKey FROM dw.DimDate WHERE FiscalYear = @FiscalYear AND DateKey <> 0",
                new { FiscalYear = (short)year }, tx).ToHashSet();
            for (var d = first; d <= last; d = d.AddDays(1))
                if (!present.Contains(DateDimension.DateKey(d)))
                {
                    writer.Add(DateDimension.Row(d, lineageKey));
                    added++;
                }
        }
        writer.Complete();
        return added;
    }
}
