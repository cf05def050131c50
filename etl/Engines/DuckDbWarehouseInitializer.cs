using System.Data;
using System.Globalization;
using DuckDB.NET.Data;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Engines;

/// <summary>What <c>pdw warehouse init</c> did, so a re-run on an existing warehouse can say so.</summary>
public sealed record InitializationResult(
    string DatabasePath, bool Created, int TablesCreated, int TablesExisting, int ViewsWritten,
    IReadOnlyList<ReferenceLoadResult> Reference, IReadOnlyList<AddedColumn> ColumnsAdded, IReadOnlyList<SummaryBuilt> SummariesBuilt)
{
    /// <summary>Summary tables of an older definition that init dropped and made again (counted among the tables already present).</summary>
    public IReadOnlyList<string> SummaryTablesRemade { get; init; } = [];

    /// <summary>Rows of an earlier release brought under this release's rules of what may be kept (<see cref="DataScrubs"/>).</summary>
    public long RowsScrubbed { get; init; }

    /// <summary>Hash columns converted from the hex text of earlier releases to 128-bit keys, and work tables made again.</summary>
    public IReadOnlyList<string> KeysConverted { get; init; } = [];
}

/// <summary>An aggregate fact table init rebuilt from the facts, and the rows it now holds.</summary>
public sealed record SummaryBuilt(string Table, long Rows);

/// <summary>A column an existing warehouse gained; <paramref name="RowsBackfilled"/> is null when it was left empty (nullable).</summary>
public sealed record AddedColumn(string Column, long? RowsBackfilled);

public sealed record ReferenceLoadResult(string Table, long Inserted, long Updated, long Unchanged);

/// <summary>
/// Creates (or brings up to date) an embedded DuckDB warehouse from the dacpac model and loads the
/// reference data, in one transaction: a failed init leaves the file as it was.
/// </summary>
public sealed class DuckDbWarehouseInitializer(WarehouseModel model, IReadOnlyList<ReferenceTable> reference)
{
    public InitializationResult Initialize(string databasePath)
    {
        var full = Path.GetFullPath(databasePath);
        var created = !File.Exists(full);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        try
        {
            var result = Initialize(full, created);
            if (result.RowsScrubbed > 0) Compact(full);
            return result;
        }
        catch when (created)
        {
            // The transaction rolled back, but DuckDB had already made the file: a failed first init leaves no
            // empty warehouse behind for a later load or report to open.
            foreach (var file in new[] { full, full + ".wal" })
            {
                try { File.Delete(file); }
                catch (IOException) { }   // still held open (Windows): the original failure is what matters
            }
            throw;
        }
    }

    private InitializationResult Initialize(string full, bool created)
    {
        using var connection = DuckDbConnectionFactory.Open(full);

        var existing = ExistingTables(connection);

        using var tx = connection.BeginTransaction();
        var converted = PersonKeyUpgrade.Apply(connection, tx);
        existing.ExceptWith(converted.Select(c => c.Split(' ')[0]));
        int tablesCreated = 0, tablesExisting = 0, views = 0;
        // A summary holds nothing the facts do not, and init rebuilds it below: one made under an older definition
        // (without the dimension names it now copies) is dropped and made again rather than altered column by column.
        var columns = ColumnsByTable(connection, tx);
        var remade = FactSummaries.All.Where(s => existing.Contains(s.Table) && !HasModelColumns(columns, model.Table(s.Table))).Select(s => s.Table).ToList();
        foreach (var table in remade) Execute(connection, tx, $"DROP TABLE {table}");
        foreach (var (obj, sql) in DuckDbSchema.CreateStatements(model))
        {
            if (obj.StartsWith("table ", StringComparison.Ordinal))
            {
                if (existing.Contains(obj[6..])) tablesExisting++; else tablesCreated++;
            }
            Execute(connection, tx, sql);
        }
        var added = AddMissingColumns(connection, tx, existing);
        var scrubbed = DataScrubs.All.Sum(s => (long)Execute(connection, tx, SharedSql.ForDuckDb(s.Sql)));
        foreach (var (_, sql) in DuckDbSchema.ViewStatements(model))
        {
            Execute(connection, tx, sql);
            views++;
        }
        var results = reference.Select(r => LoadReference(connection, tx, r)).ToList();
        var summaries = FactSummaries.All.Select(s => new SummaryBuilt(s.Table, RebuildSummary(connection, tx, s))).ToList();
        tx.Commit();
        return new InitializationResult(full, created, tablesCreated, tablesExisting, views, results, added, summaries)
            { SummaryTablesRemade = remade, RowsScrubbed = scrubbed, KeysConverted = converted };
    }

