using System.Globalization;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Charts;
using PdWarehouse.Reports.Tables;

namespace PdWarehouse.Reports;

/// <summary>The months a report covers, both whole: the monitoring report's <c>--from</c> and <c>--to</c>.</summary>
public sealed record ReportPeriod(DateOnly Start, DateOnly End)
{
    /// <summary>From the first day of month <paramref name="from"/> to the last day of month <paramref name="to"/>.</summary>
    public static ReportPeriod Months(DateOnly from, DateOnly to) =>
        new(new DateOnly(from.Year, from.Month, 1), new DateOnly(to.Year, to.Month, 1).AddMonths(1).AddDays(-1));

    /// <summary>A federal fiscal year, October to September.</summary>
    public static ReportPeriod FiscalYear(int fy) => new(new DateOnly(fy - 1, 10, 1), new DateOnly(fy, 9, 30));

    /// <summary>The fiscal year the period ends in.</summary>
    public int EndFiscalYear => End.Month >= 10 ? End.Year + 1 : End.Year;

    /// <summary>"October 2013 to September 2015", as the cover and the page headers print it.</summary>
    public string Label => Start.Year == End.Year && Start.Month == End.Month
        ? Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
        : $"{Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} to {End.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// One item a computed block prints, in reading order: exactly one member is set. A table is numbered by the report
/// (<see cref="ComputedContext.NextTableNumber"/>) and put through the report's disclosure control after it is
/// returned, with every table defined in SQL; a chart must be drawn from figures that control publishes.
/// </summary>
public sealed record ComputedItem(ReportTable? Table = null, ChartBlock? Chart = null, IReadOnlyList<string>? Paragraphs = null)
{
    public static ComputedItem Text(params string[] paragraphs) => new(Paragraphs: paragraphs);
}

/// <summary>What a computed block is built for: the warehouse (the report's own connection, no query running on it), the period, the disclosure threshold, and the report's running numbers.</summary>
public sealed record ComputedContext(WarehouseConnection Db, ReportPeriod Period, int MinimumCell, Func<string> NextTableNumber, Func<string> NextFigureNumber);

/// <summary>
/// The seam for content SQL over the rpt views cannot give (a scorecard judged by code, a regression): a report's
/// definition names a block (<c>computed: monitoring-scorecard</c>, <see cref="Definitions.ReportDefinitions.ComputedBlocks"/>),
/// and the provider given with the report's options builds it by that name. The provider owns what the block says;
/// the report owns numbering, disclosure control, templates and every published file.
/// </summary>
public interface IComputedContent
{
    IReadOnlyList<ComputedItem> Build(string name, ComputedContext context);
}
