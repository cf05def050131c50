namespace PdWarehouse.Warehouse;

/// <summary>
/// Statements that bring rows an earlier release wrote under this release's rules of what may be kept. Each is shared
/// SQL and idempotent: <c>pdw warehouse init</c> (DuckDB) and the post-deployment script (SQL Server) run them every
/// time, and they change only rows not yet brought in line.
/// </summary>
public static class DataScrubs
{
    /// <summary>What a legacy reject's message becomes when it may have quoted an identifying value.</summary>
    public const string WithheldMessage = "message withheld: quarantined by a release that kept identifying values";

    /// <summary>
    /// Rejects quarantined before etl.Reject.ValueWithheld existed kept the whole line in RawText (A-numbers, FINs and
    /// names in clear) and, for a bad birth date, the date in the message. Those rows have ValueWithheld null (the
    /// column arrives empty); they lose RawText, such a message, and get ValueWithheld set, so a second run finds nothing.
    /// </summary>
    public static string LegacyRejects
    {
        get
        {
            var fields = string.Join(", ", PersonFields.Identifying.Select(f => $"'{f}'"));
            // Messages name their field first ("BirthDate: BirthDate '…' is not a valid date"), also in a row of several faults.
            var mentions = string.Join(" OR ", PersonFields.Identifying.Select(f => $"Message LIKE '%{f}:%'"));
            return $"""
                UPDATE etl.Reject SET
                    RawText = NULL,
                    Message = CASE WHEN FieldName IN ({fields}) OR {mentions} THEN '{WithheldMessage}' ELSE Message END,
                    ValueWithheld = CASE WHEN FieldName IN ({fields}) THEN 1 ELSE 0 END
                WHERE ValueWithheld IS NULL
                """;
        }
    }

    public static IReadOnlyList<(string Name, string Sql)> All => [("legacy rejects", LegacyRejects)];
}
