using System.Text.RegularExpressions;

namespace PdWarehouse.Warehouse;

/// <summary>
/// The DuckDB form of the warehouse, generated from the dacpac model so the two engines cannot drift
/// (DESIGN §4). Types are mapped explicitly. No foreign keys or primary keys (DuckDB rewrites some
/// UPDATEs as delete+insert and would reject them on referenced rows): relationships and uniqueness are
/// enforced by the data tests instead. The model has no IDENTITY columns: the loader assigns surrogate
/// keys as MAX + ROW_NUMBER inside the batch transaction, because sequence values consumed by a killed
/// load would make its rerun differ from an uninterrupted load.
/// </summary>
public static partial class DuckDbSchema
{
    /// <summary>The DuckDB type for a model column, e.g. <c>nvarchar(100)</c> → <c>VARCHAR</c>.</summary>
    public static string MapType(ColumnDefinition c) => c.SqlType switch
    {
        "bit" => "BOOLEAN",
        "tinyint" => "UTINYINT",           // SQL Server's tinyint is unsigned 0..255
        "smallint" => "SMALLINT",
        "int" => "INTEGER",
        "bigint" => "BIGINT",
        "decimal" or "numeric" => $"DECIMAL({c.Precision},{c.Scale})",
        "float" => "DOUBLE",
        "real" => "FLOAT",
        "date" => "DATE",
        "datetime2" or "datetime" or "smalldatetime" => "TIMESTAMP",
        "datetimeoffset" => "TIMESTAMPTZ",
        "time" => "TIME",
        "char" or "varchar" or "nchar" or "nvarchar" => "VARCHAR",
        // The 128-bit keyed hashes (person pseudonyms, identifier hashes): a fixed-width integer, which DuckDB hashes,
        // compares and sorts as two machine words, where a BLOB of 16 bytes is a string kept out of line. Read big-endian,
        // so the number's order is the bytes' order, which is SQL Server's order of the same BINARY(16) values.
        "binary" when c.Length == 16 => "UHUGEINT",
        "binary" or "varbinary" => "BLOB",
        "uniqueidentifier" => "UUID",
        _ => throw new NotSupportedException($"Column {c.Name}: SQL Server type {c.SqlType} has no DuckDB mapping; add one to DuckDbSchema.MapType."),
    };

    /// <summary>CREATE statements for schemas and tables; each is safe to run on an existing warehouse.</summary>
    public static IEnumerable<(string Object, string Sql)> CreateStatements(WarehouseModel model)
    {
        foreach (var schema in model.Schemas.Where(s => s != "dbo"))
            yield return ($"schema {schema}", $"CREATE SCHEMA IF NOT EXISTS {schema}");
        foreach (var table in model.Tables)
        {
            if (table.Identity is not null)
                throw new NotSupportedException($"{table.FullName}.{table.Identity.Name} is an IDENTITY column; the warehouse assigns keys in the loader (see above).");
            var columns = table.Columns.Select(c =>
                $"    {c.Name} {MapType(c)}{(c.IsNullable ? "" : " NOT NULL")}");
            yield return ($"table {table.FullName}", $"CREATE TABLE IF NOT EXISTS {table.FullName}\n(\n{string.Join(",\n", columns)}\n)");
        }
    }

    /// <summary>
    /// The view definitions, run as written: views are authored in the SQL both engines share, so
    /// the model's own text is the DuckDB view. <c>CREATE OR REPLACE</c> keeps re-initialisation safe.
    /// </summary>
    public static IEnumerable<(string Object, string Sql)> ViewStatements(WarehouseModel model) =>
        model.Views.Select(v => ($"view {v.FullName}", CreateView().Replace(StripComments(v.Script).Trim().TrimEnd(';'), "CREATE OR REPLACE VIEW", 1)));

    private static string StripComments(string sql) => LineComment().Replace(sql, "");

    [GeneratedRegex(@"^\s*CREATE\s+VIEW", RegexOptions.IgnoreCase)]
    private static partial Regex CreateView();

    [GeneratedRegex(@"--[^\r\n]*")]
    private static partial Regex LineComment();
}