    /// <summary>
    /// Rewrites the warehouse into a fresh file and puts it in place of the old one. DuckDB does not overwrite the pages a
    /// scrub freed, so the values it erased would still be in the file; a copy holds only the live rows (DuckDB's own
    /// way to compact a file: COPY FROM DATABASE). The old file is replaced only once the copy is complete and closed.
    /// </summary>
    private static void Compact(string full)
    {
        var fresh = full + ".compacting";
        foreach (var f in new[] { fresh, fresh + ".wal" }) File.Delete(f);
        try
        {
            using (var connection = DuckDbConnectionFactory.Open(full))
            {
                using var cmd = connection.CreateCommand();
                cmd.CommandText = "SELECT current_database()";
                var name = (string)cmd.ExecuteScalar()!;
                cmd.CommandText = $"ATTACH '{fresh.Replace("'", "''", StringComparison.Ordinal)}' AS pdw_compacted; " +
                                  $"COPY FROM DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" TO pdw_compacted; DETACH pdw_compacted";
                cmd.ExecuteNonQuery();
            }
            File.Move(fresh, full, overwrite: true);
            File.Delete(full + ".wal");
        }
        finally
        {
            foreach (var f in new[] { fresh, fresh + ".wal" }) File.Delete(f);
        }
    }

    /// <summary>
    /// Same rule as the SQL Server post-deployment MERGE: insert missing keys; update changed rows,
    /// except in SCD2 dimensions whose seed rows the loads may since have closed.
    /// </summary>
    private static ReferenceLoadResult LoadReference(DuckDBConnection connection, IDbTransaction tx, ReferenceTable table)
    {
        // A plain (not TEMP) work table in the target's schema, so the bulk writer can name it like any table;
        // it lives only inside the init transaction.
        var staging = $"{table.Table.Schema}.PdwInit{table.Table.Name}";
        var columnList = string.Join(", ", table.Columns);
        Execute(connection, tx, $"CREATE TABLE {staging} AS SELECT {columnList} FROM {table.Table.FullName} LIMIT 0");
        using (var writer = new DuckDbBulkWriter(connection, table.Table with { Schema = table.Table.Schema, Name = "PdwInit" + table.Table.Name }, table.Columns))
        {
            foreach (var row in table.Rows) writer.Add(row);
            writer.Complete();
        }
        var key = table.KeyJoin;
        var differs = string.Join(" OR ", table.Columns.Where(c => !table.KeyColumns.Contains(c)).Select(c => $"t.{c} IS DISTINCT FROM s.{c}"));
        var inserted = Scalar(connection, tx, $"SELECT COUNT(*) FROM {staging} s WHERE NOT EXISTS (SELECT 1 FROM {table.Table.FullName} t WHERE {key})");
        var changed = table.InsertOnly ? 0 :
            Scalar(connection, tx, $"SELECT COUNT(*) FROM {staging} s JOIN {table.Table.FullName} t ON {key} WHERE {differs}");
        if (changed > 0)
        {
            var set = string.Join(", ", table.Columns.Where(c => !table.KeyColumns.Contains(c)).Select(c => $"{c} = s.{c}"));
            Execute(connection, tx, $"UPDATE {table.Table.FullName} AS t SET {set} FROM {staging} AS s WHERE {key} AND ({differs})");
        }
        if (inserted > 0)
            Execute(connection, tx, $"INSERT INTO {table.Table.FullName} ({columnList}) SELECT {columnList} FROM {staging} s WHERE NOT EXISTS (SELECT 1 FROM {table.Table.FullName} t WHERE {key})");
        Execute(connection, tx, $"DROP TABLE {staging}");
        return new ReferenceLoadResult(table.Table.FullName, inserted, changed, table.Rows.Count - inserted - changed);
    }

