using System.ComponentModel;
using System.Globalization;
using PdWarehouse.Cli.Commands.Monitor;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Monitoring;
using PdWarehouse.Reports;
using PdWarehouse.Reports.Monitoring;
using PdWarehouse.Reports.Definitions;
using PdWarehouse.Reports.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PdWarehouse.Cli.Commands;

public sealed class ReportSettings : CommandSettings
{
    [CommandOption("--fy <YEAR>")]
    [Description("The fiscal year to report (October to September, named for the year it ends).")]
    public int FiscalYear { get; init; }

    [CommandOption("--db <FILE>")]
    [Description("The DuckDB warehouse file (default: pdw.duckdb).")]
    public string Db { get; init; } = "pdw.duckdb";

    [CommandOption("--connection <CS>")]
    [Description("A SQL Server connection string; used instead of --db.")]
    public string? Connection { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder for the PDF, HTML and CSV files (default: ./reports-out).")]
    public string Out { get; init; } = "reports-out";

    [CommandOption("--browser <PATH>")]
    [Description("Chromium, Chrome or Edge executable (default: the system's).")]
    public string? Browser { get; init; }

    [CommandOption("--min-cell <N>")]
    [Description("Disclosure threshold for every table: counts below N are withheld (default: each table's kind's, 3 for enforcement events, 10 for decisions about persons; docs/reports.md).")]
    public int? MinCell { get; init; }

    [CommandOption("--from <MONTH>")]
    [Description("Monitoring report: the first month, YYYY-MM (default: the first month of --fy).")]
    public string? From { get; init; }

    [CommandOption("--to <MONTH>")]
    [Description("Monitoring report: the last month, YYYY-MM (default: the last month of --fy).")]
    public string? To { get; init; }

    [CommandOption("--goals <FILE>")]
    [Description("Monitoring report: the goals file (default: the goals loaded in the warehouse, else the goals.yaml shipped beside pdw).")]
    public string? Goals { get; init; }

    public override ValidationResult Validate()
    {
        if (FiscalYear == 0 && (From is null || To is null)) return ValidationResult.Error("--fy YEAR is required (the monitoring report takes --from and --to instead)");
        foreach (var (name, value) in new[] { ("--from", From), ("--to", To) })
            if (value is not null && Month(value) is null) return ValidationResult.Error($"{name} {value}: expected a month as YYYY-MM");
        return ValidationResult.Success();
    }

    internal static DateOnly? Month(string text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

public abstract class ReportCommand(params ReportKind[] kinds) : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellation)
    {
        if (settings.FiscalYear == 0 && kinds.Any(k => k != ReportKind.Monitor))
        {
            Console.Error.WriteLine("pdw: --fy YEAR is required");
            return 2;
        }
        ReportPeriod? period = null;
        if (kinds.Contains(ReportKind.Monitor))
        {
            var fy = ReportPeriod.FiscalYear(settings.FiscalYear == 0 ? ReportSettings.Month(settings.To!)!.Value.Year : settings.FiscalYear);
            period = ReportPeriod.Months(settings.From is { } f ? ReportSettings.Month(f)!.Value : fy.Start, settings.To is { } t ? ReportSettings.Month(t)!.Value : fy.End);
        }
        var options = new ReportOptions(settings.FiscalYear == 0 ? period!.EndFiscalYear : settings.FiscalYear, settings.Out, settings.MinCell) { Period = period };
        ReportGenerator.Validate(options);
        using var db = WarehouseConnection.Open(settings.Db, settings.Connection);
        if (period is not null)
        {
            try { options = options with { Computed = MonitoringGoals(db, settings.Goals) }; }
            catch (GoalsInvalidException ex)
            {
                foreach (var p in ex.Problems) Console.Error.WriteLine(p.Format(settings.Goals ?? "goals.yaml"));
                Console.Error.WriteLine($"pdw: {settings.Goals ?? "goals.yaml"}: {ex.Problems.Count} problem{(ex.Problems.Count == 1 ? "" : "s")}, no report written");
                return 1;
            }
        }
        var templates = TemplateRenderer.Locate();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Chromium starts (1-2 s) while the report queries run; the generator waits for it only before printing.
        var launching = ChromiumPdfPrinter.LaunchAsync(settings.Browser);
        IReadOnlyList<ReportOutput> outputs;
        TimeSpan elapsed;
        try
        {
            // The report and table definitions are read and checked while Chromium starts, so a mistake in one is
            // reported, with every other, before any query runs.
            _ = ReportDefinitions.Default;
            // Each report is announced as soon as its files are written, so a later report's failure does not hide it.
            outputs = await new ReportGenerator(db, templates, launching).RenderAsync(kinds, options, output =>
            {
                var t = output.Timings;
                // One write per report: two reports may finish at once, and Console.Out writes each call whole.
                Console.WriteLine($"Wrote {output.PdfPath} ({output.PageCount} pages), {output.HtmlPath}, {output.WorkbookPath} and {output.CsvPaths.Count} CSV tables from {db.Description}"
                    + $"{Environment.NewLine}  query {t.Query.TotalSeconds:0.00}s, tables and charts {t.Build.TotalSeconds:0.00}s, template {t.Template.TotalSeconds:0.00}s, Chromium {t.Chromium.TotalSeconds:0.00}s ({(t.PrintPasses == 1 ? "1 print" : $"{t.PrintPasses} prints")})");
            });
            elapsed = clock.Elapsed;
        }
        finally
        {
            // Closed whether the reports succeeded or not; a failed launch has already said why through the generator.
            if (await Task.WhenAny(launching) is { IsCompletedSuccessfully: true }) await launching.Result.DisposeAsync();
        }
        if (outputs.Count > 1)
            Console.WriteLine($"{outputs.Count} reports in {elapsed.TotalSeconds:0.00}s, Chromium's start included: each report after the first was queried while the one before it printed");
        return 0;
    }

    /// <summary>
    /// The goals the monitoring report measures: the file given; else the goals loaded in the warehouse (what `pdw monitor
    /// check` judges, so the report and the alert agree); else the goals.yaml shipped beside pdw, so `pdw report all`
    /// works on a warehouse no goals were loaded into. A file is validated against the warehouse's own policies.
    /// </summary>
    private static MonitoringContent MonitoringGoals(WarehouseConnection db, string? file)
    {
        if (file is not null) return new MonitoringContent(new MonitorGoalsSettings { Goals = file }.ReadGoals(db), $"goals file {Path.GetFileName(file)}");
        if (new IndicatorMeasurer(db).CurrentGoals(null, out _) is { } loaded)
        {
            var (version, name, owner) = db.Query<(string FileVersion, string FileName, string Owner)>(
                "SELECT FileVersion, FileName, Owner FROM etl.GoalFile WHERE IsCurrent = 1").Single();
            return new MonitoringContent(loaded with { Version = version, Owner = owner }, $"the goals loaded in the warehouse (from {name})");
        }
        var shipped = Path.Combine(AppContext.BaseDirectory, "goals.yaml");
        return new MonitoringContent(new MonitorGoalsSettings { Goals = shipped }.ReadGoals(db), "the goals shipped with pdw (goals.yaml)");
    }
}

public sealed class YearbookReportCommand() : ReportCommand(ReportKind.Yearbook);

public sealed class MonitorReportCommand() : ReportCommand(ReportKind.Monitor);

public sealed class AnnualReportCommand() : ReportCommand(ReportKind.Annual);

/// <summary>The three reports with one browser, each queried while the one before it prints; the monitoring report covers --fy unless --from and --to say otherwise.</summary>
public sealed class AllReportsCommand() : ReportCommand(ReportKind.Yearbook, ReportKind.Annual, ReportKind.Monitor);
