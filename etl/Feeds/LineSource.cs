namespace PdWarehouse.Etl.Feeds;

/// <summary>
/// Splits a byte stream into physical lines ('\n', with a trailing '\r' dropped) without decoding it, so that invalid
/// UTF-8 on one line, or one enormous line, can be reported for that line alone. Lines longer than
/// <see cref="MaxLineBytes"/> are skipped to their end while only a prefix is kept: a "CSV bomb" costs a bounded buffer.
/// </summary>
internal sealed class LineSource : IDisposable
{
    public const int MaxLineBytes = 1 << 20;
    const int PrefixBytes = 256;

    readonly Stream stream;
    byte[] buffer = new byte[1 << 16];
    int start, end;
    bool eof;
    readonly byte[] prefix = new byte[PrefixBytes];

    public LineSource(Stream stream) => this.stream = stream;

    /// <summary>Physical line number of the line last returned (1-based).</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Next line. When the line exceeded <see cref="MaxLineBytes"/>, <paramref name="line"/> holds its first bytes only
    /// and <paramref name="fullLength"/> the length actually read.
    /// </summary>
    public bool Next(out ReadOnlySpan<byte> line, out long fullLength, out bool truncated)
    {
        while (true)
        {
            var nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line = Trim(buffer.AsSpan(start, nl));
                fullLength = line.Length;
                truncated = false;
                start += nl + 1;
                LineNumber++;
                return true;
            }
            if (eof)
            {
                if (start < end)
                {
                    line = Trim(buffer.AsSpan(start, end - start));
                    fullLength = line.Length;
                    truncated = false;
                    start = end;
                    LineNumber++;
                    return true;
                }
                line = default;
                fullLength = 0;
                truncated = false;
                return false;
            }
            if (end - start > MaxLineBytes)
            {
                fullLength = SkipOversizedLine();
                line = prefix;
                truncated = true;
                LineNumber++;
                return true;
            }
            Fill();
        }
    }

    static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes + (1 << 16)));
        var n = stream.Read(buffer, end, buffer.Length - end);
        if (n == 0) eof = true;
        end += n;
    }

    long SkipOversizedLine()
    {
        buffer.AsSpan(start, PrefixBytes).CopyTo(prefix);
        long length = 0;
        while (true)
        {
            var nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                length += nl;
                start += nl + 1;
                return length;
            }
            length += end - start;
            start = end = 0;
            if (eof) return length;
            var n = stream.Read(buffer, 0, buffer.Length);
            if (n == 0) eof = true;
            end = n;
        }
    }

    public void Dispose() => stream.Dispose();
}
