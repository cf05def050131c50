using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Engines;

/// <summary>
/// DuckDB's bulk path: validated rows stream into a spill file in DuckDB's CSV dialect (every string
/// quoted, NULL unquoted-empty, explicit column types), which one INSERT … SELECT FROM read_csv copies
/// into the table inside the batch transaction. Memory stays flat and DuckDB's parallel reader does the
/// copy. The DuckDB.NET appender was tried first and dropped: under load it lost or corrupted rows
/// (1.5.6.1; see Giorgi/DuckDB.NET issues 314 and 355 for its open memory-safety problems).
/// </summary>
public sealed class DuckDbBulkWriter : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly TableDefinition _table;
    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly string _path;
    private StreamWriter? _writer;
    private readonly StringBuilder _line = new();

    public DuckDbBulkWriter(DuckDBConnection connection, TableDefinition table, IReadOnlyList<string> columns)
    {
        _connection = connection;
        _table = table;
        _columns = columns.Select(table.Column).ToList();
        _path = Path.Combine(Path.GetTempPath(), $"pdw-stage-{Environment.ProcessId}-{Guid.NewGuid():N}.csv");
        _writer = new StreamWriter(_path, false, new UTF8Encoding(false), 1 << 16);
    }

    public void Add(object?[] row)
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
                    // Most values hold neither a quote nor a NUL: appended whole, not character by character.
                    if (s.AsSpan().IndexOfAny('"', '\0') < 0) _line.Append(s);
                    else
                        foreach (var c in s)
                        {
                            if (c == '"') _line.Append('"').Append('"');
                            else _line.Append(c == '\0' ? '\uFFFD' : c);   // DuckDB strings cannot hold NUL
                        }
                    _line.Append('"');
                    break;
                case bool b: _line.Append(b ? "true" : "false"); break;
                case DateOnly d: _line.Append(CultureInfo.InvariantCulture, $"{d:yyyy-MM-dd}"); break;
                case DateTime dt: _line.Append(CultureInfo.InvariantCulture, $"{dt:yyyy-MM-dd HH:mm:ss.fff}"); break;
                // Formatted straight into the line: no string per number.
                case ISpanFormattable f: _line.Append(CultureInfo.InvariantCulture, $"{f}"); break;
                case IFormattable f: _line.Append(f.ToString(null, CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"No staging form for {row[i]!.GetType()}");
            }
        }
        _line.Append('\n');
        _writer!.Write(_line);
    }

    /// <summary>Copies everything added into the table, in the connection's current transaction.</summary>
    public void Complete()
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

    public void Dispose()
    {
        _writer?.Dispose();
        try { File.Delete(_path); } catch (IOException) { }
    }
}
