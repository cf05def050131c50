using System.Globalization;
using System.Text.RegularExpressions;
using PdWarehouse.Reports.Tables;
using ScottPlot;

namespace PdWarehouse.Reports.Charts;

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
