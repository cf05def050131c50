using System.Globalization;
using System.Text.RegularExpressions;
using PdWarehouse.Reports.Tables;
using ScottPlot;

namespace PdWarehouse.Reports.Charts;

/// <summary>One line of a trend chart: a value a month (null where there is none to draw), the months being the chart's.</summary>
public sealed record TrendSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>A day marked on a trend chart with a vertical line (a policy taking effect or superseded).</summary>
public sealed record TrendMarker(DateOnly Date, string Label);

/// <summary>A chart as the templates embed it: SVG markup from ScottPlot plus its caption.</summary>
public sealed record ChartBlock(string Id, string Number, string Title, string Description, RawHtml Svg, IReadOnlyList<string> Notes, string Source);

/// <summary>
/// Charts drawn by ScottPlot and exported as SVG. Every chart is drawn from a table's published
/// (post-suppression) cells, so a chart can never reveal a withheld figure.
/// </summary>
public static partial class ChartFactory
{
    public const string FontFamily = "Liberation Sans";
    private const int Width = 680;
    private const int Height = 300;
    private static readonly Color[] Palette =
        [Color.FromHex("#1F3B63"), Color.FromHex("#C0504D"), Color.FromHex("#7F9C3B"), Color.FromHex("#E0A030"), Color.FromHex("#6E5A8C"), Color.FromHex("#3C8DAD"), Color.FromHex("#888888")];

