using System.ComponentModel;
using System.Globalization;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PdWarehouse.Cli.Commands.Warehouse;

public class DacpacSettings : CommandSettings
{
    [CommandOption("--dacpac <FILE>")]
    [Description("The dacpac to use (default: PdWarehouse.dacpac beside pdw, copied there by the build and by ./build.ps1's publish).")]
    public string? Dacpac { get; init; }

    public string DacpacPath => Dacpac ?? Path.Combine(AppContext.BaseDirectory, "PdWarehouse.dacpac");
}

public sealed class WarehouseBuildCommand : Command<WarehouseBuildCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--source <DIR>")]
        [Description("The warehouse project folder (default: the sources shipped with pdw, else ./warehouse).")]
        public string? Source { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Where to write the dacpac (default: ./PdWarehouse.dacpac).")]
        public string Out { get; init; } = "PdWarehouse.dacpac";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var sources = settings.Source is null ? WarehouseSources.Locate() : WarehouseSources.Open(settings.Source);
        try
        {
            using var model = new PackageBuilder(sources).Build(settings.Out);
            Console.WriteLine($"Built {Path.GetFullPath(settings.Out)}: {model.Tables.Count} tables, {model.Views.Count} views, {model.Roles.Count} roles, from {sources.Root}");
            return 0;
        }
        catch (ModelBuildFailedException ex)
        {
            foreach (var p in ex.Problems) Console.Error.WriteLine(p);
            throw;
        }
    }
}

public sealed class WarehouseScriptCommand : Command<WarehouseScriptCommand.Settings>
{
    public sealed class Settings : DacpacSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("Where to write the script.")]
        public string Out { get; init; } = "";

        [CommandOption("--database <NAME>")]
        [Description("Target database name (default: PdWarehouse).")]
        public string Database { get; init; } = "PdWarehouse";

        [CommandOption("--connection <CS>")]
        [Description("A live database to compare with: writes the upgrade script for it instead of the full create script.")]
        public string? Connection { get; init; }

        [CommandOption("--allow-data-loss")]
        [Description("Do not block on changes that could lose data.")]
        public bool AllowDataLoss { get; init; }

        [CommandOption("--drop-objects-not-in-source")]
        [Description("Drop objects the target has that the dacpac does not.")]
        public bool DropObjectsNotInSource { get; init; }

        [CommandOption("--variable <NAME=VALUE>")]
        [Description("A SQLCMD variable for the deployment scripts, as deploy takes it; repeat as needed.")]
        public string[] Variables { get; init; } = [];

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out FILE is required")
            : Variables.Any(v => !v.Contains('=')) ? ValidationResult.Error("--variable takes NAME=VALUE")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var deployer = new Deployer(settings.DacpacPath);
        // The reviewed script must be the one deploy would run, so it takes the same variables.
        var variables = settings.Variables.Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var options = new DeploymentOptions(settings.AllowDataLoss, settings.DropObjectsNotInSource, variables);
        var script = settings.Connection is null
            ? deployer.CreateScript(settings.Database, options)
            : deployer.UpgradeScript(settings.Connection, settings.Database, options);
        File.WriteAllText(settings.Out, script);
        Console.WriteLine($"Wrote {(settings.Connection is null ? "create" : "upgrade")} script for {settings.Database} to {Path.GetFullPath(settings.Out)} ({script.Length:N0} characters). Nothing was deployed.");
        return 0;
    }
}

public sealed class WarehouseDeployCommand : Command<WarehouseDeployCommand.Settings>
{
    public sealed class Settings : DacpacSettings
    {
        [CommandOption("--connection <CS>")]
        [Description("SQL Server connection string (the database in it is the target unless --database is given).")]
        public string Connection { get; init; } = "";

        [CommandOption("--database <NAME>")]
        [Description("Target database name (default: the connection string's Initial Catalog, else PdWarehouse).")]
        public string? Database { get; init; }

        [CommandOption("--allow-data-loss")]
        [Description("Deploy even when a change could lose data (blocked by default).")]
        public bool AllowDataLoss { get; init; }

        [CommandOption("--drop-objects-not-in-source")]
        [Description("Drop objects the target has that the dacpac does not (off by default).")]
        public bool DropObjectsNotInSource { get; init; }

