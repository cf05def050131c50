using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Monitoring;
using Spectre.Console.Cli;

namespace PdWarehouse.Cli.Commands.Monitor;

/// <summary>The exit status of <c>pdw monitor check</c>, as docs/monitoring.md documents it.</summary>
public static class MonitorCheckExitCodes
{
    /// <summary>Every indicator was checked and met its target.</summary>
    public const int AllMet = 0;
    /// <summary>At least one indicator missed its target in its latest complete month (whatever the others did).</summary>
    public const int SomeMissed = 4;
    /// <summary>None missed, but at least one could not be checked (not measurable, or no complete month with a figure).</summary>
    public const int SomeNotChecked = 5;
}

/// <summary>Settings shared by the commands that read goals from the warehouse or from a file.</summary>
public class MonitorGoalsSettings : CommandSettings
{
    [CommandOption("--db <FILE>")]
    [Description("The DuckDB warehouse (default: pdw.duckdb).")]
    public string Db { get; init; } = "pdw.duckdb";

    [CommandOption("--connection <CS>")]
    [Description("Read SQL Server instead of DuckDB.")]
    public string? Connection { get; init; }

    [CommandOption("--goals <FILE>")]
    [Description("A goals file to check instead of the warehouse's current goals (validated against the warehouse's policies; nothing is loaded).")]
    public string? Goals { get; init; }

    [CommandOption("--json")]
    [Description("Write the result as JSON on standard output.")]
    public bool Json { get; init; }

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The goals to work on: the file's when given (refused with its problems when invalid), else the warehouse's current ones.</summary>
    internal GoalsFile ReadGoals(WarehouseConnection warehouse)
    {
        if (Goals is not null)
        {
            var policies = warehouse.Query<(short PolicyKey, string PolicyCode, DateTime? IssuedDate, DateTime? SupersededDate, string PolicyTitle)>(GoalsSql.Policies)
                .ToDictionary(p => p.PolicyCode, p => new PolicyInfo(p.PolicyCode, p.PolicyTitle,
                    p.IssuedDate is { } i ? DateOnly.FromDateTime(i) : null, p.SupersededDate is { } s ? DateOnly.FromDateTime(s) : null), StringComparer.Ordinal);
            var validation = new GoalsValidator(policies).Validate(GoalsFileText.Read(Goals));
            if (!validation.IsValid) throw new GoalsInvalidException(Goals, validation.Problems);
            return validation.Goals!;
        }
        return new IndicatorMeasurer(warehouse).CurrentGoals(null, out _)
               ?? throw new GoalsFileException("no goals are loaded in this warehouse: pass --goals FILE, or load them with `pdw monitor goals load FILE`");
    }
}

public sealed class MonitorCheckCommand : Command<MonitorGoalsSettings>
{
    public override int Execute(CommandContext context, MonitorGoalsSettings settings, CancellationToken cancellation)
    {
        using var warehouse = WarehouseConnection.Open(settings.Db, settings.Connection);
        GoalsFile goals;
        try { goals = settings.ReadGoals(warehouse); }
        catch (GoalsInvalidException ex)
        {
            foreach (var p in ex.Problems) Console.Error.WriteLine(p.Format(settings.Goals!));
            Console.Error.WriteLine($"pdw: {settings.Goals}: {ex.Problems.Count} problem{(ex.Problems.Count == 1 ? "" : "s")}, nothing checked");
            return 1;
        }
        var checks = new GoalsCheck(warehouse).Check(goals);
        if (settings.Json) Console.Out.WriteLine(JsonSerializer.Serialize(checks, MonitorGoalsSettings.JsonOptions));
        else
        {
            // Quiet when every goal is met, as a scheduled job should be: one line per indicator that needs a look.
            foreach (var c in checks.Where(c => c.Status != GoalsCheck.Met))
                Console.Out.WriteLine(c.Status == GoalsCheck.Missed
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"MISSED {c.IndicatorId} {c.PeriodStart}: {c.Value:0.####} against a target of {(c.Direction == "higher" ? "at least" : "at most")} {c.Target}{(c.IntervalLow is { } lo ? $" (95% interval {lo:0.####} to {c.IntervalHigh:0.####})" : "")}{(c.WithinTolerance == true ? ", inside the tolerance band" : "")}")
                    : $"NOT-CHECKED {c.IndicatorId}: {c.Why}");
            var missed = checks.Count(c => c.Status == GoalsCheck.Missed);
            var notChecked = checks.Count(c => c.Status == GoalsCheck.NotChecked);
            Console.Error.WriteLine($"{checks.Count - missed - notChecked} met, {missed} missed, {notChecked} not checked");
        }
        if (checks.Any(c => c.Status == GoalsCheck.Missed)) return MonitorCheckExitCodes.SomeMissed;
        return checks.Any(c => c.Status == GoalsCheck.NotChecked) ? MonitorCheckExitCodes.SomeNotChecked : MonitorCheckExitCodes.AllMet;
    }
}

/// <summary>`pdw monitor changes`: the before/after estimates at every policy date inside the data.</summary>
public sealed class MonitorChangesCommand : Command<MonitorChangesCommand.Settings>
{
    public sealed class Settings : MonitorGoalsSettings
    {
        [CommandOption("--min-cell <N>")]
        [Description("Disclosure threshold, as for the reports: months with a count from 1 to N-1 are left out (default 10).")]
        public int MinCell { get; init; } = 10;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        using var warehouse = WarehouseConnection.Open(settings.Db, settings.Connection);
        GoalsFile goals;
        try { goals = settings.ReadGoals(warehouse); }
        catch (GoalsInvalidException ex)
        {
            foreach (var p in ex.Problems) Console.Error.WriteLine(p.Format(settings.Goals!));
            return 1;
        }
        var estimates = new BeforeAfter(warehouse).Estimate(goals, settings.MinCell);
        if (settings.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(estimates, MonitorGoalsSettings.JsonOptions));
            return 0;
        }
        foreach (var e in estimates)
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.IndicatorId} at {e.PolicyDate:yyyy-MM-dd} ({e.Policies}) {e.ComponentCode ?? e.BreakdownLevel}: ")
                + (e.NotEstimable ?? string.Create(CultureInfo.InvariantCulture,
                    $"level {e.LevelChange:+0.####;-0.####;0} (95% {e.LevelChangeLow:0.####} to {e.LevelChangeHigh:0.####}), slope {e.SlopeChange:+0.#####;-0.#####;0} a month; {e.MonthsBefore} months before, {e.MonthsAfter} after{(e.MonthsWithheld > 0 ? $", {e.MonthsWithheld} withheld" : "")}")));
        return 0;
    }
}
