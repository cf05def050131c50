namespace PdWarehouse.Warehouse;

/// <summary>How one column gets its values in a warehouse loaded before the column existed.</summary>
/// <param name="Placeholder">The literal every existing row holds until <paramref name="Sql"/> runs.</param>
/// <param name="Sql">Shared SQL giving every row its real value; idempotent, it changes nothing where the values are right.</param>
public sealed record ColumnBackfill(string Placeholder, string Sql);

/// <summary>
/// How a NOT NULL column added to the model after warehouses were already loaded gets its values in them.
/// The DuckDB initializer adds the column holding the placeholder, declares it NOT NULL and runs the statement;
/// on SQL Server the deployment adds it with DacFx's smart default (0 or empty, the same placeholders) and the
/// post-deployment script runs the statement.
/// </summary>
public static class ColumnBackfills
{
    /// <summary>Backfill by column, named schema.table.column.</summary>
    public static readonly IReadOnlyDictionary<string, ColumnBackfill> ByColumn = new Dictionary<string, ColumnBackfill>(StringComparer.OrdinalIgnoreCase)
    {
        // The durable person identifier is the key of the person's first version (MIN over the versions sharing the hash),
        // exactly what the loader assigns to new persons and copies to new versions.
        ["dw.DimPerson.PersonId"] = new("0", """
            UPDATE dw.DimPerson SET PersonId = f.FirstKey
            FROM (SELECT PersonHash, MIN(PersonKey) AS FirstKey FROM dw.DimPerson GROUP BY PersonHash) AS f
            WHERE DimPerson.PersonHash = f.PersonHash AND DimPerson.PersonId <> f.FirstKey
            """),
        // Countries loaded before the flag are current codes (0); the shipped withdrawn codes are new rows, which init's
        // reference-data repair writes with their flag. Nothing else to compute, so the statement only confirms it.
        ["dw.DimCountry.IsWithdrawn"] = new("0", "UPDATE dw.DimCountry SET IsWithdrawn = 0 WHERE IsWithdrawn IS NULL"),
        // Before the flag, a code no list held conformed to Unknown and never became a member: every existing row is listed.
        ["dw.DimCountry.IsInReferenceList"] = new("1", "UPDATE dw.DimCountry SET IsInReferenceList = 1 WHERE IsInReferenceList IS NULL"),
    };
}
