using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using PdWarehouse.Bench.Reports;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports;
using PdWarehouse.Reports.Rendering;

// Usage: dotnet bench/reports/bin/Release/publish/PdWarehouse.Bench.Reports.dll [--db FILE] [--fy 2014] [--out DIR] [--browser PATH] [--runs N] [--apart] [--profile-queries]
// Without --db a synthetic full-scale warehouse is built first (see SyntheticYear).
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var fy = int.Parse(Arg("--fy", "2014"), CultureInfo.InvariantCulture);
var outDir = Path.GetFullPath(Arg("--out", Path.Combine(Path.GetTempPath(), "pdw-bench-reports")));
var runs = int.Parse(Arg("--runs", "3"), CultureInfo.InvariantCulture);
var db = Arg("--db", "");
if (db.Length == 0)
{
    db = Path.Combine(outDir, "bench.duckdb");
    Directory.CreateDirectory(outDir);
    var build = Stopwatch.StartNew();
    SyntheticYear.Create(db);
    Console.WriteLine($"Synthetic full-scale warehouse {db} built in {build.Elapsed.TotalSeconds:0.0}s");
}

var launch = Stopwatch.StartNew();
await using var printer = await ChromiumPdfPrinter.LaunchAsync(args.Contains("--browser") ? Arg("--browser", "") : null);
var launched = launch.Elapsed;
// A browser's first print pays for starting its renderer (about 0.3 s more than later prints) and for loading the fonts
// the first time a page uses them. Run 1 would charge that to our print alone, as the bare print follows it: one page
// in the reports' print style (their fonts, in the weights and styles they use) printed first gives both sides the same browser.
var warmUp = Stopwatch.StartNew();
var css = TemplateRenderer.Locate().ReadText("print.css");
await printer.PrintAsync($"""
    <html><head><style>{css}</style></head><body>
    <h1>Warm-up</h1><h2>Warm-up</h2><h3>Warm-up</h3><p>Warm-up <b>bold</b> <i>italic</i></p>
    <table class="stat"><thead><tr><th>Warm-up</th><th>1</th></tr></thead><tbody><tr><th>Warm-up</th><td>1</td></tr></tbody></table>
    <div class="table-notes"><p>Note. <i>Source.</i></p></div>
    </body></html>
    """, new PageFurniture("Warm-up", "", ""));
Console.WriteLine($"Chromium {printer.ExecutablePath} launched in {launched.TotalSeconds:0.00}s and printed a page in the reports' style in {warmUp.Elapsed.TotalSeconds:0.00}s (once, not counted below)");
using var connection = WarehouseConnection.OpenDuckDb(db);
var generator = new ReportGenerator(connection, TemplateRenderer.Locate(), printer);

if (args.Contains("--profile-queries"))
{
    // Run 1 is cold (first queries of the process); the later runs show the steady cost per report.
    for (var run = 1; run <= runs; run++)
    foreach (var kind in new[] { ReportKind.Yearbook, ReportKind.Annual })
    {
        using var data = new PdWarehouse.Reports.Data.ReportData(connection, fy);
        Documents.Build(kind, data, 10, DateOnly.FromDateTime(DateTime.Today));
        // Queries run side by side, so a query's time includes sharing the cores with the others.
        Console.WriteLine($"{kind} run {run}: {data.QueryTimes.Count} queries, {data.QueryTimes.Sum(q => q.Elapsed.TotalSeconds):0.000}s in all, side by side in {data.QueryWallTime.TotalSeconds:0.000}s");
        foreach (var (sql, elapsed) in data.QueryTimes.OrderByDescending(q => q.Elapsed).Take(run == runs ? 8 : 0))
            Console.WriteLine($"{kind} {elapsed.TotalSeconds,7:0.000}s  {string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))[..Math.Min(150, sql.Length)]}");
    }
    return;
}

