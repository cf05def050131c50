using System.Data;
using DuckDB.NET.Data;

namespace PdWarehouse.Etl.Engines;

/// <summary>
/// Brings a warehouse whose keyed hashes are 64-character hex text (releases before the 128-bit keys) to the model's
/// BINARY(16) form, in place, inside init's transaction. A stored hash was HMAC-SHA256 as hex; its first 32 hex digits
/// are the 128 bits this release keeps, so an identifier hashed now with the same one-key chain meets its stored value:
/// persons keep linking across the upgrade. The work tables only ever hold a running batch's rows, so they are made again.
/// A warehouse re-keyed by `pdw key rotate` under the text form cannot be carried over this way (each later key hashed the
/// earlier key's hex text, which the 128 bits no longer give) and nothing in it tells that it was: docs/loading.md says
/// to reload such a warehouse into a new one.
/// </summary>
internal static class PersonKeyUpgrade
{
    private static readonly (string Table, string Column)[] Kept =
        [("dw.DimPerson", "PersonHash"), ("etl.PersonIdentifier", "IdentifierHash"), ("etl.PersonIdentifier", "PersonHash")];

    private static readonly string[] WorkTables = ["etl.StagedPerson", "etl.PersonLabel", "etl.PersonMerge", "etl.PersonAttribute", "etl.PersonRekey"];

    /// <summary>Converts the kept hash columns and drops the work tables of the text form; returns what it changed.</summary>
    public static IReadOnlyList<string> Apply(DuckDBConnection connection, IDbTransaction tx)
    {
        var types = new Dictionary<(string, string), string>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = (DuckDBTransaction)tx;
            cmd.CommandText = "SELECT table_schema || '.' || table_name, column_name, data_type FROM information_schema.columns WHERE table_schema IN ('dw', 'etl')";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) types[(reader.GetString(0).ToLowerInvariant(), reader.GetString(1).ToLowerInvariant())] = reader.GetString(2);
        }
        bool IsText(string table, string column) => types.GetValueOrDefault((table.ToLowerInvariant(), column.ToLowerInvariant())) == "VARCHAR";
        var changed = new List<string>();
        foreach (var table in WorkTables)
            if (types.Keys.Any(k => k.Item1 == table.ToLowerInvariant() && (k.Item2 == "label" || (k.Item2.EndsWith("hash", StringComparison.Ordinal) && IsText(table, k.Item2)))))
            {
                Execute(connection, tx, $"DROP TABLE {table}");
                changed.Add(table + " (work table, made again)");
            }
        foreach (var (table, column) in Kept.Where(k => IsText(k.Table, k.Column)))
        {
            // DuckDB reads '0x' + hex as an integer up to 64 bits, so the 128 bits are put together from two halves.
            string Half(int from) => $"CAST(CAST('0x' || SUBSTRING(TRIM({column}), {from}, 16) AS UBIGINT) AS UHUGEINT)";
            Execute(connection, tx, $"ALTER TABLE {table} ALTER COLUMN {column} SET DATA TYPE UHUGEINT USING {Half(1)} * CAST('18446744073709551616' AS UHUGEINT) + {Half(17)}");
            changed.Add($"{table}.{column}");
        }
        return changed;
    }

    private static void Execute(DuckDBConnection connection, IDbTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = (DuckDBTransaction)tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
