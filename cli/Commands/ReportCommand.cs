using System.ComponentModel;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports;
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

    public override ValidationResult Validate() =>
        FiscalYear == 0 ? ValidationResult.Error("--fy YEAR is required") : ValidationResult.Success();
}

public abstract class ReportCommand(params ReportKind[] kinds) : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellation)
    {
        var options = new ReportOptions(settings.FiscalYear, settings.Out, settings.MinCell);
        ReportGenerator.Validate(options);
        using var db = WarehouseConnection.Open(settings.Db, settings.Connection);
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
}

public sealed class YearbookReportCommand() : ReportCommand(ReportKind.Yearbook);

public sealed class AnnualReportCommand() : ReportCommand(ReportKind.Annual);

/// <summary>Both reports with one browser, the annual report queried while the Yearbook prints.</summary>
public sealed class AllReportsCommand() : ReportCommand(ReportKind.Yearbook, ReportKind.Annual);
