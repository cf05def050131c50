using System.Data;
using System.Globalization;
using System.Text;
using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.SqlClient;
using PdWarehouse.Etl.Engines;
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
            ? new DuckDbStagingWriter((DuckDBConnection)warehouse.Connection, table, columns)
            : new SqlServerStagingWriter((SqlConnection)warehouse.Connection, (SqlTransaction)transaction, table.FullName, columns);
}

/// <summary>
/// DuckDB's bulk path: validated rows stream into a spill file in DuckDB's CSV dialect (every string
/// quoted, NULL unquoted-empty, explicit column types), which one INSERT … SELECT FROM read_csv copies
/// into the table inside the batch transaction. Memory stays flat and DuckDB's parallel reader does the
/// copy. The DuckDB.NET appender was tried first and dropped: under load it lost or corrupted rows
/// (1.5.6.1; see Giorgi/DuckDB.NET issues 314 and 355 for its open memory-safety problems).
/// </summary>
internal sealed class DuckDbStagingWriter : StagingWriter
{
    private readonly DuckDBConnection _connection;
    private readonly TableDefinition _table;
    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly string _path;
    private StreamWriter? _writer;
    private readonly StringBuilder _line = new();

    public DuckDbStagingWriter(DuckDBConnection connection, TableDefinition table, IReadOnlyList<string> columns)
    {
        _connection = connection;
        _table = table;
        _columns = columns.Select(table.Column).ToList();
        _path = Path.Combine(Path.GetTempPath(), $"pdw-stage-{Environment.ProcessId}-{Guid.NewGuid():N}.csv");
        _writer = new StreamWriter(_path, false, new UTF8Encoding(false), 1 << 16);
    }

    public override void Add(object?[] row)
    {
        _line.Clear();
        for (var i = 0; i < row.Length; i++)
        {
            if (i > 0) _line.Append(',');
            switch (row[i])
            {
                case null: break;
                case string s:
                    _line.Append('"');
                    foreach (var c in s)
                    {
                        if (c == '"') _line.Append('"').Append('"');
                        else _line.Append(c == '\0' ? '\uFFFD' : c);   // DuckDB strings cannot hold NUL
                    }
                    _line.Append('"');
                    break;
                case bool b: _line.Append(b ? "true" : "false"); break;
                case DateOnly d: _line.Append(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                case DateTime dt: _line.Append(dt.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)); break;
                case IFormattable f: _line.Append(f.ToString(null, CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"No staging form for {row[i]!.GetType()}");
            }
        }
        _line.Append('\n');
        _writer!.Write(_line);
    }

    public override void Complete()
    {
        _writer!.Dispose();
        _writer = null;
        var types = string.Join(", ", _columns.Select(c => $"'{c.Name}': '{DuckDbSchema.MapType(c)}'"));
        using var cmd = _connection.CreateCommand();
        cmd.CommandText =
            $"INSERT INTO {_table.FullName} ({string.Join(", ", _columns.Select(c => c.Name))}) " +
            $"SELECT * FROM read_csv('{_path.Replace("'", "''", StringComparison.Ordinal)}', header = false, delim = ',', quote = '\"', escape = '\"', " +
            $"auto_detect = false, allow_quoted_nulls = false, columns = {{{types}}})";
        cmd.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        _writer?.Dispose();
        try { File.Delete(_path); } catch (IOException) { }
    }
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
        _buffer.Rows.Add(row.Select(v => v switch { null => DBNull.Value, DateOnly d => d.ToDateTime(TimeOnly.MinValue), _ => v }).ToArray());
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
