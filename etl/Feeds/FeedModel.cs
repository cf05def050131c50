namespace PdWarehouse.Etl.Feeds;

/// <summary>The parsed <c>manifest.json</c> of a delivery (format 1.0, see docs/feeds.md).</summary>
public sealed record Manifest(
    string FormatVersion,
    string Feed,
    string Component,
    string SourceSystem,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateTimeOffset ExtractedAt,
    IReadOnlyList<ManifestFile> Files,
    IReadOnlyList<ControlTotal> ControlTotals);

/// <summary>One data file of a delivery: its name inside the folder, SHA-256 (lowercase hex) and data rows (header excluded).</summary>
public sealed record ManifestFile(string Name, string Sha256, long Rows);

/// <summary>A count the component itself reports for the period, reconciled by the loader.</summary>
public sealed record ControlTotal(string Measure, long Value);

public enum FeedType { Text, Integer, Date }

/// <summary>
/// One CSV column. <paramref name="AllowedValues"/> is a closed code list the reader enforces; dimension codes
/// (offices, countries) have none because the loader conforms unknown ones to the Unknown member instead of rejecting them.
/// </summary>
public sealed record FeedColumn(string Name, FeedType Type, bool Required, int MaxLength, IReadOnlyList<string>? AllowedValues)
{
    /// <summary>Smallest value an integer column accepts; a test keeps it inside the staging column's SQL type.</summary>
    public long Minimum { get; init; }
    /// <summary>Largest value an integer column accepts.</summary>
    public long Maximum { get; init; }

    /// <summary>
    /// A date the load conforms to dw.DimDate (an event, receipt or effective date): it must lie in the widest calendar
    /// the warehouse extends to (ReferenceData.EarliestDate..LatestDate), or the row is rejected OUT-OF-RANGE. A birth
    /// date is hashed into the person's identity, never conformed, and is not bound by it.
    /// </summary>
    public bool ConformsToCalendar { get; init; }
}

/// <summary>A feed: its staging table, its component and its columns in file order.</summary>
public sealed record FeedDefinition(
    string Name,
    string StagingTable,
    string Component,
    IReadOnlyList<FeedColumn> Columns,
    string RecordIdColumn,
    string? EventDateColumn)
{
    /// <summary>The source system deliveries of this feed usually name (informative; the manifest's value is not checked against it).</summary>
    public string SourceSystem { get; init; } = "";

    /// <summary>What one row is, for docs and error messages.</summary>
    public string Grain { get; init; } = "";

    /// <summary>
    /// Rules between a valid row's fields, checked by the reader so that a row breaking one is rejected (INCONSISTENT)
    /// on its own. Declared beside the fact they protect as data tests too, which a row must never reach: a failing
    /// ERROR-level data test fails the whole delivery.
    /// </summary>
    public IReadOnlyList<RowRule> RowRules { get; init; } = [];

    /// <summary>
    /// The columns that identify a record when no single column does (a published figure is one table, year and
    /// measure): a second row with the same values is a duplicate record, and a later delivery's row replaces it.
    /// Empty for the feeds whose <see cref="RecordIdColumn"/> is the key on its own.
    /// </summary>
    public IReadOnlyList<string> KeyColumns { get; init; } = [];

    /// <summary>Indexes of the columns that make a record's id, in order: <see cref="KeyColumns"/>, or the record id column alone.</summary>
    public int[] KeyIndexes() => KeyColumns.Count > 0 ? KeyColumns.Select(IndexOf).ToArray() : [IndexOf(RecordIdColumn)];

    /// <summary>A record's id as messages and etl.Reject show it: its key columns' values joined by '/'.</summary>
    public static string RecordId(IReadOnlyList<string?> values, int[] keyIndexes) =>
        keyIndexes.Length == 1 ? values[keyIndexes[0]] ?? "" : string.Join('/', keyIndexes.Select(i => values[i] ?? ""));

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i].Name, column, StringComparison.Ordinal)) return i;
        return -1;
    }
}

/// <summary>A rule between a row's typed values (in column order); <see cref="Broken"/> is true when the row breaks it.</summary>
public sealed record RowRule(string Field, string Description, Func<object?[], bool> Broken);

/// <summary>Why a row (or one of its fields) was rejected. <see cref="Field"/> is null for row-level problems.</summary>
public sealed record FieldError(string? Field, string ReasonCode, string Message);

/// <summary>
/// One data line. <see cref="Values"/> are typed in <see cref="FeedDefinition.Columns"/> order (string, int, DateOnly or null)
/// and are null whenever <see cref="Errors"/> is not empty.
/// </summary>
public sealed record FeedRow(long LineNumber, object?[]? Values, IReadOnlyList<FieldError> Errors, string RawText)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>The row-level reason codes the reader assigns; etl.Reject stores them verbatim.</summary>
public static class ReasonCodes
{
    public const string MalformedRow = "MALFORMED-ROW";
    public const string InvalidEncoding = "INVALID-ENCODING";
    public const string MissingRequired = "MISSING-REQUIRED";
    public const string InvalidNumber = "INVALID-NUMBER";
    public const string InvalidDate = "INVALID-DATE";
    public const string DateOutOfPeriod = "DATE-OUT-OF-PERIOD";
    public const string TooLong = "TOO-LONG";
    public const string InvalidCode = "INVALID-CODE";
    public const string OutOfRange = "OUT-OF-RANGE";
    public const string DuplicateRecord = "DUPLICATE-RECORD";
    public const string Inconsistent = "INCONSISTENT";

    public static IReadOnlyList<string> All { get; } =
    [
        MalformedRow, InvalidEncoding, MissingRequired, InvalidNumber, InvalidDate, DateOutOfPeriod, TooLong, InvalidCode, OutOfRange, DuplicateRecord,
        Inconsistent,
    ];
}