    /// <summary>
    /// A warehouse made by an earlier release gains the nullable columns the model has since added (CREATE TABLE IF NOT
    /// EXISTS leaves an existing table as it was). A new NOT NULL column is added only when <see cref="ColumnBackfills"/>
    /// says how to fill it for the existing rows; any other is refused with the way out.
    /// </summary>
    private List<AddedColumn> AddMissingColumns(DuckDBConnection connection, IDbTransaction tx, HashSet<string> existingTables)
    {
        var added = new List<AddedColumn>();
        var present = ColumnsByTable(connection, tx);
        foreach (var table in model.Tables.Where(t => existingTables.Contains(t.FullName)))
        {
            var have = present.GetValueOrDefault(table.FullName) ?? [];
            foreach (var column in table.Columns.Where(c => !have.Contains(c.Name, StringComparer.OrdinalIgnoreCase)))
            {
                var backfill = ColumnBackfills.ByColumn.GetValueOrDefault($"{table.FullName}.{column.Name}");
                if (!column.IsNullable && backfill is null)
                    throw new WarehouseDatabaseException(
                        $"{table.FullName} in this warehouse lacks the NOT NULL column {column.Name} the model now has; reload into a new warehouse (`pdw warehouse init --db NEW`).");
                if (backfill is null)
                {
                    Execute(connection, tx, $"ALTER TABLE {table.FullName} ADD COLUMN {column.Name} {DuckDbSchema.MapType(column)}");
                    added.Add(new AddedColumn($"{table.FullName}.{column.Name}", null));
                    continue;
                }
                // NOT NULL is declared before the backfill: DuckDB refuses it on a table with updates outstanding in the transaction.
                Execute(connection, tx, $"ALTER TABLE {table.FullName} ADD COLUMN {column.Name} {DuckDbSchema.MapType(column)} DEFAULT {backfill.Placeholder}");
                if (!column.IsNullable) Execute(connection, tx, $"ALTER TABLE {table.FullName} ALTER COLUMN {column.Name} SET NOT NULL");
                Execute(connection, tx, $"ALTER TABLE {table.FullName} ALTER COLUMN {column.Name} DROP DEFAULT");
                added.Add(new AddedColumn($"{table.FullName}.{column.Name}", Execute(connection, tx, backfill.Sql)));
            }
        }
        return added;
    }

    /// <summary>Whether the table has exactly the model's column names, in its order (a release that changed only a copy's type would need its own check).</summary>
    private static bool HasModelColumns(IReadOnlyDictionary<string, List<string>> columns, TableDefinition table) =>
        columns.TryGetValue(table.FullName, out var present) && present.SequenceEqual(table.Columns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every table's column names in their order, as the warehouse has them now (schema.table as the key).</summary>
    private static Dictionary<string, List<string>> ColumnsByTable(DuckDBConnection connection, IDbTransaction tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = (DuckDBTransaction)tx;
        cmd.CommandText = "SELECT table_schema || '.' || table_name, column_name FROM information_schema.columns ORDER BY table_schema, table_name, ordinal_position";
        using var reader = cmd.ExecuteReader();
        var columns = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            var table = reader.GetString(0);
            if (!columns.TryGetValue(table, out var list)) columns[table] = list = [];
            list.Add(reader.GetString(1));
        }
        return columns;
    }

    private static HashSet<string> ExistingTables(DuckDBConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'";
        using var reader = cmd.ExecuteReader();
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) set.Add(reader.GetString(0));
        return set;
    }

    private static int Execute(DuckDBConnection connection, IDbTransaction tx, string sql, params DuckDBParameter[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = (DuckDBTransaction)tx;
        cmd.CommandText = sql;
        foreach (var parameter in parameters) cmd.Parameters.Add(parameter);
        return cmd.ExecuteNonQuery();
    }

    /// <summary>The whole summary from the facts (@LineageKey 0, which the fact summaries write); returns the rows inserted (the last statement's count).</summary>
    private static long RebuildSummary(DuckDBConnection connection, IDbTransaction tx, ISummaryTable summary)
    {
        long inserted = 0;
        foreach (var sql in summary.Rebuild)
            inserted = Execute(connection, tx, SharedSql.ForDuckDb(sql), new DuckDBParameter("LineageKey", 0));
        return inserted;
    }

    private static long Scalar(DuckDBConnection connection, IDbTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = (DuckDBTransaction)tx;
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
