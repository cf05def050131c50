using System.Data;
using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.SqlClient;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Etl.Identity;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Loading;

/// <summary>
/// Bulk copy into one table, streaming: DuckDB's read_csv over a spill file, or SqlBulkCopy. This is the one place the
/// load is engine-specific; every other step is shared SQL.
/// </summary>
internal abstract class StagingWriter : IDisposable
{
    public abstract void Add(object?[] row);
    /// <summary>Sends what is still buffered; call on success, before the step's SQL reads the table.</summary>
    public virtual void Complete() { }
    public abstract void Dispose();

    public static StagingWriter Open(WarehouseConnection warehouse, DbTransaction transaction, TableDefinition table, IReadOnlyList<string> columns) =>
        warehouse.Kind == EngineKind.DuckDb
            ? new DuckDbStagingWriter((DuckDBConnection)warehouse.Connection, (DuckDBTransaction)transaction, table, columns)
            : new SqlServerStagingWriter((SqlConnection)warehouse.Connection, (SqlTransaction)transaction, table.FullName, columns);
}

/// <summary>DuckDB: the engine's spill-file bulk writer (see <see cref="DuckDbBulkWriter"/>).</summary>
internal sealed class DuckDbStagingWriter(DuckDBConnection connection, DuckDBTransaction transaction, TableDefinition table, IReadOnlyList<string> columns) : StagingWriter
{
    private readonly DuckDbBulkWriter _writer = new(connection, table, columns, transaction: transaction);
    public override void Add(object?[] row) => _writer.Add(row);
    public override void Complete() => _writer.Complete();
    public override void Dispose() => _writer.Dispose();
}

/// <summary>SqlBulkCopy in bounded chunks inside the batch transaction: memory stays flat whatever the file size.</summary>
internal sealed class SqlServerStagingWriter : StagingWriter
{
    private const int ChunkRows = 50_000;
    private readonly SqlBulkCopy _bulk;
    private readonly DataTable _buffer = new();

    public SqlServerStagingWriter(SqlConnection connection, SqlTransaction transaction, string table, IReadOnlyList<string> columns)
    {
        _bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints, transaction)
        {
            DestinationTableName = table,
            BatchSize = ChunkRows,
            BulkCopyTimeout = 0,
        };
        foreach (var c in columns)
        {
            _buffer.Columns.Add(c, typeof(object));
            _bulk.ColumnMappings.Add(c, c);
        }
    }

    /// <summary>The name-to-name column mappings this writer sends; tests check them against the model.</summary>
    public IReadOnlyList<(string Source, string Destination)> Mappings =>
        _bulk.ColumnMappings.Cast<SqlBulkCopyColumnMapping>().Select(m => (m.SourceColumn, m.DestinationColumn)).ToList();

    public override void Add(object?[] row)
    {
        _buffer.Rows.Add(row.Select(v => v switch { null => DBNull.Value, DateOnly d => d.ToDateTime(TimeOnly.MinValue), UInt128 h => PersonHashes.ToBytes(h), _ => v }).ToArray());
        if (_buffer.Rows.Count >= ChunkRows) Flush();
    }

    private void Flush()
    {
        if (_buffer.Rows.Count == 0) return;
        _bulk.WriteToServer(_buffer);
        _buffer.Clear();
    }

    public override void Complete() => Flush();

    public override void Dispose()
    {
        ((IDisposable)_bulk).Dispose();
        _buffer.Dispose();
    }
}
