using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Identity;
using PdWarehouse.Etl.Loading;
using PdWarehouse.Warehouse;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PdWarehouse.Cli.Commands.Load;

public sealed class LoadCommand : Command<LoadCommand.Settings>
{
    public sealed class Settings : Warehouse.DacpacSettings
    {
        [CommandArgument(0, "<DELIVERY>")]
        [Description("Delivery folders (each with a manifest.json), or folders holding deliveries, e.g. the output of `pdw generate`.")]
        public string[] Deliveries { get; init; } = [];

        [CommandOption("--db <FILE>")]
        [Description("The DuckDB warehouse (default: pdw.duckdb); create it first with `pdw warehouse init`.")]
        public string Db { get; init; } = "pdw.duckdb";

        [CommandOption("--connection <CS>")]
        [Description("Load into SQL Server instead of DuckDB.")]
        public string? Connection { get; init; }

        [CommandOption("--reject-threshold <SHARE>")]
        [Description("Largest share of rejected rows a delivery may have (default 0.05); above it the batch loads nothing.")]
        public double RejectThreshold { get; init; } = 0.05;

        [CommandOption("--force")]
        [Description("Reload deliveries whose manifest already loaded (normally skipped).")]
        public bool Force { get; init; }

        [CommandOption("--key-file <FILE>")]
        [Description("File holding the pseudonymisation key (default: PDW_PSEUDONYM_KEY or PDW_PSEUDONYM_KEY_FILE).")]
        public string? KeyFile { get; init; }

        [CommandOption("--json")]
        [Description("Write a machine-readable summary of every batch to standard output.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Deliveries.Length == 0 ? ValidationResult.Error("name at least one delivery folder")
            : RejectThreshold is < 0 or > 1 ? ValidationResult.Error("--reject-threshold is a share between 0 and 1")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var key = PseudonymKey.Resolve(settings.KeyFile);       // before anything is opened: no key, no load
        var deliveries = DeliveryFolders.Expand(settings.Deliveries);
        using var model = WarehouseModel.LoadDacpac(settings.DacpacPath);
        var tests = DataTestCatalog.Load(WarehouseSources.Locate(), model);
        using var warehouse = WarehouseConnection.Open(settings.Db, settings.Connection);
        var output = settings.Json ? Console.Error : Console.Out;
        ILoadProgress progress = !settings.Json && AnsiConsole.Profile.Capabilities.Interactive
            ? new TerminalLoadProgress() : new PlainLoadProgress(output);
        var loader = new BatchLoader(warehouse, model, key, tests,
            new LoadOptions { RejectThreshold = settings.RejectThreshold, Force = settings.Force }, progress, TimeProvider.System);

        output.WriteLine($"Loading {deliveries.Count} deliver{(deliveries.Count == 1 ? "y" : "ies")} into {warehouse.Description} (pseudonym key {key.Fingerprint} from {key.Source})");
        // Only DuckDB loads spill to files; a SQL Server load leaves the temp folder alone.
        if (settings.Connection is null && OrphanedSpillFiles.Sweep() is { Files: > 0 } swept)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Removed {swept.Files:N0} staging spill file{(swept.Files == 1 ? "" : "s")} ({swept.Bytes / 1048576.0:N1} MB) that killed loads left in {Path.GetTempPath()}"));
        var results = new List<BatchResult>();
        var failed = 0;
        foreach (var folder in deliveries)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                var result = loader.Load(folder);
                results.Add(result);
                BatchSummary.Write(output, result);
            }
            catch (Exception ex) when (ex is PdWarehouseException or System.Data.Common.DbException or IOException or UnauthorizedAccessException
                || (ex is not OutOfMemoryException and not OperationCanceledException && Environment.GetEnvironmentVariable("PDW_DEBUG") is null))
            {
                // The batch's transaction rolled back; whatever the failure, it is this delivery's, in one line: the other
                // deliveries still load, the --json is still written, and the exit code says some delivery failed.
                failed++;
                var name = DeliveryReader.NameOf(folder);
                var refused = ex is DeliveryRefusedException;
                // Our own failures name the delivery already; anything else gets the delivery's name in front.
                var message = Echo.Line(ex.Message.Split('\n')[0]);
                if (ex is not PdWarehouseException)
                    message = $"{name}: {(ex is System.Data.Common.DbException ? "" : $"unexpected {ex.GetType().Name}: ")}{message}";
                Console.Error.WriteLine($"pdw: {message}");
                if (DuckDbConnectionFactory.MemoryLimitHint(ex) is { } hint) Console.Error.WriteLine($"pdw: {hint}");
                results.Add(new BatchResult(name, "", 0, refused ? "REFUSED" : "FAILED", message,
                    [], 0, 0, new Dictionary<string, long>(), [], [], [], [], TimeSpan.Zero));
            }
        }
        var succeeded = results.Where(r => r.Status == "SUCCEEDED").ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{succeeded.Count} loaded, {results.Count(r => r.Status == "SKIPPED")} already loaded, {failed} failed ({results.Count(r => r.Status == "REFUSED")} refused); {succeeded.Sum(r => r.RowsRead):N0} rows read, {succeeded.Sum(r => r.RowsRejected):N0} rejected, {succeeded.Sum(r => r.RowsInserted):N0} inserted, {succeeded.Sum(r => r.RowsUpdated):N0} updated"));
        if (succeeded.Count > 0) MeasureGoals(warehouse, output);
        if (settings.Json) Console.Out.WriteLine(JsonSerializer.Serialize(results.Select(BatchSummary.ToJson), BatchSummary.JsonOptions));
        return failed == 0 ? LoadExitCodes.AllLoaded : LoadExitCodes.SomeDeliveriesFailed;
    }

