namespace PdWarehouse.Etl.Loading;

public sealed record FileCounts(string File, long RowsRead, long RowsStaged, long RowsRejected);

public sealed record StepTiming(string Step, long Rows, TimeSpan Elapsed);

public sealed record ControlTotalResult(string Measure, long Reported, long? Loaded)
{
    /// <summary>Checked: the manifest refuses negative totals, so two counts' difference fits; if it ever did not, stop, never wrap.</summary>
    public long? Difference => checked(Loaded - Reported);
}

public sealed record ConformanceFinding(string Table, string Column, string Finding, long Rows);

/// <summary>What one batch did: the summary printed after a load and written by --json.</summary>
public sealed record BatchResult(
    string Delivery, string Feed, int LineageKey, string Status, string? Message,
    IReadOnlyList<FileCounts> Files, long RowsInserted, long RowsUpdated,
    IReadOnlyDictionary<string, long> RejectsByReason, IReadOnlyList<ConformanceFinding> Findings,
    IReadOnlyList<DataTestResult> DataTests, IReadOnlyList<ControlTotalResult> ControlTotals,
    IReadOnlyList<StepTiming> Steps, TimeSpan Elapsed)
{
    public long RowsRead => Files.Sum(f => f.RowsRead);
    public long RowsStaged => Files.Sum(f => f.RowsStaged);
    public long RowsRejected => Files.Sum(f => f.RowsRejected);
}

/// <summary>Where the loader reports progress: a live display on a terminal, plain lines otherwise.</summary>
public interface ILoadProgress
{
    void BatchStarted(string delivery, string feed, long expectedRows);
    void StepStarted(string step);
    void RowsStaged(long rows);
    void StepFinished(string step, long rows, TimeSpan elapsed);
}

public sealed class NoProgress : ILoadProgress
{
    public static readonly NoProgress Instance = new();
    public void BatchStarted(string delivery, string feed, long expectedRows) { }
    public void StepStarted(string step) { }
    public void RowsStaged(long rows) { }
    public void StepFinished(string step, long rows, TimeSpan elapsed) { }
}
