using System.ComponentModel;
using System.Text;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Monitoring;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PdWarehouse.Cli.Commands.Monitor;

/// <summary>`pdw monitor goals validate FILE`: checks a goals file without a warehouse; exit 1 and one line per problem when invalid.</summary>
public sealed class MonitorGoalsValidateCommand : Command<MonitorGoalsValidateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The goals file (YAML), e.g. monitoring/goals.yaml.")]
        public string File { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var text = GoalsFileText.Read(settings.File);
        var validation = new GoalsValidator().Validate(text);
        if (!validation.IsValid)
        {
            // Problems go to standard error in the compiler's file:line:column form, so editors can jump to them.
            foreach (var p in validation.Problems) Console.Error.WriteLine(p.Format(settings.File));
            Console.Error.WriteLine($"pdw: {settings.File}: {validation.Problems.Count} problem{(validation.Problems.Count == 1 ? "" : "s")}");
            return 1;
        }
        var goals = validation.Goals!;
        Console.WriteLine($"{settings.File}: valid, version {goals.Version}, {goals.Indicators.Count} indicator{(goals.Indicators.Count == 1 ? "" : "s")}");
        foreach (var i in goals.Indicators)
            Console.WriteLine($"  {i.Id}: {i.Measure.Kind} of {i.Measure.Population}, {i.Direction} is better, target {i.Target.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({i.PolicyCode})");
        return 0;
    }
}

/// <summary>`pdw monitor goals load FILE --db DB`: validates, then loads the file as a new version unless that content is current already.</summary>
public sealed class MonitorGoalsLoadCommand : Command<MonitorGoalsLoadCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The goals file (YAML), e.g. monitoring/goals.yaml.")]
        public string File { get; init; } = "";

        [CommandOption("--db <FILE>")]
        [Description("The DuckDB warehouse (default: pdw.duckdb); create it first with `pdw warehouse init`.")]
        public string Db { get; init; } = "pdw.duckdb";

        [CommandOption("--connection <CS>")]
        [Description("Load into SQL Server instead of DuckDB.")]
        public string? Connection { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        // Read before the warehouse opens: a missing file is the user's mistake, not the database's. The bytes, not
        // decoded text, are what the version's SHA-256 is taken of.
        var bytes = GoalsFileText.ReadBytes(settings.File);
        using var warehouse = WarehouseConnection.Open(settings.Db, settings.Connection);
        GoalsLoadResult result;
        try
        {
            result = new GoalsLoader(warehouse, TimeProvider.System).Load(Path.GetFileName(settings.File), bytes);
        }
        catch (GoalsInvalidException ex)
        {
            foreach (var p in ex.Problems) Console.Error.WriteLine(p.Format(settings.File));
            Console.Error.WriteLine($"pdw: {settings.File}: {ex.Problems.Count} problem{(ex.Problems.Count == 1 ? "" : "s")}, nothing loaded");
            return 1;
        }
        var measured = $"{result.Measurements.Rows:N0} measurement rows in etl.IndicatorMeasurement (rpt.IndicatorMeasurement)";
        var version = $"goals version {result.GoalFileKey} (sha256 {result.ContentSha256[..12]}…), {result.IndicatorCount} indicators";
        Console.WriteLine(result.Outcome switch
        {
            GoalsLoadResult.Loaded => $"Loaded {settings.File} into {warehouse.Description} as {version}, batch {result.LineageKey}; it is now current",
            GoalsLoadResult.MadeCurrent => $"{settings.File} was loaded before as {version}; made it current again, batch {result.LineageKey}",
            _ => $"{settings.File} is already the current {version}: goals unchanged",
        });
        Console.WriteLine($"  {measured}");
        foreach (var (id, why) in result.Measurements.NotMeasured) Console.WriteLine($"  not measured: {id}: {why}");
        return 0;
    }
}

internal static class GoalsFileText
{
    public static string Read(string path) => Encoding.UTF8.GetString(ReadBytes(path));

    public static byte[] ReadBytes(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GoalsFileException($"{path}: cannot read the goals file: {ex.Message}");
        }
    }
}