    /// <summary>
    /// Policy goals loaded earlier are measured again on the facts the batches changed (docs/monitoring.md). Its own
    /// transaction, after every batch committed: a measurement that fails is reported and leaves the loaded batches and
    /// the exit status alone (the figures stay as they were; `pdw monitor goals load` measures again).
    /// </summary>
    static void MeasureGoals(WarehouseConnection warehouse, TextWriter output)
    {
        try
        {
            if (PdWarehouse.Monitoring.IndicatorMeasurer.RefreshCurrent(warehouse) is { } measured)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Policy indicators measured again: {measured.Rows:N0} rows in etl.IndicatorMeasurement{(measured.NotMeasured.Count > 0 ? $"; not measured: {string.Join(", ", measured.NotMeasured.Select(n => n.IndicatorId))}" : "")}"));
        }
        catch (Exception ex) when (ex is PdWarehouseException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"pdw: the batches loaded, but measuring the policy goals failed: {Echo.Line(ex.Message.Split('\n')[0])}");
        }
    }
}

/// <summary>The exit status of <c>pdw load</c>, as docs/operations.md §4 documents it.</summary>
public static class LoadExitCodes
{
    /// <summary>Every delivery loaded, or had loaded before.</summary>
    public const int AllLoaded = 0;
    /// <summary>The command could not run at all (no key, no warehouse, no dacpac): nothing was loaded (Program.cs).</summary>
    public const int CommandFailed = 1;
    /// <summary>The command line was wrong (Program.cs).</summary>
    public const int Usage = 2;
    /// <summary>The command ran: some deliveries were refused or failed (one line each), the others loaded, the summary and --json were written.</summary>
    public const int SomeDeliveriesFailed = 3;
}

/// <summary>Turns the command's arguments into delivery folders: a folder with a manifest, or the delivery folders inside one.</summary>
public static class DeliveryFolders
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments)
    {
        var result = new List<string>();
        foreach (var argument in arguments)
        {
            if (File.Exists(Path.Combine(argument, "manifest.json"))) { result.Add(argument); continue; }
            if (!Directory.Exists(argument)) throw new DeliveryArgumentException($"'{Echo.Value(argument)}' is neither a delivery folder nor a folder of deliveries.");
            // Reference lists first, so offices and countries exist before the records that name them; then in
            // period order, so re-sent records and person histories arrive as they happened (docs/feeds.md).
            var inside = Directory.GetDirectories(argument).Where(d => File.Exists(Path.Combine(d, "manifest.json")))
                .Select(d => (Folder: d, Period: PeriodStart(d)))
                .OrderBy(d => Path.GetFileName(d.Folder).StartsWith("reference-", StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(d => d.Period).ThenBy(d => d.Folder, StringComparer.Ordinal)
                .Select(d => d.Folder).ToList();
            if (inside.Count == 0) throw new DeliveryArgumentException($"'{Echo.Value(argument)}' holds no delivery (no manifest.json in it or in its folders).");
            result.AddRange(inside);
        }
        return result;
    }

    /// <summary>
    /// The manifest's period start, for ordering only, read as the loader reads it (no link, pipe or device is opened, and
    /// only so many bytes); a manifest that cannot be read sorts first and is refused when loaded.
    /// </summary>
    private static DateOnly PeriodStart(string folder) => DeliveryReader.PeekManifest(folder)?.PeriodStart ?? DateOnly.MinValue;
}

public sealed class DeliveryArgumentException(string message) : PdWarehouseException(message);
