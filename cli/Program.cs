using PdWarehouse.Cli.Commands.Key;
using PdWarehouse.Cli.Commands.Load;
using PdWarehouse.Cli.Commands.Monitor;
using PdWarehouse.Cli.Commands;
using PdWarehouse.Cli.Commands.Warehouse;
using PdWarehouse.Warehouse;
using Spectre.Console;
using Spectre.Console.Cli;

// Answered before the command app is built: describing the engines opens DuckDB and loads DacFx, which no other
// command should pay for at start-up.
if (args is ["--version"] or ["-v"])
{
    Console.WriteLine(PdWarehouse.Cli.VersionText.Describe());
    return 0;
}

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("pdw");
    // A newcomer's first run is a bare `pdw`: the help it prints starts them off with the main job, in order.
    config.AddExample("--version");
    config.AddExample("warehouse", "init", "--db", "pdw.duckdb");
    config.AddExample("load", "deliveries", "--db", "pdw.duckdb");
    config.AddExample("report", "all", "--fy", "2014", "--db", "pdw.duckdb", "--out", "reports");
    config.PropagateExceptions();
    config.AddBranch("warehouse", w =>
    {
        w.SetDescription("Build, script, deploy and initialise the warehouse schema.");
        w.AddCommand<WarehouseBuildCommand>("build").WithDescription("Compile warehouse/ into PdWarehouse.dacpac with DacFx.");
        w.AddCommand<WarehouseScriptCommand>("script").WithDescription("Write the SQL Server create script (offline) or the upgrade script for a live database.");
        w.AddCommand<WarehouseDeployCommand>("deploy").WithDescription("Deploy or upgrade a SQL Server database from the dacpac.");
        w.AddCommand<WarehouseInitCommand>("init").WithDescription("Create or update an embedded DuckDB warehouse from the dacpac model, with reference data.");
        w.AddCommand<WarehouseDictionaryCommand>("dictionary").WithDescription("Write the Markdown data dictionary (tables, grain, columns, views) from the dacpac model.");
        w.AddCommand<WarehouseSummaryCommand>("summary").WithDescription("Print the row count of every table in a DuckDB warehouse.");
    });
    config.AddBranch("report", r =>
    {
        r.SetDescription("Render the reports to PDF, HTML and one CSV per table.");
        r.AddCommand<YearbookReportCommand>("yearbook").WithDescription("Yearbook-style enforcement and prosecutorial discretion tables for a fiscal year.");
        r.AddCommand<AnnualReportCommand>("annual").WithDescription("Annual enforcement actions report with the prosecutorial discretion chapter and data-quality appendix.");
        r.AddCommand<MonitorReportCommand>("monitor").WithDescription("Policy monitoring report over --from to --to: scorecard, trends, offices furthest from target, completeness, before/after estimates (docs/monitoring.md).");
        r.AddCommand<AllReportsCommand>("all").WithDescription("The Yearbook, the annual report and the monitoring report into one folder with one browser: each is queried while the one before it prints.");
    });
    config.AddBranch("key", k =>
    {
        k.SetDescription("Manage the pseudonymisation key that hashes person identifiers.");
        k.AddCommand<KeyRotateCommand>("rotate").WithDescription("Add a fresh key to the chain and re-key every stored person hash with it, in one transaction.");
        k.AddCommand<KeyNewCommand>("new").WithDescription("Write a new random key to a file outside the repository.");
    });
    config.AddBranch("monitor", m => { m.AddBranch("goals", g => { g.SetDescription("Policy goals written as data (docs/monitoring.md)."); g.AddCommand<MonitorGoalsValidateCommand>("validate").WithDescription("Check a goals file against the published schema and the measure catalog; names the line and field of each problem."); g.AddCommand<MonitorGoalsLoadCommand>("load").WithDescription("Load a valid goals file into the warehouse as a version (by content hash), with lineage; the same file twice changes nothing."); });
        m.AddCommand<MonitorCheckCommand>("check").WithDescription("One line per indicator that missed its target in its latest complete month; exit 0 when all are met, 4 when one missed, 5 when one could not be checked (docs/monitoring.md).");
        m.AddCommand<MonitorChangesCommand>("changes").WithDescription("Before/after estimates (segmented regression) per indicator at every policy date inside the data; 'not estimable' where the months are too few."); });
    config.AddCommand<LoadCommand>("load").WithDescription("Load deliveries into the warehouse, one batch (one transaction) per delivery.");
    config.AddCommand<GenerateCommand>("generate").WithDescription("Write synthetic deliveries for every feed, calibrated to the published figures, with dirty rows and truth.json.");
});

try
{
    return await app.RunAsync(args);
}
catch (PdWarehouseException ex)
{
    // Expected failures (bad input, missing files, refused deployments) are one line, not a stack trace.
    AnsiConsole.Console.Profile.Out.Writer.Flush();
    Console.Error.WriteLine($"pdw: {ex.Message}");
    return 1;
}
catch (System.Data.Common.DbException ex)
{
    // A database failure the command did not expect (its transaction has rolled back): one line, and what to do
    // when it was DuckDB's memory limit.
    AnsiConsole.Console.Profile.Out.Writer.Flush();
    // A database's message may quote a value it was sent (a delivery's, ultimately): escaped like every echo.
    Console.Error.WriteLine($"pdw: {PdWarehouse.Etl.Feeds.Echo.Line(ex.Message.Split('\n')[0])}");
    if (PdWarehouse.Etl.Engines.DuckDbConnectionFactory.MemoryLimitHint(ex) is { } hint) Console.Error.WriteLine($"pdw: {hint}");
    return 1;
}
catch (CommandParseException ex)
{
    Console.Error.WriteLine($"pdw: {ex.Message}");
    return 2;
}
catch (CommandRuntimeException ex)
{
    Console.Error.WriteLine($"pdw: {ex.Message}");
    return 2;
}
catch (Exception ex) when (Environment.GetEnvironmentVariable("PDW_DEBUG") is null)
{
    Console.Error.WriteLine($"pdw: unexpected {ex.GetType().Name}: {PdWarehouse.Etl.Feeds.Echo.Line(ex.Message.Split('\n')[0])} (set PDW_DEBUG=1 for the stack trace)");
    return 1;
}
