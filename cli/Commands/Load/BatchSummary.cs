using System.Globalization;
using System.Text.Json;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Loading;
using Spectre.Console;

namespace PdWarehouse.Cli.Commands.Load;

internal static class BatchSummary
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(TextWriter output, BatchResult r)
    {
        // Delivery names are already shown through Echo (DeliveryReader.NameOf); measure names come from the manifest.
        if (r.Status == "SKIPPED") { output.WriteLine($"  {r.Delivery}: {r.Message}"); return; }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {r.Delivery}: batch {r.LineageKey} {r.Status} in {r.Elapsed.TotalSeconds:F1} s — {r.RowsRead:N0} read = {r.RowsStaged:N0} staged + {r.RowsRejected:N0} rejected; {r.RowsInserted:N0} inserted, {r.RowsUpdated:N0} updated"));
        if (r.RejectsByReason.Count > 0)
            output.WriteLine("    rejects: " + string.Join(", ", r.RejectsByReason.Select(x => $"{x.Key} {x.Value:N0}")));
        foreach (var f in r.Findings)
            output.WriteLine($"    finding: {f.Rows:N0} rows with {f.Finding} ({f.Table}.{f.Column} set to Unknown)");
        foreach (var t in r.DataTests.Where(t => !t.Passed))
            output.WriteLine($"    data test {(t.Test.IsError ? "FAILED" : "warning")}: {t.Test.Name} ({t.FailingRows:N0} rows)");
        foreach (var c in r.ControlTotals)
            output.WriteLine(c.Loaded is null
                ? $"    control total '{Echo.Value(c.Measure)}': reported {c.Reported:N0}, not a measure pdw can count"
                : $"    control total '{Echo.Value(c.Measure)}': reported {c.Reported:N0}, loaded {c.Loaded:N0}{(c.Difference == 0 ? " (agrees)" : $" (difference {c.Difference:+#,0;-#,0})")}");
    }

    public static object ToJson(BatchResult r) => new
    {
        r.Delivery, r.Feed, Batch = r.LineageKey, r.Status, r.Message, r.RowsRead, r.RowsStaged, r.RowsRejected, r.RowsInserted, r.RowsUpdated,
        r.RejectsByReason,
        Files = r.Files,
        Findings = r.Findings,
        DataTests = r.DataTests.Select(t => new { t.Test.Name, t.Test.TestType, t.Test.Table, t.Test.Severity, t.FailingRows, t.Passed }),
        ControlTotals = r.ControlTotals.Select(c => new { c.Measure, c.Reported, c.Loaded, c.Difference }),
        Steps = r.Steps.Select(s => new { s.Step, s.Rows, Seconds = Math.Round(s.Elapsed.TotalSeconds, 3) }),
        Seconds = Math.Round(r.Elapsed.TotalSeconds, 3),
    };
}

/// <summary>Redirected output: one plain line per step, with its row count and rate.</summary>
internal sealed class PlainLoadProgress(TextWriter output) : ILoadProgress
{
    public void BatchStarted(string delivery, string feed, long expectedRows) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{delivery} ({feed}, {expectedRows:N0} rows)"));
    public void StepStarted(string step) { }
    public void RowsStaged(long rows) { }
    public void StepFinished(string step, long rows, TimeSpan elapsed) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {step,-20} {rows,12:N0} rows {elapsed.TotalSeconds,8:F2} s{(elapsed.TotalSeconds > 0.05 && rows > 0 ? $" {rows / elapsed.TotalSeconds,12:N0} rows/s" : "")}"));
}

/// <summary>A terminal: the step lines, plus a live count while a file is being staged.</summary>
internal sealed class TerminalLoadProgress : ILoadProgress
{
    private long _expected;
    private DateTime _stagingStarted;

    public void BatchStarted(string delivery, string feed, long expectedRows)
    {
        _expected = Math.Max(1, expectedRows);
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(delivery)}[/] [grey]({Markup.Escape(feed)}, {expectedRows:N0} rows)[/]");
    }

    public void StepStarted(string step)
    {
        if (step == "stage") _stagingStarted = DateTime.UtcNow;
    }

    public void RowsStaged(long rows)
    {
        var seconds = Math.Max(0.001, (DateTime.UtcNow - _stagingStarted).TotalSeconds);
        Console.Write(string.Create(CultureInfo.InvariantCulture, $"\r    staging {rows,12:N0} / {_expected:N0} rows ({100.0 * rows / _expected,5:F1} %, {rows / seconds:N0} rows/s)   "));
    }

    public void StepFinished(string step, long rows, TimeSpan elapsed)
    {
        if (step == "stage") Console.Write("\r" + new string(' ', 90) + "\r");
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"    [green]✓[/] {step,-20} {rows,12:N0} rows {elapsed.TotalSeconds,8:F2} s{(elapsed.TotalSeconds > 0.05 && rows > 0 ? $" {rows / elapsed.TotalSeconds,12:N0} rows/s" : "")}"));
    }
}