        [CommandOption("--variable <NAME=VALUE>")]
        [Description("A SQLCMD variable for the deployment scripts; repeat as needed.")]
        public string[] Variables { get; init; } = [];

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Connection) ? ValidationResult.Error("--connection CS is required")
            : Variables.Any(v => !v.Contains('=')) ? ValidationResult.Error("--variable takes NAME=VALUE")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var variables = settings.Variables.Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var deployer = new Deployer(settings.DacpacPath);
        var database = settings.Database ?? Deployer.DatabaseFromConnection(settings.Connection) ?? "PdWarehouse";
        deployer.Deploy(settings.Connection, database,
            new DeploymentOptions(settings.AllowDataLoss, settings.DropObjectsNotInSource, variables),
            message => Console.WriteLine(message), cancellation);
        Console.WriteLine($"Deployed {Path.GetFileName(settings.DacpacPath)} to {database}.");
        return 0;
    }
}

public sealed class WarehouseInitCommand : Command<WarehouseInitCommand.Settings>
{
    public sealed class Settings : DacpacSettings
    {
        [CommandOption("--db <FILE>")]
        [Description("The DuckDB warehouse file to create or update (default: pdw.duckdb).")]
        public string Db { get; init; } = "pdw.duckdb";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        using var model = WarehouseModel.LoadDacpac(settings.DacpacPath);
        var reference = ReferenceData.Load(WarehouseSources.Locate(), model);
        var result = new DuckDbWarehouseInitializer(model, reference).Initialize(settings.Db);
        Console.WriteLine(result.Created
            ? $"Created DuckDB warehouse {result.DatabasePath}"
            : $"Updated existing DuckDB warehouse {result.DatabasePath}");
        Console.WriteLine($"  tables: {result.TablesCreated} created, {result.TablesExisting} already present; views: {result.ViewsWritten} written");
        foreach (var c in result.ColumnsAdded)
            Console.WriteLine(c.RowsBackfilled is { } rows ? $"  column added: {c.Column}, {rows:N0} rows given their values" : $"  column added: {c.Column} (empty on existing rows)");
        foreach (var table in result.SummaryTablesRemade)
            Console.WriteLine($"  summary table made again under this release's definition: {table}");
        if (result.RowsScrubbed > 0)
            Console.WriteLine($"  rejects of an earlier release scrubbed of identifying text: {result.RowsScrubbed:N0} rows (file rewritten so no freed page keeps it)");
        foreach (var s in result.SummariesBuilt)
            Console.WriteLine($"  summary rebuilt from the facts: {s.Table}, {s.Rows:N0} rows");
        var inserted = result.Reference.Sum(r => r.Inserted);
        var updated = result.Reference.Sum(r => r.Updated);
        var unchanged = result.Reference.Sum(r => r.Unchanged);
        Console.WriteLine($"  reference data: {inserted:N0} rows inserted, {updated:N0} updated, {unchanged:N0} unchanged in {result.Reference.Count} tables");
        foreach (var r in result.Reference.Where(r => r.Inserted + r.Updated > 0))
            Console.WriteLine($"    {r.Table}: +{r.Inserted:N0} new, {r.Updated:N0} updated");
        // Policy goals loaded earlier are measured again on the facts as they now stand (docs/monitoring.md).
        using (var warehouse = WarehouseConnection.OpenDuckDb(result.DatabasePath))
            if (PdWarehouse.Monitoring.IndicatorMeasurer.RefreshCurrent(warehouse) is { } measured)
                Console.WriteLine($"  policy indicators measured again: {measured.Rows:N0} rows in etl.IndicatorMeasurement{(measured.NotMeasured.Count > 0 ? $"; not measured: {string.Join(", ", measured.NotMeasured.Select(n => n.IndicatorId))}" : "")}");
        return 0;
    }
}

public sealed class WarehouseSummaryCommand : Command<WarehouseSummaryCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--db <FILE>")]
        [Description("The DuckDB warehouse file (default: pdw.duckdb).")]
        public string Db { get; init; } = "pdw.duckdb";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var counts = WarehouseSummary.TableCounts(settings.Db);
        var table = new Table().AddColumn("Table").AddColumn(new TableColumn("Rows").RightAligned());
        foreach (var (name, rows) in counts) table.AddRow(name, rows.ToString("N0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        return 0;
    }
}

public sealed class WarehouseDictionaryCommand : Command<WarehouseDictionaryCommand.Settings>
{
    public sealed class Settings : DacpacSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("Where to write the Markdown data dictionary (docs/data-dictionary.md in the repository).")]
        public string Out { get; init; } = "";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out FILE is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        using var model = WarehouseModel.LoadDacpac(settings.DacpacPath);
        var changed = DataDictionaryWriter.WriteFile(model, settings.Out);
        var columns = model.Tables.Sum(t => t.Columns.Count);
        Console.WriteLine($"{(changed ? "Wrote" : "Unchanged:")} {Path.GetFullPath(settings.Out)}: {model.Tables.Count} tables ({columns} columns), {model.Views.Count} views.");
        return 0;
    }
}