// Run 1 is the first render after the warehouse is opened (cold caches); later runs render the same reports again (warm).
// A run renders both reports as `pdw report all` does: the annual report's queries, tables and template run while the
// Yearbook prints. With --apart each report is rendered on its own, one after the other, as `pdw report yearbook` and
// `pdw report annual` do. Every render numbers its contents from Chromium's page forecast, so a report prints once
// unless a forecast missed.
var apart = args.Contains("--apart");
var kinds = new[] { ReportKind.Yearbook, ReportKind.Annual };
var renderDir = Path.Combine(outDir, apart ? "apart" : "together");
if (Directory.Exists(renderDir)) Directory.Delete(renderDir, recursive: true);
Console.WriteLine(apart
    ? "Each report rendered on its own, one after the other (--apart)."
    : "Both reports rendered together: the annual report's query, build and template run while the Yearbook prints, so the two totals overlap and do not add up to the `both` line.");
Console.WriteLine("report    run  query(s) build(s) template(s) chromium(s) passes total(s) bare-print(s) ratio pages");
for (var run = 1; run <= runs; run++)
{
    // This process's CPU and JIT time (all threads, tier-up recompiles included) during the render: on 2 cores, what
    // this process burns is taken from Chromium, which prints beside it.
    var (jit, methods, cpu) = (JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount(), Environment.CpuUsage.TotalTime);
    var options = new ReportOptions(fy, renderDir);
    var clock = Stopwatch.StartNew();
    var outputs = new List<ReportOutput>();
    var forecasts = new List<(TimeSpan Forecast, TimeSpan Load, TimeSpan Print)>();
    if (apart)
        foreach (var kind in kinds)
        {
            outputs.Add(await generator.RenderAsync(kind, options));
            forecasts.Add((printer.LastForecast, printer.LastLoad, printer.LastPrint));
        }
    else
        outputs.AddRange(await generator.RenderAsync(kinds, options));
    // Either way, the wall-clock time from the first query to the last file written. (Until 2026-11-29 08:00 the figure
    // added up the reports' totals, which leave out writing the files, and rendered every Yearbook run first.)
    var wall = clock.Elapsed;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"            this process: CPU {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:0.000}s; JIT {(JitInfo.GetCompilationTime() - jit).TotalSeconds:0.000}s compiling {JitInfo.GetCompiledMethodCount() - methods} methods"));
    var bareSum = TimeSpan.Zero;
    for (var i = 0; i < outputs.Count; i++)
    {
        var output = outputs[i];
        // Each report's finished HTML printed once more by the same browser: the floor our pipeline is measured against.
        var html = await File.ReadAllTextAsync(output.HtmlPath);
        var bare = Stopwatch.StartNew();
        await printer.PrintAsync(html, ReportGenerator.Furniture(output.Document));
        var bareTime = bare.Elapsed;
        bareSum += bareTime;
        var t = output.Timings;
        var split = apart
            ? string.Create(CultureInfo.InvariantCulture, $"; ours: load {forecasts[i].Load.TotalSeconds:0.000}s + page forecast {forecasts[i].Forecast.TotalSeconds:0.000}s + pdf {forecasts[i].Print.TotalSeconds:0.000}s, the rest (outline read back; any second print) {(t.Chromium - forecasts[i].Load - forecasts[i].Forecast - forecasts[i].Print).TotalSeconds:0.000}s")
            : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"            bare print: load {printer.LastLoad.TotalSeconds:0.000}s + pdf {printer.LastPrint.TotalSeconds:0.000}s{split}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{output.Kind,-9} {run,3} {t.Query.TotalSeconds,9:0.000} {t.Build.TotalSeconds,8:0.000} {t.Template.TotalSeconds,11:0.000} {t.Chromium.TotalSeconds,11:0.000} {t.PrintPasses,6} {t.Total.TotalSeconds,8:0.000} {bareTime.TotalSeconds,13:0.000} {t.Total / bareTime,5:0.00} {output.PageCount,5}"));
    }
    // Issue 5's figure: the time to render both reports against their two bare prints.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"both      {run,3} {"",9} {"",8} {"",11} {"",11} {"",6} {wall.TotalSeconds,8:0.000} {bareSum.TotalSeconds,13:0.000} {wall / bareSum,5:0.00}"));
}
