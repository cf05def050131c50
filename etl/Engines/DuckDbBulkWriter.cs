using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using DuckDB.NET.Data;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Engines;

/// <summary>
/// DuckDB's bulk path: validated rows stream into spill files in DuckDB's CSV dialect (every string
/// quoted, NULL unquoted-empty, explicit column types), which INSERT … SELECT FROM read_csv copies into
/// the table inside the batch transaction. Memory stays flat and DuckDB's parallel reader does the copy.
/// A large table is spilled in chunks, and each finished chunk is copied in the background while the
/// next one is written, so parsing and hashing overlap DuckDB's own reading (a third of staging's time
/// when the copy waited for the whole file). The caller must leave the connection alone between the
/// first <see cref="Add"/> and <see cref="Complete"/> (staging does; every copy on a connection takes
/// that connection's lock, so writers sharing it copy one at a time). The DuckDB.NET appender was tried
/// first and dropped: under load it lost or corrupted rows (1.5.6.1; see Giorgi/DuckDB.NET issues 314
/// and 355 for its open memory-safety problems).
/// </summary>
public sealed class DuckDbBulkWriter : IDisposable
{
    /// <summary>Rows per spill chunk: large enough that a copy's fixed cost is negligible, small enough to overlap.</summary>
    internal const int ChunkRows = 100_000;

    private readonly DuckDBConnection _connection;
    private readonly TableDefinition _table;
    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly StringBuilder _line = new();
    private readonly int _chunkRows;
    private string _path;
    private FileStream _file;
    private StreamWriter? _writer;
    private int _rowsInChunk;
    private Task? _copying;   // at most one chunk per writer in flight: copies stay in order and the disk holds two chunks
    private readonly CopyScope _scope;

    /// <summary>
    /// What the writers of one transaction share. After DuckDB refuses a copy the transaction is aborted and every later
    /// statement fails with "transaction is aborted", so the first failure is kept and every later copy rethrows it:
    /// the error the caller reports is the real one (e.g. out of memory, which names the setting to raise).
    /// </summary>
    private sealed class CopyScope
    {
        public ExceptionDispatchInfo? FirstFailure;
    }

    private static readonly ConditionalWeakTable<object, CopyScope> Scopes = new();

    /// <param name="transaction">The transaction the copies run in; writers given the same one report one failure. Without one the
    /// connection is the scope, so after a failed copy every later copy on it fails the same way: use such a connection for one job.</param>
    public DuckDbBulkWriter(DuckDBConnection connection, TableDefinition table, IReadOnlyList<string> columns, int chunkRows = ChunkRows,
        DuckDBTransaction? transaction = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        _scope = Scopes.GetValue((object?)transaction ?? connection, _ => new CopyScope());
        _chunkRows = chunkRows;
        _connection = connection;
        _table = table;
        _columns = columns.Select(table.Column).ToList();
        (_path, _file, _writer) = NewChunk();
    }

