using System.Collections;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Sylvan.Data.Csv;

namespace PdWarehouse.Etl.Generation;

/// <summary>One line to write: typed-as-text values written by Sylvan, or raw bytes for lines no CSV library would write (broken quoting, invalid UTF-8).</summary>
public readonly record struct OutLine(string?[]? Values, byte[]? Raw);

/// <summary>
/// Writes one delivery file with Sylvan's CsvDataWriter while computing its SHA-256 and line count on the way out.
/// Rows stream through a minimal DbDataReader; at each raw line the current Sylvan writer is flushed, the bytes are
/// written as they are, and a new writer (sharing one buffer) carries on.
/// </summary>
public sealed class DeliveryFileWriter
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public sealed record Result(string Sha256, long DataRows);

    public static Result Write(string path, IReadOnlyList<string> columns, IEnumerable<OutLine> lines)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var hashing = new HashingStream(file);
        using (var text = new StreamWriter(hashing, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" })
        {
            var buffer = new char[1 << 16];
            using var e = lines.GetEnumerator();
            var source = new LineReader(columns, e);
            var first = true;
            while (true)
            {
                var csv = CsvDataWriter.Create(text, buffer, new CsvDataWriterOptions { WriteHeaders = first, NewLine = "\n" });
                csv.Write(source);
                first = false;
                if (source.PendingRaw is not { } raw) break;
                text.Flush();
                hashing.Write(raw);
                source.ResumeAfterRaw();
            }
            text.Flush();
        }
        return new Result(hashing.Sha256(), hashing.Newlines - 1);
    }

    /// <summary>The CSV text of one row exactly as the file writer would write it (without the newline).</summary>
    public static string Format(IReadOnlyList<string> columns, string?[] values)
    {
        using var sw = new StringWriter();
        var rows = new[] { new OutLine(values, null) };
        using var e = ((IEnumerable<OutLine>)rows).GetEnumerator();
        var csv = CsvDataWriter.Create(sw, new CsvDataWriterOptions { WriteHeaders = false, NewLine = "\n" });
        csv.Write(new LineReader(columns, e));
        return sw.ToString().TrimEnd('\n');
    }

    sealed class HashingStream(Stream inner) : Stream
    {
        readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        public long Newlines { get; private set; }
        public string Sha256() => Convert.ToHexStringLower(hash.GetHashAndReset());
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            Newlines += buffer.Count((byte)'\n');
            inner.Write(buffer);
        }
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) hash.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Just enough DbDataReader for CsvDataWriter: every column is text; a raw line ends the current batch.</summary>
    sealed class LineReader(IReadOnlyList<string> columns, IEnumerator<OutLine> lines) : DbDataReader, IDbColumnSchemaGenerator
    {
        public System.Collections.ObjectModel.ReadOnlyCollection<DbColumn> GetColumnSchema() =>
            columns.Select((c, i) => (DbColumn)new TextColumn(c, i)).ToList().AsReadOnly();

        sealed class TextColumn : DbColumn
        {
            public TextColumn(string name, int ordinal)
            {
                ColumnName = name;
                ColumnOrdinal = ordinal;
                DataType = typeof(string);
                DataTypeName = "string";
                AllowDBNull = true;
            }
        }

        string?[] current = [];
        bool done;
        public byte[]? PendingRaw { get; private set; }

        public void ResumeAfterRaw() => PendingRaw = null;

        public override bool Read()
        {
            if (done || PendingRaw is not null) return false;
            if (!lines.MoveNext())
            {
                done = true;
                return false;
            }
            if (lines.Current.Raw is { } raw)
            {
                PendingRaw = raw;
                return false;
            }
            current = lines.Current.Values!;
            return true;
        }

        public override int FieldCount => columns.Count;
        public override string GetName(int ordinal) => columns[ordinal];
        public override Type GetFieldType(int ordinal) => typeof(string);
        public override string GetDataTypeName(int ordinal) => "string";
        public override bool IsDBNull(int ordinal) => current[ordinal] is null;
        public override string GetString(int ordinal) => current[ordinal]!;
        public override object GetValue(int ordinal) => (object?)current[ordinal] ?? DBNull.Value;
        public override int GetOrdinal(string name) => columns.ToList().IndexOf(name);
        public override object this[int ordinal] => GetValue(ordinal);
        public override object this[string name] => GetValue(GetOrdinal(name));
        public override int Depth => 0;
        public override bool HasRows => true;
        public override bool IsClosed => false;
        public override int RecordsAffected => -1;
        public override bool NextResult() => false;
        public override int GetValues(object[] values)
        {
            var n = Math.Min(values.Length, current.Length);
            for (var i = 0; i < n; i++) values[i] = GetValue(i);
            return n;
        }
        public override IEnumerator GetEnumerator() => throw new NotSupportedException();
        public override bool GetBoolean(int ordinal) => throw new NotSupportedException();
        public override byte GetByte(int ordinal) => throw new NotSupportedException();
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
        public override char GetChar(int ordinal) => throw new NotSupportedException();
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
        {
            var s = current[ordinal] ?? "";
            if (buffer is null) return s.Length;
            var n = (int)Math.Min(length, s.Length - dataOffset);
            if (n <= 0) return 0;
            s.CopyTo((int)dataOffset, buffer, bufferOffset, n);
            return n;
        }
        public override DateTime GetDateTime(int ordinal) => throw new NotSupportedException();
        public override decimal GetDecimal(int ordinal) => throw new NotSupportedException();
        public override double GetDouble(int ordinal) => throw new NotSupportedException();
        public override float GetFloat(int ordinal) => throw new NotSupportedException();
        public override Guid GetGuid(int ordinal) => throw new NotSupportedException();
        public override short GetInt16(int ordinal) => throw new NotSupportedException();
        public override int GetInt32(int ordinal) => throw new NotSupportedException();
        public override long GetInt64(int ordinal) => throw new NotSupportedException();
    }
}