    public static ChartBlock Trends(string number, ReportTable apprehensionsByYear, ReportTable removalsAndReturns)
    {
        var plot = NewPlot();
        var apprehensions = apprehensionsByYear.Rows.First(r => r.Kind == RowKind.Total);
        var series = new List<(string Name, List<(double X, double Y)> Points)>
        {
            ("Apprehensions", apprehensionsByYear.Columns.Select((c, i) => (c, i))
                .Where(x => !apprehensions.Withheld[x.i] && apprehensions.Values[x.i] is not null)
                .Select(x => ((double)int.Parse(x.c.Key, CultureInfo.InvariantCulture), (double)apprehensions.Values[x.i]!.Value)).ToList()),
        };
        foreach (var (key, name) in new[] { ("REMOVAL", "Removals"), ("RETURN", "Returns") })
        {
            var c = removalsAndReturns.ColumnIndex(key);
            series.Add((name, removalsAndReturns.Rows.Where(r => r.Kind == RowKind.Detail && !r.Withheld[c] && r.Values[c] is not null)
                .Select(r => ((double)int.Parse(r.Label, CultureInfo.InvariantCulture), (double)r.Values[c]!.Value)).ToList()));
        }
        var i = 0;
        foreach (var (name, points) in series)
        {
            var color = Palette[i++];
            if (points.Count == 0) continue;
            var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), color);
            scatter.LegendText = name;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 6;
        }
        var years = series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().OrderBy(x => x).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(years, years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray());
        if (years.Length == 1) plot.Axes.SetLimitsX(years[0] - 1, years[0] + 1);
        CountAxis(plot, "Aliens");
        // Counts are read against zero: a trend axis that starts elsewhere exaggerates change.
        var top = series.SelectMany(s => s.Points.Select(p => p.Y)).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(0, top * 1.08);
        plot.ShowLegend(Edge.Bottom);
        return Block("figure-trends", number, "Apprehensions, removals and returns by fiscal year",
            "Line chart of aliens apprehended, removed and returned in each fiscal year its source tables print.", plot,
            // The removals-and-returns table prints OIS's published figures for the years before its records: say so beside the lines.
            ["Points withheld in the source tables are not plotted.", .. removalsAndReturns.Notes.Where(n => n.Contains(": published figures, ", StringComparison.Ordinal))], "Source: tables of apprehensions by region and country, and of removals and returns by fiscal year.");
    }

    public static ChartBlock DecisionsByQuarter(string number, ReportTable byQuarter, int fiscalYear)
    {
        var plot = NewPlot();
        var quarters = byQuarter.Rows.Where(r => r.Kind == RowKind.Detail).ToList();
        var components = Enumerable.Range(0, byQuarter.Columns.Count).Where(c => c != byQuarter.TotalColumn).ToList();
        var width = 0.8 / Math.Max(1, components.Count);
        var bars = new List<Bar>();
        for (var k = 0; k < components.Count; k++)
        {
            var color = Palette[k % Palette.Length];
            for (var q = 0; q < quarters.Count; q++)
            {
                if (quarters[q].Withheld[components[k]] || quarters[q].Values[components[k]] is not long v) continue;
                bars.Add(new Bar { Position = q + 1 - 0.4 + width * (k + 0.5), Value = v, Size = width * 0.9, FillColor = color, LineWidth = 0 });
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = byQuarter.Columns[components[k]].Header, FillColor = color });
        }
        plot.Add.Bars(bars);
        if (!bars.Any(b => b.Value > 0)) plot.Axes.SetLimitsY(0, 1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(1, quarters.Count).Select(q => (double)q).ToArray(), quarters.Select(q => q.Label).ToArray());
        plot.Axes.SetLimitsX(0.4, quarters.Count + 0.6);
        CountAxis(plot, "Decisions");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Bottom);
        return Block("figure-pd-by-quarter", number, $"Prosecutorial discretion decisions by quarter and component, fiscal year {fiscalYear}",
            "Grouped bar chart of PD decisions in each fiscal quarter, one bar per component.", plot,
            [bars.Any(b => b.Value > 0) ? "Withheld cells are not drawn." : "Every non-zero cell of the source table is withheld at this disclosure threshold, so no bar is drawn."],
            "Source: table of PD decisions by fiscal quarter and component.");
    }

    public static ChartBlock ShareByOffice(string number, ReportTable byOffice, int fiscalYear, int maxOffices = 15)
    {
        var plot = NewPlot();
        int a = byOffice.ColumnIndex("Apprehensions"), d = byOffice.ColumnIndex("Decisions");
        var offices = byOffice.Rows
            .Where(r => r.Kind == RowKind.Detail && !r.Withheld[a] && !r.Withheld[d] && r.Values[a] is > 0 && r.Values[d] is not null)
            .Select(r => (r.Label, Share: (double)r.Values[d]!.Value / r.Values[a]!.Value))
            .OrderByDescending(x => x.Share).ThenBy(x => x.Label, StringComparer.Ordinal).Take(maxOffices).Reverse().ToList();
        var bars = offices.Select((o, i) => new Bar { Position = i, Value = o.Share * 100, FillColor = Palette[0], LineWidth = 0, Size = 0.7 }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, offices.Count).Select(i => (double)i).ToArray(), offices.Select(o => o.Label).ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture) + "%" };
        plot.Axes.Bottom.Label.Text = "PD decisions per 100 apprehensions or arrests";
        plot.Axes.Margins(left: 0);
        if (offices.Count == 0) plot.Axes.SetLimits(0, 1, -1, 1);
        return Block("figure-pd-share-by-office", number, $"Prosecutorial discretion decisions as a share of apprehensions by office, fiscal year {fiscalYear}",
            "Horizontal bar chart of PD decisions per 100 apprehensions or arrests, for the offices with the highest shares.", plot,
            [$"Shows up to {maxOffices} offices with the highest shares among those whose apprehensions and PD decisions are both published."],
            "Source: table of apprehensions and PD decisions by office.", height: Math.Max(160, 70 + 24 * offices.Count));
    }

    /// <summary>
    /// An indicator's monthly values, one line a series, the target as a dashed horizontal line from the day the goal
    /// applies, and each policy date as a vertical line (at its day within its month) labelled by its number: the
    /// notes under the chart spell out what each number is. A series breaks where a month has no value to draw.
    /// </summary>
    public static ChartBlock IndicatorTrend(string id, string number, string title, string description, IReadOnlyList<DateOnly> months,
        IReadOnlyList<TrendSeries> series, double target, DateOnly targetFrom, IReadOnlyList<TrendMarker> markers, string unit, bool isShare,
        IReadOnlyList<string> notes, string source)
    {
        var plot = NewPlot();
        double X(DateOnly d)
        {
            var month = (d.Year - months[0].Year) * 12 + d.Month - months[0].Month;
            return month + (d.Day - 1) / (double)DateTime.DaysInMonth(d.Year, d.Month);
        }
        var top = target;
        for (var k = 0; k < series.Count; k++)
        {
            var color = Palette[k % Palette.Length];
            var values = series[k].Values;
            var legend = false;
            // Runs of consecutive months with a value: a gap is not bridged, so a missing month does not look measured.
            for (var start = 0; start < values.Count;)
            {
                if (values[start] is null) { start++; continue; }
                var end = start;
                while (end + 1 < values.Count && values[end + 1] is not null) end++;
                var xs = Enumerable.Range(start, end - start + 1).Select(m => (double)m).ToArray();
                var ys = xs.Select(x => values[(int)x]!.Value).ToArray();
                top = Math.Max(top, ys.Max());
                var line = plot.Add.Scatter(xs, ys, color);
                line.LineWidth = k == 0 ? 2.5f : 1.5f;
                line.MarkerSize = k == 0 ? 5 : 3;
                if (!legend) { line.LegendText = series[k].Name; legend = true; }
                start = end + 1;
            }
        }
        var last = months.Count - 1;
        var from = Math.Max(0, X(targetFrom));
        if (from <= last)
        {
            var targetLine = plot.Add.Line(from, target, last, target);
            targetLine.Color = Color.FromHex("#000000");
            targetLine.LinePattern = LinePattern.Dashed;
            targetLine.LineWidth = 1.5f;
            targetLine.LegendText = "Target";
        }
        for (var m = 0; m < markers.Count; m++)
        {
            var x = X(markers[m].Date);
            var v = plot.Add.VerticalLine(x, 1, Color.FromHex("#888888"), LinePattern.Dotted);
            v.Text = $"({m + 1})";
            v.LabelOppositeAxis = true;
            v.LabelFontSize = 10;
            v.LabelFontColor = Color.FromHex("#333333");
            v.LabelBackgroundColor = Colors.White;
        }
        var step = months.Count <= 12 ? 1 : months.Count <= 24 ? 3 : 6;
        var ticks = Enumerable.Range(0, months.Count).Where(m => m % step == 0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            ticks.Select(m => (double)m).ToArray(), ticks.Select(m => months[m].ToString("MMM yyyy", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimitsX(-0.5, last + 0.5);
        plot.Axes.Left.Label.Text = isShare ? "Share" : char.ToUpperInvariant(unit[0]) + unit[1..];
        plot.Axes.Left.Label.FontSize = 12;
        if (isShare)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0%", CultureInfo.InvariantCulture) };
            // Shares near their target (0.95 of decisions recording a basis) differ by a few points: the axis starts at
            // the tenth below the lowest value or target, not at 0, and the tick labels say where.
            var low = Math.Min(target, series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(target).Min());
            plot.Axes.SetLimitsY(Math.Max(0, Math.Floor((low - 0.05) * 10) / 10), 1.02);
        }
        else plot.Axes.SetLimitsY(0, Math.Max(1, top) * 1.12);
        plot.ShowLegend(Edge.Bottom);
        var markerNotes = markers.Select((mk, i) => $"({i + 1}) {mk.Date:yyyy-MM-dd}: {mk.Label}.").ToList();
        return Block(id, number, title, description, plot, [.. notes, .. markerNotes], source, height: 320);
    }

    /// <summary>
    /// Draws a throw-away chart, once per process. ScottPlot's first chart in a process loads SkiaSharp and the report
    /// font and compiles its drawing code: drawn cold after the tables, the annual report's trend chart took 147 ms and
    /// the other two 50 ms; with the warm-up done first, 27 and 28 ms (bench/README.md). Started when a report with charts
    /// starts its queries, that work is done while the warehouse answers, as far as the cores allow.
    /// </summary>
    public static Task WarmUp() => Warm.Value;

    // A thread of its own: the report's queries hold the pool's threads while they run, and a pool task waited for them.
    private static readonly Lazy<Task> Warm = new(() => Task.Factory.StartNew(() =>
    {
        var plot = NewPlot();
        var bars = plot.Add.Bars(new double[] { 1, 2 });
        bars.LegendText = "Warm-up";
        plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 1, 2 });
        CountAxis(plot, "Warm-up");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 1], ["A", "B"]);
        plot.ShowLegend(Edge.Bottom);
        _ = plot.GetSvgXml(Width, Height);
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontFamily);
        plot.Axes.Color(Color.FromHex("#333333"));
        plot.Grid.MajorLineColor = Color.FromHex("#E4E4E4");
        plot.FigureBackground.Color = Colors.White;
        plot.Legend.FontName = FontFamily;
        plot.Legend.FontSize = 11;
        return plot;
    }

    private static void CountAxis(Plot plot, string label)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("#,##0", CultureInfo.InvariantCulture), IntegerTicksOnly = true };
        plot.Axes.Left.Label.Text = label;
        plot.Axes.Left.Label.FontSize = 12;
    }

    private static ChartBlock Block(string id, string number, string title, string description, Plot plot, IReadOnlyList<string> notes, string source, int height = Height)
    {
        var svg = plot.GetSvgXml(Width, height);
        return new ChartBlock(id, number, title, description, new RawHtml(ScopeIds(svg, id)), notes, source);
    }

    /// <summary>
    /// Several SVGs share one HTML document, and Skia numbers its clip paths with a counter that runs on through the
    /// process (cl_6 in one render, cl_12 in the next): every id and reference becomes the chart's id and the id's
    /// place in the SVG, so one chart cannot clip another and the same data gives the same HTML in any render.
    /// </summary>
    private static string ScopeIds(string svg, string prefix)
    {
        svg = XmlDeclaration().Replace(svg, "");
        var scoped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in IdAttribute().Matches(svg))
            scoped.TryAdd(m.Groups[1].Value, $"{prefix}-{scoped.Count + 1}");
        string Scoped(string id) => scoped.TryGetValue(id, out var s) ? s : $"{prefix}-{id}";
        svg = IdAttribute().Replace(svg, m => $"id=\"{Scoped(m.Groups[1].Value)}\"");
        svg = UrlReference().Replace(svg, m => $"url(#{Scoped(m.Groups[1].Value)})");
        return HrefReference().Replace(svg, m => $"{m.Groups[1].Value}=\"#{Scoped(m.Groups[2].Value)}\"");
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")] private static partial Regex XmlDeclaration();
    [GeneratedRegex("id=\"([^\"]+)\"")] private static partial Regex IdAttribute();
    [GeneratedRegex(@"url\(#([^)]+)\)")] private static partial Regex UrlReference();
    [GeneratedRegex("(href|xlink:href)=\"#([^\"]+)\"")] private static partial Regex HrefReference();
}