    /// <summary>
    /// A new chunk, owner-only (it may hold whatever a delivery sends), and held open with .NET's advisory lock until its
    /// copy is done and it is deleted: <see cref="OrphanedSpillFiles"/> removes any chunk no one holds, so a chunk must
    /// never be unheld while it is still needed, not even while it waits for its copy.
    /// </summary>
    private static (string, FileStream, StreamWriter) NewChunk()
    {
        var path = OrphanedSpillFiles.NewPath();
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0,
            // DuckDB reads the chunk by name while it is held, and it is deleted before it is let go.
            Share = FileShare.ReadWrite | FileShare.Delete,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new FileStream(path, options);
        return (path, file, new StreamWriter(file, new UTF8Encoding(false), 1 << 16, leaveOpen: true));
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
                    AppendString(s);
                    break;
                case bool b: _line.Append(b ? "true" : "false"); break;
                case DateOnly d: _line.Append(CultureInfo.InvariantCulture, $"{d:yyyy-MM-dd}"); break;
                case DateTime dt: _line.Append(CultureInfo.InvariantCulture, $"{dt:yyyy-MM-dd HH:mm:ss.fff}"); break;
                // A BINARY(16) value given as bytes (reference data), in the column's DuckDB form (DuckDbSchema: UHUGEINT).
                case byte[] { Length: 16 } key: AppendKey(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(key)); break;
                case UInt128 key: AppendKey(key); break;
                // Formatted straight into the line: no string per number.
                case ISpanFormattable f: _line.Append(CultureInfo.InvariantCulture, $"{f}"); break;
                case IFormattable f: _line.Append(f.ToString(null, CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"No staging form for {row[i]!.GetType()}");
            }
        }
        _line.Append('\n');
        _writer!.Write(_line);
        if (++_rowsInChunk == _chunkRows) CopyChunkInBackground();
    }

    /// <summary>A 128-bit key as 32 lower-case hex digits (see <see cref="SpillType"/>).</summary>
    private void AppendKey(UInt128 key)
    {
        Span<char> hex = stackalloc char[32];
        key.TryFormat(hex, out _, "x32", CultureInfo.InvariantCulture);
        _line.Append(hex);
    }

    /// <summary>
    /// Marks a value written as base64 of its UTF-8: a private-use character no feed value starts with, and any value
    /// that does is encoded too, so every string round-trips.
    /// </summary>
    private const char EncodedMark = '\uE000';
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private bool _chunkHasEncoded;

    /// <summary>
    /// A string in the spill's dialect. Quotes are doubled inside quotes, which read_csv undoes; but a line end inside a
    /// value is read differently depending on where it falls (a CR in a chunk's first line makes read_csv take CR for the
    /// line separator and refuse the file: issue 24), and other control characters invite the same, so a value holding
    /// any control character goes as base64 and the copy decodes it. NUL, which no DuckDB string holds, and unpaired
    /// surrogates, which UTF-8 cannot encode, become U+FFFD.
    /// </summary>
    private void AppendString(string s)
    {
        _line.Append('"');
        var span = s.AsSpan();
        if (span.IndexOfAnyInRange('\0', '\u001F') >= 0 || span.Contains('\u007F') || (span.Length > 0 && span[0] == EncodedMark))
        {
            _chunkHasEncoded = true;
            _line.Append(EncodedMark).Append(Convert.ToBase64String(Utf8.GetBytes(s.Replace('\0', '\uFFFD'))));
        }
        // Most values hold no quote: appended whole, not character by character.
        else if (span.IndexOf('"') < 0) _line.Append(s);
        else
            foreach (var c in s)
            {
                if (c == '"') _line.Append('"');
                _line.Append(c);
            }
        _line.Append('"');
    }

    /// <summary>
    /// The select list of a chunk's copy: each text column decoded where the chunk holds encoded values, and each 128-bit key
    /// put together from its hex (DuckDB parses hex integers of up to 64 bits).
    /// </summary>
    private string SelectList(bool decode) => string.Join(", ", _columns.Select(c => DuckDbSchema.MapType(c) switch
    {
        "UHUGEINT" => $"CAST(CAST('0x' || substr({c.Name}, 1, 16) AS UBIGINT) AS UHUGEINT) * CAST('18446744073709551616' AS UHUGEINT) + " +
                      $"CAST(CAST('0x' || substr({c.Name}, 17, 16) AS UBIGINT) AS UHUGEINT) AS {c.Name}",
        "VARCHAR" when decode => $"CASE WHEN starts_with({c.Name}, chr({(int)EncodedMark})) THEN decode(from_base64(substr({c.Name}, 2))) ELSE {c.Name} END AS {c.Name}",
        _ => c.Name,
    }));

    /// <summary>
    /// A spill column's type: a 128-bit key travels as 32 hex digits, not its decimal form, whose 39 digits would hold any
    /// 10-digit number (a FIN, say) by chance often enough for a search of the spill for identifiers to find one.
    /// </summary>
    private static string SpillType(ColumnDefinition c) => DuckDbSchema.MapType(c) is "UHUGEINT" ? "VARCHAR" : DuckDbSchema.MapType(c);

    private void CopyChunkInBackground()
    {
        _writer!.Dispose();
        _writer = null;
        WaitForCopy();   // a failed copy stops the writer here, with DuckDB's own exception
        var (chunk, held, encoded) = (_path, _file, _chunkHasEncoded);
        _copying = Task.Run(() => Copy(chunk, held, encoded));
        (_path, _file, _writer) = NewChunk();
        _rowsInChunk = 0;
        _chunkHasEncoded = false;
    }

    private void WaitForCopy()
    {
        var copying = _copying;
        _copying = null;
        copying?.GetAwaiter().GetResult();
    }

    /// <summary>Copies everything added into the table, in the connection's current transaction.</summary>
    public void Complete()
    {
        _writer!.Dispose();
        _writer = null;
        WaitForCopy();
        Copy(_path, _file, _chunkHasEncoded);
    }

    private void Copy(string chunk, FileStream held, bool decode)
    {
        try
        {
            var types = string.Join(", ", _columns.Select(c => $"'{c.Name}': '{SpillType(c)}'"));
            lock (_connection)
            {
                _scope.FirstFailure?.Throw();
                try
                {
                    using var cmd = _connection.CreateCommand();
                    cmd.CommandText =
                        $"INSERT INTO {_table.FullName} ({string.Join(", ", _columns.Select(c => c.Name))}) " +
                        $"SELECT {SelectList(decode)} FROM read_csv('{chunk.Replace("'", "''", StringComparison.Ordinal)}', header = false, delim = ',', quote = '\"', escape = '\"', " +
                        $"auto_detect = false, allow_quoted_nulls = false, columns = {{{types}}})";
                    cmd.ExecuteNonQuery();
                }
                catch (Exception ex)
                {
                    _scope.FirstFailure = ExceptionDispatchInfo.Capture(ex);
                    throw;
                }
            }
        }
        finally
        {
            Delete(chunk, held);
        }
    }

    /// <summary>Deletes the chunk, then lets go of it: a sweep never sees it unheld.</summary>
    private static void Delete(string chunk, FileStream held)
    {
        try { File.Delete(chunk); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }   // a temp file left behind must not hide the real error
        finally { held.Dispose(); }
    }

    /// <summary>Waits for a copy still running (its failure is the caller's failure already, or moot) before the caller rolls back.</summary>
    public void Dispose()
    {
        try { _writer?.Dispose(); }   // flushing can fail too (a full disk): the wait below must still happen
        finally
        {
            _writer = null;
            try { _copying?.Wait(); }
            catch (AggregateException) { }
            _copying = null;
            Delete(_path, _file);
        }
    }
}
