using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using PdWarehouse.Etl.Generation;
using Spectre.Console.Cli;

namespace PdWarehouse.Cli.Commands;

public sealed class GenerateCommand : Command<GenerateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--fiscal-years <YEARS>")]
        [Description("Fiscal years to generate, e.g. 2012-2014 or 2004,2013 (FY2004-FY2015; FY2015 is plausible, not calibrated, and carries the 2014-11-20 memo's effect).")]
        public string FiscalYears { get; init; } = "2012-2014";

        [CommandOption("--scale <FACTOR>")]
        [Description("1.0 reproduces the published figures; each pinned figure becomes round(figure × scale).")]
        public double Scale { get; init; } = 1.0;

        [CommandOption("--seed <N>")]
        [Description("Same seed and arguments, same bytes.")]
        public long Seed { get; init; } = 42;

        [CommandOption("--dirty-rate <RATE>")]
        [Description("Dirty rows added per clean row (0 = none).")]
        public double DirtyRate { get; init; } = 0.01;

        [CommandOption("--rearrest-share <SHARE>")]
        [Description("Share of each year's ERO PD decisions whose person ICE arrests again the next year (half that share later the same year).")]
        public double RearrestShare { get; init; } = 0.15;

        [CommandOption("--threads <N>")]
        [Description("Deliveries written at once (default 0: one per core). The output does not depend on it.")]
        public int Threads { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Folder to write the deliveries and truth.json into.")]
        public string Out { get; init; } = "deliveries";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var options = new GenerateOptions(GenerateOptions.ParseFiscalYears(settings.FiscalYears), settings.Scale, settings.Seed,
            settings.DirtyRate, settings.RearrestShare, settings.Out, settings.Threads);
        var clock = Stopwatch.StartNew();
        var generator = new Generator(options, delivery => Console.WriteLine($"  wrote {delivery}"));
        var folders = generator.Run();
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {folders.Count} deliveries, {generator.RowsWritten:N0} rows in {seconds:F1} s ({generator.RowsWritten / Math.Max(seconds, 1e-9):N0} rows/s) into {Path.GetFullPath(settings.Out)}; ground truth in truth.json"));
        return 0;
    }
}
